package catalog

import (
	"encoding/json"
	"fmt"

	"yunyou/assets"
	"yunyou/protocol"
	"yunyou/scenes"
)

// Builtin returns the scenes and textures built into the program.
func Builtin() (*Catalog, error) {
	all, err := scenes.Builtin()
	if err != nil {
		return nil, err
	}
	list := make([]*Scene, 0, len(all))
	for _, s := range all {
		data, err := json.Marshal(s)
		if err != nil {
			return nil, fmt.Errorf("catalog: encoding scene %s: %w", s.ID, err)
		}
		list = append(list, &Scene{
			ID:       s.ID,
			Title:    s.Title,
			Era:      s.Era,
			Textures: s.Textures(),
			Spawn:    protocol.Pose{X: s.Spawn.X, Y: s.Spawn.Y, Z: s.Spawn.Z, Yaw: s.Spawn.Yaw, Pitch: s.Spawn.Pitch},
			JSON:     data,
			Inside:   s.Contains,
		})
	}
	return New(list, assets.Textures)
}
