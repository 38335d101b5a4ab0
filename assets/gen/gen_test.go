package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestCommittedTexturesAreUpToDate repaints every texture into a temporary
// directory and compares it with the committed file, so a change to the
// generator cannot ship without its images.
func TestCommittedTexturesAreUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := writeAll(dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, tex := range textures {
		committed := filepath.Join("..", "textures", tex.name+".png")
		want, err := os.ReadFile(committed)
		if err != nil {
			t.Errorf("%s: %v: run `go generate ./assets`", tex.name, err)
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, tex.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(got, want) {
			continue
		}
		if runtime.GOARCH != "amd64" && nearlySame(t, got, want) {
			// Architectures that fuse multiply-adds round a few blends
			// differently; the files are generated and compared on amd64.
			continue
		}
		t.Errorf("textures/%s.png differs from the generator's output: run `go generate ./assets`", tex.name)
	}
}

// nearlySame reports whether two PNGs show the same picture up to the odd
// pixel rounded differently.
func nearlySame(t *testing.T, a, b []byte) bool {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if ia.Bounds() != ib.Bounds() {
		return false
	}
	const maxOff = 0.002 // share of pixels allowed to differ visibly
	r := ia.Bounds()
	off := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if colourDistance(ia, ib, image.Pt(x, y)) > 24 {
				off++
			}
		}
	}
	return float64(off) <= maxOff*float64(r.Dx()*r.Dy())
}

func colourDistance(a, b image.Image, p image.Point) int {
	r1, g1, b1, _ := a.At(p.X, p.Y).RGBA()
	r2, g2, b2, _ := b.At(p.X, p.Y).RGBA()
	d := 0
	for _, v := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
		d = max(d, abs(v))
	}
	return d
}

// TestPaletteQuantisationKeepsColours checks that reducing a real
// texture to its palette (256 colours, or the lean 96) does not visibly
// shift it: a busy mural, a white-ground slope, and the gilt caisson and
// lattice door, whose gold edges over many grounds make the rarest
// blends. A handful of antialiased edge pixels may move further than the
// rest; no pixel may change its look.
func TestPaletteQuantisationKeepsColours(t *testing.T) {
	const (
		nearLevels = 32     // a shift up to this is invisible on a texture
		maxShare   = 0.0005 // of the pixels may shift more than nearLevels
		maxLevels  = 64     // and none more than this
	)
	for _, tc := range []struct {
		name    string
		paint   func(w, h int) *Canvas
		w, h    int
		colours int
	}{
		{"mogao-thousand-buddhas", thousandBuddhas, 512, 512, maxColours},
		{"mogao-249-west-slope", westSlope249, 1024, 512, lean},
		{"palace-dragon-caisson", dragonCaisson, 1024, 1024, lean},
		{"palace-lattice-door", latticeDoor, 512, 1024, lean},
	} {
		c := tc.paint(tc.w, tc.h)
		img := c.Image()
		q := palettedN(img, tc.colours)
		if n := len(q.Palette); n > tc.colours {
			t.Errorf("%s: palette has %d colours, want at most %d", tc.name, n, tc.colours)
		}
		worst, far := 0, 0
		for y := 0; y < c.H; y++ {
			for x := 0; x < c.W; x++ {
				d := colourDistance(img, q, image.Pt(x, y))
				worst = max(worst, d)
				if d > nearLevels {
					far++
				}
			}
		}
		if share := float64(far) / float64(c.W*c.H); share > maxShare {
			t.Errorf("%s: palette reduction moves %.3f%% of pixels by more than %d levels, want at most %.3f%%", tc.name, 100*share, nearLevels, 100*maxShare)
		}
		if worst > maxLevels {
			t.Errorf("%s: palette reduction moves a pixel by %d levels in one channel, want at most %d", tc.name, worst, maxLevels)
		}
	}
}

// TestSelectedRejectsUnknownNames keeps -only honest: a misspelt name is
// an error rather than a run that quietly paints nothing.
func TestSelectedRejectsUnknownNames(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  int // textures selected; -1 for an error
	}{
		{nil, len(textures)},
		{[]string{"palace-wall"}, 1},
		{[]string{"palace-wall", "mogao-floor"}, 2},
		{[]string{"palace-wal"}, -1},
	} {
		got, err := selected(tc.names)
		switch {
		case tc.want < 0 && err == nil:
			t.Errorf("selected(%q) = %d textures, want an error", tc.names, len(got))
		case tc.want >= 0 && (err != nil || len(got) != tc.want):
			t.Errorf("selected(%q) = %d textures, %v; want %d", tc.names, len(got), err, tc.want)
		}
	}
}

// BenchmarkRender paints and encodes each texture; `go generate` runs
// them all, in parallel.
func BenchmarkRender(b *testing.B) {
	for _, tex := range textures {
		b.Run(tex.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := render(tex); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
