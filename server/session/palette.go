package session

// palette holds the colours that mark visitors' avatars and chat lines:
// bright, saturated hues that the cave murals do not use (their malachite
// green, lapis blue, cinnabar, ochre and darkened white), so a visitor
// never blends into a wall.
var palette = [...]string{
	"#ff2d95", // magenta
	"#00e5ff", // cyan
	"#76ff03", // lime
	"#ffea00", // yellow
	"#d500f9", // purple
	"#ff6d00", // orange
	"#2979ff", // blue
	"#00e676", // green
	"#1de9b6", // aqua
	"#651fff", // violet
	"#c6ff00", // chartreuse
	"#ff80ab", // pink
}

// pickColor returns the palette colour fewest present members wear, the
// earliest in the palette on a tie: colours differ while the palette lasts
// and repeat as evenly as possible after that.
func pickColor(members []*member) string {
	var used [len(palette)]int
	for _, m := range members {
		for i, c := range palette {
			if m.color == c {
				used[i]++
				break
			}
		}
	}
	best := 0
	for i := range used {
		if used[i] < used[best] {
			best = i
		}
	}
	return palette[best]
}
