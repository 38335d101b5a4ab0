//go:build js

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"syscall/js"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/hajimehoshi/ebiten/v2"

	"yunyou/client/move"
	"yunyou/client/netclient"
	"yunyou/client/page"
	"yunyou/client/presence"
	"yunyou/client/render"
	"yunyou/client/report"
	"yunyou/client/resolution"
	"yunyou/protocol"
	"yunyou/scenes"
)

// View and screen settings.
const (
	// EyeHeight is how far above their feet a visitor's eye is, in metres.
	EyeHeight = move.EyeHeight
	// labelAbove is how far above another visitor's eye their name floats:
	// figures are 1.7 m tall, so about 0.2 m above the head.
	labelAbove = 0.3
	// labelRange hides names of people further away than this, in metres:
	// beyond it the text would cover more than the person.
	labelRange = 25
	// baseFovY is the vertical field of view on a landscape screen; on a
	// portrait one it widens so the horizontal view stays at least
	// minFovX.
	baseFovY = 65 * math.Pi / 180
	minFovX  = 60 * math.Pi / 180
	maxFovY  = 100 * math.Pi / 180
	// nearPlane is closer than the collision radius, so a wall the visitor
	// touches is never cut away; farPlane is beyond the largest hall.
	nearPlane = 0.05
	farPlane  = 200
	// maxDeviceScale caps the device pixel ratio used for drawing: beyond
	// 2, extra pixels cost fill rate on phones without visible gain.
	maxDeviceScale = 2
	// maxScreenPixels caps the drawing buffer (about 2560×1440); larger
	// windows are drawn at this size and scaled up by the browser.
	maxScreenPixels = 2560 * 1440
)

// game is the Ebiten game: it owns all client state and runs on Ebiten's
// goroutine. Logic lives in the plain packages it calls.
type game struct {
	ui    *page.Page
	scene *scenes.Scene
	world *scenes.Compiled
	r     *render.Renderer
	net   *netclient.Client
	pres  presence.Presence

	pose     protocol.Pose
	name     string
	welcomed bool // a welcome arrived once: later ones are reconnections

	input  input
	res    resolution.Controller
	meter  report.FrameMeter
	board  report.Board
	frames uint64
	last   time.Time
	err    error // from Draw, returned by the next Update

	// tour is the guided tour the page opened, or nil.
	tour *tourPlay
	// kiosk is the kiosk the page was opened as, or nil (see kiosk.go).
	kiosk *kioskPlay

	// noticed is when each kind of server refusal was last shown.
	noticed map[string]time.Time

	// Screen size in drawing pixels, and drawing pixels per CSS pixel.
	screenW, screenH int
	pixelScale       float64

	// Scratch reused every frame.
	events  []netclient.Event
	peers   []presence.Peer
	avatars []render.Avatar
	labels  []page.Label
	chat    []string
	state   report.State
}

func newGame(ui *page.Page, s *scenes.Scene, w *scenes.Compiled, r *render.Renderer, n *netclient.Client) *game {
	g := &game{ui: ui, scene: s, world: w, r: r, net: n, pixelScale: 1}
	g.board.SetPage(pageAddress())
	ui.SetState(g.board.JSON)
	ui.SetProjector(view{g})
	g.publish()
	return g
}

// place puts the visitor at the linked pose if it is inside the scene, or
// at the scene's spawn.
func (g *game) place(p *protocol.Pose) {
	sp := g.scene.Spawn
	g.pose = protocol.Pose{X: sp.X, Y: sp.Y, Z: sp.Z, Yaw: sp.Yaw, Pitch: sp.Pitch}
	if p == nil {
		return
	}
	if !g.scene.Contains(p.X, p.Y, p.Z) {
		g.ui.AddNotice(fmt.Sprintf("The linked position (%.1f, %.1f, %.1f) is outside this scene — starting at the entrance instead.", p.X, p.Y, p.Z))
		return
	}
	g.pose = *p
	g.pose.Yaw = move.WrapAngle(g.pose.Yaw)
	g.pose.Pitch = max(-move.MaxPitch, min(move.MaxPitch, g.pose.Pitch))
}

// join connects to the scene's session under the given name.
func (g *game) join(name string) {
	clean, err := protocol.CheckName(name)
	if err != nil {
		why := err.Error()
		var pe protocol.Error
		if errors.As(err, &pe) {
			why = pe.Message
		}
		g.ui.ShowNameForm(name, why)
		return
	}
	g.name = clean
	hello, _ := json.Marshal(protocol.Hello{Type: protocol.TypeHello, Version: protocol.Version, Scene: g.scene.ID, Name: clean})
	if g.tour != nil {
		hello = g.tourHello(clean)
	}
	g.ui.Joined(clean)
	g.ui.FocusGame()
	g.ui.SetStatus(page.Status{Key: "connecting", Text: "Connecting…", Kind: page.StatusWarn})
	g.net.Connect(hello)
}

// Update advances the visit by one frame.
func (g *game) Update() (err error) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the viewer stopped because of an error: %v. Reload the page; the browser console has the details", r)
			fmt.Fprintf(os.Stderr, "panic in Update: %v\n%s", r, debug.Stack())
		}
		g.meter.Add(time.Since(start))
	}()
	if g.err != nil {
		return g.err
	}
	dt := float32(0)
	if !g.last.IsZero() {
		dt = float32(start.Sub(g.last).Seconds())
	}
	g.last = start

	if name, ok := g.ui.TakeJoin(); ok && g.kiosk == nil {
		g.join(name)
	}
	g.chat = g.ui.TakeChat(g.chat[:0])
	for _, text := range g.chat {
		g.sendChat(text)
	}
	g.tourCommands()
	g.handleNetwork(start)

	in := g.input.read(g, g.ui.Typing())
	if !g.kioskMove(dt) && !g.tourMove(in, dt, start) {
		g.pose = move.Step(g.pose, in, dt, g.world, g.scene.FloorAt)
	}
	g.tourPoint(start)
	if g.pres.Joined() {
		g.net.SendPose(g.pose, start)
	}
	return nil
}

func (g *game) sendChat(text string) {
	clean, err := protocol.CheckChat(text)
	if err != nil {
		var pe protocol.Error
		if errors.As(err, &pe) {
			g.ui.AddNotice("Not sent: " + pe.Message)
		}
		return
	}
	if !g.pres.Joined() {
		g.ui.AddNotice("Not sent: not connected to the session yet.")
		return
	}
	data, _ := json.Marshal(protocol.Chat{Type: protocol.TypeChat, Text: clean})
	if err := g.net.SendText(data); err != nil {
		g.ui.AddNotice("Not sent: " + err.Error())
	}
}

// Draw draws the scene, the others and the touch stick, and updates the
// page's labels and state.
func (g *game) Draw(screen *ebiten.Image) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil && g.err == nil {
			g.err = fmt.Errorf("the viewer stopped because of an error while drawing: %v. Reload the page; the browser console has the details", r)
			fmt.Fprintf(os.Stderr, "panic in Draw: %v\n%s", r, debug.Stack())
		}
	}()
	// Frames start at the display's pace; the time between them is what
	// the visitor sees, so it chooses the resolution.
	g.r.SetScale(g.res.Frame(start))
	cam := g.camera()
	g.peers = g.pres.Peers(start, g.peers[:0])
	g.avatars = g.avatars[:0]
	for _, p := range g.peers {
		g.avatars = append(g.avatars, render.Avatar{
			Feet:  mgl32.Vec3{p.Pose.X, p.Pose.Y - EyeHeight, p.Pose.Z},
			Yaw:   p.Pose.Yaw,
			Color: p.RGBA,
		})
	}
	g.r.SetBeams(g.tourBeams())
	g.r.Draw(screen, cam, g.avatars)
	if g.kioskTakesInput() {
		g.input.drawStick(screen)
	}
	g.placeLabels(cam)

	g.frames++
	g.meter.Add(time.Since(start))
	g.meter.EndFrame()
	g.publish()
	if g.frames == 1 {
		g.ui.Ready()
	}
}

func (g *game) camera() render.Camera {
	fovY := float32(baseFovY)
	if g.screenW > 0 && g.screenH > 0 {
		aspect := float64(g.screenW) / float64(g.screenH)
		// Keep at least minFovX across on a narrow (portrait) screen.
		need := 2 * math.Atan(math.Tan(minFovX/2)/aspect)
		fovY = float32(min(maxFovY, max(baseFovY, need)))
	}
	return render.Camera{
		Pos: mgl32.Vec3{g.pose.X, g.pose.Y, g.pose.Z}, Yaw: g.pose.Yaw, Pitch: g.pose.Pitch,
		FovY: fovY, Near: nearPlane, Far: farPlane,
	}
}

// placeLabels puts each visible person's name over their head.
func (g *game) placeLabels(cam render.Camera) {
	g.labels = g.labels[:0]
	eye := mgl32.Vec3{g.pose.X, g.pose.Y, g.pose.Z}
	for _, p := range g.peers {
		head := mgl32.Vec3{p.Pose.X, p.Pose.Y + labelAbove, p.Pose.Z}
		x, y, ok := g.r.Project(g.screenW, g.screenH, cam, head)
		ok = ok && head.Sub(eye).Len() < labelRange &&
			x >= 0 && y >= 0 && x < float32(g.screenW) && y < float32(g.screenH)
		s := float32(g.pixelScale)
		g.labels = append(g.labels, page.Label{
			ID: p.ID, Name: p.Name, Color: p.Color, X: x / s, Y: y / s, Visible: ok,
		})
	}
	g.ui.SetLabels(g.labels)
}

func (g *game) publish() {
	st := g.r.Stats()
	s := &g.state
	*s = report.State{
		Scene: g.scene.ID, Session: g.pres.Session(), ID: g.pres.Self(), Name: g.name,
		Pose: report.FromProtocol(g.pose), Peers: s.Peers[:0],
		Frames: g.frames, FrameMs: g.meter.Millis(), Connected: g.pres.Joined(),
		RenderScale: g.r.Scale(), DrawCalls: st.DrawCalls, Triangles: st.Triangles,
		Tour: g.publishTour(), Kiosk: g.publishKiosk(),
	}
	for _, p := range g.peers {
		s.Peers = append(s.Peers, report.Peer{ID: p.ID, Name: p.Name, Color: p.Color, Pose: report.FromProtocol(p.Pose)})
	}
	g.board.Publish(s)
}

// LayoutF draws at the screen's real pixel size, so the picture is sharp
// and never stretched; very large or dense screens are capped.
func (g *game) LayoutF(outsideW, outsideH float64) (float64, float64) {
	scale := min(ebiten.Monitor().DeviceScaleFactor(), maxDeviceScale)
	if px := outsideW * outsideH * scale * scale; px > maxScreenPixels {
		scale *= math.Sqrt(maxScreenPixels / px)
	}
	w, h := math.Max(1, math.Round(outsideW*scale)), math.Max(1, math.Round(outsideH*scale))
	g.screenW, g.screenH = int(w), int(h)
	g.pixelScale = w / math.Max(outsideW, 1)
	return w, h
}

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *game) Layout(outsideW, outsideH int) (int, int) {
	w, h := g.LayoutF(float64(outsideW), float64(outsideH))
	return int(w), int(h)
}

// pageAddress returns the page's origin and path, the base of links to a
// view.
func pageAddress() string {
	loc := js.Global().Get("location")
	return loc.Get("origin").String() + loc.Get("pathname").String()
}
