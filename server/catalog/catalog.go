// Package catalog holds what the server offers visitors: the scenes, with
// what the API and the sessions need of each, and the textures they use.
//
//	cat, err := catalog.Builtin()         // the scenes and textures built into the binary
//	cat, err = catalog.Load("content")    // plus content/*.json and content/textures/*
//	s, ok := cat.Scene("mogao-257")
//	ok = s.Contains(pose)                 // the server refuses poses outside the scene
//
// Tests can build a Catalog of their own scenes with New.
package catalog

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"yunyou/formation"
	"yunyou/protocol"
	"yunyou/server/session"
)

// DefaultScene is the scene a visitor lands in when the page names none.
const DefaultScene = "mogao-257"

// Scene is one scene as the server offers it.
type Scene struct {
	ID    string
	Title map[string]string // language → text
	Era   map[string]string // language → text
	// Textures names the textures the scene uses, sorted; each is served
	// at /assets/textures/NAME.png.
	Textures []string
	// Spawn is where a visitor who joins starts.
	Spawn protocol.Pose
	// JSON is the scene file, served as it is at /api/scenes/ID.
	JSON []byte
	// Inside reports whether an eye at (x, y, z) is within the walkable
	// volume of the scene.
	Inside func(x, y, z float32) bool
	// Hotspots lists the ids of the scene's hotspots, which a guide may
	// spotlight.
	Hotspots []string
	// Reach tells where a walker stops, for placing a guided group; nil
	// means nothing stops one.
	Reach formation.Reach
	// Floor gives the floor's height at a point, for placing a guided
	// group on platforms and steps; nil means level ground.
	Floor formation.Floor
}

// TourScene returns what a guided tour needs of scene id.
func (c *Catalog) TourScene(id string) (session.SceneInfo, bool) {
	s, ok := c.byID[id]
	if !ok {
		return session.SceneInfo{}, false
	}
	reach := s.Reach
	if reach == nil {
		reach = func(_, _, tx, tz float32) (float32, float32) { return tx, tz }
	}
	return session.SceneInfo{Spawn: s.Spawn, Hotspots: s.Hotspots, Reach: reach, Floor: s.Floor}, true
}

// Contains reports whether p is inside the scene.
func (s *Scene) Contains(p protocol.Pose) bool { return s.Inside(p.X, p.Y, p.Z) }

// Catalog is a fixed set of scenes and textures, safe for concurrent use.
type Catalog struct {
	scenes   []*Scene
	byID     map[string]*Scene
	def      string
	textures fs.FS
	// extra holds textures added at start (a content directory's), as
	// PNG by name; they hide textures of the same name in textures.
	extra map[string][]byte
}

// New returns a catalog of scenes, whose textures are in textures at
// "textures/NAME.png". The default scene is DefaultScene if present, else
// the first by id.
func New(scenes []*Scene, textures fs.FS) (*Catalog, error) {
	if len(scenes) == 0 {
		return nil, fmt.Errorf("catalog: no scenes; the server needs at least one")
	}
	c := &Catalog{byID: make(map[string]*Scene), textures: textures}
	for _, s := range scenes {
		if s.ID == "" || s.Inside == nil || s.JSON == nil {
			return nil, fmt.Errorf("catalog: scene %q lacks an id, an Inside test or its JSON", s.ID)
		}
		if _, dup := c.byID[s.ID]; dup {
			return nil, fmt.Errorf("catalog: scene %q appears twice", s.ID)
		}
		if !s.Contains(s.Spawn) {
			return nil, fmt.Errorf("catalog: scene %q spawns visitors at (%.2f, %.2f, %.2f), outside the scene", s.ID, s.Spawn.X, s.Spawn.Y, s.Spawn.Z)
		}
		c.byID[s.ID] = s
		c.scenes = append(c.scenes, s)
	}
	slices.SortFunc(c.scenes, func(a, b *Scene) int { return strings.Compare(a.ID, b.ID) })
	c.def = c.scenes[0].ID
	if _, ok := c.byID[DefaultScene]; ok {
		c.def = DefaultScene
	}
	return c, nil
}

// Scenes returns the scenes sorted by id. The caller must not modify them.
func (c *Catalog) Scenes() []*Scene { return c.scenes }

// Scene returns the scene with the given id.
func (c *Catalog) Scene(id string) (*Scene, bool) {
	s, ok := c.byID[id]
	return s, ok
}

// Default returns the id of the scene a visitor lands in by default.
func (c *Catalog) Default() string { return c.def }

// IDs returns the scene ids, sorted, for messages that list them.
func (c *Catalog) IDs() []string {
	ids := make([]string, len(c.scenes))
	for i, s := range c.scenes {
		ids[i] = s.ID
	}
	return ids
}

// Texture returns the PNG of the named texture.
func (c *Catalog) Texture(name string) ([]byte, error) {
	if data, ok := c.extra[name]; ok {
		return data, nil
	}
	if c.textures == nil || !validTextureName(name) {
		return nil, fmt.Errorf("texture name %q: %w", name, fs.ErrNotExist)
	}
	return fs.ReadFile(c.textures, "textures/"+name+".png")
}

// TextureNames returns the names of all textures in the catalog, sorted.
func (c *Catalog) TextureNames() ([]string, error) {
	var names []string
	if c.textures != nil {
		files, err := fs.Glob(c.textures, "textures/*.png")
		if err != nil {
			return nil, fmt.Errorf("catalog: listing textures: %w", err)
		}
		for _, f := range files {
			name := strings.TrimSuffix(strings.TrimPrefix(f, "textures/"), ".png")
			if validTextureName(name) && c.extra[name] == nil {
				names = append(names, name)
			}
		}
	}
	for name := range c.extra {
		names = append(names, name)
	}
	slices.Sort(names)
	return names, nil
}

// validTextureName keeps texture names to lowercase letters, digits and
// hyphens, so a request can never reach outside the textures directory.
func validTextureName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
