package e2e

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
)

// paletteShare returns, for each palette colour, the share of pixels in img
// whose chromaticity matches it. Lighting in the cave scales brightness, so
// pixels are compared by direction in RGB space (the angle between the
// colour vectors) rather than by value; nearly black pixels never match.
func paletteShare(img image.Image, palette []color.RGBA) []float64 {
	b := img.Bounds()
	counts := make([]int, len(palette))
	total := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			total++
			r, g, bl := rgb(img.At(x, y))
			if r+g+bl < 60 {
				continue
			}
			for i, p := range palette {
				if cosine(r, g, bl, float64(p.R), float64(p.G), float64(p.B)) > 0.995 {
					counts[i]++
				}
			}
		}
	}
	shares := make([]float64, len(palette))
	for i, c := range counts {
		shares[i] = float64(c) / float64(total)
	}
	return shares
}

// luminanceSpread returns the standard deviation of luminance (0–255): a
// blank or flat-filled screen has almost none.
func luminanceSpread(img image.Image) float64 {
	b := img.Bounds()
	var sum, sum2, n float64
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl := rgb(img.At(x, y))
			l := 0.2126*r + 0.7152*g + 0.0722*bl
			sum += l
			sum2 += l * l
			n++
		}
	}
	mean := sum / n
	return math.Sqrt(math.Max(0, sum2/n-mean*mean))
}

// countNear counts pixels inside rect within tol (per channel) of c.
func countNear(img image.Image, rect image.Rectangle, c color.RGBA, tol float64) int {
	n := 0
	rect = rect.Intersect(img.Bounds())
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			r, g, b := rgb(img.At(x, y))
			if math.Abs(r-float64(c.R)) <= tol && math.Abs(g-float64(c.G)) <= tol && math.Abs(b-float64(c.B)) <= tol {
				n++
			}
		}
	}
	return n
}

func rgb(c color.Color) (r, g, b float64) {
	R, G, B, _ := c.RGBA()
	return float64(R >> 8), float64(G >> 8), float64(B >> 8)
}

func cosine(r1, g1, b1, r2, g2, b2 float64) float64 {
	d := math.Sqrt(r1*r1+g1*g1+b1*b1) * math.Sqrt(r2*r2+g2*g2+b2*b2)
	if d == 0 {
		return 0
	}
	return (r1*r2 + g1*g2 + b1*b2) / d
}

// parseHex parses a CSS colour "#rrggbb".
func parseHex(s string) (color.RGBA, bool) {
	s = strings.TrimPrefix(s, "#")
	if len(s) != 6 {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}, true
}
