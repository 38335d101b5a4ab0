package wsconn_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"yunyou/protocol"
	"yunyou/server/catalog"
	"yunyou/server/servertest"
)

func defaultScene(t *testing.T) *catalog.Scene {
	t.Helper()
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := cat.Scene(cat.Default())
	return s
}

func hello(scene, name string) protocol.Hello {
	return protocol.Hello{Type: protocol.TypeHello, Version: protocol.Version, Scene: scene, Name: name}
}

// Every kind of bad input gets its own error code, ends the connection only
// where it must, and changes nothing for the others: an observer keeps
// seeing a walker's moves throughout.
func TestBadInput(t *testing.T) {
	sc := defaultScene(t)
	srv := servertest.Start(t)
	walker, observer := srv.Dial(t), srv.Dial(t)
	ww := walker.Hello(sc.ID, "Walker")
	observer.Hello(sc.ID, "Observer")

	outside := sc.Spawn
	outside.X = protocol.MaxCoord - 1 // inside the pose range, far outside any cave
	pose := protocol.AppendPose(nil, sc.Spawn)
	// The encoding clamps what it can carry, so a pose beyond its range is
	// written by hand: x = 327.67 m, past protocol.MaxCoord.
	far := append([]byte{protocol.KindPose, 0x7f, 0xff}, pose[3:]...)

	cases := []struct {
		name      string
		hello     bool // say hello first
		text      string
		binary    []byte
		code      string
		closeCode int    // 0: the connection goes on
		reason    string // in the close reason
	}{
		{name: "malformed JSON", hello: true, text: `{"type":"chat",`, code: protocol.CodeBadMessage},
		{name: "not an object", hello: true, text: `[1,2]`, code: protocol.CodeBadMessage},
		{name: "no type", hello: true, text: `{"text":"hi"}`, code: protocol.CodeBadMessage},
		{name: "unknown type", hello: true, text: `{"type":"dance"}`, code: protocol.CodeUnknownType},
		{name: "pose before hello", binary: pose, code: protocol.CodeOutOfOrder},
		{name: "chat before hello", text: `{"type":"chat","text":"hi"}`, code: protocol.CodeOutOfOrder},
		{name: "hello twice", hello: true, text: `{"type":"hello","version":2,"scene":"` + sc.ID + `","name":"Again"}`, code: protocol.CodeOutOfOrder},
		{name: "chat too long", hello: true, text: `{"type":"chat","text":"` + strings.Repeat("a", protocol.MaxChatRunes+1) + `"}`, code: protocol.CodeBadChat},
		{name: "pose outside the scene", hello: true, binary: protocol.AppendPose(nil, outside), code: protocol.CodeBadPose},
		{name: "pose beyond the protocol's range", hello: true, binary: far, code: protocol.CodeBadPose},
		{name: "binary kind unknown", hello: true, binary: append([]byte{9}, pose[1:]...), code: protocol.CodeBadMessage},
		{name: "pose too short", hello: true, binary: pose[:5], code: protocol.CodeBadMessage},
		{name: "pose too long", hello: true, binary: append(pose, 0), code: protocol.CodeBadMessage},
		{name: "empty binary", hello: true, binary: []byte{}, code: protocol.CodeBadMessage},
		{name: "empty name", text: `{"type":"hello","version":2,"scene":"` + sc.ID + `","name":"  "}`,
			code: protocol.CodeBadName, closeCode: websocket.ClosePolicyViolation, reason: "bad name"},
		{name: "name too long", text: `{"type":"hello","version":2,"scene":"` + sc.ID + `","name":"` + strings.Repeat("n", protocol.MaxNameRunes+1) + `"}`,
			code: protocol.CodeBadName, closeCode: websocket.ClosePolicyViolation, reason: "bad name"},
		{name: "unknown scene", text: `{"type":"hello","version":2,"scene":"cave-999","name":"Ana"}`,
			code: protocol.CodeUnknownScene, closeCode: websocket.ClosePolicyViolation, reason: "unknown scene"},
		{name: "malformed hello", text: `{"type":"hello","version":"one"}`,
			code: protocol.CodeBadMessage, closeCode: websocket.ClosePolicyViolation, reason: "malformed hello"},
		{name: "version mismatch", text: `{"type":"hello","version":99,"scene":"` + sc.ID + `","name":"Ana"}`,
			code: protocol.CodeVersion, closeCode: websocket.CloseProtocolError, reason: "reload the page"},
		{name: "oversized frame", hello: true, text: `{"type":"chat","text":"` + strings.Repeat("x", protocol.MaxClientMessageBytes) + `"}`,
			code: protocol.CodeTooBig, closeCode: websocket.CloseMessageTooBig, reason: "4096"},
		{name: "oversized frame before hello", binary: make([]byte, protocol.MaxClientMessageBytes+1),
			code: protocol.CodeTooBig, closeCode: websocket.CloseMessageTooBig, reason: "4096"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bad := srv.Dial(t)
			if tc.hello {
				bad.Hello(sc.ID, "Bad")
			}
			if tc.binary != nil {
				bad.SendBinary(tc.binary)
			} else {
				bad.SendText(tc.text)
			}
			e := bad.ExpectError(tc.code)
			if e.Message == "" {
				t.Errorf("error %s says nothing to the visitor", e.Code)
			}
			if tc.closeCode != 0 {
				code, reason := bad.ExpectClosed()
				if code != tc.closeCode || !strings.Contains(reason, tc.reason) {
					t.Errorf("closed with %d %q; want %d with %q in the reason", code, reason, tc.closeCode, tc.reason)
				}
			} else {
				// The connection goes on: it can still join and chat.
				if !tc.hello {
					bad.Hello(sc.ID, "Bad")
				}
				bad.Chat("still here")
				var c protocol.Chat
				bad.ExpectType(protocol.TypeChat, &c)
				if c.Text != "still here" {
					t.Errorf("after the error the visitor's chat came back as %q", c.Text)
				}
			}
			bad.Conn.Close()

			// The others notice nothing but the coming and going.
			p := sc.Spawn
			p.Yaw = float32(i) * 0.1
			walker.SendPose(p)
			want := protocol.Quantize(p)
			observer.Expect("the walker's move", func(m servertest.Message) bool {
				if m.Type == protocol.TypeError {
					t.Fatalf("the observer got an error: %s", m.Data)
				}
				got, ok := m.Pose(ww.ID)
				return ok && got == want
			})
		})
	}
}

func TestChatFloodIsSlowedNotRelayed(t *testing.T) {
	sc := defaultScene(t)
	srv := servertest.Start(t)
	flooder, other := srv.Dial(t), srv.Dial(t)
	flooder.Hello(sc.ID, "Flood")
	other.Hello(sc.ID, "Other")
	for i := range 20 {
		flooder.Chat(strings.Repeat("x", i+1))
	}
	e := flooder.ExpectError(protocol.CodeChatTooFast)
	if !strings.Contains(e.Message, "wait") {
		t.Errorf("the error says %q; it should say to wait", e.Message)
	}
	// The other visitor gets the burst, then nothing more of the flood
	// before its own line.
	other.Chat("marker")
	relayed := 0
	for {
		m := other.Expect("a chat line or the marker", func(m servertest.Message) bool { return m.Type == protocol.TypeChat })
		var c protocol.Chat
		if err := m.Decode(&c); err != nil {
			t.Fatal(err)
		}
		if c.Name == "Other" {
			break
		}
		relayed++
	}
	// A burst of five lines passes (a sixth if a second went by meanwhile).
	if relayed < 5 || relayed > 6 {
		t.Errorf("%d of 20 flooded lines reached the other visitor; want the burst of 5", relayed)
	}
}

func TestVersionMismatchSaysToReload(t *testing.T) {
	sc := defaultScene(t)
	srv := servertest.Start(t)
	c := srv.Dial(t)
	h := hello(sc.ID, "Ana")
	h.Version = protocol.Version + 1
	c.SendJSON(h)
	e := c.ExpectError(protocol.CodeVersion)
	want := "this page speaks protocol 2, the server speaks 1; reload the page"
	if protocol.Version != 1 {
		t.Skip("message text checked for protocol 1")
	}
	if e.Message != want {
		t.Errorf("message = %q; want %q", e.Message, want)
	}
	if code, reason := c.ExpectClosed(); code != websocket.CloseProtocolError || !strings.Contains(reason, "reload") {
		t.Errorf("closed with %d %q; want %d and a reason that says to reload", code, reason, websocket.CloseProtocolError)
	}
}

func TestOriginCheck(t *testing.T) {
	srv := servertest.Start(t, servertest.WithAllowedOrigins("https://partner.example"))
	for _, tc := range []struct {
		origin string
		ok     bool
	}{
		{"", true}, // not a browser
		{srv.URL, true},
		{"https://partner.example", true},
		{"https://PARTNER.example/", true},
		{"https://evil.example", false},
		{"http://partner.example", false},
	} {
		h := http.Header{}
		if tc.origin != "" {
			h.Set("Origin", tc.origin)
		}
		c, err := srv.DialHeader(t, h)
		switch {
		case tc.ok && err != nil:
			t.Errorf("origin %q refused: %v", tc.origin, err)
		case !tc.ok && err == nil:
			t.Errorf("origin %q accepted; want 403", tc.origin)
			c.Conn.Close()
		case !tc.ok:
			if de, ok := err.(*servertest.DialError); !ok || de.Status != http.StatusForbidden {
				t.Errorf("origin %q refused with %v; want 403", tc.origin, err)
			}
		default:
			c.Conn.Close()
		}
	}
}

func TestShutdownTellsVisitorsToReconnect(t *testing.T) {
	sc := defaultScene(t)
	srv := servertest.Start(t)
	ana, silent := srv.Dial(t), srv.Dial(t) // silent has not said hello yet
	ana.Hello(sc.ID, "Ana")

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for _, c := range []*servertest.Client{ana, silent} {
		c.ExpectError(protocol.CodeRestarting)
		if code, reason := c.ExpectClosed(); code != websocket.CloseServiceRestart || reason != "server restarting" {
			t.Errorf("closed with %d %q; want %d \"server restarting\"", code, reason, websocket.CloseServiceRestart)
		}
	}
	if _, err := srv.DialHeader(t, nil); err == nil {
		t.Error("a new connection was accepted after shutdown")
	}
}
