package pipeline

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/bits"
	"sort"

	xdraw "golang.org/x/image/draw"
)

// Atlas limits and layout.
const (
	// MaxTextures is the most textures one atlas holds: the shader keeps a
	// vec4 uniform per texture, and WebGL2 guarantees only 224 fragment
	// uniform vectors.
	MaxTextures = 32
	// MaxTextureSide is the largest side of a texture in the atlas, in
	// texels; larger images are scaled down. It keeps the atlas within
	// MaxAtlasSide and the download-sized textures sharp enough.
	MaxTextureSide = 1024
	// MinMipSize is the smallest side, in texels, of the last mip level.
	// Smaller levels would mix a whole repeat into one colour and save
	// almost nothing.
	MinMipSize = 4
	// Gutter is the empty border in texels around every mip level. The
	// shader wraps texel indices inside each level, so it never reads a
	// neighbour; the gutter is a second line of defence against rounding.
	Gutter = 2
	// AtlasWidth is the atlas width in texels; the height grows as needed.
	AtlasWidth = 2048
	// MaxAtlasSide is the largest atlas side in texels. WebGL2 guarantees
	// 2048; practically every device offers 4096 or more.
	MaxAtlasSide = 4096
)

// Region is where a texture's mip chain lies in the atlas. Level 0 is
// W×H texels at (X, Y); level k ≥ 1 is (W>>k)×(H>>k) texels in a column to
// its right at (X+W+Gutter, Y + H - H>>(k-1) + (k-1)·Gutter). W and H are
// powers of two. The shader computes the same positions from (X, Y, W, H).
type Region struct {
	X, Y, W, H int
	// Levels is the number of mip levels, level 0 included.
	Levels int
}

// LevelRect returns the texels of mip level k.
func (r Region) LevelRect(k int) image.Rectangle {
	if k == 0 {
		return image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H)
	}
	x := r.X + r.W + Gutter
	y := r.Y + r.H - r.H>>(k-1) + (k-1)*Gutter
	return image.Rect(x, y, x+r.W>>k, y+r.H>>k)
}

// footprint is the atlas area a region needs, gutters included.
func (r Region) footprint() (w, h int) {
	w, h = r.W+Gutter, r.H+Gutter
	if r.Levels > 1 {
		w += r.W>>1 + Gutter
		col := 0
		for k := 1; k < r.Levels; k++ {
			col += r.H>>k + Gutter
		}
		h = max(h, col)
	}
	return w, h
}

// Atlas is every texture of a scene, with its mip levels, packed into one
// image so the whole world draws with one source image.
type Atlas struct {
	Image *image.RGBA
	// Slots maps a texture name to its index in Regions.
	Slots   map[string]int
	Regions []Region
}

// BuildAtlas packs textures into one image. Images whose sides are not
// powers of two, or larger than MaxTextureSide, are resampled.
func BuildAtlas(textures map[string]image.Image) (*Atlas, error) {
	if len(textures) > MaxTextures {
		return nil, fmt.Errorf("pipeline: %d textures, at most %d fit one atlas", len(textures), MaxTextures)
	}
	names := make([]string, 0, len(textures))
	for name, img := range textures {
		if img == nil || img.Bounds().Empty() {
			return nil, fmt.Errorf("pipeline: texture %q has no pixels", name)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	levels := make([][]*image.RGBA, len(names))
	regions := make([]Region, len(names))
	for i, name := range names {
		levels[i] = mipChain(toPow2(textures[name]))
		b := levels[i][0].Bounds()
		regions[i] = Region{W: b.Dx(), H: b.Dy(), Levels: len(levels[i])}
	}
	height, err := pack(regions)
	if err != nil {
		return nil, err
	}
	a := &Atlas{Image: image.NewRGBA(image.Rect(0, 0, AtlasWidth, height)), Slots: map[string]int{}, Regions: regions}
	for i, name := range names {
		a.Slots[name] = i
		for k, lv := range levels[i] {
			draw.Draw(a.Image, regions[i].LevelRect(k), lv, image.Point{}, draw.Src)
		}
	}
	return a, nil
}

// pack places regions on shelves, tallest first, and returns the atlas
// height.
func pack(regions []Region) (int, error) {
	order := make([]int, len(regions))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		_, ha := regions[order[a]].footprint()
		_, hb := regions[order[b]].footprint()
		return ha > hb
	})
	x, y, shelf := 0, 0, 0
	for _, i := range order {
		w, h := regions[i].footprint()
		if w > AtlasWidth {
			return 0, fmt.Errorf("pipeline: a %d×%d texture does not fit a %d-wide atlas", regions[i].W, regions[i].H, AtlasWidth)
		}
		if x+w > AtlasWidth {
			x, y, shelf = 0, y+shelf, 0
		}
		regions[i].X, regions[i].Y = x, y
		x += w
		shelf = max(shelf, h)
	}
	height := y + shelf
	if height > MaxAtlasSide {
		return 0, fmt.Errorf("pipeline: the textures need a %d×%d atlas, more than %d texels high; use fewer or smaller textures",
			AtlasWidth, height, MaxAtlasSide)
	}
	return max(height, 1), nil
}

// toPow2 converts an image to RGBA with power-of-two sides no larger than
// MaxTextureSide, resampling only when needed.
func toPow2(img image.Image) *image.RGBA {
	b := img.Bounds()
	w, h := pow2(b.Dx()), pow2(b.Dy())
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
		return dst
	}
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	return dst
}

// pow2 rounds n to the nearest power of two (in ratio), within
// MinMipSize..MaxTextureSide.
func pow2(n int) int {
	lo := 1 << (bits.Len(uint(n)) - 1)
	p := lo
	if n > lo && float64(n)/float64(lo) > math.Sqrt2 {
		p = lo * 2
	}
	return min(max(p, MinMipSize), MaxTextureSide)
}

// mipChain returns the image and its successive half-size box-filtered
// levels down to MinMipSize on the shorter side.
func mipChain(img *image.RGBA) []*image.RGBA {
	chain := []*image.RGBA{img}
	for {
		prev := chain[len(chain)-1]
		w, h := prev.Bounds().Dx()/2, prev.Bounds().Dy()/2
		if w < MinMipSize || h < MinMipSize {
			return chain
		}
		next := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				var sum [4]int
				for _, d := range [4]image.Point{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
					c := prev.RGBAAt(2*x+d.X, 2*y+d.Y)
					sum[0] += int(c.R)
					sum[1] += int(c.G)
					sum[2] += int(c.B)
					sum[3] += int(c.A)
				}
				next.SetRGBA(x, y, color.RGBA{uint8((sum[0] + 2) / 4), uint8((sum[1] + 2) / 4), uint8((sum[2] + 2) / 4), uint8((sum[3] + 2) / 4)})
			}
		}
		chain = append(chain, next)
	}
}

// Uniforms writes each region as (X, Y, W, H) into dst, which must hold
// 4·MaxTextures floats: the shader's TexRegions uniform.
func (a *Atlas) Uniforms(dst []float32) {
	for i, r := range a.Regions {
		dst[4*i], dst[4*i+1], dst[4*i+2], dst[4*i+3] = float32(r.X), float32(r.Y), float32(r.W), float32(r.H)
	}
}

// Sample returns the colour (0..1 RGBA) of texture slot at texture
// coordinate (u, v) in repeats, at level of detail lod (log2 of texels per
// pixel). It is the Go twin of the shader's sampling: repeat wrapping
// inside each level, bilinear within a level, linear between levels.
func (a *Atlas) Sample(slot int, u, v, lod float32) [4]float32 {
	r := a.Regions[slot]
	lod = min(max(lod, 0), float32(r.Levels-1))
	k0 := int(lod)
	k1 := min(k0+1, r.Levels-1)
	c0 := a.bilinear(r, k0, u, v)
	c1 := a.bilinear(r, k1, u, v)
	t := lod - float32(k0)
	var out [4]float32
	for i := range out {
		out[i] = c0[i] + (c1[i]-c0[i])*t
	}
	return out
}

func (a *Atlas) bilinear(r Region, k int, u, v float32) [4]float32 {
	rect := r.LevelRect(k)
	w, h := float64(rect.Dx()), float64(rect.Dy())
	tx, ty := float64(u)*w-0.5, float64(v)*h-0.5
	ix, iy := math.Floor(tx), math.Floor(ty)
	fx, fy := float32(tx-ix), float32(ty-iy)
	fetch := func(x, y float64) [4]float32 {
		x = x - w*math.Floor(x/w)
		y = y - h*math.Floor(y/h)
		c := a.Image.RGBAAt(rect.Min.X+int(x), rect.Min.Y+int(y))
		return [4]float32{float32(c.R) / 255, float32(c.G) / 255, float32(c.B) / 255, float32(c.A) / 255}
	}
	c00, c10 := fetch(ix, iy), fetch(ix+1, iy)
	c01, c11 := fetch(ix, iy+1), fetch(ix+1, iy+1)
	var out [4]float32
	for i := range out {
		top := c00[i] + (c10[i]-c00[i])*fx
		bot := c01[i] + (c11[i]-c01[i])*fx
		out[i] = top + (bot-top)*fy
	}
	return out
}
