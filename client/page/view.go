//go:build js

package page

import (
	"syscall/js"

	"yunyou/protocol"
)

// Projector answers the page's questions about the view: where a point of
// the scene shows on screen, and where the visitor stands. The page uses
// it to place hotspot markers and portal labels over the canvas and to
// notice when the visitor walks into a portal.
type Projector interface {
	// Project returns where the scene point (x, y, z) shows, in CSS
	// pixels from the page's top left, and whether it is visible (in
	// front of the camera, on screen and not hidden behind a wall).
	Project(x, y, z float32) (sx, sy float32, visible bool)
	// Pose returns the visitor's current pose.
	Pose() protocol.Pose
}

// SetProjector installs window.yunyou.project(x, y, z), which returns
// {x, y, visible}, and window.yunyou.pose(), which returns
// {x, y, z, yaw, pitch}. The page calls them for every marker on every
// animation frame, so each reuses one result object instead of making
// one per call: a caller reads the fields before the next call.
func (p *Page) SetProjector(pr Projector) {
	obj := js.Global().Get("Object")
	proj := obj.New()
	p.export("project", func(args []js.Value) any {
		if len(args) < 3 {
			proj.Set("visible", false)
			return proj
		}
		x, y, ok := pr.Project(float32(args[0].Float()), float32(args[1].Float()), float32(args[2].Float()))
		proj.Set("x", x)
		proj.Set("y", y)
		proj.Set("visible", ok)
		return proj
	})
	pose := obj.New()
	p.export("pose", func([]js.Value) any {
		ps := pr.Pose()
		pose.Set("x", ps.X)
		pose.Set("y", ps.Y)
		pose.Set("z", ps.Z)
		pose.Set("yaw", ps.Yaw)
		pose.Set("pitch", ps.Pitch)
		return pose
	})
}
