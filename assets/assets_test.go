package assets

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math"
	"slices"
	"strings"
	"testing"
)

// Download limits. Textures are fetched before a visitor first sees a
// scene, on whatever connection they have.
const (
	// budgetBytes caps every PNG together: the whole site's textures.
	budgetBytes = 2_600_000
	// sceneBudgetBytes caps the textures one scene needs, so that no
	// scene keeps a visitor waiting much longer than another.
	sceneBudgetBytes = 1_500_000
	// maxTextureBytes caps one PNG: flat paint compresses far below it,
	// so a texture past it has noise that should be quantised.
	maxTextureBytes = 150_000
	// maxSide caps a texture's width and height, for GPUs that limit
	// texture size and for the atlas the renderer packs them into.
	maxSide = 1024
	// maxPaletteColours is what an 8-bit paletted PNG can index.
	maxPaletteColours = 256
)

// contract is the texture set every scene may use: name, size, and
// whether it repeats across (x) and down (y) without seams.
var contract = []struct {
	name         string
	w, h         int
	tileX, tileY bool
}{
	// Cave 257 (Northern Wei, earth-red ground).
	{"mogao-thousand-buddhas", 512, 512, true, true},
	{"mogao-deer-jataka", 1024, 256, true, false},
	{"mogao-narrative-band", 1024, 256, true, false},
	{"mogao-heavenly-musicians", 1024, 256, true, false},
	{"mogao-yaksha-dado", 1024, 256, true, false},
	{"mogao-lantern-ceiling", 512, 512, true, true},
	{"mogao-gable-ceiling", 512, 512, true, true},
	{"mogao-pillar-niche", 512, 1024, false, false},
	{"mogao-floor", 512, 512, true, true},
	// Caves 249 and 285 (Western Wei, white ground). The slopes are
	// trapezoids and the caissons single panels: they do not repeat.
	{"mogao-249-west-slope", 1024, 512, false, false},
	{"mogao-249-south-slope", 1024, 512, false, false},
	{"mogao-249-north-slope", 1024, 512, false, false},
	{"mogao-249-east-slope", 1024, 512, false, false},
	{"mogao-hunting-frieze", 1024, 256, true, false},
	{"mogao-lotus-caisson", 512, 512, false, false},
	{"mogao-285-canopy", 512, 512, false, false},
	{"mogao-285-robbers", 1024, 256, true, false},
	{"mogao-285-fuxi-nuwa", 1024, 512, false, false},
	{"mogao-thousand-buddhas-white", 512, 512, true, true},
	{"mogao-meditation-cell", 512, 512, true, true},
	// Caves 16 and 17.
	{"mogao-cave16-wall", 512, 512, true, true},
	{"mogao-library-wall", 512, 512, true, true},
	{"mogao-library-trees", 1024, 512, false, false},
	// The Hall of Supreme Harmony. Columns wrap round (x) and up (y).
	{"palace-column", 256, 1024, true, true},
	{"palace-dragon-column", 256, 1024, true, true},
	{"palace-golden-brick", 512, 512, true, true},
	{"palace-coffer", 512, 512, true, true},
	{"palace-dragon-caisson", 1024, 1024, false, false},
	{"palace-hexi-beam", 1024, 256, true, false},
	{"palace-wall", 512, 512, true, true},
	{"palace-screen", 1024, 512, false, false},
	{"palace-lattice-door", 512, 1024, false, false},
	{"palace-marble", 512, 512, true, true},
}

// sceneSets are the textures each kind of scene is built from, as the
// scenes use them: each set must fit sceneBudgetBytes.
var sceneSets = []struct {
	scene string
	names []string
}{
	{"cave 257", []string{
		"mogao-thousand-buddhas", "mogao-deer-jataka", "mogao-narrative-band", "mogao-heavenly-musicians",
		"mogao-yaksha-dado", "mogao-lantern-ceiling", "mogao-gable-ceiling", "mogao-pillar-niche", "mogao-floor",
	}},
	{"cave 249", []string{
		"mogao-249-west-slope", "mogao-249-south-slope", "mogao-249-north-slope", "mogao-249-east-slope",
		"mogao-hunting-frieze", "mogao-lotus-caisson", "mogao-thousand-buddhas-white",
		"mogao-heavenly-musicians", "mogao-yaksha-dado", "mogao-floor",
	}},
	{"cave 285", []string{
		"mogao-285-canopy", "mogao-285-robbers", "mogao-285-fuxi-nuwa", "mogao-thousand-buddhas-white",
		"mogao-meditation-cell", "mogao-hunting-frieze", "mogao-249-south-slope", "mogao-249-north-slope",
		"mogao-yaksha-dado", "mogao-floor",
	}},
	{"caves 16 and 17", []string{"mogao-cave16-wall", "mogao-library-wall", "mogao-library-trees", "mogao-floor"}},
	{"hall of supreme harmony", []string{
		"palace-column", "palace-dragon-column", "palace-golden-brick", "palace-coffer", "palace-dragon-caisson",
		"palace-hexi-beam", "palace-wall", "palace-screen", "palace-lattice-door", "palace-marble",
	}},
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
		if c.w > maxSide || c.h > maxSide {
			t.Errorf("%s is %d×%d, more than %d on a side", c.name, c.w, c.h, maxSide)
		}
	}
}

// TestTexturesArePaletted checks that every PNG is 8-bit paletted, which
// is what keeps the files small.
func TestTexturesArePaletted(t *testing.T) {
	for _, name := range Names() {
		img := decode(t, name)
		p, ok := img.(*image.Paletted)
		if !ok {
			t.Errorf("%s is %T, want a paletted PNG", name, img)
			continue
		}
		if n := len(p.Palette); n > maxPaletteColours {
			t.Errorf("%s has %d colours, want at most %d", name, n, maxPaletteColours)
		}
	}
}

func size(t *testing.T, name string) int {
	t.Helper()
	data, err := fs.ReadFile(Textures, "textures/"+name+".png")
	if err != nil {
		t.Fatalf("texture %s missing: %v", name, err)
	}
	return len(data)
}

func TestTexturesFitTheDownloadBudget(t *testing.T) {
	total := 0
	for _, name := range Names() {
		n := size(t, name)
		t.Logf("%-30s %7d bytes", name, n)
		total += n
		if n > maxTextureBytes {
			t.Errorf("%s is %d bytes, cap %d: keep flat areas flat and noise quantised", name, n, maxTextureBytes)
		}
	}
	if total >= budgetBytes {
		t.Errorf("textures total %d bytes, budget %d: keep flat areas flat and noise quantised", total, budgetBytes)
	}
	for _, s := range sceneSets {
		sum := 0
		for _, name := range s.names {
			sum += size(t, name)
		}
		t.Logf("scene %-24s %7d bytes", s.scene, sum)
		if sum >= sceneBudgetBytes {
			t.Errorf("%s needs %d bytes of textures, budget %d", s.scene, sum, sceneBudgetBytes)
		}
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

// TestPaletteIsPainted checks that every hue of each site's palette
// covers part of that site's textures, judged the way screenshot tests
// judge it: by the angle between colours in RGB, since the light of a
// cave or a hall scales brightness.
func TestPaletteIsPainted(t *testing.T) {
	const minShare = 0.01 // of the site's texture pixels; each hue is a main one
	for _, site := range []struct {
		prefix  string
		palette []color.RGBA
	}{
		{"mogao-", MogaoPalette},
		{"palace-", PalacePalette},
	} {
		counts := make([]int, len(site.palette))
		total := 0
		for _, name := range Names() {
			if !strings.HasPrefix(name, site.prefix) {
				continue
			}
			img := decode(t, name)
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y += 2 {
				for x := b.Min.X; x < b.Max.X; x += 2 {
					r, g, bl, _ := img.At(x, y).RGBA()
					total++
					for i, p := range site.palette {
						if cosine(float64(r>>8), float64(g>>8), float64(bl>>8), float64(p.R), float64(p.G), float64(p.B)) > 0.995 {
							counts[i]++
						}
					}
				}
			}
		}
		for i, n := range counts {
			share := float64(n) / float64(total)
			t.Logf("%s %v: %.2f%%", site.prefix, site.palette[i], 100*share)
			if share < minShare {
				t.Errorf("%s palette colour %v covers %.2f%% of those textures, want at least %.0f%%", site.prefix, site.palette[i], 100*share, 100*minShare)
			}
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
