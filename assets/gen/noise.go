package main

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// hash2 is a deterministic pseudo-random value in [0,1) for lattice point
// (ix, iy) under seed (a 64-bit finaliser: no tables, no global state).
func hash2(ix, iy int, seed uint64) float64 {
	h := uint64(int64(ix))*0x9E3779B97F4A7C15 ^ uint64(int64(iy))*0xC2B2AE3D27D4EB4F ^ (seed+1)*0x165667B19E3779F9
	h ^= h >> 33
	h *= 0xFF51AFD7ED558CCD
	h ^= h >> 33
	h *= 0xC4CEB9FE1A85EC53
	h ^= h >> 33
	return float64(h>>11) / (1 << 53)
}

// valueNoise is smooth noise in [0,1) with features about cell pixels
// across. With pw (ph) > 0 the lattice repeats every pw (ph) pixels, so a
// texture that uses it tiles; cell must then divide the period.
func valueNoise(x, y float64, cell, pw, ph int, seed uint64) float64 {
	if (pw > 0 && pw%cell != 0) || (ph > 0 && ph%cell != 0) {
		panic(fmt.Sprintf("noise cell %d does not divide period %d×%d", cell, pw, ph))
	}
	gx, gy := x/float64(cell), y/float64(cell)
	fx, fy := math.Floor(gx), math.Floor(gy)
	ix, iy := int(fx), int(fy)
	tx, ty := gx-fx, gy-fy
	tx = tx * tx * (3 - 2*tx)
	ty = ty * ty * (3 - 2*ty)
	wrap := func(i, period int) int {
		if period <= 0 {
			return i
		}
		n := period / cell
		return ((i % n) + n) % n
	}
	x0, x1 := wrap(ix, pw), wrap(ix+1, pw)
	y0, y1 := wrap(iy, ph), wrap(iy+1, ph)
	a := hash2(x0, y0, seed)
	b := hash2(x1, y0, seed)
	c := hash2(x0, y1, seed)
	d := hash2(x1, y1, seed)
	return (a+(b-a)*tx)*(1-ty) + (c+(d-c)*tx)*ty
}

// fbm sums octaves of valueNoise from cell down by halves, normalised to
// [0,1): large soft blotches with finer variation inside them.
func fbm(x, y float64, cell, octaves, pw, ph int, seed uint64) float64 {
	sum, amp, norm := 0.0, 1.0, 0.0
	for o := 0; o < octaves && cell >= 1; o++ {
		sum += amp * valueNoise(x, y, cell, pw, ph, seed+uint64(o)*101)
		norm += amp
		amp *= 0.5
		cell /= 2
	}
	return sum / norm
}

// quant snaps v in [0,1] to one of n levels. Age and grain are quantised
// so that they form flat patches, which PNG stores far more compactly than
// per-pixel noise, and which read as washes of paint rather than grain.
func quant(v float64, n int) float64 {
	return math.Min(float64(n-1), math.Floor(v*float64(n))) / float64(n-1)
}

// newRand returns a generator with fixed seeds: every texture is the same
// on every run.
func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0xDA3E39CB94B95BDB))
}

// between returns a uniform value in [lo, hi).
func between(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }
