// Command gen paints the textures of package assets (the Mogao murals and
// the Forbidden City halls) and writes them as PNG files. It is run by
// `go generate ./assets`:
//
//	go run ./gen [-out textures] [-only name,name]
//
// -only repaints just the named textures, for quick looks while drawing.
//
// Everything is deterministic (fixed seeds, no clock, no map order), so a
// run reproduces the committed files byte for byte; the package test
// checks that they are up to date.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// texture is one generated image: its file name (without .png), size, the
// painter that makes it and its palette size (at most maxColours). Flat
// mineral paint reads the same in 96 colours as in 256, and the smaller
// palette takes a sixth off the file.
type texture struct {
	name    string
	w, h    int
	paint   func(w, h int) *Canvas
	colours int
}

// lean is the palette size of the later textures, chosen by eye: below it
// the antialiased contours and the washes of age start to band.
const lean = 96

// textures lists every generated texture, in the order the contract gives.
var textures = []texture{
	{"mogao-thousand-buddhas", 512, 512, thousandBuddhas, maxColours},
	{"mogao-deer-jataka", 1024, 256, deerJataka, maxColours},
	{"mogao-narrative-band", 1024, 256, narrativeBand, maxColours},
	{"mogao-heavenly-musicians", 1024, 256, heavenlyMusicians, maxColours},
	{"mogao-yaksha-dado", 1024, 256, yakshaDado, maxColours},
	{"mogao-lantern-ceiling", 512, 512, lanternCeiling, maxColours},
	{"mogao-gable-ceiling", 512, 512, gableCeiling, maxColours},
	{"mogao-pillar-niche", 512, 1024, pillarNiche, maxColours},
	{"mogao-floor", 512, 512, floor, maxColours},

	// Caves 249 and 285 (Western Wei, white ground), 16 and 17.
	{"mogao-249-west-slope", 1024, 512, westSlope249, lean},
	{"mogao-249-south-slope", 1024, 512, southSlope249, lean},
	{"mogao-249-north-slope", 1024, 512, northSlope249, lean},
	{"mogao-249-east-slope", 1024, 512, eastSlope249, lean},
	{"mogao-hunting-frieze", 1024, 256, huntingFrieze, lean},
	{"mogao-lotus-caisson", 512, 512, lotusCaisson, lean},
	{"mogao-285-canopy", 512, 512, canopyCaisson, lean},
	{"mogao-285-robbers", 1024, 256, robbersBand, lean},
	{"mogao-285-fuxi-nuwa", 1024, 512, fuxiNuwa, lean},
	{"mogao-thousand-buddhas-white", 512, 512, thousandBuddhasWhite, lean},
	{"mogao-meditation-cell", 512, 512, meditationCell, lean},
	{"mogao-cave16-wall", 512, 512, cave16Wall, lean},
	{"mogao-library-wall", 512, 512, libraryWall, lean},
	{"mogao-library-trees", 1024, 512, libraryTrees, lean},

	// The Forbidden City's outer-court halls.
	{"palace-column", 256, 1024, palaceColumn, lean},
	{"palace-dragon-column", 256, 1024, dragonColumn, lean},
	{"palace-golden-brick", 512, 512, goldenBrick, lean},
	{"palace-coffer", 512, 512, palaceCoffer, lean},
	{"palace-dragon-caisson", 1024, 1024, dragonCaisson, lean},
	{"palace-hexi-beam", 1024, 256, hexiBeam, lean},
	{"palace-wall", 512, 512, palaceWall, lean},
	{"palace-screen", 1024, 512, palaceScreen, lean},
	{"palace-lattice-door", 512, 1024, latticeDoor, lean},
	{"palace-marble", 512, 512, palaceMarble, lean},
}

func main() {
	out := flag.String("out", "textures", "directory to write NAME.png files into")
	only := flag.String("only", "", "comma-separated texture names to paint (default: all)")
	flag.Parse()
	var names []string
	if *only != "" {
		names = strings.Split(*only, ",")
	}
	if err := writeAll(*out, names); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// render paints t and encodes it as PNG.
func render(t texture) ([]byte, error) {
	c := t.paint(t.w, t.h)
	if c.W != t.w || c.H != t.h {
		return nil, fmt.Errorf("%s: painted %d×%d, want %d×%d", t.name, c.W, c.H, t.w, t.h)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, palettedN(c.Image(), t.colours)); err != nil {
		return nil, fmt.Errorf("%s: encode: %w", t.name, err)
	}
	return buf.Bytes(), nil
}

// selected returns the textures named in names, or all of them when names
// is empty; an unknown name is an error, so a typo in -only is not silently
// a no-op.
func selected(names []string) ([]texture, error) {
	if len(names) == 0 {
		return textures, nil
	}
	var out []texture
	for _, n := range names {
		i := slices.IndexFunc(textures, func(t texture) bool { return t.name == n })
		if i < 0 {
			return nil, fmt.Errorf("no texture named %q (see the textures list in main.go)", n)
		}
		out = append(out, textures[i])
	}
	return out, nil
}

// renderAll paints the given textures, in parallel since they are
// independent.
func renderAll(todo []texture) (map[string][]byte, error) {
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		out  = make(map[string][]byte, len(todo))
		errs []error
	)
	for _, t := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, err := render(t)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			out[t.name] = data
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return out, nil
}

// writeAll renders the named textures (all when names is empty) into
// dir/NAME.png.
func writeAll(dir string, names []string) error {
	todo, err := selected(names)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	all, err := renderAll(todo)
	if err != nil {
		return err
	}
	for _, t := range todo {
		path := filepath.Join(dir, t.name+".png")
		if err := os.WriteFile(path, all[t.name], 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}
