package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/formation"
	"yunyou/protocol"
	"yunyou/scenes"
)

// A guided run (-guided) makes its clients one guided tour: the load
// generator creates the tour over HTTP, client 0 joins with the guide token
// and walks as every client of a plain run does, and the others join with
// the code as visitors. Once everyone is in, the guide turns follow mode on
// and the measured window opens. Visitors then act as browsers in follow
// mode do: every frame they glide toward their place around the guide as
// they last saw it, with the browser's own yunyou/client/follow, and send
// their pose when it changes.

// How a visitor follows, the same as the browser client's follow mode
// (client/tour.go): a place is worked out again only when the guide has
// moved placeMove metres or turned placeTurn radians since the last one,
// and at most once per placeEvery, because placing a large group in a
// small cave takes milliseconds.
const (
	placeEvery = 250 * time.Millisecond
	placeMove  = 0.2
	placeTurn  = 0.1
)

// guidePeriodSlip lengthens the guide's send period: 51 ms against the
// session's 50 ms tick moves its sends once through the tick every 2.6 s,
// as a browser's frames, which keep no step with the server, do. Latency
// then covers every phase.
const guidePeriodSlip = time.Millisecond

// settleWait bounds how long a guided run waits, after the ramp, for every
// client to be welcomed and then for every visitor to learn that follow
// mode is on. A server that takes longer is overloaded, which the report
// shows as fewer clients connected or following.
const settleWait = 30 * time.Second

// tourInfo is the tour a guided run creates.
type tourInfo struct {
	Code  string
	Token string
	Scene string
}

// createTour creates a tour of scene through POST /api/tours and returns
// its code and guide token (the fragment of its guide link).
func createTour(ctx context.Context, wsURL, scene string) (tourInfo, error) {
	u, err := apiURL(wsURL, "/api/tours")
	if err != nil {
		return tourInfo{}, err
	}
	body, _ := json.Marshal(map[string]string{"scene": scene, "guideName": "load guide"})
	ctx, cancel := context.WithTimeout(ctx, apiTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return tourInfo{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return tourInfo{}, fmt.Errorf("is the server running? %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIBody))
	if err != nil {
		return tourInfo{}, fmt.Errorf("POST %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusCreated {
		return tourInfo{}, fmt.Errorf("POST %s: %s: %.200s", u, resp.Status, data)
	}
	var created struct {
		Code     string `json:"code"`
		Scene    string `json:"scene"`
		GuideURL string `json:"guideUrl"`
	}
	if err := json.Unmarshal(data, &created); err != nil {
		return tourInfo{}, fmt.Errorf("POST %s: %w", u, err)
	}
	t := tourInfo{Code: created.Code, Scene: created.Scene}
	if g, err := url.Parse(created.GuideURL); err == nil {
		t.Token = strings.TrimPrefix(g.Fragment, "guide=")
	}
	if t.Code == "" || t.Token == "" || t.Scene == "" {
		return tourInfo{}, fmt.Errorf("POST %s: the answer lacks a code, a scene or a guide link with #guide=TOKEN: %.200s", u, data)
	}
	return t, nil
}

// sceneReach returns formation.Reach for a built-in scene's walls. A scene
// the load generator does not have (a curator's, from the server's
// -content) gets open floor: places then ignore walls, which costs less
// than the browser's placing and may put visitors where the server
// refuses them; ok reports which.
func sceneReach(id string) (reach formation.Reach, ok bool, err error) {
	all, err := scenes.Builtin()
	if err != nil {
		return nil, false, err
	}
	for _, s := range all {
		if s.ID != id {
			continue
		}
		c, err := s.Compile()
		if err != nil {
			return nil, false, fmt.Errorf("scene %s: %w", id, err)
		}
		return func(fx, fz, tx, tz float32) (float32, float32) {
			p := c.Slide(mgl32.Vec3{fx, 0, fz}, mgl32.Vec3{tx, 0, tz}, formation.AvatarRadius)
			return p.X(), p.Z()
		}, true, nil
	}
	return func(_, _, tx, tz float32) (float32, float32) { return tx, tz }, false, nil
}

// formationCache works out the places of the whole group around one guide
// pose at a time, for every visitor of the run: the visitors all see the
// same guide, so one formation.Places serves them all where each browser
// would call formation.Place on its own. It keeps the load generator from
// spending on placing what the server spends on relaying.
type formationCache struct {
	reach formation.Reach
	slots int // places worked out each time: the highest slot asked for

	mu        sync.Mutex
	ready     sync.Cond // signalled when the first places are in
	computing bool
	valid     bool
	from      protocol.Pose // the guide pose the places are for
	at        time.Duration // when they were worked out, on the run's clock
	places    []protocol.Pose

	computed atomic.Uint64 // formation.Places calls
	cost     atomic.Int64  // their total time, in nanoseconds
}

func newFormationCache(reach formation.Reach, slots int) *formationCache {
	fc := &formationCache{reach: reach, slots: slots}
	fc.ready.L = &fc.mu
	return fc
}

// place returns slot's place around guide and the guide pose it was worked
// out from. Places worked out less than placeEvery ago, or from a guide
// pose near this one, serve again; so do the current ones while another
// visitor works out newer ones. The first call waits for the first places.
func (fc *formationCache) place(guide protocol.Pose, slot int, now time.Duration) (place, from protocol.Pose) {
	fc.mu.Lock()
	for !fc.valid && fc.computing {
		fc.ready.Wait()
	}
	fresh := fc.valid && (now-fc.at < placeEvery || !moved(fc.from, guide))
	if fc.valid && slot <= len(fc.places) && (fresh || fc.computing) {
		place, from = placeOf(fc.places, slot, fc.from), fc.from
		fc.mu.Unlock()
		return place, from
	}
	fc.computing = true
	n := max(fc.slots, slot)
	fc.mu.Unlock()

	start := time.Now()
	places := formation.Places(guide, n, fc.reach)
	fc.cost.Add(int64(time.Since(start)))
	fc.computed.Add(1)

	fc.mu.Lock()
	fc.places, fc.from, fc.at, fc.valid, fc.computing = places, guide, now, true, false
	fc.slots = n
	fc.ready.Broadcast()
	fc.mu.Unlock()
	return placeOf(places, slot, guide), guide
}

// placeOf returns slot's place, or the guide's pose for a slot without one.
func placeOf(places []protocol.Pose, slot int, guide protocol.Pose) protocol.Pose {
	if slot < 1 || slot > len(places) {
		return guide
	}
	return places[slot-1]
}

// moved reports whether the guide moved or turned enough since a that its
// group's places are worth working out again.
func moved(a, b protocol.Pose) bool {
	dx, dz := a.X-b.X, a.Z-b.Z
	return dx*dx+dz*dz > placeMove*placeMove ||
		math.Abs(math.Remainder(float64(a.Yaw-b.Yaw), 2*math.Pi)) > placeTurn ||
		math.Abs(float64(a.Pitch-b.Pitch)) > placeTurn
}

// distance is the distance in plan between two poses, in metres.
func distance(a, b protocol.Pose) float64 {
	return math.Hypot(float64(a.X-b.X), float64(a.Z-b.Z))
}

// tourView is what a visitor's reader learns of the tour for its writer:
// where the guide is, whether to follow, its own slot, and where a gather
// puts it. Which member is the guide the reader keeps to itself
// (client.guideID), so that it takes this lock only for the guide's entry
// of a snapshot.
type tourView struct {
	mu        sync.Mutex
	guide     protocol.Pose
	seenGuide bool
	follow    bool
	slot      int
	gather    *protocol.Pose // a place to stand at once, not yet taken
}

// startTour creates the run's tour and prepares the group's places; the
// measured window stays shut until settleTour opens it.
func startTour(ctx context.Context, rs *runState, logw io.Writer) error {
	t, err := createTour(ctx, rs.cfg.URL, rs.scene.ID)
	if err != nil {
		return fmt.Errorf("creating the tour: %w", err)
	}
	reach, ok, err := sceneReach(t.Scene)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintf(logw, "loadgen: warning: scene %s is not built in; visitors place themselves as if it had no walls\n", t.Scene)
	}
	rs.tour = &t
	rs.formation = newFormationCache(reach, rs.cfg.Clients-1)
	rs.windowStart.Store(math.MaxInt64)
	rs.windowEnd.Store(math.MaxInt64)
	return nil
}

// settleTour waits until every started client has been welcomed or has
// failed, has the guide turn follow mode on, waits until the visitors know,
// and opens the measured window. It reports false when ctx ended first.
func settleTour(ctx context.Context, rs *runState, guide *client, started int, logw io.Writer) bool {
	if !waitFor(ctx, func() bool { return rs.settled.Load() >= int64(started) }) {
		return false
	}
	if guide.session == "" {
		fmt.Fprintln(logw, "loadgen: warning: the guide did not get in; the visitors have nobody to follow")
	} else {
		follow, _ := json.Marshal(protocol.GuideCommand{Type: protocol.TypeGuide, Cmd: protocol.CmdFollow, On: true})
		guide.cmds <- follow
		visitors := rs.welcomed.Load() - 1
		if !waitFor(ctx, func() bool { return rs.following.Load() >= visitors }) {
			return false
		}
		if n := rs.following.Load(); n < visitors {
			fmt.Fprintf(logw, "loadgen: warning: after %v only %d of %d visitors know that follow mode is on\n", settleWait, n, visitors)
		}
	}
	now := rs.now()
	rs.settle = now - max(rs.cfg.Ramp, 0)
	rs.windowEnd.Store(int64(now + rs.cfg.Duration))
	rs.windowStart.Store(int64(now))
	return true
}

// waitFor polls done until it holds or settleWait passes; it reports false
// only when ctx ended.
func waitFor(ctx context.Context, done func() bool) bool {
	const poll = 10 * time.Millisecond
	deadline := time.Now().Add(settleWait)
	for !done() && time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(poll):
		}
	}
	return ctx.Err() == nil
}

// guidedResult fills in a guided run's report: byte rates per visitor with
// the guide's apart, how the visitors kept their places, what placing cost.
func guidedResult(rs *runState, clients []*client, res *Result, logw io.Writer) {
	res.Guided, res.Tour, res.SessionsWanted = true, rs.tour.Code, 1
	res.Following = int(rs.following.Load())
	res.SettleSeconds = round2(max(rs.settle, 0).Seconds())
	var down, up uint64
	var visitors int
	var gaps []float64
	for _, c := range clients {
		if c.session == "" {
			continue
		}
		if !c.isVisitor() {
			if res.Seconds > 0 {
				res.GuideDownBytesS = round2(float64(c.down) / res.Seconds)
				res.GuideUpBytesS = round2(float64(c.up) / res.Seconds)
			}
			continue
		}
		visitors++
		down += c.down
		up += c.up
		if c.placed {
			res.Placed++
		}
		if c.gapKnown {
			gaps = append(gaps, c.gap)
		}
	}
	if visitors > 0 && res.Seconds > 0 {
		res.DownBytesPerClientS = round2(float64(down) / float64(visitors) / res.Seconds)
		res.UpBytesPerClientS = round2(float64(up) / float64(visitors) / res.Seconds)
	}
	if len(gaps) > 0 {
		sort.Float64s(gaps)
		res.PlaceGapP50m = round2(gaps[(len(gaps)-1)/2])
		res.PlaceGapMaxm = round2(gaps[len(gaps)-1])
	}
	if n := rs.formation.computed.Load(); n > 0 {
		res.Placements = n
		res.PlacementMs = round2(float64(rs.formation.cost.Load()) / float64(n) / float64(time.Millisecond))
	}
	if res.Sessions != 1 {
		fmt.Fprintf(logw, "loadgen: warning: %d clients landed in %d sessions, not in the one tour %s\n", res.Connected, res.Sessions, res.Tour)
	}
}
