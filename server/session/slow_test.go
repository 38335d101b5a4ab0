package session_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"yunyou/protocol"
	"yunyou/server/servertest"
)

const (
	// pollTries and pollPause bound waits for the server to notice a
	// closed connection: a guard against hangs, not a timing assertion.
	pollTries = 3000
	// maxFlood bounds the chat lines sent to swamp a client that never
	// reads; its socket buffers and queue fill long before.
	maxFlood = 20000
)

func pollPause() { time.Sleep(10 * time.Millisecond) }

// A visitor whose page stops reading must not slow anyone else down, and is
// disconnected once it falls too far behind.
func TestSlowClientIsDroppedWithoutHoldingUpOthers(t *testing.T) {
	sc := scene(t)
	// Chat lines are the quickest way to fill a socket; lift their limit.
	srv := servertest.Start(t, servertest.WithChatLimit(1<<30, time.Millisecond))

	slow, _, err := websocket.DefaultDialer.Dial(srv.WS, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	if err := slow.WriteJSON(protocol.Hello{Type: protocol.TypeHello, Version: protocol.Version, Scene: sc.ID, Name: "Slow"}); err != nil {
		t.Fatal(err)
	}

	waitSessions(t, srv, map[string]int{sc.ID + "/1": 1}) // Slow is in before Ana and Bo
	ana, bo := srv.Dial(t), srv.Dial(t)
	wa := ana.Hello(sc.ID, "Ana")
	wb := bo.Hello(sc.ID, "Bo")
	var slowID uint16
	for _, m := range wb.Members {
		if m.Name == "Slow" {
			slowID = m.ID
		}
	}
	if slowID == 0 {
		t.Fatalf("Bo's welcome %+v does not list the slow visitor", wb.Members)
	}

	// Ana walks and chats long lines until the server drops the visitor
	// who never reads. Each line waits until Bo has it, so Ana and Bo keep
	// up while the slow visitor's buffers and queue fill.
	line := strings.Repeat("鹿", protocol.MaxChatRunes)
	left := false
	seen := 0
	for i := 0; !left; i++ {
		if i == maxFlood {
			t.Fatalf("after %d chat lines the visitor who never reads is still in the session", i)
		}
		ana.SendPose(near(t, sc, i))
		ana.Chat(line)
		bo.Expect("Ana's chat line", func(m servertest.Message) bool {
			if _, ok := m.Pose(wa.ID); ok {
				seen++
			}
			var ev protocol.Leave
			if m.Type == protocol.TypeLeave && m.Decode(&ev) == nil && ev.ID == slowID {
				left = true
			}
			return m.Type == protocol.TypeChat
		})
	}
	if seen == 0 {
		t.Error("Bo saw none of Ana's moves while the slow visitor lagged")
	}
	// Ana's next move still reaches Bo.
	p := near(t, sc, 1601)
	ana.SendPose(p)
	bo.ExpectPose(wa.ID, p)

	// The slow visitor's connection ends; if the close frame got through,
	// it says why.
	slow.SetReadDeadline(time.Now().Add(time.Minute))
	for {
		_, data, err := slow.ReadMessage()
		if err == nil {
			if strings.Contains(string(data), `"code":"too_slow"`) {
				t.Logf("the slow visitor was told: %s", data)
			}
			continue
		}
		if ce, ok := err.(*websocket.CloseError); ok && ce.Code != websocket.CloseTryAgainLater {
			t.Errorf("slow visitor closed with %d %q; want %d", ce.Code, ce.Text, websocket.CloseTryAgainLater)
		}
		if strings.Contains(err.Error(), "timeout") {
			t.Fatalf("the slow visitor's connection stayed open: %v", err)
		}
		break
	}
}
