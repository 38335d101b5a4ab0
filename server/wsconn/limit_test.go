package wsconn

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// clock is a hand-moved clock for the limiter.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestLimiter(t *testing.T) {
	type step struct {
		addr    string
		open    bool          // acquire; otherwise release
		wait    time.Duration // before the step
		refused int           // the status expected, 0 for none
	}
	cases := []struct {
		name  string
		lim   ConnLimits
		steps []step
	}{
		{
			name: "a class connects at once up to the per-address cap",
			lim:  ConnLimits{MaxConns: 100, MaxConnsPerAddr: 3, RatePerAddr: 1},
			steps: []step{
				{addr: "10.0.0.1", open: true}, {addr: "10.0.0.1", open: true}, {addr: "10.0.0.1", open: true},
				{addr: "10.0.0.1", open: true, refused: http.StatusTooManyRequests},
				{addr: "10.0.0.2", open: true}, // another school is not affected
				{addr: "10.0.0.1"},             // someone leaves, and a second later the next may come
				{addr: "10.0.0.1", open: true, wait: time.Second},
			},
		},
		{
			name: "after the burst, new connections come at the rate",
			lim:  ConnLimits{MaxConns: 100, MaxConnsPerAddr: 100, RatePerAddr: 2, BurstPerAddr: 2},
			steps: []step{
				{addr: "10.0.0.1", open: true}, {addr: "10.0.0.1", open: true},
				{addr: "10.0.0.1", open: true, refused: http.StatusTooManyRequests},
				{addr: "10.0.0.1", open: true, wait: 500 * time.Millisecond},
				{addr: "10.0.0.1", open: true, refused: http.StatusTooManyRequests},
				{addr: "10.0.0.2", open: true},
			},
		},
		{
			name: "the server-wide cap holds whoever asks",
			lim:  ConnLimits{MaxConns: 2, MaxConnsPerAddr: 10, RatePerAddr: 10},
			steps: []step{
				{addr: "10.0.0.1", open: true}, {addr: "10.0.0.2", open: true},
				{addr: "10.0.0.3", open: true, refused: http.StatusServiceUnavailable},
				{addr: "10.0.0.1"},
				{addr: "10.0.0.3", open: true},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clk := &clock{t: time.Unix(1000, 0)}
			l := newLimiter(tc.lim, clk.now)
			clk.advance(time.Second) // the first step in this test's first second
			for i, s := range tc.steps {
				clk.advance(s.wait)
				if !s.open {
					l.release(s.addr)
					continue
				}
				no := l.acquire(s.addr)
				switch {
				case s.refused == 0 && no != nil:
					t.Fatalf("step %d: %s refused with %d %q; want accepted", i, s.addr, no.status, no.message)
				case s.refused != 0 && no == nil:
					t.Fatalf("step %d: %s accepted; want refused with %d", i, s.addr, s.refused)
				case s.refused != 0 && no.status != s.refused:
					t.Fatalf("step %d: %s refused with %d; want %d", i, s.addr, no.status, s.refused)
				}
			}
		})
	}
}

// However many addresses come and go, the limiter remembers a bounded
// number, and forgets the idle ones once their buckets have refilled.
func TestLimiterForgetsIdleAddresses(t *testing.T) {
	clk := &clock{t: time.Unix(1000, 0)}
	lim := ConnLimits{MaxConns: 50, MaxConnsPerAddr: 5, RatePerAddr: 1}
	l := newLimiter(lim, clk.now)
	bound := lim.MaxConns + maxIdleAddrs
	for i := range 3 * bound {
		addr := fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
		if no := l.acquire(addr); no != nil {
			t.Fatalf("address %d refused: %s", i, no.message)
		}
		l.release(addr)
		if len(l.addrs) > bound {
			t.Fatalf("after %d addresses the limiter remembers %d; want at most %d", i+1, len(l.addrs), bound)
		}
	}
	l.acquire("192.0.2.1") // keeps one connection open throughout
	clk.advance(idleSweep + time.Duration(lim.MaxConnsPerAddr)*time.Second)
	l.acquire("192.0.2.2")
	l.release("192.0.2.2")
	if len(l.addrs) != 2 {
		t.Errorf("the limiter remembers %d addresses; want the 2 seen since the idle ones refilled", len(l.addrs))
	}
	if l.open != 1 {
		t.Errorf("%d connections counted open; want 1", l.open)
	}
}

func TestClientAddr(t *testing.T) {
	for _, tc := range []struct{ remote, want string }{
		{"203.0.113.7:51234", "203.0.113.7"},
		{"[::ffff:203.0.113.7]:51234", "203.0.113.7"},
		{"[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2::1]:443", "2001:db8:1:2::/64"},
		{"[fe80::1%eth0]:80", "fe80::/64"},
		{"pipe", "pipe"},
	} {
		if got := clientAddr(tc.remote); got != tc.want {
			t.Errorf("clientAddr(%q) = %q; want %q", tc.remote, got, tc.want)
		}
	}
}

// A flood of refusals costs one warning per kind every refusalLogEvery,
// and the next one counts those left out.
func TestRefusalWarningsAreRare(t *testing.T) {
	var buf bytes.Buffer
	clk := &clock{t: time.Unix(1000, 0)}
	r := newRareLog(slog.New(slog.NewTextHandler(&buf, nil)), refusalLogEvery, clk.now)
	for range 1000 {
		r.warn("rate", "refused: too fast")
		r.warn("cap", "refused: too many")
		clk.advance(time.Millisecond) // 1000 of each within one second
	}
	if n := strings.Count(buf.String(), "\n"); n != 2 {
		t.Fatalf("logged %d lines for 2000 refusals of 2 kinds; want 2:\n%s", n, buf.String())
	}
	clk.advance(refusalLogEvery)
	r.warn("rate", "refused: too fast")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[2], "more_since_last_line=999") {
		t.Errorf("after %v the next warning should log and count the 999 left out:\n%s", refusalLogEvery, buf.String())
	}
}
