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
	if err := writeAll(dir); err != nil {
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

// TestPaletteQuantisationKeepsColours checks that reducing to 256
// colours does not visibly shift any pixel of a real texture.
func TestPaletteQuantisationKeepsColours(t *testing.T) {
	c := thousandBuddhas(512, 512)
	img := c.Image()
	q := paletted(img)
	worst := 0
	for y := 0; y < c.H; y++ {
		for x := 0; x < c.W; x++ {
			worst = max(worst, colourDistance(img, q, image.Pt(x, y)))
		}
	}
	if worst > 40 {
		t.Errorf("palette reduction moves a pixel by %d levels in one channel, want at most 40", worst)
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
