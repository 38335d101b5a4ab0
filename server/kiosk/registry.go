package kiosk

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

const (
	// maxInstances bounds the kiosk pages remembered at once, so that
	// reports with made-up ids cannot grow memory without end. A gallery
	// has a handful of kiosks; past the bound the longest silent offline
	// page with no command waiting goes first. Online pages and pages
	// with commands are kept, so that a flood of made-up ids cannot push
	// a real kiosk off the admin page or lose a command staff sent it;
	// when all are such, the new page is refused until one falls silent.
	maxInstances = 1000
	// forgetAfter is how long a silent kiosk page stays on the admin
	// page: a day covers a kiosk switched off overnight being noticed the
	// next morning, without keeping every reload's old id for good.
	forgetAfter = 24 * time.Hour
	// maxReportBytes bounds a report's body: its fields are short.
	maxReportBytes = 4 << 10
	// maxText is the most characters of a report's text fields; longer
	// ones (a stack trace in lastError) would crowd the admin table.
	maxText = 200
	// maxFPS and maxUptime bound the numbers a report may carry to what a
	// kiosk can show: a display refreshes at most a few hundred times a
	// second, and 10^9 seconds is over 30 years.
	maxFPS    = 1000
	maxUptime = 1e9
)

// idPattern is an instance id: random per kiosk page.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

// Report is what a kiosk page sends every few seconds.
type Report struct {
	ID        string  `json:"id"`
	Version   string  `json:"version"`
	Scene     string  `json:"scene"`
	Mode      string  `json:"mode"` // "attract" or "interactive"
	FPS       float64 `json:"fps"`
	Uptime    float64 `json:"uptime"` // seconds since the page started
	LastError string  `json:"lastError"`
}

// Command is an instruction the admin queued for one kiosk page.
type Command struct {
	Type     string `json:"type"`               // "reload" or "language"
	Language string `json:"language,omitempty"` // for "language"
}

// reportType is the only Content-Type a report may have. A page on
// another site can post a form (text/plain, urlencoded or multipart) to
// this server without asking, but a browser sends application/json across
// sites only after a CORS preflight, which this server does not grant: so
// only kiosk pages served from here can report.
const reportType = "application/json"

// decodeReport reads and checks a report, or says what to fix.
func decodeReport(w http.ResponseWriter, r *http.Request) (Report, int, error) {
	var rep Report
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != reportType {
		return rep, http.StatusUnsupportedMediaType, fmt.Errorf("send the report as JSON with the header Content-Type: %s (this request has %q)", reportType, truncate(ct, 60))
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxReportBytes))
	if err := dec.Decode(&rep); err != nil {
		var tooBig *http.MaxBytesError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &tooBig):
			return rep, http.StatusRequestEntityTooLarge, fmt.Errorf("the report is over %d bytes; keep each text field within %d characters", maxReportBytes, maxText)
		case errors.As(err, &typ) && strings.HasPrefix(typ.Value, "number") && typ.Type.Kind() == reflect.Float64:
			return rep, http.StatusBadRequest, fmt.Errorf("%s: must be a finite number", typ.Field)
		case errors.As(err, &typ):
			return rep, http.StatusBadRequest, fmt.Errorf("%s: must be a %s, not a %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
		case errors.Is(err, io.EOF):
			return rep, http.StatusBadRequest, errors.New(`the report is empty; send {"id": ..., "version": ..., "scene": ..., "mode": ..., "fps": ..., "uptime": ..., "lastError": ...}`)
		default:
			return rep, http.StatusBadRequest, fmt.Errorf("the report is not a JSON object (%v)", err)
		}
	}
	if dec.More() {
		return rep, http.StatusBadRequest, errors.New("send one JSON object, nothing after it")
	}
	if err := rep.check(); err != nil {
		return rep, http.StatusBadRequest, err
	}
	return rep, 0, nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "float64":
		return "number"
	}
	return "JSON object"
}

// check says what is wrong with a decoded report. Unknown fields are
// ignored, so that a newer page still reports to an older server.
func (rep Report) check() error {
	if !idPattern.MatchString(rep.ID) {
		return fmt.Errorf("id: %q must be 8 to 64 letters, digits, '_' or '-', random for each kiosk page", truncate(rep.ID, 70))
	}
	for _, f := range []struct{ name, v string }{{"version", rep.Version}, {"scene", rep.Scene}, {"lastError", rep.LastError}} {
		if n := utf8.RuneCountInString(f.v); n > maxText {
			return fmt.Errorf("%s: is %d characters; send at most %d", f.name, n, maxText)
		}
	}
	if rep.Mode != "attract" && rep.Mode != "interactive" {
		return fmt.Errorf(`mode: %q must be "attract" or "interactive"`, truncate(rep.Mode, 40))
	}
	if math.IsNaN(rep.FPS) || rep.FPS < 0 || rep.FPS > maxFPS {
		return fmt.Errorf("fps: %g must be from 0 to %d", rep.FPS, maxFPS)
	}
	if math.IsNaN(rep.Uptime) || rep.Uptime < 0 || rep.Uptime > maxUptime {
		return fmt.Errorf("uptime: %g must be the seconds since the page started, from 0 to %g", rep.Uptime, float64(maxUptime))
	}
	return nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Status is one kiosk page as the admin API lists it.
type Status struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Version   string    `json:"version"`
	Scene     string    `json:"scene"`
	Mode      string    `json:"mode"`
	FPS       float64   `json:"fps"`
	Uptime    float64   `json:"uptime"`
	LastError string    `json:"lastError"`
	LastSeen  time.Time `json:"lastSeen"`
	Online    bool      `json:"online"`
	// Languages are the languages of the kiosk's profile, for the admin
	// page's choice of language.
	Languages []string `json:"languages"`
}

// instance is one kiosk page the server has heard from.
type instance struct {
	name     string
	report   Report
	lastSeen time.Time
	commands []Command // waiting for the next report
}

// registry remembers the kiosk pages that report, and the commands queued
// for them. Its methods may be called from any goroutine.
type registry struct {
	online time.Duration
	now    func() time.Time

	mu        sync.Mutex
	instances map[string]*instance
}

func newRegistry(online time.Duration) *registry {
	return &registry{online: online, now: time.Now, instances: make(map[string]*instance)}
}

// errFull means that the registry holds maxInstances pages, all online or
// with commands waiting, and has no room for a new one.
var errFull = errors.New("the kiosk registry is full")

// report records rep from kiosk name and returns the commands waiting for
// it, which are then forgotten: each is delivered once. A page not yet
// known gets errFull when there is no room for it.
func (g *registry) report(name string, rep Report) ([]Command, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	in := g.instances[rep.ID]
	if in == nil {
		if !g.makeRoom(now) {
			return nil, errFull
		}
		in = &instance{}
		g.instances[rep.ID] = in
	}
	in.name, in.report, in.lastSeen = name, rep, now
	cmds := in.commands
	in.commands = nil
	if cmds == nil {
		cmds = []Command{}
	}
	return cmds, nil
}

// makeRoom drops the instances silent for forgetAfter and, while there
// are still maxInstances, the longest silent that is offline and has no
// command waiting. It reports whether there is room for one more.
func (g *registry) makeRoom(now time.Time) bool {
	for id, in := range g.instances {
		if now.Sub(in.lastSeen) > forgetAfter {
			delete(g.instances, id)
		}
	}
	for len(g.instances) >= maxInstances {
		oldest := ""
		for id, in := range g.instances {
			if now.Sub(in.lastSeen) <= g.online || len(in.commands) > 0 {
				continue
			}
			if oldest == "" || in.lastSeen.Before(g.instances[oldest].lastSeen) {
				oldest = id
			}
		}
		if oldest == "" {
			return false
		}
		delete(g.instances, oldest)
	}
	return true
}

// queue adds c for instance id, replacing a command of the same type still
// waiting (two reloads are one reload; the latest language wins). It
// returns the instance's kiosk name, and false when id is unknown.
func (g *registry) queue(id string, c Command) (string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	in := g.instances[id]
	if in == nil {
		return "", false
	}
	in.commands = slices.DeleteFunc(in.commands, func(q Command) bool { return q.Type == c.Type })
	in.commands = append(in.commands, c)
	return in.name, true
}

// name returns the kiosk name instance id last reported under.
func (g *registry) name(id string) (string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	in := g.instances[id]
	if in == nil {
		return "", false
	}
	return in.name, true
}

// list returns every remembered instance, by kiosk name then id, and the
// time it was taken at.
func (g *registry) list(languages func(name string) []string) ([]Status, time.Time) {
	g.mu.Lock()
	now := g.now()
	out := make([]Status, 0, len(g.instances))
	for id, in := range g.instances {
		if now.Sub(in.lastSeen) > forgetAfter {
			continue
		}
		r := in.report
		out = append(out, Status{
			ID: id, Name: in.name, Version: r.Version, Scene: r.Scene, Mode: r.Mode, FPS: r.FPS, Uptime: r.Uptime,
			LastError: r.LastError, LastSeen: in.lastSeen, Online: now.Sub(in.lastSeen) <= g.online,
		})
	}
	g.mu.Unlock()
	for i := range out {
		out[i].Languages = languages(out[i].Name)
	}
	slices.SortFunc(out, func(a, b Status) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, now
}
