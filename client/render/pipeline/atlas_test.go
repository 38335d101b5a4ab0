package pipeline

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/bits"
	"os"
	"regexp"
	"testing"
)

// noise returns a w×h image of random-looking colours, so any misplaced
// texel shows.
func noise(w, h int, seed uint32) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	x := seed*2654435761 + 1
	for i := 0; i < len(img.Pix); i += 4 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(x), uint8(x>>8), uint8(x>>16), 255
	}
	return img
}

func briefNoise() map[string]image.Image {
	out := map[string]image.Image{}
	for i, name := range sortedKeys(textureSizes) {
		s := textureSizes[name]
		out[name] = noise(s[0], s[1], uint32(i+1))
	}
	return out
}

func TestAtlasLayout(t *testing.T) {
	a, err := BuildAtlas(briefNoise())
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, "generated textures", a, textureSizes)
}

// checkLayout checks an atlas of textures whose source sizes are sizes:
// every texture keeps its size and its full mip chain, every level lies
// inside the atlas where the shader computes it, the atlas sides are at
// most MaxAtlasSide, and no two levels come closer than Gutter.
func checkLayout(t *testing.T, what string, a *Atlas, sizes map[string][2]int) {
	t.Helper()
	if b := a.Image.Bounds(); b.Dx() > MaxAtlasSide || b.Dy() > MaxAtlasSide {
		t.Errorf("%s: atlas is %d×%d texels, a side more than %d", what, b.Dx(), b.Dy(), MaxAtlasSide)
	}
	var rects []image.Rectangle
	var owners []string
	for name, slot := range a.Slots {
		r := a.Regions[slot]
		want := sizes[name]
		if r.W != want[0] || r.H != want[1] {
			t.Errorf("%s: %s: %d×%d in the atlas, want its own %d×%d", what, name, r.W, r.H, want[0], want[1])
		}
		if wantLevels := bits.Len(uint(min(r.W, r.H) / MinMipSize)); r.Levels != wantLevels {
			t.Errorf("%s: %s: %d mip levels, want %d", what, name, r.Levels, wantLevels)
		}
		for k := 0; k < r.Levels; k++ {
			lr := r.LevelRect(k)
			if lr.Dx() != r.W>>k || lr.Dy() != r.H>>k {
				t.Errorf("%s: %s level %d: %d×%d, want %d×%d", what, name, k, lr.Dx(), lr.Dy(), r.W>>k, r.H>>k)
			}
			// The shader's formula for the level's origin (world.kage's
			// levelOrigin) must agree with LevelRect.
			if x, y := shaderLevelOrigin(r, k); lr.Min != image.Pt(int(x), int(y)) || x != math.Floor(x) || y != math.Floor(y) {
				t.Errorf("%s: %s level %d: at %v, the shader computes (%v, %v)", what, name, k, lr.Min, x, y)
			}
			if !lr.In(a.Image.Bounds()) {
				t.Errorf("%s: %s level %d: %v outside the atlas %v", what, name, k, lr, a.Image.Bounds())
			}
			rects = append(rects, lr.Inset(-Gutter/2))
			owners = append(owners, fmt.Sprintf("%s level %d", name, k))
		}
	}
	for i := range rects {
		for j := i + 1; j < len(rects); j++ {
			if rects[i].Overlaps(rects[j]) {
				t.Errorf("%s: %s %v and %s %v overlap (gutters included)", what, owners[i], rects[i], owners[j], rects[j])
			}
		}
	}
}

// shaderLevelOrigin is world.kage's levelOrigin in float64, from the
// uniforms Atlas.Uniforms writes.
func shaderLevelOrigin(r Region, k int) (x, y float64) {
	var reg, mip [4]float32
	a := &Atlas{Regions: []Region{r}}
	a.Uniforms(reg[:], mip[:])
	if k == 0 {
		return float64(reg[0]), float64(reg[1])
	}
	kf := float64(k)
	ox := float64(reg[2]) - float64(reg[2])/math.Exp2(kf-1) + (kf-1)*Gutter
	oy := float64(reg[3]) - float64(reg[3])/math.Exp2(kf-1) + (kf-1)*Gutter
	return float64(mip[0]) + float64(mip[2])*ox, float64(mip[1]) + float64(mip[3])*oy
}

func TestAtlasSample(t *testing.T) {
	src := noise(64, 32, 7)
	a, err := BuildAtlas(map[string]image.Image{"t": src})
	if err != nil {
		t.Fatal(err)
	}
	rgba := func(c color.RGBA) [4]float32 {
		return [4]float32{float32(c.R) / 255, float32(c.G) / 255, float32(c.B) / 255, float32(c.A) / 255}
	}
	near := func(a, b [4]float32) bool {
		for i := range a {
			if math.Abs(float64(a[i]-b[i])) > 1.5/255 {
				return false
			}
		}
		return true
	}
	// At texel centres, level 0 returns the source texels exactly.
	for _, p := range []image.Point{{0, 0}, {63, 31}, {10, 20}, {33, 1}} {
		u, v := (float32(p.X)+0.5)/64, (float32(p.Y)+0.5)/32
		if got, want := a.Sample(0, u, v, 0), rgba(src.RGBAAt(p.X, p.Y)); !near(got, want) {
			t.Errorf("texel %v: sampled %v, want %v", p, got, want)
		}
		// The texture repeats: whole repeats away gives the same colour.
		if got, want := a.Sample(0, u+3, v-2, 0), a.Sample(0, u, v, 0); got != want {
			t.Errorf("texel %v: a repeat away sampled %v, want %v", p, got, want)
		}
	}
	// Halfway between the last and first texel, bilinear filtering blends
	// across the repeat's edge instead of reading the atlas next door.
	last, first := rgba(src.RGBAAt(63, 5)), rgba(src.RGBAAt(0, 5))
	var mid [4]float32
	for i := range mid {
		mid[i] = (last[i] + first[i]) / 2
	}
	if got := a.Sample(0, 1, 5.5/32, 0); !near(got, mid) {
		t.Errorf("across the edge sampled %v, want the blend %v", got, mid)
	}
	// Level 1 is the 2×2 average of level 0.
	var sum [4]float32
	for _, p := range []image.Point{{4, 6}, {5, 6}, {4, 7}, {5, 7}} {
		c := rgba(src.RGBAAt(p.X, p.Y))
		for i := range sum {
			sum[i] += c[i] / 4
		}
	}
	if got := a.Sample(0, 2.5/32, 3.5/16, 1); !near(got, sum) {
		t.Errorf("level 1 texel (2, 3) is %v, want the average %v", got, sum)
	}
}

func TestAtlasResamplesOddSizes(t *testing.T) {
	a, err := BuildAtlas(map[string]image.Image{"photo": noise(300, 200, 3), "huge": noise(3000, 40, 4)})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][2]int{"photo": {256, 256}, "huge": {MaxTextureSide, 32}} {
		r := a.Regions[a.Slots[name]]
		if r.W != want[0] || r.H != want[1] {
			t.Errorf("%s: %d×%d, want %d×%d", name, r.W, r.H, want[0], want[1])
		}
	}
}

func TestAtlasRefusesTooManyTextures(t *testing.T) {
	many := map[string]image.Image{}
	for i := 0; i <= MaxTextures; i++ {
		many[fmt.Sprint("t", i)] = noise(8, 8, uint32(i))
	}
	if _, err := BuildAtlas(many); err == nil {
		t.Errorf("%d textures packed, want an error past %d", len(many), MaxTextures)
	}
}

// TestShaderConstantsMatch reads world.kage and checks that the numbers it
// shares with this package agree.
func TestShaderConstantsMatch(t *testing.T) {
	src, err := os.ReadFile("../world.kage")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pattern string
		want    float64
	}{
		{`const Gutter = ([0-9.]+)`, Gutter},
		{`const MinMipLog2 = ([0-9.]+)`, math.Log2(MinMipSize)},
		{`var TexRegions \[([0-9]+)\]vec4`, MaxTextures},
		{`var TexMips \[([0-9]+)\]vec4`, MaxTextures},
	} {
		m := regexp.MustCompile(c.pattern).FindSubmatch(src)
		if m == nil {
			t.Errorf("world.kage has no %s", c.pattern)
			continue
		}
		var got float64
		fmt.Sscan(string(m[1]), &got)
		if got != c.want {
			t.Errorf("world.kage: %s is %v, the Go side uses %v", c.pattern, got, c.want)
		}
	}
}
