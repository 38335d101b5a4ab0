package pipeline

import (
	"math"

	"yunyou/scenes"
)

// Light returns the scene's light, for the shader's uniforms.
func (w *World) Light() scenes.Light { return w.light }

// PixelDistance returns the distance from the eye to the surface point
// seen at normalised device coordinates (x, y) (y up) with clip w, given
// Frame.TanHalf. The shader computes the same per pixel.
func PixelDistance(x, y, w float32, tanHalf [2]float32) float32 {
	ex, ey := float64(x*tanHalf[0]), float64(y*tanHalf[1])
	return w * float32(math.Sqrt(1+ex*ex+ey*ey))
}

// Shade lights a texel colour the way the shader does. h is the eye's
// distance from the surface's plane (vertex Custom3), dist the distance
// from the eye to the point. The torch sits at the eye, so the cosine of
// its light on the surface is h/dist exactly; it fades smoothly to zero at
// its range. Fog then blends toward the fog colour between its near and
// far distances.
func Shade(l scenes.Light, rgb [3]float32, h, dist float32) [3]float32 {
	cos := clamp01(h / max(dist, 1e-6))
	x := clamp01(1 - (dist/l.Torch.Range)*(dist/l.Torch.Range))
	torch := l.Torch.Intensity * cos * x * x
	fog := clamp01((dist - l.Fog.Near) / (l.Fog.Far - l.Fog.Near))
	var out [3]float32
	for i := range out {
		lit := rgb[i] * (l.Ambient[i] + l.Torch.Color[i]*torch)
		out[i] = lit + (l.Fog.Color[i]-lit)*fog
	}
	return out
}

func clamp01(v float32) float32 { return min(max(v, 0), 1) }
