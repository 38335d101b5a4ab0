package wsconn

import (
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"yunyou/server/metrics"
)

// ConnLimits bounds the WebSocket connections the server takes, checked
// before the upgrade. Each connection's hello sends a join event to its
// whole session and its end a leave event, so a client opening connections
// without end could fill everyone else's send queue. A zero field means the
// field of DefaultConnLimits.
type ConnLimits struct {
	// MaxConns bounds the open connections of the whole server.
	MaxConns int
	// MaxConnsPerAddr bounds the open connections from one client address
	// (for IPv6, one /64 network, which one household is usually given).
	MaxConnsPerAddr int
	// RatePerAddr is how many new connections per second an address may
	// open once it has spent its burst.
	RatePerAddr float64
	// BurstPerAddr is how many new connections an address may open at
	// once; zero means as many as MaxConnsPerAddr.
	BurstPerAddr int
}

// DefaultConnLimits is generous because a classroom shares one address
// behind NAT: a school's tour of 200 can connect at once, with room for
// spare tabs, and 30 new connections a second let a whole class reconnect
// after a network drop within seconds. 20,000 connections in all is far
// above what the load test measures on two cores while keeping file
// descriptors and memory bounded.
var DefaultConnLimits = ConnLimits{MaxConns: 20000, MaxConnsPerAddr: 300, RatePerAddr: 30}

// withDefaults fills zero fields from DefaultConnLimits.
func (l ConnLimits) withDefaults() ConnLimits {
	d := DefaultConnLimits
	if l.MaxConns <= 0 {
		l.MaxConns = d.MaxConns
	}
	if l.MaxConnsPerAddr <= 0 {
		l.MaxConnsPerAddr = d.MaxConnsPerAddr
	}
	if l.RatePerAddr <= 0 {
		l.RatePerAddr = d.RatePerAddr
	}
	if l.BurstPerAddr <= 0 {
		l.BurstPerAddr = l.MaxConnsPerAddr
	}
	return l
}

const (
	// idleSweep is how often the limiter forgets addresses with no open
	// connection and a full bucket: remembering them changes nothing.
	idleSweep = time.Minute

	// maxIdleAddrs bounds the addresses remembered without an open
	// connection. Past it the limiter forgets every idle one at once,
	// bucket and all: memory stays bounded however many addresses connect,
	// at worst letting one start a new burst early.
	maxIdleAddrs = 10000

	// refusalLogEvery is the least time between two warnings of one kind
	// about refused connections: a flood of refusals is worth a line every
	// few seconds, not a line per attempt.
	refusalLogEvery = 10 * time.Second
)

// refusal is why a connection was not accepted.
type refusal struct {
	status     int
	kind       string // for the log: one of a few fixed strings
	reason     metrics.Refusal
	message    string // for the visitor
	retryAfter int    // seconds, or 0 to send no Retry-After
}

// limiter applies ConnLimits. Its methods may be called from any goroutine.
type limiter struct {
	lim ConnLimits
	now func() time.Time

	mu    sync.Mutex
	open  int
	addrs map[string]*addrConns
	swept time.Time
}

// addrConns is one client address's open connections and token bucket.
type addrConns struct {
	open   int
	tokens float64
	last   time.Time // when tokens was brought up to date
}

func newLimiter(lim ConnLimits, now func() time.Time) *limiter {
	return &limiter{lim: lim.withDefaults(), now: now, addrs: make(map[string]*addrConns)}
}

// acquire counts a new connection from addr, or says why it may not open.
// A connection that opens must be released when it ends.
func (l *limiter) acquire(addr string) *refusal {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) >= idleSweep {
		l.sweep(now, false)
	}
	if l.open >= l.lim.MaxConns {
		return &refusal{status: http.StatusServiceUnavailable, kind: "server full", reason: metrics.RefusedServerFull, retryAfter: 60,
			message: fmt.Sprintf("The server is full (%d visitors connected); try again in a few minutes.", l.open)}
	}
	a := l.addrs[addr]
	if a == nil {
		if len(l.addrs) >= l.lim.MaxConns+maxIdleAddrs {
			l.sweep(now, true)
		}
		a = &addrConns{tokens: float64(l.lim.BurstPerAddr), last: now}
		l.addrs[addr] = a
	}
	a.refill(now, l.lim)
	if a.open >= l.lim.MaxConnsPerAddr {
		return &refusal{status: http.StatusTooManyRequests, kind: "too many connections from one address", reason: metrics.RefusedAddrConns,
			message: fmt.Sprintf("Too many connections from your network (%d open); close other Yunyou tabs, or wait for someone to leave.", a.open)}
	}
	if a.tokens < 1 {
		wait := int(math.Ceil((1 - a.tokens) / l.lim.RatePerAddr))
		return &refusal{status: http.StatusTooManyRequests, kind: "new connections too fast from one address", reason: metrics.RefusedAddrRate, retryAfter: wait,
			message: "Too many new connections from your network; wait a few seconds and reconnect."}
	}
	a.tokens--
	a.open++
	l.open++
	return nil
}

// release counts the end of a connection that acquire let open.
func (l *limiter) release(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.open--
	if a := l.addrs[addr]; a != nil { // always there: sweep keeps addresses with open connections
		a.open--
	}
}

// refill adds the tokens earned since a.last.
func (a *addrConns) refill(now time.Time, lim ConnLimits) {
	if dt := now.Sub(a.last).Seconds(); dt > 0 {
		a.tokens = min(float64(lim.BurstPerAddr), a.tokens+dt*lim.RatePerAddr)
	}
	a.last = now
}

// sweep forgets addresses without open connections: those whose bucket
// has refilled, or all of them when all is set.
func (l *limiter) sweep(now time.Time, all bool) {
	l.swept = now
	for k, a := range l.addrs {
		if a.open > 0 {
			continue
		}
		a.refill(now, l.lim)
		if all || a.tokens >= float64(l.lim.BurstPerAddr) {
			delete(l.addrs, k)
		}
	}
}

// clientAddr is the address the limits count a request under: the IP of
// the connection's peer, or for IPv6 its /64 network, since one household
// is usually given a whole /64. Headers such as X-Forwarded-For are not
// trusted: any client can write them.
// ClientAddr returns the key that limits per client address use for a
// request's RemoteAddr: the IP address, or for IPv6 its /64 network.
func ClientAddr(remote string) string { return clientAddr(remote) }

func clientAddr(remote string) string {
	ap, err := netip.ParseAddrPort(remote)
	if err != nil {
		if host, _, err := net.SplitHostPort(remote); err == nil {
			return host
		}
		return remote
	}
	a := ap.Addr().Unmap().WithZone("")
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// rareLog logs warnings of each kind at most once every so often and
// counts the rest, so that a flood of refused connections cannot flood the
// log. Its methods may be called from any goroutine.
type rareLog struct {
	log   *slog.Logger
	every time.Duration
	now   func() time.Time

	mu    sync.Mutex
	kinds map[string]*rareKind // keyed by a few fixed strings
}

type rareKind struct {
	logged     time.Time
	suppressed int
}

func newRareLog(log *slog.Logger, every time.Duration, now func() time.Time) *rareLog {
	return &rareLog{log: log, every: every, now: now, kinds: make(map[string]*rareKind)}
}

// warn logs msg with args at Warn unless a warning of the same kind went
// out less than r.every ago, in which case it only counts it; the next
// line of that kind says how many were left out.
func (r *rareLog) warn(kind, msg string, args ...any) {
	now := r.now()
	r.mu.Lock()
	k := r.kinds[kind]
	if k == nil {
		k = &rareKind{}
		r.kinds[kind] = k
	}
	if !k.logged.IsZero() && now.Sub(k.logged) < r.every {
		k.suppressed++
		r.mu.Unlock()
		return
	}
	n := k.suppressed
	k.logged, k.suppressed = now, 0
	r.mu.Unlock()
	if n > 0 {
		args = append(args[:len(args):len(args)], "more_since_last_line", n)
	}
	r.log.Warn(msg, args...)
}

// refuse answers a request the limits turned away, in plain text.
func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, no *refusal) {
	h.log.Debug("websocket refused", "remote", r.RemoteAddr, "status", no.status, "why", no.kind)
	h.met.ConnRefused(no.reason)
	h.rare.warn(no.kind, "websocket connections refused: "+no.kind, "status", no.status, "remote", r.RemoteAddr)
	if no.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(no.retryAfter))
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, no.message, no.status)
}
