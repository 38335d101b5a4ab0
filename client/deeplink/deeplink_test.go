package deeplink

import (
	"strings"
	"testing"

	"yunyou/protocol"
)

func TestParse(t *testing.T) {
	tests := []struct {
		query   string
		want    Link
		wantErr string
	}{
		{"", Link{}, ""},
		{"?name=Ana", Link{Name: "Ana"}, ""},
		{"name=%E6%9D%8E%20%E6%98%8E&scene=mogao-257", Link{Name: "李 明", Scene: "mogao-257"}, ""},
		{"name=++Bo++", Link{Name: "Bo"}, ""},
		{"scene=mogao-257&pose=1.5,1.6,-2,3.1,-0.2", Link{Scene: "mogao-257",
			Pose: &protocol.Pose{X: 1.5, Y: 1.6, Z: -2, Yaw: 3.1, Pitch: -0.2}}, ""},
		{"scene=mogao-257&pose=1,2,3", Link{Scene: "mogao-257"}, "has 3 numbers"},
		{"pose=1,2,3,four,5", Link{}, `"four" is not a number`},
		{"pose=1,2,3,0,2", Link{}, "pitch"},
		{"pose=NaN,0,0,0,0", Link{}, "not a finite number"},
		{"pose=9999,0,0,0,0", Link{}, "beyond"},
		{"name=%zz", Link{}, "malformed"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.query)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse(%q) error = %v, want one mentioning %q", tt.query, err, tt.wantErr)
			}
		} else if err != nil {
			t.Errorf("Parse(%q): %v", tt.query, err)
		}
		if got.Name != tt.want.Name || got.Scene != tt.want.Scene || (got.Pose == nil) != (tt.want.Pose == nil) ||
			(got.Pose != nil && *got.Pose != *tt.want.Pose) {
			t.Errorf("Parse(%q) = %+v (pose %v), want %+v (pose %v)", tt.query, got, got.Pose, tt.want, tt.want.Pose)
		}
	}
}

func TestFormatPoseRoundTrips(t *testing.T) {
	p := protocol.Pose{X: 1.234, Y: 1.6, Z: -7.5, Yaw: -3.14159, Pitch: 0.25}
	s := FormatPose(p)
	if s != "1.23,1.60,-7.50,-3.142,0.250" {
		t.Errorf("FormatPose = %q", s)
	}
	back, err := ParsePose(s)
	if err != nil || back.X != 1.23 || back.Z != -7.5 || back.Pitch != 0.25 {
		t.Errorf("ParsePose(FormatPose) = %+v, %v", back, err)
	}
}
