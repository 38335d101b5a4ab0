package assets

import (
	"bytes"
	"image"
	"image/png"
	"io/fs"
	"math"
	"slices"
	"testing"
)

// budgetBytes caps the nine PNGs together: they are fetched before a
// visitor first sees the cave, on whatever connection they have.
const budgetBytes = 1_200_000

// contract is the texture set every scene may use: name, size, and
// whether it repeats across (x) and down (y) without seams.
var contract = []struct {
	name         string
	w, h         int
	tileX, tileY bool
}{
	{"mogao-thousand-buddhas", 512, 512, true, true},
	{"mogao-deer-jataka", 1024, 256, true, false},
	{"mogao-narrative-band", 1024, 256, true, false},
	{"mogao-heavenly-musicians", 1024, 256, true, false},
	{"mogao-yaksha-dado", 1024, 256, true, false},
	{"mogao-lantern-ceiling", 512, 512, true, true},
	{"mogao-gable-ceiling", 512, 512, true, true},
	{"mogao-pillar-niche", 512, 1024, false, false},
	{"mogao-floor", 512, 512, true, true},
}

func decode(t *testing.T, name string) image.Image {
	t.Helper()
	data, err := fs.ReadFile(Textures, "textures/"+name+".png")
	if err != nil {
		t.Fatalf("texture %s missing: %v (run `go generate ./assets`)", name, err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("texture %s: %v", name, err)
	}
	return img
}

func TestNamesMatchTheContract(t *testing.T) {
	var want []string
	for _, c := range contract {
		want = append(want, c.name)
	}
	slices.Sort(want)
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v\nwant      %v", got, want)
	}
}

func TestTexturesHaveContractSizes(t *testing.T) {
	for _, c := range contract {
		b := decode(t, c.name).Bounds()
		if b.Dx() != c.w || b.Dy() != c.h {
			t.Errorf("%s is %d×%d, want %d×%d", c.name, b.Dx(), b.Dy(), c.w, c.h)
		}
	}
}

func TestTexturesFitTheDownloadBudget(t *testing.T) {
	total := 0
	for _, name := range Names() {
		data, err := fs.ReadFile(Textures, "textures/"+name+".png")
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-26s %7d bytes", name, len(data))
		total += len(data)
	}
	if total >= budgetBytes {
		t.Errorf("textures total %d bytes, budget %d: keep flat areas flat and noise quantised", total, budgetBytes)
	}
}

// lineDiff is the mean absolute RGB difference between line a and line b
// of img: columns when vertical, rows otherwise.
func lineDiff(img image.Image, a, b int, vertical bool) float64 {
	bd := img.Bounds()
	n := bd.Dy()
	if !vertical {
		n = bd.Dx()
	}
	sum := 0.0
	for i := 0; i < n; i++ {
		var p, q [3]uint32
		if vertical {
			p[0], p[1], p[2], _ = img.At(a, i).RGBA()
			q[0], q[1], q[2], _ = img.At(b, i).RGBA()
		} else {
			p[0], p[1], p[2], _ = img.At(i, a).RGBA()
			q[0], q[1], q[2], _ = img.At(i, b).RGBA()
		}
		for k := range p {
			sum += math.Abs(float64(p[k]>>8) - float64(q[k]>>8))
		}
	}
	return sum / float64(3*n)
}

// TestRepeatableTexturesHaveNoSeam compares the last line with the first
// (the seam a repeat puts side by side) with the changes between
// neighbouring lines next to it and across the image: a seam shows as a
// jump far larger than the painting's own changes around it.
func TestRepeatableTexturesHaveNoSeam(t *testing.T) {
	for _, c := range contract {
		img := decode(t, c.name)
		for _, axis := range []struct {
			on       bool
			vertical bool
			n        int
			label    string
		}{{c.tileX, true, c.w, "left/right"}, {c.tileY, false, c.h, "top/bottom"}} {
			if !axis.on {
				continue
			}
			inner := 0.0
			for i := 0; i+1 < axis.n; i++ {
				inner += lineDiff(img, i, i+1, axis.vertical)
			}
			inner /= float64(axis.n - 1)
			local := max(lineDiff(img, axis.n-2, axis.n-1, axis.vertical), lineDiff(img, 0, 1, axis.vertical))
			seam := lineDiff(img, axis.n-1, 0, axis.vertical)
			if seam > 2*max(inner, local)+2 {
				t.Errorf("%s: %s edges differ by %.1f per channel, neighbouring lines by %.1f: a repeat shows a seam", c.name, axis.label, seam, inner)
			}
		}
	}
}

// TestPaletteIsPainted checks that every hue in MogaoPalette covers part
// of the textures, judged the way screenshot tests judge it: by the angle
// between colours in RGB, since cave light scales brightness.
func TestPaletteIsPainted(t *testing.T) {
	const minShare = 0.01 // of all texture pixels; each hue is a main one
	counts := make([]int, len(MogaoPalette))
	total := 0
	for _, name := range Names() {
		img := decode(t, name)
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y += 2 {
			for x := b.Min.X; x < b.Max.X; x += 2 {
				r, g, bl, _ := img.At(x, y).RGBA()
				total++
				for i, p := range MogaoPalette {
					if cosine(float64(r>>8), float64(g>>8), float64(bl>>8), float64(p.R), float64(p.G), float64(p.B)) > 0.995 {
						counts[i]++
					}
				}
			}
		}
	}
	for i, n := range counts {
		if share := float64(n) / float64(total); share < minShare {
			t.Errorf("palette colour %v covers %.2f%% of the textures, want at least %.0f%%", MogaoPalette[i], 100*share, 100*minShare)
		}
	}
}

func cosine(r1, g1, b1, r2, g2, b2 float64) float64 {
	d := math.Sqrt(r1*r1+g1*g1+b1*b1) * math.Sqrt(r2*r2+g2*g2+b2*b2)
	if d == 0 {
		return 0
	}
	return (r1*r2 + g1*g2 + b1*b2) / d
}
