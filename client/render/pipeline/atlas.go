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
	// MaxTextures is the most textures one atlas holds: the shader keeps
	// two vec4 uniforms per texture (TexRegions and TexMips), and WebGL2
	// guarantees only 224 fragment uniform vectors.
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
	// AtlasWidth is the widest atlas the packer normally makes, in
	// texels: 2048 is the largest side WebGL2 guarantees. It goes up to
	// MaxAtlasSide wide only for textures that do not fit 2048 wide.
	AtlasWidth = 2048
	// MinAtlasWidth is the narrowest atlas tried: one largest texture.
	MinAtlasWidth = MaxTextureSide
	// MaxAtlasSide is the largest atlas side in texels. WebGL2 guarantees
	// 2048; practically every device offers 4096 or more.
	MaxAtlasSide = 4096
)

// Region is where a texture's mip chain lies in the atlas. Level 0 is
// W×H texels at (X, Y). Levels k ≥ 1, (W>>k)×(H>>k) texels each, form a
// strip that starts at (MX, MY): a row to the right if MipRow, with level
// k at (MX + W - W>>(k-1) + (k-1)·Gutter, MY), otherwise a column
// downwards, with level k at (MX, MY + H - H>>(k-1) + (k-1)·Gutter). W and
// H are powers of two. Placing level 0 and the strip apart lets the packer
// fill the gaps beside wide textures with other textures' strips. The
// shader computes the same positions from the uniforms Atlas.Uniforms
// writes.
type Region struct {
	X, Y, W, H int
	// Levels is the number of mip levels, level 0 included.
	Levels int
	// MX, MY is the atlas position of mip level 1.
	MX, MY int
	// MipRow lays the levels after level 1 to its right instead of below.
	MipRow bool
}

// LevelRect returns the texels of mip level k.
func (r Region) LevelRect(k int) image.Rectangle {
	if k == 0 {
		return image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H)
	}
	x, y := r.MX, r.MY
	if r.MipRow {
		x += r.W - r.W>>(k-1) + (k-1)*Gutter
	} else {
		y += r.H - r.H>>(k-1) + (k-1)*Gutter
	}
	return image.Rect(x, y, x+r.W>>k, y+r.H>>k)
}

// mipStrip returns the size of the strip of levels 1.. laid in a row or
// in a column, without gutters around it.
func (r Region) mipStrip(row bool) (w, h int) {
	r.MX, r.MY, r.MipRow = 0, 0, row
	last := r.LevelRect(r.Levels - 1)
	if row {
		return last.Max.X, r.H >> 1
	}
	return r.W >> 1, last.Max.Y
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
	width, height, err := pack(regions)
	if err != nil {
		return nil, err
	}
	a := &Atlas{Image: image.NewRGBA(image.Rect(0, 0, width, height)), Slots: map[string]int{}, Regions: regions}
	for i, name := range names {
		a.Slots[name] = i
		for k, lv := range levels[i] {
			draw.Draw(a.Image, regions[i].LevelRect(k), lv, image.Point{}, draw.Src)
		}
	}
	return a, nil
}

// Uniforms writes each region into the shader's uniforms: regions gets
// (X, Y, W, H) per slot (TexRegions), mips gets (MX, MY, 1, 0) for a row
// of levels or (MX, MY, 0, 1) for a column (TexMips). Each must hold
// 4·MaxTextures floats.
func (a *Atlas) Uniforms(regions, mips []float32) {
	for i, r := range a.Regions {
		regions[4*i], regions[4*i+1], regions[4*i+2], regions[4*i+3] = float32(r.X), float32(r.Y), float32(r.W), float32(r.H)
		dx, dy := float32(0), float32(1)
		if r.MipRow {
			dx, dy = 1, 0
		}
		mips[4*i], mips[4*i+1], mips[4*i+2], mips[4*i+3] = float32(r.MX), float32(r.MY), dx, dy
	}
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
