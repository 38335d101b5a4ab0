// Package pipeline turns a compiled scene and a camera into screen-space
// triangles, back to front, ready for one textured draw call. It does the
// work a GPU's vertex stage and depth buffer would do, on the CPU, because
// Ebiten offers neither: transform with mathgl, cull, clip, order and emit.
// It does not import Ebiten, so it tests natively and under WebAssembly.
//
//	atlas, _ := pipeline.BuildAtlas(images)          // textures + mip levels in one image
//	world, _ := pipeline.NewWorld(compiled, atlas.Slots) // BSP tree, built once
//	var f pipeline.Frame                              // reused every frame
//	world.SetBeams([]pipeline.Beam{{From: hand, To: spot, Color: c}}) // kept until changed
//	world.Render(&f, cam, 1280, 720, avatars)
//	// draw f.Batches: f.Vertices / f.Indices with the atlas and the shader
//	spot, ok := world.Raycast(cam.Pos, cam.Forward(), 30) // the surface looked at
//
// Steps of Render:
//
//   - Order. A BSP tree over the scene polygons, built once (splitting
//     polygons that straddle a chosen plane, preferring planes that split
//     none), is walked back to front from the eye: the far side of each
//     plane, the plane's own polygons, then the near side. This order is
//     exact from any viewpoint, so painting in it needs no depth buffer.
//   - Cull. Polygons in a plane are drawn only from their front side (back
//     faces); subtrees whose bounding box lies outside the view frustum are
//     skipped, and those wholly inside it are not tested further down.
//   - Avatars. Each figure's faces that face the eye are pushed down the
//     tree, cut by every plane they cross, and filed under the empty cells
//     (leaves) they end in; the walk paints a leaf's pieces when it reaches
//     it. The order against the scene is therefore exact, also for a figure
//     straddling a plane. Within one cell, figures are painted far to near
//     (exact for convex figures that do not interpenetrate).
//   - Beams. A pointer beam (a thin square rod and a diamond marker at
//     its end, shaped once by SetBeams) goes through the tree the same
//     way. Within a cell, a beam and a figure are ordered by their depths
//     where the rod crosses the line of sight to the figure, and the rod
//     and its marker by the plane between them. The marker of a beam that
//     ends on a surface is lifted just off it, so that surface never
//     hides it.
//   - Transform. Fragments share corners; each distinct corner is
//     transformed to clip space once a frame, the first time a fragment
//     needs it, and classified against the view's planes (an outcode).
//   - Clip. A fragment whose corners all lie beyond one side of the view is
//     dropped. One with a corner nearer than the near plane (w = near) or
//     beyond a guard band around the screen is clipped in homogeneous clip
//     space, before the divide by w (Sutherland–Hodgman); new vertices are
//     linear interpolations in clip space and no vertex is clamped, so a
//     wall a few centimetres from the eye keeps straight edges and correct
//     texture. All others, most of a frame, skip the clipper.
//   - Emit. Each fragment becomes a triangle fan of Vertex values (the
//     layout of ebiten.Vertex) carrying u/w, v/w and 1/w for
//     perspective-correct texturing, the surface normal and the eye's
//     distance from the plane for lighting; indices are uint16, split into
//     batches of at most 65,536 vertices (one draw call each).
//
// Lighting is per pixel in the shader, from the scene's Light prepared as
// a Lighting: ambient and sky light, a torch at the eye that fades with
// distance, daylight through the scene's doors (the exact form factor of
// each door rectangle, DoorIrradiance; a door's opening itself glows), and
// fog. Lighting.Shade is the Go twin of the shader's lighting and
// Atlas.Sample of its texture sampling; the tests rasterise frames in
// software with them (set YUNYOU_RENDER_PNG to a directory to see the
// pictures).
//
// Raycast finds the surface a ray meets first by walking the same tree
// front to back along the ray (BenchmarkRaycast, BenchmarkRaycastHeavy).
//
// BenchmarkFrame (Cave 257) and BenchmarkFrameHeavy (a synthetic
// 20,000-triangle palace hall seen whole) measure a frame's work; the
// figures are in BENCHMARKS.md at the module root (about 1 ms for the
// hall as WebAssembly). Render allocates nothing once its buffers have
// grown.
package pipeline
