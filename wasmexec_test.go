package yunyou

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The page loads the client with wasm_exec.js, which must come from the very
// Go toolchain that builds the client: a copy from another release fails in
// the browser with obscure errors at start-up.
func TestWasmExecMatchesTheToolchain(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	want := filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js")
	toolchain, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("reading the toolchain's wasm_exec.js: %v", err)
	}
	ours, err := os.ReadFile("wasm_exec.js")
	if err != nil {
		t.Fatalf("reading wasm_exec.js: %v", err)
	}
	if !bytes.Equal(ours, toolchain) {
		t.Fatalf("wasm_exec.js differs from the copy of the Go that builds the client.\nFix: cp %q wasm_exec.js", want)
	}
}
