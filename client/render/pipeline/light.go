package pipeline

import (
	"math"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/scenes"
)

// Lighting is a scene's Light in the form the shader takes it: colours
// premultiplied by their intensities and every door as its four corners.
// Shade is the Go twin of the shader's lighting; keep the two in step.
type Lighting struct {
	Ambient [3]float32
	// Sky is added to Ambient in proportion to how much a surface faces
	// up: all of it on a floor, half on a wall, none on a ceiling.
	Sky [3]float32
	// Torch is the torch's colour times its intensity; its light fades to
	// zero at TorchRange metres from the eye.
	Torch      [3]float32
	TorchRange float32
	// Daylight is the daylight's colour times its intensity, entering
	// through Doors[:DoorCount], each given by its corners counter-
	// clockwise as seen from inside the room.
	Daylight  [3]float32
	Doors     [scenes.MaxDoors][4]mgl32.Vec3
	DoorCount int
	// Fog blends toward FogColor between FogNear and FogFar metres.
	FogColor        [3]float32
	FogNear, FogFar float32
}

// NewLighting prepares a scene's light for shading.
func NewLighting(l scenes.Light) Lighting {
	out := Lighting{
		Ambient:    l.Ambient,
		Sky:        l.Sky,
		Torch:      scale3(l.Torch.Color, l.Torch.Intensity),
		TorchRange: l.Torch.Range,
		FogColor:   l.Fog.Color,
		FogNear:    l.Fog.Near,
		FogFar:     l.Fog.Far,
	}
	if d := l.Daylight; d != nil {
		out.Daylight = scale3(d.Color, d.Intensity)
		for i := range d.Doors[:min(len(d.Doors), scenes.MaxDoors)] {
			out.Doors[i] = d.Doors[i].Corners()
			out.DoorCount++
		}
	}
	return out
}

func scale3(c scenes.Color, k float32) [3]float32 { return [3]float32{c[0] * k, c[1] * k, c[2] * k} }

// DoorUniform fills dst (4×4×scenes.MaxDoors floats, the shader's Doors
// uniform) with the doors' corners as vec4s, unused ones zero.
func (l *Lighting) DoorUniform(dst []float32) {
	clear(dst)
	for i, door := range l.Doors[:l.DoorCount] {
		for k, c := range door {
			copy(dst[16*i+4*k:], c[:])
		}
	}
}

// Light returns the scene's light.
func (w *World) Light() scenes.Light { return w.light }

// PixelDistance returns the distance from the eye to the surface point
// seen at normalised device coordinates (x, y) (y up) with clip w, given
// Frame.TanHalf. The shader computes the same per pixel.
func PixelDistance(x, y, w float32, tanHalf [2]float32) float32 {
	ex, ey := float64(x*tanHalf[0]), float64(y*tanHalf[1])
	return w * float32(math.Sqrt(1+ex*ex+ey*ey))
}

// PixelPosition returns the world point seen at normalised device
// coordinates (x, y) with clip w in frame f, as the shader finds it for
// daylight.
func PixelPosition(f *Frame, x, y, w float32) mgl32.Vec3 {
	dir := f.Forward.Add(f.Right.Mul(x * f.TanHalf[0])).Add(f.Up.Mul(y * f.TanHalf[1]))
	return f.Eye.Add(dir.Mul(w))
}

// doorGlowDepth is how far, in metres, a surface may lie from a door's
// plane and still show as the bright opening: walls are hand-placed to
// the centimetre.
const doorGlowDepth = 0.02

// Shade lights a texel colour the way the shader does, at surface point p
// with unit normal n. h is the eye's distance from the surface's plane
// (vertex Custom3), dist the distance from the eye to p.
//
// The torch sits at the eye, so the cosine of its light on the surface is
// h/dist exactly; it fades smoothly to zero at its range. Each door adds
// DoorIrradiance of the daylight. A surface in a door's opening (the wall
// where the door is cut) shows the daylight's colour at full brightness:
// the doorway glows as an opening onto the day. Fog then blends toward the
// fog colour between its near and far distances.
func (l *Lighting) Shade(rgb [3]float32, p, n mgl32.Vec3, h, dist float32) [3]float32 {
	fog := clamp01((dist - l.FogNear) / (l.FogFar - l.FogNear))
	if l.inDoor(p) {
		g := l.glow()
		for i := range g {
			g[i] += (l.FogColor[i] - g[i]) * fog
		}
		return g
	}
	cos := clamp01(h / max(dist, 1e-6))
	x := clamp01(1 - (dist/l.TorchRange)*(dist/l.TorchRange))
	torch := cos * x * x
	var day float32
	for i := range l.Doors[:l.DoorCount] {
		day += DoorIrradiance(&l.Doors[i], p, n)
	}
	sky := 0.5 + 0.5*n[1]
	var out [3]float32
	for i := range out {
		light := l.Ambient[i] + l.Sky[i]*sky + l.Torch[i]*torch + l.Daylight[i]*day
		lit := rgb[i] * light
		out[i] = lit + (l.FogColor[i]-lit)*fog
	}
	return out
}

// inDoor reports whether p lies in a door's opening.
func (l *Lighting) inDoor(p mgl32.Vec3) bool {
	for i := range l.Doors[:l.DoorCount] {
		c := &l.Doors[i]
		u, v, q := c[1].Sub(c[0]), c[3].Sub(c[0]), p.Sub(c[0])
		s, t := q.Dot(u)/u.Dot(u), q.Dot(v)/v.Dot(v)
		depth := q.Dot(u.Cross(v).Normalize())
		if s >= 0 && s <= 1 && t >= 0 && t <= 1 && depth > -doorGlowDepth && depth < doorGlowDepth {
			return true
		}
	}
	return false
}

// glow is the colour of a doorway: the daylight's hue at full brightness.
func (l *Lighting) glow() [3]float32 {
	d := l.Daylight
	m := max(d[0], d[1], d[2], 1e-6)
	return [3]float32{d[0] / m, d[1] / m, d[2] / m}
}

// DoorIrradiance returns the share of the light of a glowing rectangle
// (corners counter-clockwise seen from its lit side) that reaches a
// surface at p with unit normal n: the exact form factor of the polygon,
// Lambert's formula Σ θᵢ (γᵢ·n) / 2π over its edges, where θᵢ is the angle
// an edge subtends at p and γᵢ the unit normal of the plane through p and
// the edge. It is 0 behind the door or for surfaces facing away, and 1 for
// a surface at the middle of an endless door facing it. Light from behind
// the surface's horizon is not cut away, only the total clamped at 0: a
// small error at grazing angles.
func DoorIrradiance(corners *[4]mgl32.Vec3, p, n mgl32.Vec3) float32 {
	var v [4]mgl32.Vec3
	for k, c := range corners {
		v[k] = normalize(c.Sub(p))
	}
	var sum float32
	for k := range v {
		a, b := v[k], v[(k+1)%4]
		c := b.Cross(a)
		l := c.Len()
		if l < 1e-6 {
			continue // p lies on the edge's line
		}
		theta := float32(math.Atan2(float64(l), float64(a.Dot(b))))
		sum += theta * c.Dot(n) / l
	}
	return max(sum/(2*math.Pi), 0)
}

// normalize returns v scaled to unit length, or v if it is (nearly) zero.
func normalize(v mgl32.Vec3) mgl32.Vec3 {
	l := v.Len()
	if l < 1e-9 {
		return v
	}
	return v.Mul(1 / l)
}

func clamp01(v float32) float32 { return min(max(v, 0), 1) }
