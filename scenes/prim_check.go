package scenes

import "fmt"

// Limits on the new primitives.
const (
	// minColumnSides and maxColumnSides bound a column's sides: fewer than
	// 6 no longer reads as round, more than 32 costs triangles nobody sees.
	minColumnSides = 6
	maxColumnSides = 32
	// maxColumns bounds a row: a palace hall has 12 columns a row.
	maxColumns = 64
	// maxSteps bounds a flight.
	maxSteps = 64
)

// primError is a mistake in a new primitive found while compiling.
func primError(field, problem, fix string) error {
	return fmt.Errorf("%s: %s; %s", field, problem, fix)
}

// checkPrimitives checks the walls' openings, niches and cells and the
// ceiling parts that the compiler must be able to build.
func (s *Scene) checkPrimitives() error {
	for i := range s.Rooms {
		r := &s.Rooms[i]
		field := fmt.Sprintf("scene %s: rooms[%d]", s.ID, i)
		walls := r.wallSides()
		find := func(name string) *wallSide {
			for k := range walls {
				if walls[k].name == name {
					return &walls[k]
				}
			}
			return nil
		}
		height := r.Max[1] - r.Min[1]
		check := func(f, wall string, offset, width, bottom, h, depth float32, needDepth bool) error {
			w := find(wall)
			if w == nil {
				return primError(f+".wall", fmt.Sprintf("%q is not a wall", wall), "use \"north\", \"south\", \"east\" or \"west\"")
			}
			u := w.uOf(offset)
			if !(width >= minSize) || !(h >= minSize) || (needDepth && !(depth >= minSize)) {
				return primError(f, "needs a positive width, height and depth", "give sizes in metres")
			}
			if u-width/2 < -fitTolerance || u+width/2 > w.length+fitTolerance || bottom < 0 || bottom+h > height+fitTolerance {
				return primError(f, fmt.Sprintf("does not fit in the %.3g × %.3g m %s wall", w.length, height, wall),
					"move it (offset is from the wall's middle) or make it smaller")
			}
			return nil
		}
		for j, o := range r.Openings {
			if err := check(fmt.Sprintf("%s.openings[%d]", field, j), o.Wall, o.Offset, o.Width, o.Sill, o.Height, 0, false); err != nil {
				return err
			}
		}
		for j, n := range r.Niches {
			if err := check(fmt.Sprintf("%s.niches[%d]", field, j), n.Wall, n.Offset, n.Width, n.Bottom, n.Height, n.Depth, true); err != nil {
				return err
			}
		}
		for j, cl := range r.Cells {
			if err := check(fmt.Sprintf("%s.cells[%d]", field, j), cl.Wall, cl.Offset, cl.Width, 0, cl.Height, cl.Depth, true); err != nil {
				return err
			}
		}
		for j := range r.Ceiling.Parts {
			p := &r.Ceiling.Parts[j]
			pf := fmt.Sprintf("%s.ceiling.parts[%d]", field, j)
			switch p.Shape {
			case ShapeTruncatedPyramid:
				if p.Slopes == nil || !(p.Rise >= minSize) || p.Top[0] < 0 || p.Top[1] < 0 {
					return primError(pf, "a truncated pyramid needs \"rise\", \"top\" and \"slopes\"",
						"add \"rise\": m, \"top\": [w, d], \"slopes\": {\"north\": ..., \"south\": ..., \"east\": ..., \"west\": ...}")
				}
			case ShapeCoffered:
				if cs := p.Caisson; cs != nil && (!(cs.Depth >= minSize) || !(cs.Size[0] >= minSize) || !(cs.Size[1] >= minSize)) {
					return primError(pf+".caisson", "needs a positive size and depth", "give \"size\": [w, d] and \"depth\" in metres")
				}
			}
		}
	}
	return nil
}

// checkSolid checks what the compiler needs of a solid.
func checkSolid(field string, sd *Solid, r *Room) error {
	switch sd.Type {
	case TypeCentralPillar:
		for i, n := range sd.Niches {
			f := fmt.Sprintf("%s.niches[%d]", field, i)
			along, across := sd.Width, sd.Depth // north–south and east–west extents
			if n.Face == "north" || n.Face == "south" {
				along, across = sd.Depth, sd.Width
			} else if n.Face != "east" && n.Face != "west" {
				return primError(f+".face", fmt.Sprintf("%q is not a face", n.Face), "use \"north\", \"south\", \"east\" or \"west\"")
			}
			if !(n.Width >= minSize) || !(n.Height >= minSize) || !(n.Depth >= minSize) || n.Depth >= across/2 ||
				abs(n.Offset)+n.Width/2 > along/2+fitTolerance || n.Bottom < 0 || n.Bottom+n.Height > sd.Height+fitTolerance {
				return primError(f, fmt.Sprintf("does not fit in the %s face (%.3g m wide, %.3g m high) or is deeper than half the pillar", n.Face, along, sd.Height),
					"move it (offset is from the face's middle) or make it smaller")
			}
		}
		return nil
	case TypeColumnRow:
		if sd.Count < 1 || sd.Count > maxColumns {
			return primError(field+".count", fmt.Sprintf("%d is not a number of columns from 1 to %d", sd.Count, maxColumns), "give how many columns stand in the row")
		}
		if n := sd.Sides.N; sd.Sides.Surface != nil || n != 0 && (n < minColumnSides || n > maxColumnSides) {
			return primError(field+".sides", fmt.Sprintf("a column has %d to %d sides", minColumnSides, maxColumnSides), "give a whole number, e.g. 16")
		}
		if !(sd.Diameter >= minSize) || !(sd.Height >= minSize) {
			return primError(field, "needs a positive diameter and height", "give them in metres")
		}
		return nil
	case TypeBox, TypePlatform, TypeThrone, TypeScreen:
		if !(sd.Width >= minSize) || !(sd.Height >= minSize) || (sd.Type != TypeScreen && !(sd.Depth >= minSize)) ||
			(sd.Type == TypeScreen && !(sd.Thickness >= minSize)) {
			return primError(field, "needs a positive width, depth (a screen: thickness) and height", "give them in metres")
		}
		if sd.Type == TypeThrone || sd.Type == TypeScreen {
			if _, ok := sideNormal(sd.Facing); !ok {
				return primError(field+".facing", fmt.Sprintf("%q is not a direction", sd.Facing), "use \"north\", \"south\", \"east\" or \"west\"")
			}
		}
		for i, st := range sd.Steps {
			if _, ok := sideNormal(st.Side); !ok || st.Count < 1 || st.Count > maxSteps || !(st.Width >= minSize) {
				return primError(fmt.Sprintf("%s.steps[%d]", field, i), "needs a side, a width and 1 to 64 steps",
					"e.g. {\"side\": \"south\", \"width\": 3, \"count\": 7, \"surface\": ...}")
			}
		}
		return nil
	}
	return primError(field+".type", fmt.Sprintf("%q is not a known solid", sd.Type),
		"use central-pillar, box, column-row, platform, throne or screen")
}
