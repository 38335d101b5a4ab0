package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// readyWait bounds the store's answer to a readiness probe. Load balancers
// probe every few seconds and give up after a few more; a store slower
// than this cannot serve a visitor's tour either.
const readyWait = time.Second

// serveReady answers load balancers: 200 "ready" while the server can take
// visitors (its scenes are loaded and the tour store answers within
// readyWait), else 503 with the reason, and 503 once shutdown has begun.
// Liveness is /healthz: a server that is alive but not ready must not be
// restarted for it.
func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if why := s.notReady(r.Context()); why != "" {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, why)
		return
	}
	fmt.Fprintln(w, "ready")
}

// notReady returns why the server cannot take visitors, or "".
func (s *Server) notReady(ctx context.Context) string {
	if s.stopping.Load() {
		return "shutting down"
	}
	if len(s.cat.Scenes()) == 0 {
		return "no scenes loaded"
	}
	if s.store == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, readyWait)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		if ctx.Err() != nil {
			return fmt.Sprintf("the tour store did not answer within %v", readyWait)
		}
		// The error names the database file and what failed, which the
		// operator probing needs; it holds no tour codes or tokens.
		return "the tour store does not answer: " + err.Error()
	}
	return ""
}

// guardMetrics serves next only to requests with the admin token, when
// there is one: metrics reveal how busy the server is and which errors
// visitors meet, which is for operators, not for the public.
func (s *Server) guardMetrics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.admin != nil && !s.admin.allows(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="yunyou-metrics"`)
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, "metrics need the admin token: send \"Authorization: Bearer TOKEN\"", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// bearer checks a secret sent as "Authorization: Bearer SECRET". It keeps
// only the secret's hash, and compares hashes in constant time, so neither
// the secret's length nor its bytes leak through timing.
type bearer struct{ sum [sha256.Size]byte }

// newBearer returns a bearer for tok, or nil when tok is empty. New fails
// for a token too short to be safe: kiosk.New, which it also calls,
// checks the length.
func newBearer(tok string) *bearer {
	if tok == "" {
		return nil
	}
	return &bearer{sum: sha256.Sum256([]byte(tok))}
}

func (b *bearer) allows(r *http.Request) bool {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") { // the scheme is case-insensitive (RFC 9110)
		return false
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	return subtle.ConstantTimeCompare(sum[:], b.sum[:]) == 1
}
