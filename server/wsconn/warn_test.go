package wsconn

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"yunyou/protocol"
)

// A client flooding bad messages costs one log line per kind of mistake,
// and one line counting the repeats when it goes.
func TestRepeatedWarningsLogOnce(t *testing.T) {
	var buf bytes.Buffer
	c := &conn{log: slog.New(slog.NewTextHandler(&buf, nil)), warned: make(map[string]int)}
	for range 1000 {
		c.warn(protocol.NewError(protocol.CodeBadPose, "pose outside"))
	}
	c.warn(protocol.NewError(protocol.CodeBadChat, "chat too long"))
	c.logSuppressed()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("logged %d lines, want 3 (two first warnings and one count):\n%s", len(lines), buf.String())
	}
	if !strings.Contains(buf.String(), "times=1000") {
		t.Errorf("the count of repeats is missing:\n%s", buf.String())
	}
}
