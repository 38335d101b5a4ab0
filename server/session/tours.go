package session

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"yunyou/formation"
	"yunyou/protocol"
	"yunyou/server/store"
)

// Guided tours are private sessions with a code, a guide and commands; see
// tour.go for what the session does with them. The Manager creates them,
// finds them by code and starts the session of a tour that is not running,
// from the store, so a tour outlives a restart of the server.

// SceneInfo is what a tour needs to know of a scene.
type SceneInfo struct {
	Spawn    protocol.Pose
	Hotspots []string
	// Reach tells where a walker stops, for placing the group (see
	// formation.Reach).
	Reach formation.Reach
	// Floor gives the floor's height, so that a member placed below or on
	// a platform stands on it; nil is level ground.
	Floor formation.Floor
}

// SceneLookup finds a scene by id.
type SceneLookup func(id string) (SceneInfo, bool)

// TourInfo is what anyone with a tour's code may learn of it.
type TourInfo struct {
	Code      string `json:"code"`
	Scene     string `json:"scene"`
	GuideName string `json:"guideName"`
	Members   int    `json:"members"`
	Locked    bool   `json:"locked"`
	Ended     bool   `json:"ended"`
}

// NewTour is a tour just created: the guide token appears here once and is
// never stored.
type NewTour struct {
	Code  string
	Token string
	Scene string
}

// Errors of the tour methods, wrapped by the protocol.Error they return.
var (
	ErrUnknownTour = errors.New("unknown tour")
	ErrTourEnded   = errors.New("tour ended")
)

// codeAttempts bounds the tries for a free code. With 31⁶ ≈ 887 million
// codes, a second try is already rare.
const codeAttempts = 8

// storeWait bounds one storage call made while a visitor waits.
const storeWait = 5 * time.Second

// UseTours enables guided tours, kept in st, with scenes from scenes. Call
// it before the Manager is used.
func (mgr *Manager) UseTours(st store.Store, scenes SceneLookup) {
	mgr.store = st
	mgr.scenes = scenes
}

// CreateTour creates a tour of scene led by guideName and returns its code
// and guide token. The caller has checked guideName with
// protocol.CheckName.
func (mgr *Manager) CreateTour(ctx context.Context, scene, guideName string) (NewTour, error) {
	if mgr.store == nil {
		return NewTour{}, errors.New("tours are not enabled on this server")
	}
	if _, ok := mgr.scenes(scene); !ok {
		return NewTour{}, protocol.NewError(protocol.CodeUnknownScene, "there is no scene %q", scene)
	}
	token := newSecret()
	now := mgr.now()
	for range codeAttempts {
		t := store.Tour{
			Code: newCode(protocol.CodeAlphabet, protocol.CodeLength), Scene: scene, GuideName: guideName,
			TokenHash: hashSecret(token), Follow: true, NextID: 1, Created: now, Updated: now,
		}
		err := mgr.store.CreateTour(ctx, t)
		if errors.Is(err, store.ErrExists) {
			continue
		}
		if err != nil {
			return NewTour{}, fmt.Errorf("creating a tour: %w", err)
		}
		mgr.log.Info("tour created", "tour", t.Code, "scene", scene)
		mgr.met.TourCreated()
		return NewTour{Code: t.Code, Token: token, Scene: scene}, nil
	}
	return NewTour{}, errors.New("creating a tour: no free code found; try again")
}

// TourInfo returns what the page shows before joining a tour. The error is
// a protocol.Error wrapping ErrUnknownTour or ErrTourEnded when the code is
// no good.
func (mgr *Manager) TourInfo(ctx context.Context, code string) (TourInfo, error) {
	if mgr.store == nil {
		return TourInfo{}, unknownTour(code)
	}
	mgr.mu.Lock()
	s := mgr.tours[code]
	mgr.mu.Unlock()
	if s != nil {
		if info := s.info.Load(); info != nil {
			if info.Ended {
				// Ending, not yet off the list: answer as for an
				// ended tour in the store.
				return TourInfo{}, tourEnded()
			}
			return *info, nil
		}
	}
	t, err := mgr.store.LoadTour(ctx, code)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return TourInfo{}, unknownTour(code)
	case err != nil:
		return TourInfo{}, fmt.Errorf("reading tour %s: %w", code, err)
	case t.Ended:
		return TourInfo{}, tourEnded()
	}
	return TourInfo{Code: t.Code, Scene: t.Scene, GuideName: t.GuideName, Locked: t.Locked}, nil
}

func unknownTour(code string) error {
	e := protocol.NewError(protocol.CodeUnknownTour, "there is no tour with the code %s; check the code with your guide", code)
	return fmt.Errorf("%w: %w", e, ErrUnknownTour)
}

func tourEnded() error {
	e := protocol.NewError(protocol.CodeTourEnded, "this tour has ended; ask your guide for a new code")
	return fmt.Errorf("%w: %w", e, ErrTourEnded)
}

// TourHello is what a visitor's hello says about a tour.
type TourHello struct {
	Code   string
	Scene  string // the scene the visitor's page shows
	Token  string // the guide token, from a guide link
	Resume string // the resume secret of an earlier welcome
}

// JoinTour puts a visitor named name into the tour hello.Code. The tour's
// session checks the guide token, the resume secret and the lock, then
// welcomes the visitor or closes peer with the reason. The error, a
// protocol.Error, says why the visitor cannot join at all.
func (mgr *Manager) JoinTour(ctx context.Context, hello TourHello, name string, peer Peer) (*Member, error) {
	if mgr.store == nil {
		return nil, unknownTour(hello.Code)
	}
	for {
		mgr.mu.Lock()
		if s := mgr.tours[hello.Code]; s != nil {
			defer mgr.mu.Unlock()
			// One seat more for a guide token, which the session checks:
			// strangers filling an open tour must not keep its guide out.
			seats := protocol.MaxTourMembers
			if hello.Token != "" {
				seats++
			}
			if s.reserved >= seats {
				return nil, tourFull()
			}
			s.reserved++
			m := &Member{mgr: mgr, session: s, peer: peer, name: name, poses: make(chan protocol.Pose, 1)}
			s.push(request{kind: requestJoin, handle: m, hello: hello})
			return m, nil
		}
		mgr.mu.Unlock()
		// Not running: start it from the store, outside the lock, then
		// look again (another visitor may have started it meanwhile).
		if err := mgr.startTour(ctx, hello.Code); err != nil {
			return nil, err
		}
	}
}

// startTour loads the tour code and starts its session, unless one runs.
func (mgr *Manager) startTour(ctx context.Context, code string) error {
	ctx, cancel := context.WithTimeout(ctx, storeWait)
	defer cancel()
	t, err := mgr.store.LoadTour(ctx, code)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return unknownTour(code)
	case err != nil:
		mgr.log.Error("reading a tour", "tour", code, "err", err)
		return protocol.NewError(protocol.CodeRestarting, "the server cannot read this tour just now; try again in a moment")
	case t.Ended:
		return tourEnded()
	}
	info, ok := mgr.scenes(t.Scene)
	if !ok {
		return protocol.NewError(protocol.CodeUnknownScene, "this tour is in scene %q, which this server no longer has; ask your guide for a new tour", t.Scene)
	}
	mgr.mu.Lock()
	defer mgr.mu.Unlock()
	if mgr.tours[code] != nil {
		return nil
	}
	name := "tour/" + code
	s := newSession(name, t.Scene, protocol.Quantize(info.Spawn), mgr.log.With("session", name))
	s.met = mgr.met
	s.tour = loadTour(mgr, t)
	// Ids go on from where the tour left them: the members away keep
	// theirs, and a newcomer must not take one of them.
	s.nextID = max(t.NextID, 1)
	s.publishInfo()
	mgr.tours[code] = s
	mgr.wg.Add(1)
	go func() {
		defer mgr.wg.Done()
		s.run()
	}()
	return nil
}

// stopTour takes an idle tour's session off the list, when nobody joined
// it meanwhile, and reports whether it did.
func (mgr *Manager) stopTour(s *Session, force bool) bool {
	mgr.mu.Lock()
	defer mgr.mu.Unlock()
	if s.reserved > 0 && !force {
		return false
	}
	if mgr.tours[s.tour.code] == s {
		delete(mgr.tours, s.tour.code)
	}
	return true
}

// Close stops every running tour after saving it, for a server that shuts
// down; call it once the connections have closed. It returns when all are
// saved or ctx is done.
func (mgr *Manager) Close(ctx context.Context) error {
	mgr.mu.Lock()
	list := make([]*Session, 0, len(mgr.tours))
	for _, s := range mgr.tours {
		list = append(list, s)
	}
	mgr.mu.Unlock()
	for _, s := range list {
		s.push(request{kind: requestStop})
	}
	done := make(chan struct{})
	go func() {
		mgr.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Tours returns the codes of the running tours and how many are connected
// to each, for tests and status pages.
func (mgr *Manager) Tours() map[string]int {
	mgr.mu.Lock()
	defer mgr.mu.Unlock()
	out := make(map[string]int, len(mgr.tours))
	for code, s := range mgr.tours {
		out[code] = s.reserved
	}
	return out
}

// publishInfo refreshes what TourInfo returns for a running tour. Only the
// session's goroutine calls it.
func (s *Session) publishInfo() {
	t := s.tour
	s.info.Store(&TourInfo{
		Code: t.code, Scene: s.scene, GuideName: t.guideName,
		Members: len(s.members), Locked: t.locked, Ended: t.ended,
	})
}

// infoPointer is the type of Session.info.
type infoPointer = atomic.Pointer[TourInfo]
