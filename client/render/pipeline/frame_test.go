package pipeline

import (
	"math"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/scenes"
)

// TestBatchesSplitAtTheIndexLimit draws a wall of 30,000 small quads, more
// vertices than uint16 indices can address in one draw call.
func TestBatchesSplitAtTheIndexLimit(t *testing.T) {
	const n = 200 // n×(n*3/4) tiles of 2 cm
	c := &scenes.Compiled{ID: "tiles"}
	for i := 0; i < n; i++ {
		for j := 0; j < n*3/4; j++ {
			x, y := float32(i)*0.02-2, float32(j)*0.02-1.5
			c.Polygons = append(c.Polygons, scenes.Polygon{
				Texture: "t", Normal: mgl32.Vec3{0, 0, 1},
				Verts: []scenes.Vertex{
					{Pos: mgl32.Vec3{x, y, -2}}, {Pos: mgl32.Vec3{x + 0.02, y, -2}},
					{Pos: mgl32.Vec3{x + 0.02, y + 0.02, -2}}, {Pos: mgl32.Vec3{x, y + 0.02, -2}},
				},
			})
		}
	}
	w, err := NewWorld(c, map[string]int{"t": 0})
	if err != nil {
		t.Fatal(err)
	}
	var f Frame
	w.Render(&f, Camera{FovY: 2.5}, 800, 600, nil)
	if len(f.Vertices) != 4*len(c.Polygons) {
		t.Fatalf("%d vertices, want all %d tiles' corners", len(f.Vertices), 4*len(c.Polygons))
	}
	if len(f.Batches) < 2 {
		t.Fatalf("%d batches for %d vertices", len(f.Batches), len(f.Vertices))
	}
	next := 0
	for i, b := range f.Batches {
		if b.VertexCount > maxBatchVertices {
			t.Errorf("batch %d has %d vertices, more than uint16 indices reach", i, b.VertexCount)
		}
		if b.FirstVertex != next {
			t.Errorf("batch %d starts at vertex %d, want %d", i, b.FirstVertex, next)
		}
		next = b.FirstVertex + b.VertexCount
		for _, idx := range f.Indices[b.FirstIndex : b.FirstIndex+b.IndexCount] {
			if int(idx) >= b.VertexCount {
				t.Fatalf("batch %d: index %d beyond its %d vertices", i, idx, b.VertexCount)
			}
		}
	}
}

func TestOccluded(t *testing.T) {
	fx := newFixture(t)
	eye := mgl32.Vec3{3.9, 1.6, 0}
	tests := []struct {
		name string
		p    mgl32.Vec3
		want bool
	}{
		{"head in front of the pillar", mgl32.Vec3{0.5, 1.9, 0}, false},
		{"head behind the pillar", mgl32.Vec3{-3.8, 1.9, 0}, true},
		{"head beside the pillar", mgl32.Vec3{-3.8, 1.9, 3}, false},
		{"a point on the west wall", mgl32.Vec3{-4.8, 1.9, 3}, false},
		{"outside the cave", mgl32.Vec3{-6, 1.9, 3}, true},
	}
	for _, tt := range tests {
		if got := fx.world.Occluded(eye, tt.p); got != tt.want {
			t.Errorf("%s: Occluded = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestProjectAgreesWithRender checks Camera.Project puts a scene corner
// where Render put it.
func TestProjectAgreesWithRender(t *testing.T) {
	fx := newFixture(t)
	cam := Camera{Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi / 2}
	var f Frame
	fx.world.Render(&f, cam, 640, 400, nil)
	// The pillar's east face's top-left corner as seen from the entrance.
	x, y, _, ok := cam.Project(640, 400, mgl32.Vec3{-0.7, 4.2, 1})
	if !ok {
		t.Fatal("corner not in front of the camera")
	}
	for _, v := range f.Vertices {
		if math.Hypot(float64(v.DstX-x), float64(v.DstY-y)) < 0.01 {
			return
		}
	}
	t.Errorf("no vertex drawn at the projected corner (%.2f, %.2f)", x, y)
}
