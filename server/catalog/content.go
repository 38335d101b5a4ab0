package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"yunyou/assets"
	"yunyou/scenes"
)

// MaxTextureSide is the largest width or height, in pixels, of a
// curator's texture. The renderer packs every texture of a scene into one
// atlas, and WebGL2 guarantees only 4096×4096 per texture: larger
// photographs would crowd out the murals (the built-in textures are at
// most 1024 on a side).
const MaxTextureSide = 1024

// textureExts are the image files a content directory's textures/ may hold.
var textureExts = []string{".png", ".jpg", ".jpeg"}

// LoadTextures reads the curators' images in dir (a content directory's
// textures/): NAME.png, NAME.jpg or NAME.jpeg. JPEG photographs are
// converted to PNG once, here, so every texture is served the same way at
// /assets/textures/NAME.png. A missing dir holds no textures. Images
// larger than MaxTextureSide on a side, unreadable images and bad names
// are refused; every such problem is returned, one per file.
func LoadTextures(dir string) (map[string][]byte, scenes.Errors) {
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, scenes.Errors{{File: dir, Problem: "cannot be read: " + err.Error(), Fix: "check the directory's permissions"}}
	}
	var problems scenes.Errors
	from := map[string]string{}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || !contains(textureExts, ext) {
			continue
		}
		file := filepath.Join(dir, e.Name())
		name := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		if !validTextureName(name) {
			problems = append(problems, &scenes.Error{File: file, Problem: fmt.Sprintf("%q is not a texture name", name),
				Fix: "rename the file with lower-case letters, digits and hyphens, e.g. cave-16-west-wall.jpg"})
			continue
		}
		if other, dup := from[name]; dup {
			problems = append(problems, &scenes.Error{File: file, Problem: fmt.Sprintf("%s has the same texture name", filepath.Base(other)),
				Fix: "keep one image per name; delete or rename the other"})
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			problems = append(problems, &scenes.Error{File: file, Problem: "cannot be read: " + err.Error(), Fix: "check the file's permissions"})
			continue
		}
		pngData, err := toPNG(data, ext)
		if err != nil {
			problems = append(problems, &scenes.Error{File: file, Problem: err.Error(),
				Fix: "save the image again as PNG or baseline JPEG, at most " + fmt.Sprint(MaxTextureSide) + " pixels on a side"})
			continue
		}
		from[name] = file
		out[name] = pngData
	}
	sort.Slice(problems, func(i, j int) bool { return problems[i].File < problems[j].File })
	return out, problems
}

// toPNG checks an image's size and returns it as PNG.
func toPNG(data []byte, ext string) ([]byte, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("is not a PNG or JPEG image (%v)", err)
	}
	if cfg.Width > MaxTextureSide || cfg.Height > MaxTextureSide {
		return nil, fmt.Errorf("is %d×%d pixels, larger than %d on a side; scale it down (texture sizes are set in metres in the scene, so fewer pixels only make it less sharp)",
			cfg.Width, cfg.Height, MaxTextureSide)
	}
	if format == "png" {
		return data, nil
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("is not a readable %s image (%v)", strings.TrimPrefix(ext, "."), err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("cannot be converted to PNG: %v", err)
	}
	return buf.Bytes(), nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// ContentFiles reads the scene files DIR/*.json, sorted by name.
func ContentFiles(dir string) ([]scenes.File, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("listing scenes in %s: %w", dir, err)
	}
	sort.Strings(names)
	out := make([]scenes.File, 0, len(names))
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("reading scene %s: %w", name, err)
		}
		out = append(out, scenes.File{Name: name, Data: data})
	}
	return out, nil
}

// Load returns the built-in scenes and textures together with those of the
// content directory dir ("" for none): dir/*.json scenes and
// dir/textures/*.png|*.jpg|*.jpeg images, which add to the built-in ones
// or replace those of the same id or name. Every scene is checked against
// all the textures and scene ids; the error, when any scene or texture is
// wrong, is a scenes.Errors with one line per mistake.
func Load(dir string) (*Catalog, error) {
	files, err := scenes.BuiltinFiles()
	if err != nil {
		return nil, err
	}
	known := builtinTextureNames()
	var extra map[string][]byte
	var problems scenes.Errors
	if dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("content directory %q: not a directory; give -content (or YUNYOU_CONTENT) a directory holding scene files and textures/", dir)
		}
		content, err := ContentFiles(dir)
		if err != nil {
			return nil, err
		}
		files = append(files, content...)
		extra, problems = LoadTextures(filepath.Join(dir, "textures"))
		for name := range extra {
			known[name] = true
		}
	}
	all, errs := scenes.ValidateSet(files, known)
	if problems = append(problems, errs...); len(problems) > 0 {
		return nil, problems
	}
	list, err := fromScenes(all)
	if err != nil {
		return nil, err
	}
	c, err := New(list, assets.Textures)
	if err != nil {
		return nil, err
	}
	c.extra = extra
	return c, nil
}
