package pipeline

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/scenes"
)

// noSource marks a pixel no triangle covered.
const noSource = math.MinInt32

// raster is a software rasteriser for tests: it paints a Frame's triangles
// in order, as the GPU would, recording per pixel which source painted it
// last and, optionally, the colour the shader would produce.
type raster struct {
	w, h   int
	ids    []int32
	colour *image.RGBA
}

// rasterise paints f. With atlas non-nil it also shades every pixel the
// way the Kage shader does (Atlas.Sample and Shade).
func rasterise(f *Frame, atlas *Atlas, light scenes.Light) *raster {
	r := &raster{w: f.Width, h: f.Height, ids: make([]int32, f.Width*f.Height)}
	for i := range r.ids {
		r.ids[i] = noSource
	}
	if atlas != nil {
		r.colour = image.NewRGBA(image.Rect(0, 0, f.Width, f.Height))
		fog := light.Fog.Color
		bg := color.RGBA{to8(fog[0]), to8(fog[1]), to8(fog[2]), 255}
		for i := 0; i < f.Width*f.Height; i++ {
			r.colour.SetRGBA(i%f.Width, i/f.Width, bg)
		}
	}
	lighting := NewLighting(light)
	tri := 0
	for _, b := range f.Batches {
		verts := f.Vertices[b.FirstVertex : b.FirstVertex+b.VertexCount]
		idx := f.Indices[b.FirstIndex : b.FirstIndex+b.IndexCount]
		for i := 0; i+2 < len(idx); i += 3 {
			r.triangle(&verts[idx[i]], &verts[idx[i+1]], &verts[idx[i+2]], f.Sources[tri], f, atlas, &lighting)
			tri++
		}
	}
	return r
}

func to8(v float32) uint8 { return uint8(min(max(v, 0), 1)*255 + 0.5) }

// triangle paints the pixels whose centres lie inside a, b, c.
func (r *raster) triangle(a, b, c *Vertex, src int32, f *Frame, atlas *Atlas, light *Lighting) {
	area := (b.DstX-a.DstX)*(c.DstY-a.DstY) - (b.DstY-a.DstY)*(c.DstX-a.DstX)
	if area == 0 {
		return
	}
	x0 := max(0, int(math.Floor(float64(min(a.DstX, b.DstX, c.DstX)))))
	x1 := min(r.w-1, int(math.Ceil(float64(max(a.DstX, b.DstX, c.DstX)))))
	y0 := max(0, int(math.Floor(float64(min(a.DstY, b.DstY, c.DstY)))))
	y1 := min(r.h-1, int(math.Ceil(float64(max(a.DstY, b.DstY, c.DstY)))))
	// bary returns the screen-space barycentric weights of (x, y).
	bary := func(x, y float32) (wa, wb, wc float32) {
		wa = ((b.DstX-x)*(c.DstY-y) - (b.DstY-y)*(c.DstX-x)) / area
		wb = ((c.DstX-x)*(a.DstY-y) - (c.DstY-y)*(a.DstX-x)) / area
		return wa, wb, 1 - wa - wb
	}
	// uvAt interpolates the perspective-correct texture coordinate.
	uvAt := func(x, y float32) (u, v, w float32) {
		wa, wb, wc := bary(x, y)
		iw := wa*a.Custom2 + wb*b.Custom2 + wc*c.Custom2
		u = (wa*a.Custom0 + wb*b.Custom0 + wc*c.Custom0) / iw
		v = (wa*a.Custom1 + wb*b.Custom1 + wc*c.Custom1) / iw
		return u, v, 1 / iw
	}
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			px, py := float32(x)+0.5, float32(y)+0.5
			wa, wb, wc := bary(px, py)
			if wa < 0 || wb < 0 || wc < 0 {
				continue
			}
			r.ids[y*r.w+x] = src
			if r.colour == nil {
				continue
			}
			var rgb [3]float32
			if a.ColorA == 0 {
				rgb = [3]float32{a.ColorR, a.ColorG, a.ColorB}
			} else {
				u, v, w := uvAt(px, py)
				ux, vx, _ := uvAt(px+1, py)
				uy, vy, _ := uvAt(px, py+1)
				slot := int(a.ColorA - 0.5)
				reg := atlas.Regions[slot]
				dx := math.Hypot(float64((ux-u)*float32(reg.W)), float64((vx-v)*float32(reg.H)))
				dy := math.Hypot(float64((uy-u)*float32(reg.W)), float64((vy-v)*float32(reg.H)))
				lod := float32(math.Log2(max(dx, dy)))
				t := atlas.Sample(slot, u, v, lod)
				ndcX := px/float32(f.Width)*2 - 1
				ndcY := 1 - py/float32(f.Height)*2
				dist := PixelDistance(ndcX, ndcY, w, f.TanHalf)
				p := PixelPosition(f, ndcX, ndcY, w)
				n := mgl32.Vec3{a.ColorR, a.ColorG, a.ColorB}
				rgb = light.Shade([3]float32{t[0], t[1], t[2]}, p, n, a.Custom3, dist)
			}
			r.colour.SetRGBA(x, y, color.RGBA{to8(rgb[0]), to8(rgb[1]), to8(rgb[2]), 255})
		}
	}
}

// at returns the source painted last at pixel (x, y).
func (r *raster) at(x, y int) int32 { return r.ids[y*r.w+x] }

// savePNG writes the shaded picture when YUNYOU_RENDER_PNG names a
// directory, for a person to look at; otherwise it does nothing.
func (r *raster) savePNG(t *testing.T, name string) {
	dir := os.Getenv("YUNYOU_RENDER_PNG")
	if dir == "" || r.colour == nil {
		return
	}
	path := filepath.Join(dir, "render-"+name+".png")
	file, err := os.Create(path)
	if err != nil {
		t.Fatalf("saving picture: %v", err)
	}
	defer file.Close()
	if err := png.Encode(file, r.colour); err != nil {
		t.Fatalf("saving picture: %v", err)
	}
	t.Logf("wrote %s", path)
}

// textureSizes are the generated textures' pixel sizes.
var textureSizes = map[string][2]int{
	"mogao-thousand-buddhas": {512, 512}, "mogao-deer-jataka": {1024, 256},
	"mogao-narrative-band": {1024, 256}, "mogao-heavenly-musicians": {1024, 256},
	"mogao-yaksha-dado": {1024, 256}, "mogao-lantern-ceiling": {512, 512},
	"mogao-gable-ceiling": {512, 512}, "mogao-pillar-niche": {512, 1024},
	"mogao-floor": {512, 512},
}

// testTextures returns the project's textures when the generated PNGs
// exist, and synthetic ones otherwise: a colour per texture, a dark border
// showing where each repeat ends, and an "F" in the top-left corner showing
// which way up and which way round the image is drawn.
func testTextures(t testing.TB) map[string]image.Image {
	out := map[string]image.Image{}
	for i, name := range sortedKeys(textureSizes) {
		if f, err := os.Open(filepath.Join("..", "..", "..", "assets", "textures", name+".png")); err == nil {
			img, err := png.Decode(f)
			f.Close()
			if err == nil {
				out[name] = img
				continue
			}
		}
		size := textureSizes[name]
		img := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		hue := float64(i) / float64(len(textureSizes))
		base := color.RGBA{uint8(150 + 90*math.Sin(2*math.Pi*hue)), uint8(150 + 90*math.Sin(2*math.Pi*(hue+1.0/3))), uint8(150 + 90*math.Sin(2*math.Pi*(hue+2.0/3))), 255}
		unit := max(size[0], size[1]) / 16
		for y := 0; y < size[1]; y++ {
			for x := 0; x < size[0]; x++ {
				c := base
				border := x < 4 || y < 4 || x >= size[0]-4 || y >= size[1]-4
				fStem := x >= unit && x < 2*unit && y >= unit && y < 6*unit
				fArms := (y >= unit && y < 2*unit || y >= 3*unit && y < 4*unit) && x >= unit && x < 4*unit && !(y >= 3*unit && x >= 3*unit)
				stripe := (x/unit+y/unit)%2 == 0
				switch {
				case border || fStem || fArms:
					c = color.RGBA{30, 25, 20, 255}
				case stripe:
					c = color.RGBA{c.R / 8 * 7, c.G / 8 * 7, c.B / 8 * 7, 255}
				}
				img.SetRGBA(x, y, c)
			}
		}
		out[name] = img
	}
	return out
}
