// Package report describes the client's state for the page and for tests:
// window.yunyou.state() returns State as JSON. The game publishes a State
// after every frame on a Board; the page reads it whenever it asks, so the
// page never touches the game's own data.
//
// It also measures the client's own CPU time per frame (FrameMeter), the
// figure that tells whether the client keeps up, independent of how fast a
// (possibly software) GPU presents frames.
package report

import (
	"yunyou/client/guided"

	"encoding/json"
	"net/url"
	"sync"
	"time"

	"yunyou/client/deeplink"
	"yunyou/protocol"
)

// Pose is a pose in the state's JSON.
type Pose struct {
	X     float32 `json:"x"`
	Y     float32 `json:"y"`
	Z     float32 `json:"z"`
	Yaw   float32 `json:"yaw"`
	Pitch float32 `json:"pitch"`
}

// FromProtocol converts a wire pose.
func FromProtocol(p protocol.Pose) Pose {
	return Pose{X: p.X, Y: p.Y, Z: p.Z, Yaw: p.Yaw, Pitch: p.Pitch}
}

// Peer is another person in the session.
type Peer struct {
	ID    uint16 `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
	Pose  Pose   `json:"pose"`
}

// State is the client's state at the end of a frame.
type State struct {
	Scene   string `json:"scene"`
	Session string `json:"session"`
	ID      uint16 `json:"id"`
	Name    string `json:"name"`
	Pose    Pose   `json:"pose"`
	Peers   []Peer `json:"peers"`
	// Frames counts the frames drawn since the client started.
	Frames uint64 `json:"frames"`
	// FrameMs is the client's CPU time per frame (update and draw), in
	// milliseconds, averaged over the last FrameWindow frames.
	FrameMs float64 `json:"frameMs"`
	// Connected is true while the client is in a session (welcomed).
	Connected bool `json:"connected"`
	// RenderScale is the share of the screen's pixels (along each side)
	// the world is drawn at: 1, or less on a device too slow for full
	// resolution.
	RenderScale float64 `json:"renderScale"`
	// DrawCalls and Triangles are the renderer's counts for the last
	// frame.
	DrawCalls int `json:"drawCalls"`
	Triangles int `json:"triangles"`
	// Link is the address of the current view: the page's address with
	// ?scene=ID&pose=x,y,z,yaw,pitch. Publishers leave it empty; JSON
	// fills it in when the board knows the page's address.
	Link string `json:"link"`
	// Tour is the guided tour's model, as the page's console gets it;
	// absent outside a tour.
	Tour *guided.Model `json:"tour,omitempty"`
	// Kiosk is the kiosk's mode and place on the tour route; absent
	// outside a kiosk.
	Kiosk *Kiosk `json:"kiosk,omitempty"`
}

// Kiosk is a kiosk's state for the page.
type Kiosk struct {
	// Mode is "attract" (the camera follows the tour by itself) or
	// "interactive" (a visitor has it).
	Mode string `json:"mode"`
	// Stop is the index of the tour stop the camera is at, or -1 while
	// it moves between stops.
	Stop int `json:"stop"`
	// Stops is the number of stops on the route.
	Stops int `json:"stops"`
}

// Board holds the latest published State. Publish and JSON may be called
// from different goroutines.
type Board struct {
	mu    sync.Mutex
	state State
	kiosk Kiosk  // the board's own copy of state.Kiosk
	page  string // the page's origin and path, for links
}

// SetPage sets the page's address without its query, e.g.
// "https://example.org/", from which JSON builds the state's link.
func (b *Board) SetPage(originAndPath string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.page = originAndPath
}

// Publish replaces the board's state with a copy of s. It reuses the
// board's storage, so publishing every frame does not allocate once the
// number of peers stops growing.
func (b *Board) Publish(s *State) {
	b.mu.Lock()
	defer b.mu.Unlock()
	peers := append(b.state.Peers[:0], s.Peers...)
	b.state = *s
	b.state.Peers = peers
	// The publisher reuses its Kiosk; the page reads a copy.
	if s.Kiosk != nil {
		b.kiosk = *s.Kiosk
		b.state.Kiosk = &b.kiosk
	}
}

// JSON returns the latest state as JSON.
func (b *Board) JSON() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.state
	if s.Peers == nil {
		s.Peers = []Peer{} // "peers":[] rather than null, for readers that iterate
	}
	// Built here, when asked for, rather than on every frame's publish.
	if b.page != "" && s.Scene != "" {
		s.Link = Link(b.page, s.Scene, s.Pose)
	}
	data, err := json.Marshal(s)
	if err != nil {
		// State holds only numbers and strings; this cannot happen.
		panic("report: encode state: " + err.Error())
	}
	return string(data)
}

// Link returns the address that opens scene at pose: page (origin and
// path) with ?scene=ID&pose=x,y,z,yaw,pitch, positions to centimetres and
// angles to milliradians (deeplink.FormatPose).
func Link(page, scene string, p Pose) string {
	pose := deeplink.FormatPose(protocol.Pose{X: p.X, Y: p.Y, Z: p.Z, Yaw: p.Yaw, Pitch: p.Pitch})
	return page + "?scene=" + url.QueryEscape(scene) + "&pose=" + pose
}

// FrameWindow is how many frames FrameMeter averages: about a second at
// 60 frames a second, enough to smooth a single slow frame.
const FrameWindow = 60

// FrameMeter averages the CPU time of the last FrameWindow frames. The zero
// value is ready to use.
type FrameMeter struct {
	times [FrameWindow]time.Duration
	next  int
	n     int
	sum   time.Duration
	cur   time.Duration // time measured so far in the current frame
}

// Add counts work done in the current frame (call it for Update and for
// Draw; one frame may have more than one update).
func (m *FrameMeter) Add(d time.Duration) { m.cur += d }

// EndFrame closes the current frame.
func (m *FrameMeter) EndFrame() {
	m.sum += m.cur - m.times[m.next]
	m.times[m.next] = m.cur
	m.next = (m.next + 1) % FrameWindow
	m.n = min(m.n+1, FrameWindow)
	m.cur = 0
}

// Millis returns the average frame time in milliseconds.
func (m *FrameMeter) Millis() float64 {
	if m.n == 0 {
		return 0
	}
	return float64(m.sum) / float64(m.n) / float64(time.Millisecond)
}
