// Package render draws a compiled scene in 3D with Ebiten: textured,
// lit walls in exact depth order, the other visitors as simple coloured
// figures, and a guide's pointer beam, all hidden correctly behind
// pillars and walls.
//
//	r, err := render.New(compiled, images) // images: texture name → image.Image
//	...
//	func (g *Game) Update() error {
//		// A guide points: at most a few times a second, find the spot
//		// under the screen centre and show the beam to it.
//		if spot, ok := r.Aim(cam, 30); ok {
//			r.SetBeams([]render.Beam{{From: hand, To: spot, Color: c}}) // copied; kept until changed
//		}
//		// r.SetBeams(nil) removes the beam.
//		return nil
//	}
//	func (g *Game) Draw(screen *ebiten.Image) {
//		r.SetScale(controller.Frame(time.Now())) // optional: fewer pixels on slow devices
//		cam := render.Camera{Pos: eye, Yaw: yaw, Pitch: pitch} // zero FovY, Near, Far: defaults
//		r.Draw(screen, cam, []render.Avatar{{Feet: p, Yaw: a, Color: c}}) // with the beams set
//		w, h := screen.Bounds().Dx(), screen.Bounds().Dy()
//		if x, y, ok := r.Project(w, h, cam, p.Add(mgl32.Vec3{0, 1.9, 0})); ok {
//			// place the name label at (x, y)
//		}
//		_ = r.Stats() // triangles and draw calls of the frame
//	}
//
// The work happens in the plain package pipeline: a BSP tree built once in
// New orders the polygons back to front from any viewpoint; each frame the
// polygons are culled, clipped against the near plane in clip space and
// emitted as vertices carrying u/w, v/w and 1/w. This package packs all
// textures with their mip levels into one atlas image and draws the whole
// view with one DrawTrianglesShader call per 65,536 vertices through a
// Kage shader (world.kage) that divides to get perspective-correct texture
// coordinates, wraps them inside each texture's atlas region, blends mip
// levels and lights every pixel with the scene's light: ambient and sky
// light, a torch at the eye that fades with distance, daylight through
// the scene's doors, and fog.
//
// SetScale draws the world at a fraction of the destination's resolution
// (see package resolution, which picks it from the frame rate): into an
// offscreen image, stretched over the destination with linear filtering
// and projected with the destination's own aspect ratio, so the picture
// is softer but never distorted.
//
// Avatars are ordered by the same BSP tree rather than by a depth image:
// each figure's faces are cut by the tree's planes and painted in the
// empty cells they occupy, in the same back-to-front walk as the walls.
// That is exact against the scene for any figure position (also for a
// figure straddling a splitting plane), needs no second render target or
// extra shader pass, and keeps the whole frame to one draw call. Figures
// sharing a cell are painted far to near, which is exact for figures that
// do not overlap. Beams are ordered the same way: a thin square rod and a
// diamond marker at its end, in flat unlit colour like the figures. A
// beam's From should lie outside the figures (at a hand held out in
// front, say): a rod starting inside a figure shows through it.
package render

import (
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"sort"
	"strings"
	"unsafe"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/hajimehoshi/ebiten/v2"

	"yunyou/client/render/pipeline"
	"yunyou/client/resolution"
	"yunyou/scenes"
)

//go:embed world.kage
var worldShader []byte

// Camera is the eye: position, yaw (0 looks toward -Z, +π/2 toward -X),
// pitch (up positive), vertical field of view and clip distances.
type Camera = pipeline.Camera

// Avatar is another visitor: feet position, facing yaw and colour.
type Avatar = pipeline.Avatar

// Beam is a pointer from From to To in Color, drawn as a thin bright rod
// with a marker at To, lifted just off the surface To lies on.
type Beam = pipeline.Beam

// Stats describes the last frame Draw drew.
type Stats struct {
	Triangles int // triangles drawn
	// DrawCalls counts the draw calls issued: the world's batches, plus
	// one that scales the picture up when drawing at a reduced scale.
	DrawCalls int
}

// Renderer draws one compiled scene. It is not safe for concurrent use;
// call it from Ebiten's Draw.
type Renderer struct {
	world      *pipeline.World
	atlas      *ebiten.Image
	shader     *ebiten.Shader
	frame      pipeline.Frame
	verts      []ebiten.Vertex // for destinations whose origin is not (0, 0)
	opts       ebiten.DrawTrianglesShaderOptions
	background color.Color
	stats      Stats

	// Uniforms that change every frame, updated in place so that drawing
	// allocates nothing: tan(fov/2), the eye and the camera's axes.
	tanHalf, eye, right, up, forward []float32

	// scale is the share of the destination's pixels the world is drawn
	// at; below 1 it is drawn into offscreen and scaled up.
	scale     float64
	offscreen *ebiten.Image
	blit      ebiten.DrawImageOptions
}

// New prepares a scene for drawing: it packs the textures the scene uses
// into an atlas and builds the BSP tree. textures maps texture names (as
// in the scene file) to images; every texture the scene uses must be
// there, others are ignored.
func New(c *scenes.Compiled, textures map[string]image.Image) (*Renderer, error) {
	used := map[string]image.Image{}
	var missing []string
	for _, p := range c.Polygons {
		if _, done := used[p.Texture]; done {
			continue
		}
		img, ok := textures[p.Texture]
		if !ok || img == nil {
			missing = append(missing, p.Texture)
			used[p.Texture] = nil
			continue
		}
		used[p.Texture] = img
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("render: scene %s uses textures with no image: %s; load them before calling New",
			c.ID, strings.Join(missing, ", "))
	}
	atlas, err := pipeline.BuildAtlas(used)
	if err != nil {
		return nil, fmt.Errorf("render: scene %s: %w", c.ID, err)
	}
	world, err := pipeline.NewWorld(c, atlas.Slots)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	shader, err := ebiten.NewShader(worldShader)
	if err != nil {
		return nil, fmt.Errorf("render: compiling world.kage: %w", err)
	}
	r := &Renderer{
		world:   world,
		atlas:   ebiten.NewImageFromImage(atlas.Image),
		shader:  shader,
		tanHalf: make([]float32, 2),
		eye:     make([]float32, 3),
		right:   make([]float32, 3),
		up:      make([]float32, 3),
		forward: make([]float32, 3),
		scale:   1,
	}
	light := pipeline.NewLighting(world.Light())
	regions := make([]float32, 4*pipeline.MaxTextures)
	mips := make([]float32, 4*pipeline.MaxTextures)
	atlas.Uniforms(regions, mips)
	doors := make([]float32, 16*scenes.MaxDoors)
	light.DoorUniform(doors)
	r.opts.Images[0] = r.atlas
	r.opts.Uniforms = map[string]any{
		"TexRegions": regions,
		"TexMips":    mips,
		"Ambient":    light.Ambient[:],
		"Sky":        light.Sky[:],
		"Torch":      light.Torch[:],
		"TorchRange": light.TorchRange,
		"Daylight":   light.Daylight[:],
		"DoorCount":  float32(light.DoorCount),
		"Doors":      doors,
		"FogColor":   light.FogColor[:],
		"FogRange":   []float32{light.FogNear, light.FogFar},
		"TanHalf":    r.tanHalf,
		"Eye":        r.eye,
		"CamRight":   r.right,
		"CamUp":      r.up,
		"CamForward": r.forward,
	}
	fog := light.FogColor
	r.background = color.RGBA{to8(fog[0]), to8(fog[1]), to8(fog[2]), 0xff}
	r.blit.Filter = ebiten.FilterLinear
	r.blit.Blend = ebiten.BlendCopy
	return r, nil
}

func to8(v float32) uint8 { return uint8(min(max(v, 0), 1)*255 + 0.5) }

// SetScale sets the resolution the world is drawn at, as a share of the
// destination's pixels along each side, from resolution.MinScale to 1.
// Below 1, Draw renders the world into an offscreen image of
// resolution.Size pixels and stretches it over the destination with
// linear filtering, keeping the destination's exact aspect ratio: the
// way to keep a slow device's frame rate up.
func (r *Renderer) SetScale(s float64) {
	r.scale = min(max(s, resolution.MinScale), 1)
}

// Scale returns the scale set by SetScale.
func (r *Renderer) Scale() float64 { return r.scale }

// Draw paints the view from cam over the whole of dst (first filled with
// the fog colour), with the avatars in place. It allocates nothing once
// warm, except a new offscreen image when the destination's size or the
// scale changes.
func (r *Renderer) Draw(dst *ebiten.Image, cam Camera, avatars []Avatar) {
	b := dst.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := resolution.Size(w, h, r.scale)
	if ow == w && oh == h {
		r.drawWorld(dst, cam, avatars)
		return
	}
	target := r.offscreenOf(ow, oh)
	// The offscreen image's sides are rounded to whole pixels; project
	// with the destination's own shape so nothing is stretched.
	cam.Aspect = float32(w) / float32(h)
	r.drawWorld(target, cam, avatars)
	r.blit.GeoM.Reset()
	r.blit.GeoM.Scale(float64(w)/float64(ow), float64(h)/float64(oh))
	r.blit.GeoM.Translate(float64(b.Min.X), float64(b.Min.Y))
	dst.DrawImage(target, &r.blit)
	r.stats.DrawCalls++
}

// offscreenOf returns the offscreen image, made anew if its size is not
// w×h.
func (r *Renderer) offscreenOf(w, h int) *ebiten.Image {
	if r.offscreen != nil {
		if s := r.offscreen.Bounds().Size(); s.X == w && s.Y == h {
			return r.offscreen
		}
		r.offscreen.Deallocate()
	}
	r.offscreen = ebiten.NewImage(w, h)
	return r.offscreen
}

// drawWorld paints the view over the whole of dst.
func (r *Renderer) drawWorld(dst *ebiten.Image, cam Camera, avatars []Avatar) {
	b := dst.Bounds()
	r.world.Render(&r.frame, cam, b.Dx(), b.Dy(), avatars)
	f := &r.frame
	r.tanHalf[0], r.tanHalf[1] = f.TanHalf[0], f.TanHalf[1]
	copy(r.eye, f.Eye[:])
	copy(r.right, f.Right[:])
	copy(r.up, f.Up[:])
	copy(r.forward, f.Forward[:])
	dst.Fill(r.background)

	verts := asEbitenVertices(f.Vertices)
	if b.Min != (image.Point{}) {
		// A sub-image destination: shift every vertex by its origin.
		ox, oy := float32(b.Min.X), float32(b.Min.Y)
		r.verts = append(r.verts[:0], verts...)
		for i := range r.verts {
			r.verts[i].DstX += ox
			r.verts[i].DstY += oy
		}
		verts = r.verts
	}
	for _, batch := range f.Batches {
		dst.DrawTrianglesShader(
			verts[batch.FirstVertex:batch.FirstVertex+batch.VertexCount],
			f.Indices[batch.FirstIndex:batch.FirstIndex+batch.IndexCount],
			r.shader, &r.opts)
	}
	r.stats = Stats{Triangles: f.Stats.Triangles, DrawCalls: len(f.Batches)}
}

// The conversion below proves pipeline.Vertex has ebiten.Vertex's exact
// fields in the same order, hence the same memory layout.
var _ = ebiten.Vertex(pipeline.Vertex{})

// asEbitenVertices views the pipeline's vertices as Ebiten's without
// copying: Ebiten copies them into its own buffer anyway, and a frame of
// a large hall holds tens of thousands.
func asEbitenVertices(v []pipeline.Vertex) []ebiten.Vertex {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*ebiten.Vertex)(unsafe.Pointer(&v[0])), len(v))
}

// Project returns where world point p appears in a w×h view from cam, in
// pixels from the top left, for placing name labels over avatars. ok is
// false when p is behind the eye, outside the view, or hidden from the eye
// by a wall or pillar.
func (r *Renderer) Project(w, h int, cam Camera, p mgl32.Vec3) (x, y float32, ok bool) {
	x, y, _, ok = cam.Project(w, h, p)
	if !ok || x < 0 || y < 0 || x > float32(w) || y > float32(h) || r.world.Occluded(cam.Pos, p) {
		return 0, 0, false
	}
	return x, y, true
}

// SetBeams sets the beams every following Draw paints, until the next
// call; nil or an empty slice removes them. The beams are copied, and
// shaped once here rather than every frame.
func (r *Renderer) SetBeams(b []Beam) { r.world.SetBeams(b) }

// Aim returns the nearest surface point under the screen centre, along
// cam's line of sight, within maxDist metres: where a guide is pointing.
// ok is false when the line of sight meets nothing that near (it looks
// out through a doorway, say).
func (r *Renderer) Aim(cam Camera, maxDist float32) (mgl32.Vec3, bool) {
	return r.world.Raycast(cam.Pos, cam.Forward(), maxDist)
}

// Stats returns the counts of the last Draw.
func (r *Renderer) Stats() Stats { return r.stats }

// Dispose frees the atlas image, the offscreen image and the shader. The
// Renderer must not be used afterwards.
func (r *Renderer) Dispose() {
	r.atlas.Deallocate()
	if r.offscreen != nil {
		r.offscreen.Deallocate()
	}
	r.shader.Deallocate()
}
