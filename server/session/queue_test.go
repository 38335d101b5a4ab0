package session

import (
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"yunyou/protocol"
)

// hangGuard bounds waits that only a bug makes long: a guard against
// hangs, not a timing assertion.
const hangGuard = 10 * time.Second

// stallPeer holds its session up inside Send until release is closed, as a
// session stuck behind an overloaded machine would be.
type stallPeer struct {
	once    sync.Once
	stalled chan struct{} // closed at the first Send
	release chan struct{}
}

func (p *stallPeer) Send(Frame) bool {
	p.once.Do(func() { close(p.stalled) })
	<-p.release
	return true
}

func (p *stallPeer) Close(protocol.Error) {}

// quietPeer takes every frame and forgets it.
type quietPeer struct{}

func (quietPeer) Send(Frame) bool      { return true }
func (quietPeer) Close(protocol.Error) {}

func quietManager() *Manager {
	return NewManager(slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// A session that has fallen behind, with its chat queue full, must not hold
// up visitors joining it or any other session.
func TestBusySessionHoldsUpNoJoin(t *testing.T) {
	mgr := quietManager()
	stall := &stallPeer{stalled: make(chan struct{}), release: make(chan struct{})}
	host := mgr.Join("cave-a", "", protocol.Pose{}, "Host", stall)
	<-stall.stalled // cave-a's goroutine is stuck sending the host's welcome

	// The host floods chat until the queue is full and the flood waits.
	flooded := make(chan struct{})
	go func() {
		defer close(flooded)
		for range chatQueueLen + 1 {
			host.Chat("hello")
		}
	}()
	for deadline := time.Now().Add(hangGuard); len(host.session.chatSlots) < chatQueueLen; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("only %d chat lines queued; want %d", len(host.session.chatSlots), chatQueueLen)
		}
	}

	joined := make(chan *Member, 2)
	go func() { joined <- mgr.Join("cave-a", "", protocol.Pose{}, "Late", quietPeer{}) }()
	go func() { joined <- mgr.Join("cave-b", "", protocol.Pose{}, "Elsewhere", quietPeer{}) }()
	var members []*Member
	for range 2 {
		select {
		case m := <-joined:
			members = append(members, m)
		case <-time.After(hangGuard):
			t.Fatalf("a join waited for a busy session; joined so far: %d of 2", len(members))
		}
	}
	if got, want := mgr.Sessions(), map[string]int{"cave-a/1": 2, "cave-b/1": 1}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sessions %v; want %v", got, want)
	}

	close(stall.release)
	select {
	case <-flooded:
	case <-time.After(hangGuard):
		t.Fatal("the chat flood never got through once the session caught up")
	}
	host.Leave()
	for _, m := range members {
		m.Leave()
	}
	if got := mgr.Sessions(); len(got) != 0 {
		t.Errorf("sessions %v remain after everyone left", got)
	}
}

// Visitors joining, chatting and leaving at once, many times over, leave no
// session behind and no goroutine stuck.
func TestChurnLeavesNoSession(t *testing.T) {
	mgr := quietManager()
	const visitors, rounds = 40, 25 // more than one session holds
	var wg sync.WaitGroup
	for v := range visitors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				m := mgr.Join("cave", "", protocol.Pose{}, fmt.Sprintf("v%d", v), quietPeer{})
				m.Chat(fmt.Sprintf("round %d", r))
				m.Leave()
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(hangGuard):
		t.Fatal("joining, chatting and leaving got stuck")
	}
	if got := mgr.Sessions(); len(got) != 0 {
		t.Errorf("sessions %v remain after everyone left", got)
	}
}
