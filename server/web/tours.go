package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	qrcode "github.com/skip2/go-qrcode"
	"golang.org/x/time/rate"

	"yunyou/protocol"
	"yunyou/server/ratelimit"
	"yunyou/server/session"
	"yunyou/server/wsconn"
)

// The tours API:
//
//	POST /api/tours              {"scene","guideName"} → 201 {"code","scene","guideName","joinUrl","guideUrl","qr"}
//	GET  /api/tours/CODE         → {"code","scene","guideName","members","locked","ended"}; 404 unknown, 410 ended
//	GET  /api/tours/CODE/qr.png  the join link as a QR code
//
// The guide token appears once, in guideUrl's fragment (#guide=TOKEN):
// browsers never send a fragment to a server, so it stays out of request
// lines, logs and Referer headers. Every answer is no-store.

const (
	// maxTourRequest bounds the body of POST /api/tours.
	maxTourRequest = 4 << 10

	// guessBurst and guessEvery limit wrong tour codes per client
	// address: a class typing a code from the board makes a few
	// mistakes; 10 at once, then one every 6 s, makes trying the 887
	// million codes hopeless (a whole address block would need years).
	guessBurst = 10
	guessEvery = 6 * time.Second

	// createBurst and createEvery limit new tours per client address: a
	// school's guides create a few each; a script cannot fill the store.
	createBurst = 20
	createEvery = 30 * time.Second

	// qrSize is the QR code's width and height in pixels: sharp on a
	// projector, small as a PNG (a few KB).
	qrSize = 512
)

// tourLimits are the rate limits of the tours API.
type tourLimits struct {
	guesses *ratelimit.Keyed // shared with the WebSocket's hello
	creates *ratelimit.Keyed
}

func newTourLimits() tourLimits {
	return tourLimits{
		guesses: ratelimit.New(rate.Every(guessEvery), guessBurst),
		creates: ratelimit.New(rate.Every(createEvery), createBurst),
	}
}

type createTourRequest struct {
	Scene     string `json:"scene"`
	GuideName string `json:"guideName"`
}

type createTourResponse struct {
	Code      string `json:"code"`
	Scene     string `json:"scene"`
	GuideName string `json:"guideName"`
	JoinURL   string `json:"joinUrl"`
	GuideURL  string `json:"guideUrl"`
	QR        string `json:"qr"`
}

// serveCreateTour creates a tour.
func (s *Server) serveCreateTour(w http.ResponseWriter, r *http.Request) {
	if !s.sameOrigin(r) {
		// A page elsewhere must not create tours in a visitor's name.
		jsonError(w, http.StatusForbidden, "tours can be created only from this site's own page")
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		jsonError(w, http.StatusUnsupportedMediaType, "send the tour as JSON with Content-Type: application/json, such as {\"scene\":\"mogao-257\",\"guideName\":\"Wang\"}")
		return
	}
	addr := wsconn.ClientAddr(r.RemoteAddr)
	if !s.tourLimits.creates.Allow(addr) {
		retryAfter(w, s.tourLimits.creates.Wait(addr))
		jsonError(w, http.StatusTooManyRequests, "too many tours created from your network; wait a minute and try again")
		return
	}
	var req createTourRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxTourRequest))
	dec.DisallowUnknownFields()
	var tooBig *http.MaxBytesError
	if err := dec.Decode(&req); errors.As(err, &tooBig) {
		jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is over %d bytes; a tour needs only {\"scene\":ID,\"guideName\":NAME}", maxTourRequest))
		return
	} else if err != nil {
		jsonError(w, http.StatusBadRequest, fmt.Sprintf("the request is not a tour (%v); send {\"scene\":ID,\"guideName\":NAME}", err))
		return
	}
	name, err := protocol.CheckName(req.GuideName)
	if err != nil {
		jsonError(w, http.StatusBadRequest, "guideName: "+err.(protocol.Error).Message)
		return
	}
	if _, ok := s.cat.Scene(req.Scene); !ok {
		jsonError(w, http.StatusBadRequest, fmt.Sprintf("there is no scene %q; choose one of %s", truncate(req.Scene, 40), strings.Join(s.cat.IDs(), ", ")))
		return
	}
	t, err := s.sessions.CreateTour(r.Context(), req.Scene, name)
	if err != nil {
		s.log.Error("creating a tour", "err", err)
		jsonError(w, http.StatusServiceUnavailable, "the server cannot create a tour just now; try again in a moment")
		return
	}
	join := joinURL(r, t.Code)
	writeJSON(w, http.StatusCreated, createTourResponse{
		Code: t.Code, Scene: t.Scene, GuideName: name, JoinURL: join,
		GuideURL: join + "#guide=" + t.Token,
		QR:       "/api/tours/" + t.Code + "/qr.png",
	})
}

// serveTour tells a page about the tour it is about to join.
func (s *Server) serveTour(w http.ResponseWriter, r *http.Request) {
	info, ok := s.lookupTour(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, info)
}

// serveTourQR draws the tour's join link as a QR code, once per link:
// drawing takes milliseconds, and a class scanning the projector's code
// asks for it many times.
func (s *Server) serveTourQR(w http.ResponseWriter, r *http.Request) {
	info, ok := s.lookupTour(w, r)
	if !ok {
		return
	}
	link := joinURL(r, info.Code)
	png, err := s.qrCodes.get(link)
	if err != nil {
		jsonError(w, http.StatusInternalServerError, "cannot draw the QR code: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(png)))
	w.Write(png)
}

// maxQRCodes bounds the QR codes kept: one per tour and address of the
// server, a few KB each.
const maxQRCodes = 1000

// qrCache keeps drawn QR codes by link. It is safe for concurrent use.
type qrCache struct {
	mu    sync.Mutex
	codes map[string][]byte
}

func (c *qrCache) get(link string) ([]byte, error) {
	c.mu.Lock()
	png, ok := c.codes[link]
	c.mu.Unlock()
	if ok {
		return png, nil
	}
	png, err := qrcode.Encode(link, qrcode.Medium, qrSize)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.codes == nil || len(c.codes) >= maxQRCodes {
		c.codes = make(map[string][]byte) // start over rather than grow
	}
	c.codes[link] = png
	return png, nil
}

// lookupTour finds the tour of the request's {code}, answering for it
// when there is none; a wrong code spends one of the address's guesses.
func (s *Server) lookupTour(w http.ResponseWriter, r *http.Request) (session.TourInfo, bool) {
	addr := wsconn.ClientAddr(r.RemoteAddr)
	g := s.tourLimits.guesses
	// Every lookup holds a guess while the code is checked; only a wrong
	// code spends it, and parallel wrong guesses cannot all pass at once.
	ok, done := g.Take(addr)
	if !ok {
		retryAfter(w, g.Wait(addr))
		jsonError(w, http.StatusTooManyRequests, fmt.Sprintf("too many wrong tour codes from your network; wait %v and check the code with your guide", g.Wait(addr).Round(time.Second)))
		return session.TourInfo{}, false
	}
	code, valid := protocol.NormalizeCode(r.PathValue("code"))
	if !valid {
		done(true)
		jsonError(w, http.StatusNotFound, fmt.Sprintf("%q is not a tour code: codes have %d letters and digits, such as K7QX3M", truncate(r.PathValue("code"), 20), protocol.CodeLength))
		return session.TourInfo{}, false
	}
	info, err := s.sessions.TourInfo(r.Context(), code)
	var e protocol.Error
	switch {
	case errors.Is(err, session.ErrUnknownTour) && errors.As(err, &e):
		done(true)
		jsonError(w, http.StatusNotFound, e.Message)
		return info, false
	}
	done(false)
	switch {
	case errors.Is(err, session.ErrTourEnded) && errors.As(err, &e):
		jsonError(w, http.StatusGone, e.Message)
		return info, false
	case err != nil:
		s.log.Error("reading a tour", "tour", code, "err", err)
		jsonError(w, http.StatusServiceUnavailable, "the server cannot read this tour just now; try again in a moment")
		return info, false
	}
	return info, true
}

// joinURL is the link visitors open to join tour code.
func joinURL(r *http.Request, code string) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	u := url.URL{Scheme: scheme, Host: r.Host, Path: "/", RawQuery: "tour=" + code}
	return u.String()
}

func retryAfter(w http.ResponseWriter, d time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int(d.Seconds()+0.999))))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", jsonType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func jsonError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
