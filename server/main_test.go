package main

import (
	"os"
	"strings"
	"testing"

	"yunyou/server/wsconn"
)

// Each connection limit comes from its flag, else its environment
// variable, else the default; nonsense is refused with a sentence naming
// the setting.
func TestConnectionLimitFlags(t *testing.T) {
	def := wsconn.DefaultConnLimits
	cases := []struct {
		name    string
		env     map[string]string
		args    []string
		want    wsconn.ConnLimits
		wantErr string
	}{
		{name: "defaults", want: def},
		{name: "environment", env: map[string]string{"YUNYOU_MAX_CONNS": "500", "YUNYOU_MAX_CONNS_PER_ADDR": "40", "YUNYOU_CONN_RATE_PER_ADDR": "2.5"},
			want: wsconn.ConnLimits{MaxConns: 500, MaxConnsPerAddr: 40, RatePerAddr: 2.5}},
		{name: "flags win", env: map[string]string{"YUNYOU_MAX_CONNS": "500"}, args: []string{"-max-conns", "900", "-max-conns-per-addr", "1100", "-conn-rate-per-addr", "600"},
			want: wsconn.ConnLimits{MaxConns: 900, MaxConnsPerAddr: 1100, RatePerAddr: 600}},
		{name: "environment not a number", env: map[string]string{"YUNYOU_MAX_CONNS_PER_ADDR": "lots"}, wantErr: "YUNYOU_MAX_CONNS_PER_ADDR"},
		{name: "zero", args: []string{"-conn-rate-per-addr", "0"}, wantErr: "must be above zero"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"YUNYOU_MAX_CONNS", "YUNYOU_MAX_CONNS_PER_ADDR", "YUNYOU_CONN_RATE_PER_ADDR"} {
				t.Setenv(k, tc.env[k]) // restored when the test ends
				if _, ok := tc.env[k]; !ok {
					os.Unsetenv(k)
				}
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
			if o.limits != tc.want {
				t.Errorf("limits %+v; want %+v", o.limits, tc.want)
			}
		})
	}
}
