// Package deeplink reads and writes the parts of the page's address that
// say where a visitor starts: ?scene=ID chooses the scene, ?name=NAME joins
// at once under that name, and ?pose=x,y,z,yaw,pitch puts the visitor at a
// pose (metres and radians, as in protocol.Pose) so a link can show someone
// exactly what you see.
package deeplink

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"yunyou/protocol"
)

// Link is what an address asks for. Empty fields were not given.
type Link struct {
	Scene string
	Name  string
	Pose  *protocol.Pose
}

// Parse reads a query string such as "scene=mogao-257&pose=0,1.6,3,0,0".
// A malformed pose is reported and left out, so the visitor still arrives
// at the scene's spawn; the other fields are taken as given.
func Parse(rawQuery string) (Link, error) {
	q, err := url.ParseQuery(strings.TrimPrefix(rawQuery, "?"))
	if err != nil {
		return Link{}, fmt.Errorf("the address's query %q is malformed: %w", rawQuery, err)
	}
	l := Link{Scene: q.Get("scene"), Name: strings.TrimSpace(q.Get("name"))}
	if s := q.Get("pose"); s != "" {
		p, err := ParsePose(s)
		if err != nil {
			return l, err
		}
		l.Pose = &p
	}
	return l, nil
}

// ParsePose reads "x,y,z,yaw,pitch".
func ParsePose(s string) (protocol.Pose, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 5 {
		return protocol.Pose{}, fmt.Errorf("pose %q has %d numbers; write ?pose=x,y,z,yaw,pitch (metres, radians)", s, len(parts))
	}
	var v [5]float32
	for i, part := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 32)
		if err != nil {
			return protocol.Pose{}, fmt.Errorf("pose %q: %q is not a number; write ?pose=x,y,z,yaw,pitch (metres, radians)", s, part)
		}
		v[i] = float32(f)
	}
	p := protocol.Pose{X: v[0], Y: v[1], Z: v[2], Yaw: v[3], Pitch: v[4]}
	if err := p.Check(); err != nil {
		return protocol.Pose{}, fmt.Errorf("pose %q: %w", s, err)
	}
	return p, nil
}

// FormatPose writes a pose for ?pose=, to centimetres and milliradians:
// finer than anyone can see, short enough to share.
func FormatPose(p protocol.Pose) string {
	f := func(v float32, prec int) string { return strconv.FormatFloat(float64(v), 'f', prec, 32) }
	return strings.Join([]string{f(p.X, 2), f(p.Y, 2), f(p.Z, 2), f(p.Yaw, 3), f(p.Pitch, 3)}, ",")
}
