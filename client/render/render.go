// Package render draws a compiled scene in 3D with Ebiten: textured,
// lit walls in exact depth order, and the other visitors as simple
// coloured figures hidden correctly behind pillars and walls.
//
//	r, err := render.New(compiled, images) // images: texture name → image.Image
//	...
//	func (g *Game) Draw(screen *ebiten.Image) {
//		cam := render.Camera{Pos: eye, Yaw: yaw, Pitch: pitch} // zero FovY, Near, Far: defaults
//		r.Draw(screen, cam, []render.Avatar{{Feet: p, Yaw: a, Color: c}})
//		w, h := screen.Bounds().Dx(), screen.Bounds().Dy()
//		if x, y, ok := r.Project(w, h, cam, p.Add(mgl32.Vec3{0, 1.9, 0})); ok {
//			// place the name label at (x, y)
//		}
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
// levels and lights every pixel with the scene's ambient light, a torch
// at the eye and fog.
//
// Avatars are ordered by the same BSP tree rather than by a depth image:
// each figure's faces are cut by the tree's planes and painted in the
// empty cells they occupy, in the same back-to-front walk as the walls.
// That is exact against the scene for any figure position (also for a
// figure straddling a splitting plane), needs no second render target or
// extra shader pass, and keeps the whole frame to one draw call. Figures
// sharing a cell are painted far to near, which is exact for figures that
// do not overlap.
package render

import (
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"sort"
	"strings"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/hajimehoshi/ebiten/v2"

	"yunyou/client/render/pipeline"
	"yunyou/scenes"
)

//go:embed world.kage
var worldShader []byte

// Camera is the eye: position, yaw (0 looks toward -Z, +π/2 toward -X),
// pitch (up positive), vertical field of view and clip distances.
type Camera = pipeline.Camera

// Avatar is another visitor: feet position, facing yaw and colour.
type Avatar = pipeline.Avatar

// Stats describes the last frame Draw drew.
type Stats struct {
	Triangles int // triangles drawn
	DrawCalls int // DrawTrianglesShader calls
}

// Renderer draws one compiled scene. It is not safe for concurrent use;
// call it from Ebiten's Draw.
type Renderer struct {
	world      *pipeline.World
	atlas      *ebiten.Image
	shader     *ebiten.Shader
	frame      pipeline.Frame
	verts      []ebiten.Vertex
	opts       ebiten.DrawTrianglesShaderOptions
	tanHalf    []float32 // the TanHalf uniform, updated in place each frame
	background color.Color
	stats      Stats
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
	}
	light := world.Light()
	regions := make([]float32, 4*pipeline.MaxTextures)
	atlas.Uniforms(regions)
	torch := light.Torch
	r.opts.Images[0] = r.atlas
	r.opts.Uniforms = map[string]any{
		"TexRegions": regions,
		"Ambient":    light.Ambient[:],
		"Torch":      []float32{torch.Color[0] * torch.Intensity, torch.Color[1] * torch.Intensity, torch.Color[2] * torch.Intensity},
		"TorchRange": torch.Range,
		"FogColor":   light.Fog.Color[:],
		"FogRange":   []float32{light.Fog.Near, light.Fog.Far},
		"TanHalf":    r.tanHalf,
	}
	fog := light.Fog.Color
	r.background = color.RGBA{to8(fog[0]), to8(fog[1]), to8(fog[2]), 0xff}
	return r, nil
}

func to8(v float32) uint8 { return uint8(min(max(v, 0), 1)*255 + 0.5) }

// Draw paints the view from cam over the whole of dst (first filled with
// the fog colour), with the avatars in place. It allocates nothing once
// warm.
func (r *Renderer) Draw(dst *ebiten.Image, cam Camera, avatars []Avatar) {
	b := dst.Bounds()
	r.world.Render(&r.frame, cam, b.Dx(), b.Dy(), avatars)
	r.tanHalf[0], r.tanHalf[1] = r.frame.TanHalf[0], r.frame.TanHalf[1]
	dst.Fill(r.background)

	// The pipeline's Vertex has ebiten.Vertex's exact fields, so the
	// conversion is checked by the compiler; only the origin of a
	// sub-image destination is added.
	ox, oy := float32(b.Min.X), float32(b.Min.Y)
	r.verts = r.verts[:0]
	for _, v := range r.frame.Vertices {
		ev := ebiten.Vertex(v)
		ev.DstX += ox
		ev.DstY += oy
		r.verts = append(r.verts, ev)
	}
	for _, batch := range r.frame.Batches {
		dst.DrawTrianglesShader(
			r.verts[batch.FirstVertex:batch.FirstVertex+batch.VertexCount],
			r.frame.Indices[batch.FirstIndex:batch.FirstIndex+batch.IndexCount],
			r.shader, &r.opts)
	}
	r.stats = Stats{Triangles: r.frame.Stats.Triangles, DrawCalls: len(r.frame.Batches)}
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

// Stats returns the counts of the last Draw.
func (r *Renderer) Stats() Stats { return r.stats }

// Dispose frees the atlas image and the shader. The Renderer must not be
// used afterwards.
func (r *Renderer) Dispose() {
	r.atlas.Deallocate()
	r.shader.Deallocate()
}
