package scenes

// Hotspot is a point on a surface that opens a panel about what is there.
// Title, Summary and Text map a language tag to text.
type Hotspot struct {
	ID       string            `json:"id"`
	Position [3]float32        `json:"position"`
	Title    map[string]string `json:"title"`
	Summary  map[string]string `json:"summary,omitempty"`
	Text     map[string]string `json:"text,omitempty"`
	Image    *HotspotImage     `json:"image,omitempty"`
}

// HotspotImage is an optional picture in a hotspot's panel.
type HotspotImage struct {
	Texture string            `json:"texture"`
	Caption map[string]string `json:"caption,omitempty"`
}

// Portal is a floor area that takes a visitor to another scene.
type Portal struct {
	ID     string            `json:"id"`
	To     string            `json:"to"`
	Center [2]float32        `json:"center"`
	Size   [2]float32        `json:"size"`
	Label  map[string]string `json:"label,omitempty"`
	Arrive *Spawn            `json:"arrive,omitempty"`
}

// TourStop is one stop of a scene's default tour route.
type TourStop struct {
	Pose    Spawn   `json:"pose"`
	Hotspot string  `json:"hotspot,omitempty"`
	Dwell   float32 `json:"dwell"`
}
