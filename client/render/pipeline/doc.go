// Package pipeline turns a compiled scene and a camera into screen-space
// triangles, back to front, ready for one textured draw call. It does the
// work a GPU's vertex stage and depth buffer would do, on the CPU, because
// Ebiten offers neither: transform with mathgl, cull, clip, order and emit.
// It does not import Ebiten, so it tests natively and under WebAssembly.
//
//	atlas, _ := pipeline.BuildAtlas(images)          // textures + mip levels in one image
//	world, _ := pipeline.NewWorld(compiled, atlas.Slots) // BSP tree, built once
//	var f pipeline.Frame                              // reused every frame
//	world.Render(&f, cam, 1280, 720, avatars)
//	// draw f.Batches: f.Vertices / f.Indices with the atlas and the shader
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
//     skipped.
//   - Avatars. Each figure's faces that face the eye are pushed down the
//     tree, cut by every plane they cross, and filed under the empty cells
//     (leaves) they end in; the walk paints a leaf's pieces when it reaches
//     it. The order against the scene is therefore exact, also for a figure
//     straddling a plane. Within one cell, figures are painted far to near
//     (exact for convex figures that do not interpenetrate).
//   - Clip. Polygons are clipped in homogeneous clip space, before the
//     divide by w, against the near plane (w = near) and a guard band
//     around the screen (Sutherland–Hodgman). New vertices are linear
//     interpolations in clip space; no vertex is clamped, so a wall a few
//     centimetres from the eye keeps straight edges and correct texture.
//   - Emit. Each clipped polygon becomes a triangle fan of Vertex values
//     (the layout of ebiten.Vertex) carrying u/w, v/w and 1/w for
//     perspective-correct texturing and the eye's distance from the plane
//     for lighting; indices are uint16, split into batches of at most 65,536
//     vertices.
//
// Lighting is per pixel in the shader, from the scene's Light: ambient, a
// torch at the eye (Shade is the Go twin of the shader's formula) and fog.
// Atlas.Sample is the Go twin of the shader's texture sampling.
package pipeline
