package servertest

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// Metrics fetches the server's /metrics page, with the admin token when
// the server has one, and fails the test unless it answers 200.
func (s *Server) Metrics(tb testing.TB) string {
	tb.Helper()
	req, err := http.NewRequest("GET", s.MetricsURL, nil)
	if err != nil {
		tb.Fatalf("servertest: %v", err)
	}
	if s.admin != "" {
		req.Header.Set("Authorization", "Bearer "+s.admin)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("servertest: fetching the metrics: %v", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatalf("servertest: reading the metrics: %v", err)
	}
	if res.StatusCode != http.StatusOK {
		tb.Fatalf("servertest: GET /metrics = %s: %s", res.Status, body)
	}
	return string(body)
}

// Metric returns the value of one series on a metrics page, written as
// the page writes it: `yunyou_ws_messages_total{kind="chat"}`, or just the
// name for a series without labels. It reports false when the page has no
// such series.
func Metric(page, series string) (float64, bool) {
	for line := range strings.Lines(page) {
		rest, ok := strings.CutPrefix(line, series+" ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
		return v, err == nil
	}
	return 0, false
}
