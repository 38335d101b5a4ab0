package main

import (
	"image"
	"image/color"
	"slices"
)

// maxColours is the largest palette of the written PNGs. An 8-bit
// paletted PNG takes a third of the bytes of true colour before
// compression, and mural paint is a few flat colours anyway: 256 entries
// leave room for the antialiased edges and the washes of age.
const maxColours = 256

// colourCount is one distinct colour and how many pixels have it.
type colourCount struct {
	c uint32 // 0xRRGGBB
	n int
}

func channel(c uint32, ch int) int { return int(c>>(16-8*ch)) & 0xFF }

// paletted reduces img to at most maxColours colours by median cut:
// boxes of colours are split at the pixel-weighted median of their widest
// channel until there are enough boxes; each box becomes its mean colour.
// Every step sorts with total orders, so the result never depends on map
// iteration order.
func paletted(img *image.RGBA) *image.Paletted { return palettedN(img, maxColours) }

// palettedN is paletted with at most n colours (n ≤ maxColours).
func palettedN(img *image.RGBA, n int) *image.Paletted {
	counts := map[uint32]int{}
	for i := 0; i < len(img.Pix); i += 4 {
		counts[uint32(img.Pix[i])<<16|uint32(img.Pix[i+1])<<8|uint32(img.Pix[i+2])]++
	}
	all := make([]colourCount, 0, len(counts))
	for c, n := range counts {
		all = append(all, colourCount{c, n})
	}
	slices.SortFunc(all, func(a, b colourCount) int { return int(a.c) - int(b.c) })

	boxes := [][]colourCount{all}
	for len(boxes) < n {
		// Split the box whose widest channel spread, weighted by its pixel
		// count, is largest: big areas get fine shades, rare edge blends
		// share entries.
		best, bestScore, bestCh := -1, 0, 0
		for i, b := range boxes {
			if len(b) < 2 {
				continue
			}
			n := 0
			for _, cc := range b {
				n += cc.n
			}
			for ch := 0; ch < 3; ch++ {
				lo, hi := 255, 0
				for _, cc := range b {
					v := channel(cc.c, ch)
					lo, hi = min(lo, v), max(hi, v)
				}
				if s := (hi - lo) * isqrt(n); s > bestScore {
					best, bestScore, bestCh = i, s, ch
				}
			}
		}
		if best < 0 {
			break
		}
		b := boxes[best]
		slices.SortStableFunc(b, func(x, y colourCount) int { return channel(x.c, bestCh) - channel(y.c, bestCh) })
		total := 0
		for _, cc := range b {
			total += cc.n
		}
		cut, acc := 1, 0
		for i, cc := range b[:len(b)-1] {
			acc += cc.n
			cut = i + 1
			if 2*acc >= total {
				break
			}
		}
		boxes[best] = b[:cut]
		boxes = append(boxes, b[cut:])
	}

	pal := make(color.Palette, len(boxes))
	for i, b := range boxes {
		var r, g, bl, n int
		for _, cc := range b {
			r += channel(cc.c, 0) * cc.n
			g += channel(cc.c, 1) * cc.n
			bl += channel(cc.c, 2) * cc.n
			n += cc.n
		}
		pal[i] = color.RGBA{uint8((r + n/2) / n), uint8((g + n/2) / n), uint8((bl + n/2) / n), 255}
	}
	// Map each distinct colour to its nearest palette entry (not just its
	// box's mean, which may be farther away).
	index := make(map[uint32]uint8, len(all))
	for _, cc := range all {
		index[cc.c] = uint8(nearest(pal, cc.c))
	}
	out := image.NewPaletted(img.Rect, pal)
	for i, j := 0, 0; i < len(img.Pix); i, j = i+4, j+1 {
		out.Pix[j] = index[uint32(img.Pix[i])<<16|uint32(img.Pix[i+1])<<8|uint32(img.Pix[i+2])]
	}
	return out
}

func nearest(pal color.Palette, c uint32) int {
	best, bestD := 0, 1<<30
	r, g, b := channel(c, 0), channel(c, 1), channel(c, 2)
	for i, pc := range pal {
		q := pc.(color.RGBA)
		dr, dg, db := r-int(q.R), g-int(q.G), b-int(q.B)
		// Green weighs most in perceived brightness.
		if d := 3*dr*dr + 4*dg*dg + 2*db*db; d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

func isqrt(n int) int {
	x := 0
	for (x+1)*(x+1) <= n {
		x++
	}
	return x
}
