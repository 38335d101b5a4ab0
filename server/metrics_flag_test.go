package main

import (
	"os"
	"strings"
	"testing"
)

// Metrics are on unless -metrics=false or YUNYOU_METRICS=false turns them
// off; a value that is not a boolean is refused, naming the variable.
func TestMetricsFlag(t *testing.T) {
	cases := []struct {
		name    string
		env     string // "" leaves YUNYOU_METRICS unset
		args    []string
		want    bool
		wantErr string
	}{
		{name: "default", want: true},
		{name: "environment off", env: "false", want: false},
		{name: "flag off", args: []string{"-metrics=false"}, want: false},
		{name: "flag wins", env: "false", args: []string{"-metrics"}, want: true},
		{name: "environment not a boolean", env: "sometimes", wantErr: "YUNYOU_METRICS"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("YUNYOU_METRICS", tc.env) // restored when the test ends
			if tc.env == "" {
				os.Unsetenv("YUNYOU_METRICS")
			}
			o, err := parseFlags(tc.args)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v; want one naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if o.metrics != tc.want {
				t.Errorf("metrics on = %v; want %v", o.metrics, tc.want)
			}
		})
	}
}
