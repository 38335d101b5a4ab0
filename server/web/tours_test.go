package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"yunyou/protocol"
	"yunyou/server/servertest"
)

// postTour sends POST /api/tours with body and header pairs ("Name",
// "value", …) and returns the status with the decoded JSON answer.
func postTour(t *testing.T, srv *servertest.Server, body string, header ...string) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/tours", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]any{}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("POST /api/tours %s: the answer is not JSON: %v", body, err)
	}
	return res, out
}

func TestCreateTour(t *testing.T) {
	srv := servertest.Start(t)
	res, out := postTour(t, srv, `{"scene":"mogao-257","guideName":"  Wang  "}`)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /api/tours = %d %v; want 201", res.StatusCode, out)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q; want no-store (the answer holds the guide token)", cc)
	}
	code, _ := out["code"].(string)
	if norm, ok := protocol.NormalizeCode(code); !ok || norm != code {
		t.Fatalf("code %q is not %d characters of %s", code, protocol.CodeLength, protocol.CodeAlphabet)
	}
	join := srv.URL + "/?tour=" + code
	if out["joinUrl"] != join || out["scene"] != "mogao-257" || out["guideName"] != "Wang" {
		t.Errorf("answer = %v; want joinUrl %s, scene mogao-257, guideName Wang", out, join)
	}
	guide, _ := out["guideUrl"].(string)
	token, ok := strings.CutPrefix(guide, join+"#guide=")
	if !ok || len(token) < 40 {
		t.Errorf("guideUrl %q; want %s#guide=TOKEN with a token of at least 40 characters", guide, join)
	}
	if out["qr"] != "/api/tours/"+code+"/qr.png" {
		t.Errorf("qr = %v; want /api/tours/%s/qr.png", out["qr"], code)
	}

	// Anyone with the code may look the tour up, typed loosely.
	for _, typed := range []string{code, strings.ToLower(code[:3]) + "-" + code[3:]} {
		status, info := srv.TourInfo(t, typed)
		if status != http.StatusOK || info["code"] != code || info["scene"] != "mogao-257" || info["guideName"] != "Wang" || info["ended"] != false {
			t.Errorf("GET /api/tours/%s = %d %v; want the tour", typed, status, info)
		}
		if _, leak := info["token"]; leak {
			t.Errorf("GET /api/tours/%s shows a token", typed)
		}
	}

	r, body := get(t, srv.URL+"/api/tours/"+code+"/qr.png")
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("QR = %d %s; want 200 image/png", r.StatusCode, r.Header.Get("Content-Type"))
	}
	img, err := png.Decode(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the QR code is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 400 || b.Dx() > 600 || b.Dx() != b.Dy() {
		t.Errorf("the QR code is %v; want a square of about 512 px", b)
	}
}

func TestCreateTourRefusesBadRequests(t *testing.T) {
	srv := servertest.Start(t)
	for _, tc := range []struct {
		name   string
		body   string
		header []string
		status int
		says   string // the error names what to fix
	}{
		{"unknown scene", `{"scene":"mogao-999","guideName":"Wang"}`, nil, 400, "mogao-257"},
		{"no scene", `{"guideName":"Wang"}`, nil, 400, "no scene"},
		{"empty guide name", `{"scene":"mogao-257","guideName":"  "}`, nil, 400, "empty"},
		{"long guide name", `{"scene":"mogao-257","guideName":"` + strings.Repeat("W", protocol.MaxNameRunes+1) + `"}`, nil, 400, "shorten"},
		{"name with a control character", `{"scene":"mogao-257","guideName":"Wa\u0007ng"}`, nil, 400, "control"},
		{"not JSON", `scene=mogao-257`, nil, 400, `{"scene"`},
		{"JSON but not an object", `["mogao-257"]`, nil, 400, `{"scene"`},
		{"unknown field", `{"scene":"mogao-257","guideName":"Wang","admin":true}`, nil, 400, "admin"},
		{"wrong content type", `{"scene":"mogao-257","guideName":"Wang"}`, []string{"Content-Type", "text/plain"}, 415, "application/json"},
		{"another site's page", `{"scene":"mogao-257","guideName":"Wang"}`, []string{"Origin", "https://evil.example"}, 403, "this site"},
		{"too big", `{"scene":"mogao-257","guideName":"` + strings.Repeat("W", 8<<10) + `"}`, nil, 413, "over 4096 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, out := postTour(t, srv, tc.body, tc.header...)
			msg, _ := out["error"].(string)
			if res.StatusCode != tc.status || !strings.Contains(msg, tc.says) {
				t.Errorf("= %d %q; want %d with an error saying %q", res.StatusCode, msg, tc.status, tc.says)
			}
			if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control = %q; want no-store", cc)
			}
		})
	}
	// The page's own origin may create tours.
	if res, out := postTour(t, srv, `{"scene":"mogao-257","guideName":"Wang"}`, "Origin", srv.URL); res.StatusCode != http.StatusCreated {
		t.Errorf("from the server's own origin: %d %v; want 201", res.StatusCode, out)
	}
}

func TestTourLookups(t *testing.T) {
	srv := servertest.Start(t)
	for _, tc := range []struct {
		code   string
		status int
		says   string
	}{
		{"ZZZZZZ", 404, "check the code"},
		{"K7QX", 404, "6 letters"},
		{"OOOOOO", 404, "not a tour code"}, // O is not in the alphabet
	} {
		status, out := srv.TourInfo(t, tc.code)
		msg, _ := out["error"].(string)
		if status != tc.status || !strings.Contains(msg, tc.says) {
			t.Errorf("GET /api/tours/%s = %d %q; want %d saying %q", tc.code, status, msg, tc.status, tc.says)
		}
	}
	r, _ := get(t, srv.URL+"/api/tours/ZZZZZZ/qr.png")
	if r.StatusCode != 404 {
		t.Errorf("the QR code of no tour = %d; want 404", r.StatusCode)
	}
}

// guessLimit is how many wrong codes an address may try at once (see
// guessBurst in tours.go).
const guessLimit = 10

func TestGuessingCodesIsLimited(t *testing.T) {
	t.Run("http", func(t *testing.T) {
		srv := servertest.Start(t)
		tour := srv.CreateTour(t, "mogao-257", "Wang")
		for i := range guessLimit {
			if status, _ := srv.TourInfo(t, wrongCode(tour.Code, i)); status != http.StatusNotFound {
				t.Fatalf("wrong code %d = %d; want 404", i+1, status)
			}
			// Right codes spend nothing, up to the limit.
			if i == guessLimit-1 {
				break
			}
			if status, _ := srv.TourInfo(t, tour.Code); status != http.StatusOK {
				t.Fatalf("the right code after %d wrong ones = %d; want 200", i+1, status)
			}
		}
		r, body := get(t, srv.URL+"/api/tours/"+wrongCode(tour.Code, guessLimit))
		secs, err := strconv.Atoi(r.Header.Get("Retry-After"))
		if r.StatusCode != http.StatusTooManyRequests || err != nil || secs < 1 {
			t.Fatalf("wrong code %d = %d, Retry-After %q; want 429 with a Retry-After in seconds", guessLimit+1, r.StatusCode, r.Header.Get("Retry-After"))
		}
		var e struct{ Error string }
		if json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, "wait") {
			t.Errorf("the 429 says %s; want an error saying to wait", body)
		}
		c := srv.Dial(t)
		if err := c.HelloTourRefused(protocol.Hello{Scene: "mogao-257", Name: "Ana", Tour: tour.Code}); err.Code != protocol.CodeTooManyGuesses {
			t.Errorf("a hello from the same address = %q; want %q", err.Code, protocol.CodeTooManyGuesses)
		}
	})
	t.Run("websocket", func(t *testing.T) {
		srv := servertest.Start(t)
		tour := srv.CreateTour(t, "mogao-257", "Wang")
		for i := range guessLimit {
			c := srv.Dial(t)
			if e := c.HelloTourRefused(protocol.Hello{Scene: "mogao-257", Name: "Ana", Tour: wrongCode(tour.Code, i)}); e.Code != protocol.CodeUnknownTour {
				t.Fatalf("wrong code %d over the WebSocket = %q; want %q", i+1, e.Code, protocol.CodeUnknownTour)
			}
			c.ExpectClosed()
		}
		c := srv.Dial(t)
		if e := c.HelloTourRefused(protocol.Hello{Scene: "mogao-257", Name: "Ana", Tour: "ZZZZZZ"}); e.Code != protocol.CodeTooManyGuesses || !strings.Contains(e.Message, "wait") {
			t.Errorf("wrong code %d over the WebSocket = %q (%s); want %q saying to wait", guessLimit+1, e.Code, e.Message, protocol.CodeTooManyGuesses)
		}
		if status, _ := srv.TourInfo(t, tour.Code); status != http.StatusTooManyRequests {
			t.Errorf("GET after the WebSocket guesses = %d; want 429 (one limit per address)", status)
		}
	})
}

// wrongCode returns a valid code that differs from code, different for each i.
func wrongCode(code string, i int) string {
	for n := i; ; n++ {
		c := fmt.Sprintf("Z%05d", n)
		c = strings.NewReplacer("0", "A", "1", "B").Replace(c)
		if c != code {
			return c
		}
	}
}

// syncBuffer is a bytes.Buffer many goroutines may write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestTourSecretsStaySecret runs a whole tour and checks that neither the
// guide token nor a resume secret reaches the log or the database, which
// keeps only their hashes.
func TestTourSecretsStaySecret(t *testing.T) {
	var log syncBuffer
	srv := servertest.Start(t, servertest.WithLog(&log))
	tour := srv.CreateTour(t, "mogao-257", "Wang")
	secrets := map[string]string{"guide token": tour.Token()}

	guide := srv.Dial(t)
	gw := guide.HelloTour(protocol.Hello{Scene: "mogao-257", Name: "Wang", Tour: tour.Code, Token: tour.Token()})
	secrets["guide's resume"] = gw.Resume
	ana := srv.Dial(t)
	aw := ana.HelloTour(protocol.Hello{Scene: "mogao-257", Name: "Ana", Tour: tour.Code})
	guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdSpotlight, Hotspot: "nine-coloured-deer"})
	ana.ExpectTour("the spotlight", func(s protocol.TourState) bool { return s.Spotlight != "" })
	ana.Conn.Close()
	ana = srv.Dial(t)
	aw = ana.HelloTour(protocol.Hello{Scene: "mogao-257", Name: "Ana", Tour: tour.Code, Resume: aw.Resume})
	secrets["Ana's resume"] = aw.Resume
	// A mistaken hello that carries the token, and a guide link that
	// lost the role, are logged too: still without the token.
	bad := srv.Dial(t)
	bad.SendJSON(protocol.Hello{Type: protocol.TypeHello, Version: protocol.Version, Scene: "nowhere", Name: "Wang", Tour: tour.Code, Token: tour.Token()})
	bad.ExpectClosed()

	guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdHandOver, ID: aw.ID})
	var role protocol.Role
	ana.ExpectType(protocol.TypeRole, &role)
	secrets["handed-over token"] = role.Token
	old := srv.Dial(t)
	old.HelloTour(protocol.Hello{Scene: "mogao-257", Name: "Wang", Tour: tour.Code, Token: tour.Token()})
	old.ExpectError(protocol.CodeNotGuide)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	logged := log.String()
	if !strings.Contains(logged, tour.Code) {
		t.Fatalf("the log does not mention the tour %s; is WithLog capturing it?", tour.Code)
	}
	for what, s := range secrets {
		if len(s) < 40 {
			t.Fatalf("the %s %q is short", what, s)
		}
		if strings.Contains(logged, s) {
			t.Errorf("the %s appears in the server's log", what)
		}
	}

	db, err := sql.Open("sqlite", filepath.Join(srv.Data, servertest.DatabaseFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cells := allCells(t, db)
	if len(cells) == 0 {
		t.Fatal("the database holds nothing")
	}
	hash := sha256.Sum256([]byte(role.Token))
	hashed := false
	for _, cell := range cells {
		for what, s := range secrets {
			if bytes.Contains(cell, []byte(s)) {
				t.Errorf("the database holds the %s", what)
			}
		}
		hashed = hashed || bytes.Equal(cell, hash[:])
	}
	if !hashed {
		t.Errorf("the database does not hold the hash of the current guide token")
	}
}

// allCells returns every value of every table of db as bytes.
func allCells(t *testing.T, db *sql.DB) [][]byte {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	var cells [][]byte
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				switch v := v.(type) {
				case []byte:
					cells = append(cells, v)
				case string:
					cells = append(cells, []byte(v))
				default:
					cells = append(cells, fmt.Append(nil, v))
				}
			}
		}
		rows.Close()
	}
	return cells
}
