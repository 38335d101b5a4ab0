//go:build js

package main

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"yunyou/client/move"
	"yunyou/client/touch"
)

// Colours of the touch joystick: subtle, so it does not hide the murals.
// (NRGBA: straight alpha; color.RGBA would need premultiplied values.)
var (
	stickRim  = color.NRGBA{0xff, 0xf4, 0xe0, 0x60}
	stickKnob = color.NRGBA{0xff, 0xf4, 0xe0, 0x48}
)

// input reads the keyboard, the mouse and the touch screen into a
// move.Intent each frame.
type input struct {
	pad      touch.Pad
	touchIDs []ebiten.TouchID
	points   []touch.Point

	lastX, lastY int
	looking      bool // the mouse turned the view last frame
	dragging     bool
}

func (in *input) read(g *game, typing bool) move.Intent {
	var intent move.Intent
	if !typing {
		pressed := func(keys ...ebiten.Key) bool {
			for _, k := range keys {
				if ebiten.IsKeyPressed(k) {
					return true
				}
			}
			return false
		}
		intent = move.Keys{
			Forward:   pressed(ebiten.KeyW, ebiten.KeyArrowUp),
			Back:      pressed(ebiten.KeyS, ebiten.KeyArrowDown),
			Left:      pressed(ebiten.KeyA),
			Right:     pressed(ebiten.KeyD),
			TurnLeft:  pressed(ebiten.KeyArrowLeft),
			TurnRight: pressed(ebiten.KeyArrowRight),
			Run:       pressed(ebiten.KeyShiftLeft, ebiten.KeyShiftRight),
		}.Intent()
		if inpututil.IsKeyJustPressed(ebiten.KeyEnter) && g.pres.Joined() {
			g.ui.FocusChat()
		}
	}

	in.touchIDs = ebiten.AppendTouchIDs(in.touchIDs[:0])
	in.points = in.points[:0]
	for _, id := range in.touchIDs {
		x, y := ebiten.TouchPosition(id)
		in.points = append(in.points, touch.Point{ID: int(id), X: float32(x), Y: float32(y)})
	}
	intent = intent.Add(in.pad.Update(in.points, float32(g.screenW), float32(g.screenH)))

	// Mouse: a click captures the pointer for looking around (Esc frees
	// it); where the browser refuses, dragging with the button held looks.
	x, y := ebiten.CursorPosition()
	captured := ebiten.CursorMode() == ebiten.CursorModeCaptured
	if len(in.touchIDs) == 0 && inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		in.dragging = true
		if !captured {
			ebiten.SetCursorMode(ebiten.CursorModeCaptured)
		}
	}
	if !ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) {
		in.dragging = false
	}
	// Look only by movement while looking: the press that starts a drag
	// may come with a jump from wherever the cursor was last seen.
	looking := (captured || in.dragging) && len(in.touchIDs) == 0
	if looking && in.looking {
		perPx := float32(move.MouseRadiansPerPixel / g.pixelScale)
		intent.Yaw -= float32(x-in.lastX) * perPx
		intent.Pitch -= float32(y-in.lastY) * perPx
	}
	in.lastX, in.lastY, in.looking = x, y, looking
	return intent
}

// drawStick draws the touch joystick while a thumb holds it.
func (in *input) drawStick(screen *ebiten.Image) {
	cx, cy, kx, ky, r, ok := in.pad.Stick()
	if !ok {
		return
	}
	vector.StrokeCircle(screen, cx, cy, r, max(2, r/24), stickRim, true)
	vector.DrawFilledCircle(screen, kx, ky, r*0.4, stickKnob, true)
}
