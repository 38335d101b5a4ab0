//go:build js

package main

import (
	"github.com/go-gl/mathgl/mgl32"

	"yunyou/protocol"
)

// view answers the page's window.yunyou.project() and pose() for the game
// (see page.Projector). The page calls them from its animation frames,
// between the game's frames, so they see the last drawn camera.
type view struct{ g *game }

// Project maps a scene point to CSS pixels, hidden when it is behind a
// wall or pillar, behind the camera or off screen.
func (v view) Project(x, y, z float32) (float32, float32, bool) {
	g := v.g
	if g.screenW == 0 || g.screenH == 0 {
		return 0, 0, false
	}
	sx, sy, ok := g.r.Project(g.screenW, g.screenH, g.camera(), mgl32.Vec3{x, y, z})
	if !ok {
		return 0, 0, false
	}
	s := float32(g.pixelScale)
	return sx / s, sy / s, true
}

// Pose returns the visitor's pose.
func (v view) Pose() protocol.Pose { return v.g.pose }
