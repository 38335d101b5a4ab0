// Command gen paints the Mogao mural textures of package assets and writes
// them as PNG files. It is run by `go generate ./assets`:
//
//	go run ./gen [-out textures]
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
	"sync"
)

// texture is one generated image: its file name (without .png), size, and
// the painter that makes it.
type texture struct {
	name  string
	w, h  int
	paint func(w, h int) *Canvas
}

// textures lists every generated texture, in the order the contract gives.
var textures = []texture{
	{"mogao-thousand-buddhas", 512, 512, thousandBuddhas},
	{"mogao-deer-jataka", 1024, 256, deerJataka},
	{"mogao-narrative-band", 1024, 256, narrativeBand},
	{"mogao-heavenly-musicians", 1024, 256, heavenlyMusicians},
	{"mogao-yaksha-dado", 1024, 256, yakshaDado},
	{"mogao-lantern-ceiling", 512, 512, lanternCeiling},
	{"mogao-gable-ceiling", 512, 512, gableCeiling},
	{"mogao-pillar-niche", 512, 1024, pillarNiche},
	{"mogao-floor", 512, 512, floor},
}

func main() {
	out := flag.String("out", "textures", "directory to write NAME.png files into")
	flag.Parse()
	if err := writeAll(*out); err != nil {
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
	if err := enc.Encode(&buf, paletted(c.Image())); err != nil {
		return nil, fmt.Errorf("%s: encode: %w", t.name, err)
	}
	return buf.Bytes(), nil
}

// renderAll paints every texture, in parallel since they are independent.
func renderAll() (map[string][]byte, error) {
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		out  = make(map[string][]byte, len(textures))
		errs []error
	)
	for _, t := range textures {
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

// writeAll renders every texture into dir/NAME.png.
func writeAll(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	all, err := renderAll()
	if err != nil {
		return err
	}
	for _, t := range textures {
		path := filepath.Join(dir, t.name+".png")
		if err := os.WriteFile(path, all[t.name], 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}
