package pipeline

import (
	"cmp"
	"fmt"
	"image"
	"slices"
)

// piece is one rectangle the packer places: a texture's level 0 or the
// strip of its smaller mip levels.
type piece struct {
	region int
	strip  bool
}

// pieceOrders are the orders in which the packer tries to place pieces,
// largest first by different measures; pack keeps the smallest atlas.
// Placing large pieces first leaves small ones to fill the gaps, and no
// single measure wins for every mix of wide, tall and square textures.
var pieceOrders = []func(a, b [2]int) int{
	func(a, b [2]int) int { return cmp.Or(cmp.Compare(b[1], a[1]), cmp.Compare(b[0], a[0])) }, // height
	func(a, b [2]int) int { return cmp.Or(cmp.Compare(b[0], a[0]), cmp.Compare(b[1], a[1])) }, // width
	func(a, b [2]int) int { return cmp.Compare(b[0]*b[1], a[0]*a[1]) },                        // area
	func(a, b [2]int) int { return cmp.Compare(max(b[0], b[1]), max(a[0], a[1])) },            // longer side
}

// pack places every region's level 0 and mip strip in an atlas and
// returns the atlas size. It tries the widths from MinAtlasWidth to
// AtlasWidth and keeps the layout with the fewest texels; only when none
// fits does it try MaxAtlasSide wide. Wider atlases, or widths between
// powers of two, save little: the mip strips already fill the room
// beside the widest textures.
func pack(regions []Region) (width, height int, err error) {
	var best []Region
	try := func(w int) {
		for _, order := range pieceOrders {
			for _, score := range placeScores {
				trial := slices.Clone(regions)
				h, ok := packInto(trial, w, order, score)
				if ok && (best == nil || w*h < width*height) {
					best, width, height = trial, w, h
				}
			}
		}
	}
	for w := MinAtlasWidth; w <= AtlasWidth; w *= 2 {
		try(w)
	}
	if best == nil {
		try(MaxAtlasSide)
	}
	if best == nil {
		area := 0
		for _, r := range regions {
			area += r.W * r.H * 4 / 3
		}
		return 0, 0, fmt.Errorf("pipeline: the textures (%d of them, %d texels with their mip levels) do not fit a %d×%d atlas; use fewer or smaller textures",
			len(regions), area, MaxAtlasSide, MaxAtlasSide)
	}
	copy(regions, best)
	return width, max(height, 1), nil
}

// packInto places the pieces of regions, in the given order of their
// sizes, in an atlas width texels wide and at most MaxAtlasSide high,
// each at the free place that scores best. It reports the height used,
// or false when a piece does not fit.
func packInto(regions []Region, width int, order func(a, b [2]int) int, score func(f image.Rectangle, w, h int) [2]int) (int, bool) {
	var pieces []piece
	for i, r := range regions {
		pieces = append(pieces, piece{region: i})
		if r.Levels > 1 {
			pieces = append(pieces, piece{region: i, strip: true})
		}
	}
	// A strip is sorted by its column size; it may still be laid as a
	// row where that fits lower.
	size := func(p piece) [2]int {
		r := regions[p.region]
		if p.strip {
			w, h := r.mipStrip(false)
			return [2]int{w, h}
		}
		return [2]int{r.W, r.H}
	}
	slices.SortStableFunc(pieces, func(a, b piece) int { return order(size(a), size(b)) })

	// Every piece takes a Gutter to its right and below; the bin is a
	// Gutter larger than the atlas so that pieces may touch its far edges.
	bin := newMaxRects(width+Gutter, MaxAtlasSide+Gutter)
	height := 0
	for _, p := range pieces {
		r := &regions[p.region]
		var at image.Point
		var row, ok bool
		if p.strip {
			cw, ch := r.mipStrip(false)
			rw, rh := r.mipStrip(true)
			colAt, colScore, colOK := bin.find(cw+Gutter, ch+Gutter, score)
			rowAt, rowScore, rowOK := bin.find(rw+Gutter, rh+Gutter, score)
			row = rowOK && (!colOK || rowScore[0] < colScore[0] || rowScore[0] == colScore[0] && rowScore[1] < colScore[1])
			at, ok = colAt, colOK
			if row {
				at = rowAt
			}
		} else {
			at, _, ok = bin.find(r.W+Gutter, r.H+Gutter, score)
		}
		if !ok {
			return 0, false
		}
		w, h := r.W, r.H
		if p.strip {
			r.MX, r.MY, r.MipRow = at.X, at.Y, row
			w, h = r.mipStrip(row)
		} else {
			r.X, r.Y = at.X, at.Y
		}
		bin.place(image.Rect(at.X, at.Y, at.X+w+Gutter, at.Y+h+Gutter))
		height = max(height, at.Y+h)
	}
	return height, true
}

// maxRects is a MaxRects bin: free holds every maximal empty rectangle,
// overlapping each other, so a new piece can go anywhere it fits, not
// only on the shelf or skyline above the pieces before it.
type maxRects struct {
	free []image.Rectangle
}

func newMaxRects(w, h int) *maxRects {
	return &maxRects{free: []image.Rectangle{image.Rect(0, 0, w, h)}}
}

// placeScores rank the free rectangles a w×h piece fits in, lower
// better. pack tries each and keeps the smallest atlas.
var placeScores = []func(f image.Rectangle, w, h int) [2]int{
	// Bottom-left: the piece whose bottom edge ends highest, keeping
	// the atlas short.
	func(f image.Rectangle, w, h int) [2]int { return [2]int{f.Min.Y + h, f.Min.X} },
	// Best short side fit: the tightest free rectangle, leaving large
	// free areas whole for later pieces.
	func(f image.Rectangle, w, h int) [2]int {
		dx, dy := f.Dx()-w, f.Dy()-h
		return [2]int{min(dx, dy), max(dx, dy)}
	},
}

// find returns the best place by score where a w×h piece fits, and its
// score.
func (m *maxRects) find(w, h int, score func(f image.Rectangle, w, h int) [2]int) (image.Point, [2]int, bool) {
	var best image.Point
	var bestScore [2]int
	found := false
	for _, f := range m.free {
		if f.Dx() < w || f.Dy() < h {
			continue
		}
		if s := score(f, w, h); !found || s[0] < bestScore[0] || s[0] == bestScore[0] && s[1] < bestScore[1] {
			best, bestScore, found = f.Min, s, true
		}
	}
	return best, bestScore, found
}

// place marks used as taken: every free rectangle it overlaps is split
// into the parts around it, and rectangles inside others are dropped.
func (m *maxRects) place(used image.Rectangle) {
	var next []image.Rectangle
	for _, f := range m.free {
		if !f.Overlaps(used) {
			next = append(next, f)
			continue
		}
		// Rectangle literals, not image.Rect, which would turn a part
		// of negative width into a wrong positive one.
		for _, part := range []image.Rectangle{
			{f.Min, image.Pt(used.Min.X, f.Max.Y)},
			{image.Pt(used.Max.X, f.Min.Y), f.Max},
			{f.Min, image.Pt(f.Max.X, used.Min.Y)},
			{image.Pt(f.Min.X, used.Max.Y), f.Max},
		} {
			if part.Min.X < part.Max.X && part.Min.Y < part.Max.Y {
				next = append(next, part)
			}
		}
	}
	m.free = m.free[:0]
	for i, a := range next {
		contained := false
		for j, b := range next {
			if i != j && a.In(b) && (a != b || j < i) {
				contained = true
				break
			}
		}
		if !contained {
			m.free = append(m.free, a)
		}
	}
}
