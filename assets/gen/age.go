package main

import "math"

// The Northern Wei mural palette. Keep in step with assets.MogaoPalette,
// which lists the main hues for tests that look for them on screen.
var (
	earthRed   = hexRGB("#8c3b26") // 土红 ground
	cinnabar   = hexRGB("#a8462d") // brighter red for robes and bands
	vermilion  = hexRGB("#c2503a") // fresh red accents
	malachite  = hexRGB("#3f7d5a") // 石绿
	paleGreen  = hexRGB("#7db8a0")
	lapis      = hexRGB("#2f4f8f") // 石青 / lapis
	azure      = hexRGB("#5677ad") // lighter azurite
	ochre      = hexRGB("#c08a3e") // yellow ochre
	darkLead   = hexRGB("#4a4440") // lead white and red lead gone dark: faces, bodies
	pale       = hexRGB("#d8cbb0") // surviving whites
	ink        = hexRGB("#1e1b18") // contour lines
	gold       = hexRGB("#c9a447") // sparse gilding
	plaster    = hexRGB("#ad9878") // clay plaster where paint has flaked off
	dust       = hexRGB("#a08a6c") // what faded paint drifts toward
	darkGround = hexRGB("#3b2f2c") // the dado's dark ground
	nicheDark  = hexRGB("#2a3040") // the shadowed back of a niche
	hair       = hexRGB("#2a2f3c") // blue-black hair and ushnisha
)

// ageOpts says how old a texture looks. All effects are driven by noise
// that repeats with the canvas, so ageing never breaks a seamless tile.
type ageOpts struct {
	seed   uint64
	fade   float64 // strongest pull of colour toward dust (0–1)
	stain  float64 // strongest darkening by soot and water marks (0–1)
	flake  float64 // noise level above which paint has flaked off: 0.7 loses a few percent, 0 none
	cracks int     // number of hairline cracks
	specks int     // number of small pits and spots
}

// age makes a painted canvas look fifteen centuries old: washed-out
// patches, dark stains, flaked areas showing the clay plaster, pits and
// hairline cracks.
func age(c *Canvas, o ageOpts) {
	pw, ph := 0, 0
	if c.WrapX {
		pw = c.W
	}
	if c.WrapY {
		ph = c.H
	}
	c.Map(func(x, y int, p RGB) RGB {
		fx, fy := float64(x), float64(y)
		f := fbm(fx, fy, 128, 3, pw, ph, o.seed)
		p = p.Mix(dust, o.fade*quant(f, 5))
		s := fbm(fx, fy, 64, 3, pw, ph, o.seed+11)
		if s > 0.6 {
			p = p.Scale(1 - o.stain*quant((s-0.6)/0.4, 3))
		}
		if o.flake > 0 {
			// Paint lifts at a darkened rim, then is gone, baring plaster.
			// Fine blotches, clustered by a broad field: damage gathers
			// where damp or rubbing reached the wall.
			n := 0.6*fbm(fx, fy, 16, 4, pw, ph, o.seed+23) + 0.4*fbm(fx, fy, 128, 2, pw, ph, o.seed+29)
			if n > o.flake-0.03 {
				p = p.Scale(1 - 0.25*smoothstep(o.flake-0.03, o.flake-0.01, n))
				g := valueNoise(fx, fy, 8, pw, ph, o.seed+31)
				bare := plaster.Scale(0.9 + 0.08*quant(g, 3))
				p = p.Mix(bare, smoothstep(o.flake-0.008, o.flake+0.008, n))
			}
		}
		return p
	})
	r := newRand(o.seed + 101)
	for i := 0; i < o.specks; i++ {
		x, y := between(r, 0, float64(c.W)), between(r, 0, float64(c.H))
		rad := between(r, 0.6, 1.9)
		col, a := plaster, 0.8
		if r.IntN(3) == 0 {
			col, a = ink, 0.45
		}
		c.FillA(pen(nil).Circle(x, y, rad), col, a)
	}
	for i := 0; i < o.cracks; i++ {
		crack(c, r.Float64()*float64(c.W), r.Float64()*float64(c.H), between(r, 0, 2*math.Pi), between(r, 40, 160), r.Uint64(), 2)
	}
}

// crack draws a wandering hairline from (x, y), branching up to depth
// times; its pale lip beside the dark line is what makes it read as a
// crack in plaster rather than a pencil stroke.
func crack(c *Canvas, x, y, dir, length float64, seed uint64, depth int) {
	r := newRand(seed)
	p := []vec{{x, y}}
	step := 4.0
	for l := 0.0; l < length; l += step {
		dir += between(r, -0.45, 0.45)
		x += math.Cos(dir) * step
		y += math.Sin(dir) * step
		p = append(p, vec{x, y})
		if depth > 0 && r.IntN(14) == 0 {
			crack(c, x, y, dir+between(r, -1.2, 1.2), length*between(r, 0.2, 0.5), r.Uint64(), depth-1)
		}
	}
	lip := make([]vec, len(p))
	for i, q := range p {
		lip[i] = q.add(vec{0.8, 0.9})
	}
	c.FillA(pen(nil).Stroke(lip, 0.9, 0.5), pale, 0.25)
	c.FillA(pen(nil).Stroke(p, 1.1, 0.5), ink, 0.55)
}

// smoothstep eases from 0 at e0 to 1 at e1.
func smoothstep(e0, e1, x float64) float64 {
	t := math.Min(1, math.Max(0, (x-e0)/(e1-e0)))
	return t * t * (3 - 2*t)
}
