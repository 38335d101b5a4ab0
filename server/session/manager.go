// Package session keeps the shared tour sessions: who is in which instance
// of a scene, their poses, and the ordered events (join, leave, chat)
// between them.
//
// One goroutine owns each session's state, as the hub does in
// gorilla/websocket's chat example. A connection joins through the Manager
// and gets a Member; it offers poses and chat lines through the Member, and
// the session sends frames back through the connection's Peer:
//
//	m := mgr.Join("mogao-257", "", spawn, "Ana", peer) // peer gets a welcome, then a full snapshot
//	m.Pose(p)                                      // sent to everyone at the next tick
//	m.Chat("看这只鹿")                                 // relayed to everyone, in order
//	m.Leave()
//
// A public session holds at most protocol.MaxSessionMembers; the next
// visitor starts another instance of the scene ("mogao-257/2"). A session
// whose last member leaves stops.
package session

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"yunyou/protocol"
	"yunyou/server/metrics"
	"yunyou/server/store"
)

// Manager finds or starts the session a visitor joins. Its methods may be
// called from any goroutine; it takes a lock only when people join or leave,
// never for poses or snapshots.
type Manager struct {
	log *slog.Logger
	met *metrics.Metrics // nil records nothing; set by UseMetrics

	mu sync.Mutex
	// instances lists each scene's sessions by instance number: the
	// session named "ID/N" is instances[ID][N-1], nil once it stopped.
	instances map[string][]*Session

	// Guided tours (tours.go): running tours by code, the store that
	// keeps them and the scenes they may visit.
	tours  map[string]*Session
	store  store.Store
	scenes SceneLookup
	wg     sync.WaitGroup // one per running tour
	now    func() time.Time
}

// NewManager returns a Manager that logs to log.
func NewManager(log *slog.Logger) *Manager {
	return &Manager{log: log, instances: make(map[string][]*Session), tours: make(map[string]*Session), now: time.Now}
}

// MaxInstances bounds the instance number a visitor may ask for, so that a
// hand-made hello cannot make the server grow a list without end.
const MaxInstances = 1000

// Join puts a visitor named name into the public session want ("ID/N"),
// when it names an instance of scene with room; otherwise into the
// lowest-numbered public session of the scene that has room, starting a new
// instance when all are full. The visitor starts at spawn. The session sends peer a welcome, then a full
// snapshot, and tells the other members. The caller has checked the name
// with protocol.CheckName and that the scene exists.
func (mgr *Manager) Join(scene, want string, spawn protocol.Pose, name string, peer Peer) *Member {
	mgr.mu.Lock()
	defer mgr.mu.Unlock()
	list := mgr.instances[scene]
	var s *Session
	free := -1
	placed := false
	if n, ok := instanceOf(scene, want); ok {
		for len(list) < n {
			list = append(list, nil)
		}
		switch x := list[n-1]; {
		case x == nil:
			free, placed = n-1, true
		case x.reserved < protocol.MaxSessionMembers:
			s, placed = x, true
		}
	}
	for i, x := range list {
		if placed {
			break
		}
		if x == nil {
			if free < 0 {
				free = i
			}
			continue
		}
		if x.reserved < protocol.MaxSessionMembers {
			s = x
			break
		}
	}
	if s == nil {
		if free < 0 {
			free = len(list)
			list = append(list, nil)
		}
		name := fmt.Sprintf("%s/%d", scene, free+1)
		s = newSession(name, scene, protocol.Quantize(spawn), mgr.log.With("session", name))
		s.met = mgr.met
		list[free] = s
		mgr.instances[scene] = list
		go s.run()
	}
	s.reserved++
	m := &Member{mgr: mgr, session: s, peer: peer, name: name, poses: make(chan protocol.Pose, 1)}
	// Queued under the lock so that a session learns of every join before
	// the leave that stops it; push never waits, so a busy session holds up
	// nobody else's join.
	s.push(request{kind: requestJoin, handle: m})
	return m
}

// instanceOf returns N when want names instance N of scene ("ID/N").
func instanceOf(scene, want string) (int, bool) {
	rest, ok := strings.CutPrefix(want, scene+"/")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 1 || n > MaxInstances {
		return 0, false
	}
	return n, true
}

// leave takes m out of its session; the session stops when m was its last
// member.
func (mgr *Manager) leave(m *Member) {
	mgr.mu.Lock()
	defer mgr.mu.Unlock()
	if m.left {
		return
	}
	m.left = true
	s := m.session
	s.reserved--
	if s.tour != nil {
		// A tour outlives its members: it stops by itself when idle.
		s.push(request{kind: requestLeave, handle: m})
		return
	}
	last := s.reserved == 0
	if last {
		list := mgr.instances[s.scene]
		for i, x := range list {
			if x == s {
				list[i] = nil
			}
		}
		for len(list) > 0 && list[len(list)-1] == nil {
			list = list[:len(list)-1]
		}
		if len(list) == 0 {
			delete(mgr.instances, s.scene)
		} else {
			mgr.instances[s.scene] = list
		}
	}
	s.push(request{kind: requestLeave, handle: m, last: last})
}

// Sessions returns the names of the running sessions and how many visitors
// each holds, for status pages and tests.
func (mgr *Manager) Sessions() map[string]int {
	mgr.mu.Lock()
	defer mgr.mu.Unlock()
	out := make(map[string]int)
	for _, list := range mgr.instances {
		for _, s := range list {
			if s != nil {
				out[s.name] = s.reserved
			}
		}
	}
	return out
}

// UseMetrics records the sessions' metrics in m: each scrape counts the
// sessions and members, and sessions record their ticks, guide commands
// and tour saves. Call it before the Manager is used.
func (mgr *Manager) UseMetrics(m *metrics.Metrics) {
	mgr.met = m
	m.CountSessions(mgr.counts)
}

// counts returns how many sessions and members there are now.
func (mgr *Manager) counts() metrics.SessionCounts {
	mgr.mu.Lock()
	defer mgr.mu.Unlock()
	var n metrics.SessionCounts
	for _, list := range mgr.instances {
		for _, s := range list {
			if s != nil {
				n.PublicSessions++
				n.PublicMembers += s.reserved
			}
		}
	}
	for _, s := range mgr.tours {
		n.Tours++
		n.TourMembers += s.reserved
	}
	return n
}
