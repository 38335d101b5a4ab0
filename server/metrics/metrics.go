// Package metrics holds the server's Prometheus metrics: one registry per
// server (never the global default one, so tests can run many servers in a
// process), its collectors, and small recording helpers for the packages
// that count things.
//
//	m := metrics.New()
//	handler := m.Instrument(mux)          // requests by route pattern and status class
//	mux.Handle("GET /metrics", m.Handler())
//	m.MessageIn(metrics.KindPose)         // one atomic add, no label lookup
//
// Every label takes its values from a fixed set (route patterns, protocol
// error codes, guide commands, a few reasons), so no visitor can grow the
// number of series, and no label ever holds a name, a tour code or a
// token. Every method is safe on a nil *Metrics, which records nothing:
// packages tested on their own need no registry.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"yunyou/protocol"
)

// Kind is the kind of a message a visitor sent.
type Kind int

// The kinds of visitor messages, the values of the "kind" label.
const (
	KindPose    Kind = iota // a binary pose frame
	KindHello               // the hello
	KindChat                // a chat line
	KindHand                // a raised or lowered hand
	KindGuide               // a guide command
	KindInvalid             // a text frame that did not decode
	numKinds
)

var kindNames = [numKinds]string{"pose", "hello", "chat", "hand", "guide", "invalid"}

// Refusal is why a WebSocket connection was turned away before it joined.
type Refusal int

// The reasons for refusing a connection, the values of the "reason" label.
const (
	RefusedServerFull   Refusal = iota // the server holds its most connections
	RefusedAddrConns                   // one address holds its most connections
	RefusedAddrRate                    // one address opens connections too fast
	RefusedShuttingDown                // the server is shutting down
	RefusedUpgrade                     // not a valid WebSocket upgrade (origin, headers)
	numRefusals
)

var refusalNames = [numRefusals]string{"server_full", "addr_conns", "addr_rate", "shutting_down", "bad_upgrade"}

// Outcome is what became of a guide command.
type Outcome int

// The outcomes of guide commands, the values of the "outcome" label.
const (
	Applied Outcome = iota // carried out
	Refused                // not from the guide, or not in a tour
	Invalid                // from the guide but impossible (bad_command)
	numOutcomes
)

var outcomeNames = [numOutcomes]string{"applied", "refused", "invalid"}

// other is the label value for anything outside a fixed set, so that an
// unexpected value still counts without adding a series per value.
const other = "other"

// Unmatched is the route label of requests no route matched: a scanner
// trying a thousand paths adds one series, not a thousand.
const Unmatched = "unmatched"

// errorCodes are the protocol's error codes, the values of the "code"
// label of bad client input.
var errorCodes = []string{
	protocol.CodeVersion, protocol.CodeBadMessage, protocol.CodeUnknownType, protocol.CodeOutOfOrder,
	protocol.CodeBadName, protocol.CodeBadChat, protocol.CodeChatTooFast, protocol.CodeBadPose,
	protocol.CodeUnknownScene, protocol.CodeTooBig, protocol.CodeTooSlow, protocol.CodeRestarting,
	protocol.CodeNotGuide, protocol.CodeBadCommand, protocol.CodeUnknownTour, protocol.CodeTourEnded,
	protocol.CodeTourLocked, protocol.CodeTourFull, protocol.CodeTooManyGuesses, protocol.CodeMuted,
	protocol.CodeChatOff, protocol.CodeRemoved,
}

// tickBuckets spread from a quiet session's few microseconds to the tick
// period itself (50 ms at 20 Hz): a tick that long makes every later one
// late, which is what an operator must see.
var tickBuckets = []float64{10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3}

// Metrics is one server's registry and collectors. Its methods may be
// called from any goroutine.
type Metrics struct {
	reg *prometheus.Registry

	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec

	wsOpen           prometheus.Gauge
	refused          [numRefusals]prometheus.Counter
	messages         [numKinds]prometheus.Counter
	badInput         map[string]prometheus.Counter // read-only after New
	badInputOther    prometheus.Counter
	snapshotsDropped prometheus.Counter
	tooSlow          prometheus.Counter

	commands      map[string]*[numOutcomes]prometheus.Counter // read-only after New
	commandsOther *[numOutcomes]prometheus.Counter
	toursCreated  prometheus.Counter
	tourSaves     prometheus.Counter
	tourSaveErrs  prometheus.Counter
	tick          prometheus.Histogram
}

// New returns a registry holding the server's metrics, the Go runtime's and
// the process's.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	f := factory{reg}
	m := &Metrics{
		reg: reg,
		httpRequests: f.counterVec("yunyou_http_requests_total",
			"HTTP requests answered, by route pattern (\"unmatched\" when none matched) and status class (2xx, 4xx, ...).", "route", "status_class"),
		httpDuration: f.histogramVec("yunyou_http_request_duration_seconds",
			"Time to answer an HTTP request, by route pattern; a WebSocket counts until its upgrade.", prometheus.DefBuckets, "route"),
		wsOpen:           f.gauge("yunyou_ws_connections_open", "WebSocket connections open now."),
		snapshotsDropped: f.counter("yunyou_ws_snapshots_dropped_total", "Snapshots (and guide pointer updates) not sent because a visitor's send queue was too full; the visitor gets a full snapshot later."),
		tooSlow:          f.counter("yunyou_ws_too_slow_total", "Visitors disconnected because their connection fell too far behind."),
		toursCreated:     f.counter("yunyou_tours_created_total", "Guided tours created."),
		tourSaves:        f.counter("yunyou_tour_saves_total", "Writes of a running tour to the store, failed ones included."),
		tourSaveErrs:     f.counter("yunyou_tour_save_errors_total", "Writes of a running tour to the store that failed; the tour goes on in memory."),
		tick: f.histogram("yunyou_session_tick_seconds",
			"Time one session takes for one tick: taking poses, encoding and queueing the snapshot, and a tour's housekeeping.", tickBuckets),
	}
	refused := f.counterVec("yunyou_ws_refused_total", "WebSocket connections refused before joining, by reason.", "reason")
	for i, r := range refusalNames {
		m.refused[i] = refused.WithLabelValues(r)
	}
	messages := f.counterVec("yunyou_ws_messages_total", "Messages received from visitors, by kind.", "kind")
	for i, k := range kindNames {
		m.messages[i] = messages.WithLabelValues(k)
	}
	bad := f.counterVec("yunyou_ws_bad_input_total", "Visitor messages refused with an error event, by protocol error code.", "code")
	m.badInput = make(map[string]prometheus.Counter, len(errorCodes))
	for _, c := range errorCodes {
		m.badInput[c] = bad.WithLabelValues(c)
	}
	m.badInputOther = bad.WithLabelValues(other)
	cmds := f.counterVec("yunyou_guide_commands_total", "Guide commands received, by command and outcome (applied, refused, invalid).", "command", "outcome")
	resolve := func(cmd string) *[numOutcomes]prometheus.Counter {
		var out [numOutcomes]prometheus.Counter
		for i, o := range outcomeNames {
			out[i] = cmds.WithLabelValues(cmd, o)
		}
		return &out
	}
	m.commands = make(map[string]*[numOutcomes]prometheus.Counter, len(protocol.GuideCommands))
	for _, c := range protocol.GuideCommands {
		m.commands[c] = resolve(c)
	}
	m.commandsOther = resolve(other)
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry returns the registry, for callers that add collectors of their
// own.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// ConnOpened counts a WebSocket connection that opened.
func (m *Metrics) ConnOpened() {
	if m != nil {
		m.wsOpen.Inc()
	}
}

// ConnClosed counts the end of a connection ConnOpened counted.
func (m *Metrics) ConnClosed() {
	if m != nil {
		m.wsOpen.Dec()
	}
}

// ConnRefused counts a connection turned away.
func (m *Metrics) ConnRefused(r Refusal) {
	if m != nil && r >= 0 && r < numRefusals {
		m.refused[r].Inc()
	}
}

// MessageIn counts a message from a visitor.
func (m *Metrics) MessageIn(k Kind) {
	if m != nil && k >= 0 && k < numKinds {
		m.messages[k].Inc()
	}
}

// BadInput counts a visitor message refused with the protocol error code.
func (m *Metrics) BadInput(code string) {
	if m == nil {
		return
	}
	if c, ok := m.badInput[code]; ok {
		c.Inc()
		return
	}
	m.badInputOther.Inc()
}

// SnapshotDropped counts a snapshot a full send queue refused.
func (m *Metrics) SnapshotDropped() {
	if m != nil {
		m.snapshotsDropped.Inc()
	}
}

// TooSlow counts a visitor disconnected for falling behind.
func (m *Metrics) TooSlow() {
	if m != nil {
		m.tooSlow.Inc()
	}
}

// GuideCommand counts a guide command cmd with its outcome.
func (m *Metrics) GuideCommand(cmd string, o Outcome) {
	if m == nil || o < 0 || o >= numOutcomes {
		return
	}
	c, ok := m.commands[cmd]
	if !ok {
		c = m.commandsOther
	}
	c[o].Inc()
}

// TourCreated counts a new tour.
func (m *Metrics) TourCreated() {
	if m != nil {
		m.toursCreated.Inc()
	}
}

// TourSaved counts a write of a tour to the store and whether it failed.
func (m *Metrics) TourSaved(err error) {
	if m == nil {
		return
	}
	m.tourSaves.Inc()
	if err != nil {
		m.tourSaveErrs.Inc()
	}
}

// Tick records how long one session tick took.
func (m *Metrics) Tick(d time.Duration) {
	if m != nil {
		m.tick.Observe(d.Seconds())
	}
}

// factory makes collectors and registers them in reg.
type factory struct{ reg *prometheus.Registry }

func (f factory) counter(name, help string) prometheus.Counter {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
	f.reg.MustRegister(c)
	return c
}

func (f factory) gauge(name, help string) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
	f.reg.MustRegister(g)
	return g
}

func (f factory) histogram(name, help string, buckets []float64) prometheus.Histogram {
	h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: name, Help: help, Buckets: buckets})
	f.reg.MustRegister(h)
	return h
}

func (f factory) counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(c)
	return c
}

func (f factory) histogramVec(name, help string, buckets []float64, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: name, Help: help, Buckets: buckets}, labels)
	f.reg.MustRegister(h)
	return h
}
