package report

import (
	"encoding/json"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"yunyou/client/deeplink"
)

func TestStateJSONMatchesThePageContract(t *testing.T) {
	var b Board
	b.Publish(&State{
		Scene: "mogao-257", Session: "mogao-257/1", ID: 3, Name: "Ana",
		Pose:   Pose{X: 1, Y: 1.6, Z: -2, Yaw: 0.5, Pitch: -0.1},
		Peers:  []Peer{{ID: 4, Name: "Bo", Color: "#e040fb", Pose: Pose{X: 2, Y: 1.6}}},
		Frames: 123, FrameMs: 1.7, Connected: true,
	})
	var got map[string]any
	if err := json.Unmarshal([]byte(b.JSON()), &got); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{
		"scene": "mogao-257", "session": "mogao-257/1", "id": 3.0, "frames": 123.0, "frameMs": 1.7, "connected": true,
	} {
		if got[key] != want {
			t.Errorf("state[%q] = %v, want %v", key, got[key], want)
		}
	}
	pose, _ := got["pose"].(map[string]any)
	for _, k := range []string{"x", "y", "z", "yaw", "pitch"} {
		if _, ok := pose[k]; !ok {
			t.Errorf("pose lacks %q: %v", k, pose)
		}
	}
	peers, _ := got["peers"].([]any)
	if len(peers) != 1 {
		t.Fatalf("peers = %v", got["peers"])
	}
	peer := peers[0].(map[string]any)
	if peer["id"] != 4.0 || peer["name"] != "Bo" || peer["color"] != "#e040fb" || peer["pose"] == nil {
		t.Errorf("peer = %v", peer)
	}
}

func TestBoardCopiesAndShowsNoPeersAsAnEmptyList(t *testing.T) {
	var b Board
	if s := b.JSON(); !strings.Contains(s, `"peers":[]`) || !strings.Contains(s, `"connected":false`) {
		t.Errorf("initial state %s, want empty peers and not connected", s)
	}
	s := State{Peers: []Peer{{ID: 1, Name: "Bo"}}}
	b.Publish(&s)
	s.Peers[0].Name = "changed after publishing"
	if !strings.Contains(b.JSON(), `"name":"Bo"`) {
		t.Errorf("board shares the publisher's slice: %s", b.JSON())
	}
}

func TestFrameMeterAveragesTheLastFrames(t *testing.T) {
	var m FrameMeter
	if m.Millis() != 0 {
		t.Errorf("no frames: %v ms", m.Millis())
	}
	// One frame with two updates and a draw.
	m.Add(time.Millisecond)
	m.Add(time.Millisecond)
	m.Add(2 * time.Millisecond)
	m.EndFrame()
	if m.Millis() != 4 {
		t.Errorf("one 4 ms frame averages %v ms", m.Millis())
	}
	// A window of 1 ms frames pushes the slow one out.
	for i := 0; i < FrameWindow; i++ {
		m.Add(time.Millisecond)
		m.EndFrame()
	}
	if math.Abs(m.Millis()-1) > 1e-9 {
		t.Errorf("after a window of 1 ms frames: %v ms", m.Millis())
	}
}

func TestPublishingEveryFrameDoesNotAllocate(t *testing.T) {
	var b Board
	s := State{Scene: "mogao-257", Peers: make([]Peer, 63)}
	b.Publish(&s) // warm: the board's own peer storage grows once
	allocs := testing.AllocsPerRun(100, func() {
		s.Frames++
		b.Publish(&s)
	})
	if allocs != 0 {
		t.Errorf("Publish allocates %.0f times a frame; the draw loop must not allocate", allocs)
	}
}

func TestStateCarriesRenderFiguresAndALinkToTheView(t *testing.T) {
	var b Board
	b.SetPage("https://yunyou.example/tour/")
	b.Publish(&State{
		Scene: "mogao-257", Pose: Pose{X: 3.9, Y: 1.6, Z: -0.004, Yaw: 1.5708, Pitch: -0.12345},
		RenderScale: 0.7, DrawCalls: 2, Triangles: 8123,
	})
	var got struct {
		RenderScale float64 `json:"renderScale"`
		DrawCalls   int     `json:"drawCalls"`
		Triangles   int     `json:"triangles"`
		Link        string  `json:"link"`
	}
	if err := json.Unmarshal([]byte(b.JSON()), &got); err != nil {
		t.Fatal(err)
	}
	if got.RenderScale != 0.7 || got.DrawCalls != 2 || got.Triangles != 8123 {
		t.Errorf("render figures = %+v", got)
	}
	want := "https://yunyou.example/tour/?scene=mogao-257&pose=3.90,1.60,-0.00,1.571,-0.123"
	if got.Link != want {
		t.Errorf("link = %q, want %q", got.Link, want)
	}
	// The link opens the same view: parse it back.
	u, err := url.Parse(got.Link)
	if err != nil {
		t.Fatal(err)
	}
	link, err := deeplink.Parse(u.RawQuery)
	if err != nil || link.Scene != "mogao-257" || link.Pose == nil ||
		math.Abs(float64(link.Pose.X-3.9)) > 0.005 || math.Abs(float64(link.Pose.Pitch+0.123)) > 0.0005 {
		t.Errorf("the link parses back to %+v, %v", link, err)
	}
}

func TestNoLinkBeforeThePageIsKnown(t *testing.T) {
	var b Board
	b.Publish(&State{Scene: "mogao-257"})
	if !strings.Contains(b.JSON(), `"link":""`) {
		t.Errorf("state %s, want an empty link", b.JSON())
	}
}
