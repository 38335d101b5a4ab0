package scenes

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// File is one scene file: the name to use in messages (a path the curator
// knows, e.g. "content/cave-16.json") and its bytes. The scene's id is the
// file name without ".json".
type File struct {
	Name string
	Data []byte
}

// ID is the scene id the file must hold: its base name without ".json".
func (f File) ID() string {
	return strings.TrimSuffix(path.Base(strings.ReplaceAll(f.Name, "\\", "/")), ".json")
}

// BuiltinFiles returns the scene files embedded in the program, named
// "scenes/ID.json", sorted by name.
func BuiltinFiles() ([]File, error) {
	names, err := fs.Glob(builtinFiles, "*.json")
	if err != nil {
		return nil, fmt.Errorf("scenes: listing embedded files: %w", err)
	}
	out := make([]File, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(builtinFiles, name)
		if err != nil {
			return nil, fmt.Errorf("scenes: reading embedded %s: %w", name, err)
		}
		out = append(out, File{Name: "scenes/" + name, Data: data})
	}
	return out, nil
}

// ValidateSet checks scene files that are offered together: a file whose
// id equals an earlier file's replaces it (so content files listed after
// the built-in ones override them), portals may lead to any scene of the
// set, and every texture must be in textures (nil: not checked). It
// returns the valid scenes sorted by id and every mistake of every file,
// sorted by file and position.
func ValidateSet(files []File, textures map[string]bool) ([]*Scene, Errors) {
	byID := map[string]int{}
	var order []File
	for _, f := range files {
		if i, ok := byID[f.ID()]; ok {
			order[i] = f
			continue
		}
		byID[f.ID()] = len(order)
		order = append(order, f)
	}
	known := Known{Textures: textures, Scenes: make(map[string]bool, len(order))}
	for id := range byID {
		known.Scenes[id] = true
	}
	var all Errors
	var out []*Scene
	for _, f := range order {
		known.ID = f.ID()
		s, errs := Validate(f.Name, f.Data, known)
		if len(errs) > 0 {
			all = append(all, errs...)
			continue
		}
		out = append(out, s)
	}
	all.Sort()
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, all
}
