package catalog

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/assets"
	"yunyou/formation"
	"yunyou/protocol"
	"yunyou/scenes"
)

// Builtin returns the scenes and textures built into the program.
func Builtin() (*Catalog, error) {
	return Load("")
}

// fromScenes turns checked scenes into what the server offers.
func fromScenes(all []*scenes.Scene) ([]*Scene, error) {
	list := make([]*Scene, 0, len(all))
	for _, s := range all {
		data, err := json.Marshal(s)
		if err != nil {
			return nil, fmt.Errorf("catalog: encoding scene %s: %w", s.ID, err)
		}
		compiled, err := s.Compile()
		if err != nil {
			return nil, fmt.Errorf("catalog: building scene %s: %w", s.ID, err)
		}
		hotspots := make([]string, 0, len(s.Hotspots))
		for _, h := range s.Hotspots {
			hotspots = append(hotspots, h.ID)
		}
		list = append(list, &Scene{
			Hotspots: hotspots,
			Reach: func(fx, fz, tx, tz float32) (float32, float32) {
				p := compiled.Slide(mgl32.Vec3{fx, 0, fz}, mgl32.Vec3{tx, 0, tz}, formation.AvatarRadius)
				return p.X(), p.Z()
			},
			Floor:    s.FloorAt,
			ID:       s.ID,
			Title:    s.Title,
			Era:      s.Era,
			Textures: textures(s),
			Spawn:    protocol.Pose{X: s.Spawn.X, Y: s.Spawn.Y, Z: s.Spawn.Z, Yaw: s.Spawn.Yaw, Pitch: s.Spawn.Pitch},
			JSON:     data,
			Inside:   s.Contains,
		})
	}
	return list, nil
}

// builtinTextureNames is the set of textures built into the program.
func builtinTextureNames() map[string]bool {
	known := map[string]bool{}
	for _, name := range assets.Names() {
		known[name] = true
	}
	return known
}

// textures lists the textures a scene uses on its surfaces and in its
// hotspots' pictures, sorted, each once.
func textures(s *scenes.Scene) []string {
	names := s.Textures()
	for _, h := range s.Hotspots {
		if h.Image != nil && !slices.Contains(names, h.Image.Texture) {
			names = append(names, h.Image.Texture)
		}
	}
	slices.Sort(names)
	return names
}
