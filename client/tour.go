//go:build js

package main

import (
	"encoding/json"
	"image/color"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"yunyou/client/follow"
	"yunyou/client/guided"
	"yunyou/client/move"
	"yunyou/client/page"
	"yunyou/client/render"
	"yunyou/formation"
	"yunyou/protocol"
)

// Guided tours in the game loop: the hello into the tour, following the
// guide, gathering, the pointer and the model for the page's console.

const (
	// pointerRange is how far the guide's pointer reaches, in metres:
	// across the largest hall.
	pointerRange = 80
	// pointerEvery spaces the guide's pointer updates to the server.
	pointerEvery = 100 * time.Millisecond
	// placeEvery bounds how often a follower works out its place around
	// the guide: a place costs about a millisecond in a small cave, and
	// four a second keep the group a quarter second behind at most.
	placeEvery = 250 * time.Millisecond
	// placeShare is the most time between places per time spent placing.
	placeShare = 10
	// beamFrom lowers the beam's start below the guide's eye, to the hand.
	beamFrom = 0.45
)

// beamColor is the pointer's colour: a warm white-gold that no mural
// pigment matches, bright against the dark caves.
var beamColor = color.RGBA{0xff, 0xe0, 0x6a, 0xff}

// tourPlay is the game's guided-tour state.
type tourPlay struct {
	t        *guided.Tour
	follower follow.Follower
	model    string       // last model handed to the page, as JSON
	current  guided.Model // and as built
	dirty    bool         // the model may have changed since

	target     protocol.Pose // place around the guide
	placedFrom protocol.Pose // guide pose the place was worked out from
	placedAt   time.Time
	placeCost  time.Duration // of the last place
	placed     bool

	pointing    bool
	pointerSent time.Time
	beams       []renderBeam
	commands    [][]byte
}

// secretKeys returns where the page keeps a tour's secrets.
func secretKeys(code string) (token, resume string) {
	return "yunyou.guide." + code, "yunyou.resume." + code
}

// startTour sets up the tour the page was opened for.
func (g *game) startTour(tb page.TourBoot) {
	tokenKey, resumeKey := secretKeys(tb.Code)
	token := tb.Token
	if token == "" {
		token = page.Stored(tokenKey)
	}
	g.tour = &tourPlay{t: guided.New(tb.Code, token, page.Stored(resumeKey)), dirty: true}
	g.ui.OnTourCommand(guided.Command)
}

// tourHello returns the hello into the tour.
func (g *game) tourHello(name string) []byte { return g.tour.t.Hello(g.scene.ID, name) }

// handleTourFrame applies a text frame to the tour.
func (g *game) handleTourFrame(data []byte) {
	tp := g.tour
	tp.dirty = true
	fx, err := tp.t.Handle(data)
	if err != nil {
		logError(err)
		return
	}
	if fx.SecretsChanged {
		token, resume := tp.t.Secrets()
		tokenKey, resumeKey := secretKeys(tp.t.Code())
		page.Store(tokenKey, token)
		page.Store(resumeKey, resume)
		g.net.SetHello(g.tourHello(g.name))
	}
	if fx.Gather != nil {
		g.pose = *fx.Gather
		tp.placed = false
	}
	if fx.Stop {
		msg, _ := tp.t.Over()
		g.net.Stop(protocol.NewError(protocol.CodeTourEnded, "%s", msg))
		tp.pointing = false
	}
}

// tourMove moves the visitor for this frame. It reports false when the
// tour leaves walking to move.Step: no tour, the guide, follow mode off or
// no guide to follow.
func (g *game) tourMove(in move.Intent, dt float32, now time.Time) bool {
	tp := g.tour
	if tp == nil || !g.pres.Joined() {
		return false
	}
	st := tp.t.State()
	self, _ := g.pres.Member(g.pres.Self())
	if !st.Follow || st.Guide == 0 || self.Role == protocol.RoleGuide {
		return false
	}
	guide, ok := g.guidePose(st.Guide, now)
	if !ok {
		return false
	}
	// Work the place out again whenever the guide moved, at most
	// placeEvery: placing needs many collision tests in a small cave.
	// A place far back in a large group costs more (it depends on every
	// place before it): wait longer after a costly one, so placing never
	// takes more than about a tenth of the time.
	wait := max(placeEvery, placeShare*tp.placeCost)
	if !tp.placed || now.Sub(tp.placedAt) >= wait && guide != tp.placedFrom {
		start := time.Now()
		tp.target = formation.PlaceOn(guide, self.Slot, g.reach, g.scene.FloorAt)
		tp.placeCost = time.Since(start)
		tp.placedFrom, tp.placedAt, tp.placed = guide, now, true
	}
	turn := in.Yaw + in.Turn*move.TurnSpeed*dt
	if turn != 0 || in.Pitch != 0 {
		tp.follower.Look(turn, in.Pitch)
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyF) && !g.ui.Typing() {
		tp.follower.Snap()
	}
	g.pose = tp.follower.StepWithin(g.pose, tp.target, dt, g.reach)
	return true
}

// reach is formation.Reach for this scene's walls.
func (g *game) reach(fx, fz, tx, tz float32) (float32, float32) {
	p := g.world.Slide(mgl32.Vec3{fx, 0, fz}, mgl32.Vec3{tx, 0, tz}, move.Radius)
	return p.X(), p.Z()
}

// guidePose returns the guide's newest pose as drawn.
func (g *game) guidePose(id uint16, now time.Time) (protocol.Pose, bool) {
	for _, p := range g.peers {
		if p.ID == id {
			return p.Pose, true
		}
	}
	return protocol.Pose{}, false
}

// tourPoint sends the guide's pointer while P or the right mouse button is
// held.
func (g *game) tourPoint(now time.Time) {
	tp := g.tour
	if tp == nil || !g.pres.Joined() {
		return
	}
	self, _ := g.pres.Member(g.pres.Self())
	held := self.Role == protocol.RoleGuide && !g.ui.Typing() &&
		(ebiten.IsKeyPressed(ebiten.KeyP) || ebiten.IsMouseButtonPressed(ebiten.MouseButtonRight))
	switch {
	case held && now.Sub(tp.pointerSent) >= pointerEvery:
		at, ok := g.r.Aim(g.camera(), pointerRange)
		if !ok {
			return
		}
		tp.pointerSent = now
		tp.pointing = true
		a := [3]float32{at.X(), at.Y(), at.Z()}
		g.sendTour(protocol.GuideCommand{Type: protocol.TypeGuide, Cmd: protocol.CmdPointer, On: true, At: &a})
	case !held && tp.pointing:
		tp.pointing = false
		g.sendTour(protocol.GuideCommand{Type: protocol.TypeGuide, Cmd: protocol.CmdPointer, On: false})
	}
}

// sendTour sends a tour message now.
func (g *game) sendTour(v any) {
	data, _ := json.Marshal(v)
	if err := g.net.SendText(data); err != nil {
		logError(err)
	}
}

// tourCommands sends what the page's controls queued.
func (g *game) tourCommands() {
	tp := g.tour
	if tp == nil {
		return
	}
	var snap bool
	tp.commands, snap = g.ui.TakeTourCommands(tp.commands[:0])
	for i, c := range tp.commands {
		if err := g.net.SendText(c); err != nil {
			g.ui.AddNotice("Not sent: " + err.Error())
		}
		tp.commands[i] = nil
	}
	if snap {
		tp.follower.Snap()
	}
}

// tourBeams returns the pointer beams to draw: the guide's, from the
// guide's hand to the point aimed at.
func (g *game) tourBeams() []renderBeam {
	tp := g.tour
	if tp == nil {
		return nil
	}
	tp.beams = tp.beams[:0]
	p := tp.t.Pointer()
	if !p.On {
		return tp.beams
	}
	from := mgl32.Vec3{g.pose.X, g.pose.Y - beamFrom, g.pose.Z}
	if p.ID != g.pres.Self() {
		gp, ok := g.guidePose(p.ID, time.Time{})
		if !ok {
			return tp.beams
		}
		from = mgl32.Vec3{gp.X, gp.Y - beamFrom, gp.Z}
	}
	tp.beams = append(tp.beams, renderBeam{From: from, To: mgl32.Vec3{p.At[0], p.At[1], p.At[2]}, Color: beamColor})
	return tp.beams
}

// publishTour hands the page the tour's model when it changed. The model
// is built again only after a frame from the server, a dropped connection
// or a change of where the visitor looks, not every frame.
func (g *game) publishTour() *guided.Model {
	tp := g.tour
	if tp == nil {
		return nil
	}
	following := !tp.follower.LookingAround()
	if !tp.dirty && following == tp.current.Following {
		return &tp.current
	}
	tp.dirty = false
	tp.current = tp.t.Model(g.pres.Members(), following)
	data, _ := json.Marshal(tp.current)
	if s := string(data); s != tp.model {
		tp.model = s
		g.ui.SetTour(s)
	}
	return &tp.current
}

// renderBeam is a pointer beam as the renderer draws it.
type renderBeam = render.Beam
