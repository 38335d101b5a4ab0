package pipeline

import (
	"math"

	"github.com/go-gl/mathgl/mgl32"
)

// Camera defaults used where a Camera field is zero.
const (
	// DefaultFovY is the vertical field of view in radians (60°): wide
	// enough to take in a cave wall, narrow enough not to bend its edges.
	DefaultFovY = math.Pi / 3
	// DefaultNear is the near clipping distance in metres. Walking keeps
	// the eye a body radius (0.25 m) from walls; 5 cm leaves room for
	// looking up and down past corners without clipping into view.
	DefaultNear = 0.05
	// DefaultFar is the far distance in metres, used for culling only
	// (nothing is drawn into a depth buffer): beyond the largest hall.
	DefaultFar = 400
)

// Camera is an eye in the world. Yaw turns about Y: 0 looks toward -Z
// (north), +π/2 toward -X (west). Pitch looks up when positive. FovY is the
// vertical field of view in radians; Near and Far bound what is drawn, in
// metres. Zero FovY, Near or Far take the defaults above.
//
// Aspect is the width/height ratio of the picture as finally shown. Zero
// means the viewport's own ratio; set it when the viewport is drawn
// stretched onto a screen of a slightly different shape (a buffer at a
// reduced resolution, whose sides are rounded to whole pixels), so the
// picture on the screen is not distorted.
type Camera struct {
	Pos                         mgl32.Vec3
	Yaw, Pitch, FovY, Near, Far float32
	Aspect                      float32
}

// withDefaults fills zero fields.
func (c Camera) withDefaults() Camera {
	if c.FovY <= 0 {
		c.FovY = DefaultFovY
	}
	if c.Near <= 0 {
		c.Near = DefaultNear
	}
	if c.Far <= c.Near {
		c.Far = max(DefaultFar, 2*c.Near)
	}
	return c
}

// Forward returns the unit vector the camera looks along.
func (c Camera) Forward() mgl32.Vec3 {
	sy, cy := math.Sincos(float64(c.Yaw))
	sp, cp := math.Sincos(float64(c.Pitch))
	return mgl32.Vec3{float32(-sy * cp), float32(sp), float32(-cy * cp)}
}

// Basis returns the camera's unit axes in the world: right, up and
// forward (the way it looks).
func (c Camera) Basis() (right, up, forward mgl32.Vec3) {
	sy, cy := math.Sincos(float64(c.Yaw))
	sp, cp := math.Sincos(float64(c.Pitch))
	forward = mgl32.Vec3{float32(-sy * cp), float32(sp), float32(-cy * cp)}
	right = mgl32.Vec3{float32(cy), 0, float32(-sy)}
	up = mgl32.Vec3{float32(sy * sp), float32(cp), float32(cy * sp)}
	return right, up, forward
}

// View returns the world-to-eye matrix: the eye at the origin looking down
// -Z with Y up, OpenGL style.
func (c Camera) View() mgl32.Mat4 {
	return mgl32.HomogRotate3DX(-c.Pitch).
		Mul4(mgl32.HomogRotate3DY(-c.Yaw)).
		Mul4(mgl32.Translate3D(-c.Pos.X(), -c.Pos.Y(), -c.Pos.Z()))
}

// Projection returns the eye-to-clip matrix for a viewport of the given
// width/height ratio. Clip w equals the distance in front of the eye.
func (c Camera) Projection(aspect float32) mgl32.Mat4 {
	c = c.withDefaults()
	return mgl32.Perspective(c.FovY, aspect, c.Near, c.Far)
}

// ViewProjection returns Projection(aspect) × View().
func (c Camera) ViewProjection(aspect float32) mgl32.Mat4 {
	return c.Projection(aspect).Mul4(c.View())
}

// TanHalf returns the tangents of half the horizontal and vertical fields
// of view: a point at normalised device (x, y) and clip w lies at eye-space
// (x·tx·w, y·ty·w, -w). The shader uses this to find each pixel's distance.
func (c Camera) TanHalf(aspect float32) (tx, ty float32) {
	c = c.withDefaults()
	ty = float32(math.Tan(float64(c.FovY) / 2))
	return ty * aspect, ty
}

// Project returns where world point p appears in a width×height viewport,
// in pixels from the top left, and its distance in front of the eye (clip
// w). ok is false if p is not in front of the near plane.
func (c Camera) Project(width, height int, p mgl32.Vec3) (x, y, w float32, ok bool) {
	c = c.withDefaults()
	clip := c.ViewProjection(c.aspectFor(width, height)).Mul4x1(p.Vec4(1))
	if clip.W() < c.Near {
		return 0, 0, clip.W(), false
	}
	x = (clip.X()/clip.W() + 1) / 2 * float32(width)
	y = (1 - clip.Y()/clip.W()) / 2 * float32(height)
	return x, y, clip.W(), true
}

// aspectFor returns the aspect ratio to project a width×height viewport
// with: Aspect if set, else the viewport's.
func (c Camera) aspectFor(width, height int) float32 {
	if c.Aspect > 0 {
		return c.Aspect
	}
	return aspectOf(width, height)
}

// aspectOf returns width/height, 1 for an empty viewport.
func aspectOf(width, height int) float32 {
	if width <= 0 || height <= 0 {
		return 1
	}
	return float32(width) / float32(height)
}
