package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"yunyou/protocol"
	"yunyou/server/session"
)

// Config is one load test.
type Config struct {
	URL     string // the server's WebSocket endpoint, ws://HOST:PORT/ws
	Clients int    // visitors to simulate
	// Sessions is how many sessions the clients fill: client i asks for
	// instance i mod Sessions + 1 of the scene. 0 lets the server choose
	// and skips the check of how many sessions the clients landed in.
	Sessions int
	Scene    string        // scene id; "" is the server's default scene
	Duration time.Duration // how long to measure, after the ramp
	Ramp     time.Duration // how long to spread the connections over
	// Guided makes the clients one guided tour (see guided.go); Sessions
	// is then ignored.
	Guided bool
}

// Result is the load generator's report, printed as one JSON object.
//
// Counts and rates cover the measured window, which opens when the ramp
// ends and lasts Seconds.
// Rates are per connected client per second; bytes are WebSocket payload
// bytes, without frame headers. A latency sample is the time from one
// client's send of a pose to another client's receipt of a snapshot
// holding it, so it includes the wait for the session's next tick (up to
// 1/protocol.TickRate). Errors counts failed connections, read and write
// errors, undecodable frames and error events from the server, over the
// whole run; standard error lists them.
type Result struct {
	Clients             int     `json:"clients"`
	Sessions            int     `json:"sessions"`
	Seconds             float64 `json:"seconds"`
	Snapshots           uint64  `json:"snapshots"`
	P50ms               float64 `json:"p50_ms"`
	P99ms               float64 `json:"p99_ms"`
	DownBytesPerClientS float64 `json:"down_bytes_per_client_s"`
	UpBytesPerClientS   float64 `json:"up_bytes_per_client_s"`
	Errors              int64   `json:"errors"`
	// BadPoses counts the errors that are the server refusing a pose as
	// outside the scene.
	BadPoses int64 `json:"bad_poses,omitempty"`

	Scene             string  `json:"scene"`
	Connected         int     `json:"connected"`           // clients that got a welcome and stayed
	CPUPercent        float64 `json:"loadgen_cpu_pct"`     // the load generator's own CPU use; 100 is one core
	SessionsWanted    int     `json:"sessions_wanted"`     // -sessions
	SessionMinMembers int     `json:"session_min_members"` // fewest of this run's clients in one session
	SessionMaxMembers int     `json:"session_max_members"`
	P90ms             float64 `json:"p90_ms"`
	MaxMs             float64 `json:"max_ms"`
	LatencySamples    uint64  `json:"latency_samples"`
	Unmatched         uint64  `json:"unmatched"` // peer poses seen that no recent send explains
	// FreshP50ms and FreshP99ms are percentiles, over snapshots, of the
	// age of a snapshot's newest pose when it arrives: the delay beyond
	// the wait for the tick (see client.takeSnapshot).
	FreshP50ms float64 `json:"fresh_p50_ms"`
	FreshP99ms float64 `json:"fresh_p99_ms"`

	// A guided run's report differs: latency is from the guide's send of
	// a pose to a visitor's receipt of it, the direction that matters in
	// a tour, and the byte rates are per visitor, the guide's apart.
	Guided          bool    `json:"guided,omitempty"`
	Tour            string  `json:"tour,omitempty"`               // the tour's code
	Following       int     `json:"following,omitempty"`          // visitors told that follow mode is on
	GuideDownBytesS float64 `json:"guide_down_bytes_s,omitempty"` // what the guide receives
	GuideUpBytesS   float64 `json:"guide_up_bytes_s,omitempty"`
	// Placed counts visitors that worked out their place around the
	// guide; PlaceGapP50m and PlaceGapMaxm are their distances from it
	// at their last step in the window, in metres: how well they keep up
	// with a guide who walks.
	Placed       int     `json:"placed,omitempty"`
	PlaceGapP50m float64 `json:"place_gap_p50_m,omitempty"`
	PlaceGapMaxm float64 `json:"place_gap_max_m,omitempty"`
	// Placements counts the group's formations worked out over the run,
	// all visitors sharing each; PlacementMs is the mean time of one.
	Placements  uint64  `json:"placements,omitempty"`
	PlacementMs float64 `json:"placement_ms,omitempty"`
	// SettleSeconds is the wait from the ramp's end until every client
	// was in and every visitor knew that follow mode is on: how far the
	// server's admissions fell behind the arrivals.
	SettleSeconds float64 `json:"settle_s,omitempty"`
}

// runState is what every client of a run shares.
type runState struct {
	cfg   Config
	scene sceneInfo
	start time.Time // the run's clock starts here; all clients share it
	reg   registry
	errs  errorLog

	// In a guided run only: the tour, the group's places, and how many
	// clients have had their hello answered, were welcomed, and (of the
	// visitors) know that follow mode is on.
	tour                         *tourInfo
	formation                    *formationCache
	settled, welcomed, following atomic.Int64
	settle                       time.Duration // ramp's end to the window's start

	badPoses atomic.Int64

	// The measured window, as time.Durations on the run's clock; set once
	// the clients are in place, and ended early on interrupt.
	windowStart, windowEnd atomic.Int64
}

// now returns the time since the run started, on the monotonic clock.
func (rs *runState) now() time.Duration { return time.Since(rs.start) }

// inWindow reports whether t lies in the measured window.
func (rs *runState) inWindow(t time.Duration) bool {
	return t >= time.Duration(rs.windowStart.Load()) && t < time.Duration(rs.windowEnd.Load())
}

// run connects the clients over cfg.Ramp, measures for cfg.Duration and
// reports. Cancelling ctx ends the measurement early; the report then
// covers the time measured. Warnings go to logw.
func run(ctx context.Context, cfg Config, logw io.Writer) (Result, error) {
	if err := checkConfig(cfg); err != nil {
		return Result{}, err
	}
	scene, err := fetchScene(ctx, cfg.URL, cfg.Scene)
	if err != nil {
		return Result{}, err
	}
	rs := &runState{cfg: cfg, scene: scene, start: time.Now()}
	rs.reg.m = make(map[memberKey]*tracker)
	rs.windowStart.Store(int64(max(cfg.Ramp, 0)))
	rs.windowEnd.Store(int64(max(cfg.Ramp, 0) + cfg.Duration))
	if cfg.Guided {
		if err := startTour(ctx, rs, logw); err != nil {
			return Result{}, err
		}
	}

	clientCtx, stopClients := context.WithCancel(context.Background())
	defer stopClients()
	var clients []*client
	var wg sync.WaitGroup
	interrupted := false
	for i := range cfg.Clients {
		if !sleepUntil(ctx, rs, cfg.Ramp*time.Duration(i)/time.Duration(cfg.Clients)) {
			interrupted = true
			break
		}
		c := newClient(i, rs)
		clients = append(clients, c)
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.visit(clientCtx)
		}()
	}
	if !interrupted && !sleepUntil(ctx, rs, max(cfg.Ramp, 0)) {
		interrupted = true
	}
	if !interrupted && cfg.Guided {
		interrupted = !settleTour(ctx, rs, clients[0], len(clients), logw)
	}
	var cpu0, cpu1 time.Duration
	if !interrupted {
		// Scripts that watch the server wait for these lines.
		cpu0 = cpuTime()
		fmt.Fprintf(logw, "loadgen: measuring for %v\n", cfg.Duration)
		interrupted = !sleepUntil(ctx, rs, time.Duration(rs.windowEnd.Load()))
		cpu1 = cpuTime()
		fmt.Fprintln(logw, "loadgen: measured")
	}
	if interrupted {
		start := time.Duration(rs.windowStart.Load())
		end := min(rs.now(), time.Duration(rs.windowEnd.Load()))
		rs.windowEnd.Store(int64(max(end, start)))
	}
	stopClients()
	wg.Wait()

	res := summarise(rs, clients)
	res.Clients = cfg.Clients
	if res.Seconds > 0 {
		res.CPUPercent = round2(100 * (cpu1 - cpu0).Seconds() / res.Seconds)
	}
	if cfg.Guided {
		guidedResult(rs, clients, &res, logw)
	} else if cfg.Sessions > 0 && res.Sessions != cfg.Sessions {
		fmt.Fprintf(logw, "loadgen: warning: %d clients filled %d sessions, not the %d asked for; "+
			"the server moves a visitor elsewhere when the instance asked for is full, so other visitors "+
			"may be in %s/1..%d, or the server does not honour the hello's session\n",
			res.Connected, res.Sessions, cfg.Sessions, res.Scene, cfg.Sessions)
	}
	rs.errs.report(logw)
	return res, nil
}

// checkConfig rejects a load test the server cannot hold as asked.
func checkConfig(cfg Config) error {
	if cfg.Clients < 1 {
		return fmt.Errorf("-clients %d: need at least one client", cfg.Clients)
	}
	if cfg.Duration <= 0 {
		return fmt.Errorf("-duration %v: need a positive duration, such as 10s", cfg.Duration)
	}
	if cfg.Guided {
		if cfg.Clients < 2 || cfg.Clients > protocol.MaxTourMembers {
			return fmt.Errorf("-clients %d: a guided tour needs a guide and at least one visitor, and holds at most %d people", cfg.Clients, protocol.MaxTourMembers)
		}
		return nil
	}
	if cfg.Sessions < 0 || cfg.Sessions > session.MaxInstances {
		return fmt.Errorf("-sessions %d: the server runs instances 1..%d of a scene; use 0 to let it choose", cfg.Sessions, session.MaxInstances)
	}
	if cfg.Sessions > cfg.Clients {
		return fmt.Errorf("-sessions %d is more than -clients %d; some sessions would stay empty", cfg.Sessions, cfg.Clients)
	}
	if cfg.Sessions > 0 {
		if per := (cfg.Clients + cfg.Sessions - 1) / cfg.Sessions; per > protocol.MaxSessionMembers {
			return fmt.Errorf("-clients %d in -sessions %d is %d a session, more than the %d a session holds; ask for at least %d sessions",
				cfg.Clients, cfg.Sessions, per, protocol.MaxSessionMembers, (cfg.Clients+protocol.MaxSessionMembers-1)/protocol.MaxSessionMembers)
		}
	}
	return nil
}

// sleepUntil waits until the run's clock reads t, or ctx is done. It
// reports whether the time came.
func sleepUntil(ctx context.Context, rs *runState, t time.Duration) bool {
	d := t - rs.now()
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-timer.C:
		return true
	}
}

// summarise merges the clients' counts once they have all finished.
func summarise(rs *runState, clients []*client) Result {
	res := Result{
		Scene:          rs.scene.ID,
		SessionsWanted: rs.cfg.Sessions,
		Errors:         rs.errs.count.Load(),
		BadPoses:       rs.badPoses.Load(),
		Seconds:        max(0, time.Duration(rs.windowEnd.Load()-rs.windowStart.Load()).Seconds()),
	}
	var hist, fresh histogram
	var down, up uint64
	for _, c := range clients {
		if c.session == "" {
			continue
		}
		res.Connected++
		res.Snapshots += c.snapshots
		res.Unmatched += c.unmatched
		down += c.down
		up += c.up
		hist.merge(&c.hist)
		fresh.merge(&c.fresh)
	}
	sizes := rs.reg.sessionSizes()
	res.Sessions = len(sizes)
	if len(sizes) > 0 {
		res.SessionMinMembers, res.SessionMaxMembers = sizes[0], sizes[len(sizes)-1]
	}
	if res.Connected > 0 && res.Seconds > 0 {
		res.DownBytesPerClientS = round2(float64(down) / float64(res.Connected) / res.Seconds)
		res.UpBytesPerClientS = round2(float64(up) / float64(res.Connected) / res.Seconds)
	}
	ms := func(d time.Duration) float64 { return round2(float64(d) / float64(time.Millisecond)) }
	res.LatencySamples = hist.n
	res.P50ms = ms(hist.quantile(0.50))
	res.P90ms = ms(hist.quantile(0.90))
	res.P99ms = ms(hist.quantile(0.99))
	res.MaxMs = ms(hist.max)
	res.FreshP50ms = ms(fresh.quantile(0.50))
	res.FreshP99ms = ms(fresh.quantile(0.99))
	res.Seconds = round2(res.Seconds)
	return res
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// memberKey names a member: ids are unique only within a session.
type memberKey struct {
	session string
	id      uint16
}

// registry maps every welcomed client to its sent poses, so that readers
// can match what they see. Readers cache what they find, so the lock is
// taken about once per peer, not once per snapshot entry.
type registry struct {
	mu sync.RWMutex
	m  map[memberKey]*tracker
}

func (r *registry) add(name string, id uint16, t *tracker) {
	r.mu.Lock()
	r.m[memberKey{name, id}] = t
	r.mu.Unlock()
}

// lookup returns the tracker of a member; ok is false for a member that
// is not one of the run's clients, or not welcomed yet. A client whose
// poses are not measured has a nil tracker.
func (r *registry) lookup(name string, id uint16) (t *tracker, ok bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	t, ok = r.m[memberKey{name, id}]
	return t, ok
}

// sessionSizes returns how many of the run's clients each session got,
// smallest first.
func (r *registry) sessionSizes() []int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	count := make(map[string]int)
	for k := range r.m {
		count[k.session]++
	}
	sizes := make([]int, 0, len(count))
	for _, n := range count {
		sizes = append(sizes, n)
	}
	sort.Ints(sizes)
	return sizes
}

// maxErrorKinds bounds the distinct error messages kept for the report.
const maxErrorKinds = 20

// errorLog counts errors and keeps a few distinct messages to print, so
// that a thousand identical failures read as one line with a count.
type errorLog struct {
	count atomic.Int64
	mu    sync.Mutex
	kinds map[string]int
	order []string
}

func (l *errorLog) add(err error) {
	l.count.Add(1)
	msg := errorKind(err)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.kinds == nil {
		l.kinds = make(map[string]int)
	}
	if _, ok := l.kinds[msg]; !ok {
		if len(l.order) >= maxErrorKinds {
			return
		}
		l.order = append(l.order, msg)
	}
	l.kinds[msg]++
}

// errorKind strips the client number from an error so that the same
// failure of many clients groups together.
func errorKind(err error) string {
	msg := err.Error()
	var n int
	if _, scanErr := fmt.Sscanf(msg, "client %d:", &n); scanErr == nil {
		if _, rest, ok := strings.Cut(msg, ": "); ok {
			return rest
		}
	}
	return msg
}

func (l *errorLog) report(w io.Writer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, msg := range l.order {
		fmt.Fprintf(w, "loadgen: %d× %s\n", l.kinds[msg], msg)
	}
}
