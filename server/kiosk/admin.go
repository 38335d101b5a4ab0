package kiosk

import (
	"crypto/sha256"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode"

	"yunyou/server/wsconn"
)

const (
	// MinAdminToken is the shortest admin token accepted: 32 random
	// characters cannot be guessed over HTTP, so failed attempts need no
	// rate limit.
	MinAdminToken = 32
	// maxCommandBytes bounds an admin command's body, {"language": "fr"}.
	maxCommandBytes = 1 << 10
	// adminOff is the answer on the admin routes when no token is set.
	adminOff = "the admin page is off; start the server with -admin-token (or YUNYOU_ADMIN_TOKEN)"
)

var (
	//go:embed admin.html
	adminHTML []byte
	//go:embed admin.js
	adminJS []byte
)

// adminToken keeps only the SHA-256 of the admin token, so that the secret
// itself does not linger in memory, and comparing fixed-size hashes takes
// the same time whatever the guess.
type adminToken struct{ sum [sha256.Size]byte }

func newAdminToken(tok string) (*adminToken, error) {
	if n := len([]rune(tok)); n < MinAdminToken {
		return nil, fmt.Errorf("the admin token is %d characters; it must be at least %d so that it cannot be guessed: make one with `openssl rand -base64 32` and pass it with -admin-token or YUNYOU_ADMIN_TOKEN", n, MinAdminToken)
	}
	if i := strings.IndexFunc(tok, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }); i >= 0 {
		return nil, errors.New("the admin token holds a space or control character, which an Authorization header cannot carry; make one with `openssl rand -base64 32`")
	}
	return &adminToken{sum: sha256.Sum256([]byte(tok))}, nil
}

// allows reports whether r carries the token as "Authorization: Bearer
// TOKEN".
func (t *adminToken) allows(r *http.Request) bool {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") { // the scheme is case-insensitive (RFC 9110)
		return false
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	return subtle.ConstantTimeCompare(sum[:], t.sum[:]) == 1
}

// adminFile serves an embedded file of the admin page, or 404 when the
// page is off.
func (s *Service) adminFile(w http.ResponseWriter, contentType string, data []byte) {
	w.Header().Set("Cache-Control", "no-store")
	if s.admin == nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintln(w, adminOff)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Write(data)
}

func (s *Service) serveAdminPage(w http.ResponseWriter, r *http.Request) {
	s.adminFile(w, "text/html; charset=utf-8", adminHTML)
}

func (s *Service) serveAdminScript(w http.ResponseWriter, r *http.Request) {
	s.adminFile(w, "text/javascript; charset=utf-8", adminJS)
}

// authorized answers 404 when the admin page is off and 401 without the
// right token, and reports whether the request may go on.
func (s *Service) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.admin == nil {
		jsonError(w, http.StatusNotFound, adminOff)
		return false
	}
	if !s.admin.allows(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="yunyou-admin"`)
		msg := "wrong admin token; give the token the server was started with"
		if r.Header.Get("Authorization") == "" {
			msg = "the admin API needs the admin token: send Authorization: Bearer TOKEN"
		}
		jsonError(w, http.StatusUnauthorized, msg)
		return false
	}
	return true
}

func (s *Service) serveAdminList(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	list, now := s.kiosks.list(s.languagesOf)
	writeJSON(w, http.StatusOK, map[string]any{"kiosks": list, "now": now.UTC()})
}

func (s *Service) serveAdminReload(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	s.command(w, r, Command{Type: "reload"})
}

func (s *Service) serveAdminLanguage(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	id := r.PathValue("id")
	name, ok := s.kiosks.name(id)
	if !ok {
		s.unknownID(w, id)
		return
	}
	var body struct {
		Language string `json:"language"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxCommandBytes)).Decode(&body); err != nil {
		jsonError(w, http.StatusBadRequest, `send {"language": "fr"}`)
		return
	}
	langs := s.languagesOf(name)
	if !slices.Contains(langs, body.Language) {
		jsonError(w, http.StatusBadRequest, fmt.Sprintf("%q is not one of kiosk %s's languages; choose one of %s", truncate(body.Language, 20), name, strings.Join(langs, ", ")))
		return
	}
	s.command(w, r, Command{Type: "language", Language: body.Language})
}

// command queues c for the instance the request's {id} names.
func (s *Service) command(w http.ResponseWriter, r *http.Request, c Command) {
	id := r.PathValue("id")
	name, ok := s.kiosks.queue(id, c)
	if !ok {
		s.unknownID(w, id)
		return
	}
	s.log.Info("kiosk admin: command queued", "command", c.Type, "language", c.Language, "kiosk", name, "id", id, "admin_addr", wsconn.ClientAddr(r.RemoteAddr))
	writeJSON(w, http.StatusAccepted, map[string]any{"queued": c, "id": id})
}

func (s *Service) unknownID(w http.ResponseWriter, id string) {
	jsonError(w, http.StatusNotFound, fmt.Sprintf("no kiosk page %q has reported in the last %v; reload the list", truncate(id, 70), forgetAfter))
}
