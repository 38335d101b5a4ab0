// Package assets holds the textures of the scenes: PNG images painted by
// the generator in ./gen and embedded in the binary. Names start with the
// site: "mogao-" for the murals of the Mogao caves (Northern Wei red
// ground, Western Wei white ground, Late Tang and later walls) and
// "palace-" for the lacquer, gilding and stone of the Forbidden City's
// outer-court halls.
//
//	data, err := fs.ReadFile(assets.Textures, "textures/mogao-floor.png")
//	img, err := png.Decode(bytes.NewReader(data))
//
// Names lists what is there. The PNGs are committed; after changing the
// generator, run `go generate ./assets` to repaint them (the package tests
// fail until the committed files match the generator's output).
package assets

import (
	"embed"
	"image/color"
	"io/fs"
	"slices"
	"strings"
)

//go:generate go run ./gen

// Textures holds textures/NAME.png for every name in Names.
//
//go:embed textures/*.png
var Textures embed.FS

// Names returns the texture names (file names without ".png"), sorted.
func Names() []string {
	entries, err := fs.ReadDir(Textures, "textures")
	if err != nil {
		// The directory is embedded at build time; failing to list it
		// means the binary itself is broken.
		panic("assets: embedded textures unreadable: " + err.Error())
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".png"); ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// MogaoPalette lists the main hues of the Mogao textures, as painted
// before ageing: earth-red ground, cinnabar, malachite green, lapis blue,
// yellow ochre, darkened lead white (the faces and bodies) and the pale
// surviving white. Tests compare screenshots against these by hue, since
// cave lighting changes their brightness.
var MogaoPalette = []color.RGBA{
	{0x8c, 0x3b, 0x26, 0xff}, // earth red (土红) ground
	{0xa8, 0x46, 0x2d, 0xff}, // cinnabar
	{0x3f, 0x7d, 0x5a, 0xff}, // malachite green (石绿)
	{0x2f, 0x4f, 0x8f, 0xff}, // lapis / azurite blue (石青)
	{0xc0, 0x8a, 0x3e, 0xff}, // yellow ochre
	{0x4a, 0x44, 0x40, 0xff}, // darkened lead white
	{0xd8, 0xcb, 0xb0, 0xff}, // pale white
}

// PalacePalette lists the main hues of the Forbidden City textures:
// vermilion walls and columns, lacquer red, imperial-yellow glaze, gold
// leaf, the blue and green grounds of hexi caihua, white marble and the
// oiled golden bricks. Like MogaoPalette it is for comparing hues on
// screen, not exact values.
var PalacePalette = []color.RGBA{
	{0xa8, 0x32, 0x2d, 0xff}, // vermilion (walls, columns)
	{0xb0, 0x28, 0x1f, 0xff}, // lacquer red (doors, screen frames)
	{0xe9, 0xa8, 0x1f, 0xff}, // imperial yellow (glaze; the lit side of gilt)
	{0xd4, 0xaf, 0x37, 0xff}, // gold leaf
	{0x1f, 0x4e, 0x8c, 0xff}, // hexi blue
	{0x2e, 0x7d, 0x5b, 0xff}, // hexi green
	{0xec, 0xeb, 0xe4, 0xff}, // white marble
	{0x3a, 0x3a, 0x38, 0xff}, // oiled golden brick
}
