package scenes

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/go-gl/mathgl/mgl32"
)

// Limits on hotspots, portals and tours.
const (
	// hotspotTolerance is how far, in metres, a hotspot may be from the
	// surface it marks: markers are drawn on the surface, and a hotspot
	// floating further off looks detached from the painting it describes.
	hotspotTolerance = 0.05
	// minDwell and maxDwell bound a tour stop's pause in seconds: below
	// one second a kiosk visitor cannot see the stop at all, and over ten
	// minutes a kiosk looks frozen.
	minDwell = 1
	maxDwell = 600
)

// hotspotTextFields are the hotspot texts that must come in the same
// languages in every hotspot, so a visitor reading French never meets a
// panel without a French title.
var hotspotTextFields = []string{"title", "summary", "text"}

// content checks hotspots, portals and the tour. comp is the compiled
// scene, to test whether hotspots sit on surfaces; it is nil when the rooms
// and solids have mistakes.
func (c checker) content(s *Scene, comp *Compiled) {
	var polys []Polygon
	if comp != nil {
		polys = comp.Polygons
	}
	ids := map[string]int{}
	for i := range s.Hotspots {
		h := &s.Hotspots[i]
		field := fmt.Sprintf("hotspots[%d]", i)
		c.uniqueID(ids, field, "hotspot", "hotspots", "nine-coloured-deer", h.ID, i)
		c.texts(field+".title", h.Title, true)
		c.texts(field+".summary", h.Summary, false)
		c.texts(field+".text", h.Text, false)
		if h.Image != nil {
			c.add(c.textureName(field+".image.texture", h.Image.Texture))
			c.texts(field+".image.caption", h.Image.Caption, false)
		}
		c.add(c.onSurface(s, field+".position", h.Position, polys))
	}
	c.hotspotLanguages(s)
	c.portals(s)
	c.tour(s, ids)
	if comp != nil && len(*c.errs) == 0 {
		// Only a sound scene's stops can be walked between.
		c.tourWalks(s, comp)
	}
}

// textureName checks a texture named outside a surface (a hotspot image).
func (c checker) textureName(field, name string) error {
	if !texturePattern.MatchString(name) {
		return c.errf(field, "texture names use lower-case letters, digits and hyphens (the image file name without extension)",
			"%q is not a valid texture name", name)
	}
	if c.known.Textures != nil && !c.known.Textures[name] {
		return c.errf(field, fmt.Sprintf("use one of the built-in textures (see assets/textures) or put %s.png in the content directory's textures/", name),
			"texture %q not found", name)
	}
	return nil
}

// onSurface checks that p lies on one of the polygons (when polys is nil
// the scene could not be compiled and only the numbers are checked).
func (c checker) onSurface(s *Scene, field string, p [3]float32, polys []Polygon) error {
	for _, v := range p {
		if !finite(v) || abs(v) > maxSize {
			return c.errf(field, fmt.Sprintf("give [x, y, z] in metres within ±%d", maxSize), "%v is not a position", p)
		}
	}
	if polys == nil {
		return nil
	}
	pt := mgl32.Vec3(p)
	best, bestDist := "", float32(math.Inf(1))
	for i := range polys {
		pl := &polys[i]
		d := pl.Normal.Dot(pt.Sub(pl.Verts[0].Pos))
		if abs(d) <= hotspotTolerance && insidePolygon(pl, pt.Sub(pl.Normal.Mul(d))) {
			return nil
		}
		if dist := pointPolygonDistance(pl, pt); dist < bestDist {
			best, bestDist = pl.Source, dist
		}
	}
	return c.errf(field, fmt.Sprintf("put the point within %.0f cm of a wall, pillar face, floor or ceiling (the nearest surface is %s, %.2f m away)", hotspotTolerance*100, best, bestDist),
		"%v is not on a surface", p)
}

// insidePolygon reports whether q, in the polygon's plane, lies inside the
// convex polygon or within hotspotTolerance of its edges.
func insidePolygon(pl *Polygon, q mgl32.Vec3) bool {
	n := len(pl.Verts)
	for i := range pl.Verts {
		a, b := pl.Verts[i].Pos, pl.Verts[(i+1)%n].Pos
		edge := b.Sub(a)
		// inward is the edge's left side for a CCW polygon seen from the
		// front.
		inward := pl.Normal.Cross(edge)
		if l := inward.Len(); l > 0 && q.Sub(a).Dot(inward)/l < -hotspotTolerance {
			return false
		}
	}
	return true
}

// pointPolygonDistance is an estimate of the distance from p to the
// polygon, for naming the nearest surface in messages: the distance to the
// plane or to the nearest corner, whichever is larger.
func pointPolygonDistance(pl *Polygon, p mgl32.Vec3) float32 {
	d := abs(pl.Normal.Dot(p.Sub(pl.Verts[0].Pos)))
	q := p.Sub(pl.Normal.Mul(pl.Normal.Dot(p.Sub(pl.Verts[0].Pos))))
	if insidePolygon(pl, q) {
		return d
	}
	nearest := float32(math.Inf(1))
	for _, v := range pl.Verts {
		nearest = min(nearest, v.Pos.Sub(p).Len())
	}
	return max(d, nearest)
}

// hotspotLanguages reports a hotspot missing a language that another
// hotspot's same text has.
func (c checker) hotspotLanguages(s *Scene) {
	get := func(h *Hotspot, f string) map[string]string {
		switch f {
		case "title":
			return h.Title
		case "summary":
			return h.Summary
		}
		return h.Text
	}
	for _, f := range hotspotTextFields {
		// first[lang] is the first hotspot whose text has lang.
		first := map[string]int{}
		for i := range s.Hotspots {
			for lang, text := range get(&s.Hotspots[i], f) {
				if _, ok := first[lang]; !ok && strings.TrimSpace(text) != "" {
					first[lang] = i
				}
			}
		}
		langs := make([]string, 0, len(first))
		for lang := range first {
			langs = append(langs, lang)
		}
		sort.Strings(langs)
		for i := range s.Hotspots {
			h := &s.Hotspots[i]
			texts := get(h, f)
			if f == "text" && len(texts) == 0 {
				continue // a hotspot may have no long text at all
			}
			for _, lang := range langs {
				if strings.TrimSpace(texts[lang]) == "" {
					j := first[lang]
					c.add(c.errf(fmt.Sprintf("hotspots[%d].%s", i, f),
						fmt.Sprintf("add %q to it, or remove %q from every hotspot's %s", lang, lang, f),
						"has no %q text but hotspots[%d] (%s) has one", lang, j, s.Hotspots[j].ID))
				}
			}
		}
	}
}

// portals checks every portal's id, target and floor area.
func (c checker) portals(s *Scene) {
	ids := map[string]int{}
	for i := range s.Portals {
		p := &s.Portals[i]
		field := fmt.Sprintf("portals[%d]", i)
		c.uniqueID(ids, field, "portal", "portals", "to-cave-249", p.ID, i)
		switch {
		case !idPattern.MatchString(p.To):
			c.add(c.errf(field+".to", "name the target scene by its id, e.g. \"mogao-249\"", "%q is not a scene id", p.To))
		case p.To == s.ID:
			c.add(c.errf(field+".to", "a portal leads to another scene; use \"arrive\" poses of a tour to move within one", "leads to this scene itself"))
		case c.known.Scenes != nil && !c.known.Scenes[p.To]:
			c.add(c.errf(field+".to", "use the id of a built-in scene or of a scene file in the content directory: "+quoteList(c.known.Scenes),
				"scene %q not found", p.To))
		}
		c.texts(field+".label", p.Label, false)
		if !sizeOK(p.Size[0]) || !sizeOK(p.Size[1]) {
			c.add(c.errf(field+".size", fmt.Sprintf("give the floor area's [width, depth] in metres, each from %g to %d", minSize, maxSize),
				"%v is not two positive sizes", p.Size))
		} else if !finite(p.Center[0]) || !finite(p.Center[1]) {
			c.add(c.errf(field+".center", "give [x, z] in metres", "%v is not a position", p.Center))
		} else {
			hx, hz := p.Size[0]/2, p.Size[1]/2
			for _, k := range [][2]float32{{-hx, -hz}, {hx, -hz}, {hx, hz}, {-hx, hz}} {
				x, z := p.Center[0]+k[0], p.Center[1]+k[1]
				if s.roomAt(x, z, 0) == nil {
					c.add(c.errf(field, "move \"center\" or shrink \"size\" so the whole floor area lies inside the rooms",
						"the corner (%g, %g) of the area is outside every room", x, z))
					break
				}
			}
		}
		if p.Arrive != nil {
			c.add(c.pose(field+".arrive", *p.Arrive, nil))
		}
	}
}

// tour checks the stops of the tour route; hotspots maps hotspot ids to
// their index.
func (c checker) tour(s *Scene, hotspots map[string]int) {
	for i := range s.Tour {
		t := &s.Tour[i]
		field := fmt.Sprintf("tour[%d]", i)
		c.add(c.pose(field+".pose", t.Pose, s))
		if t.Hotspot != "" {
			if _, ok := hotspots[t.Hotspot]; !ok {
				known := make(map[string]bool, len(hotspots))
				for id := range hotspots {
					known[id] = true
				}
				fix := "add the hotspot to \"hotspots\" or remove \"hotspot\" from the stop"
				if len(known) > 0 {
					fix = "use the id of one of the scene's hotspots: " + quoteList(known)
				}
				c.add(c.errf(field+".hotspot", fix, "hotspot %q not found", t.Hotspot))
			}
		}
		if !(t.Dwell >= minDwell && t.Dwell <= maxDwell) {
			c.add(c.errf(field+".dwell", fmt.Sprintf("give the pause at the stop in seconds, from %d to %d", minDwell, maxDwell),
				"%v is out of range", t.Dwell))
		}
	}
}

// pose checks a viewpoint's numbers and, when s is not nil, that it stands
// inside a room and outside the solids.
func (c checker) pose(field string, p Spawn, s *Scene) error {
	for _, v := range []float32{p.X, p.Y, p.Z, p.Yaw, p.Pitch} {
		if !finite(v) || abs(v) > maxSize {
			return c.errf(field, "write numbers for x, y, z, yaw and pitch", "has a value that is not a number or out of range")
		}
	}
	if abs(p.Pitch) > math.Pi/2 {
		return c.errf(field+".pitch", "use radians within ±1.5708", "%v looks past straight up or down", p.Pitch)
	}
	if s == nil {
		return nil
	}
	r := s.roomAt(p.X, p.Z, 0)
	if r == nil || p.Y <= r.Min[1] || p.Y >= r.top() {
		return c.errf(field, "put the viewpoint inside a room, eye height about 1.6 m above the floor",
			"(%v, %v, %v) is outside every room", p.X, p.Y, p.Z)
	}
	for i := range s.Solids {
		if s.Solids[i].distance(p.X, p.Z) < BodyRadius && p.Y < s.Solids[i].Height {
			return c.errf(field, fmt.Sprintf("move the viewpoint at least %.2g m away from %s", float32(BodyRadius), s.Solids[i].label(i)),
				"(%v, %v, %v) is inside or touching solids[%d]", p.X, p.Y, p.Z, i)
		}
	}
	return nil
}

func sizeOK(v float32) bool { return v >= minSize && v <= maxSize }

// uniqueID checks that id, the id of list[i] (a hotspot or a portal), is
// well formed and not taken by an earlier item; ids maps the ids seen so far
// to their index.
func (c checker) uniqueID(ids map[string]int, field, kind, list, example, id string, i int) {
	if !idPattern.MatchString(id) {
		c.add(c.errf(field+".id", fmt.Sprintf("use lower-case letters, digits and hyphens, e.g. %q", example), "%q is not a valid %s id", id, kind))
	} else if j, dup := ids[id]; dup {
		c.add(c.errf(field+".id", fmt.Sprintf("give every %s of the scene its own id", kind), "%q is already the id of %s[%d]", id, list, j))
	} else {
		ids[id] = i
	}
}
