package precompress_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"yunyou/server/precompress"
)

func TestFileWritesBrotliAndGzipThatDecodeToTheOriginal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "yunyou.wasm")
	raw := []byte(strings.Repeat("\x00asm a wasm module repeats a lot of itself ", 2000))
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := precompress.File(path); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		suffix string
		open   func(io.Reader) (io.Reader, error)
	}{
		{".br", func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }},
		{".gz", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	} {
		data, err := os.ReadFile(path + tc.suffix)
		if err != nil {
			t.Fatalf("%s not written: %v", tc.suffix, err)
		}
		if len(data) >= len(raw)/10 {
			t.Errorf("%s is %d bytes for %d repetitive ones; it should be far smaller", tc.suffix, len(data), len(raw))
		}
		r, err := tc.open(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("%s does not decode to the original (err %v)", tc.suffix, err)
		}
	}
}

func TestFileNamesAMissingFile(t *testing.T) {
	err := precompress.File(filepath.Join(t.TempDir(), "nope.wasm"))
	if err == nil || !strings.Contains(err.Error(), "nope.wasm") {
		t.Errorf("err = %v; want one naming the missing file", err)
	}
}
