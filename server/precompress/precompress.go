// Package precompress writes the brotli and gzip forms of static files once,
// at build time, so the server never compresses anything per request.
//
//	err := precompress.File("build/yunyou.wasm") // writes yunyou.wasm.br and yunyou.wasm.gz
//
// The server serves FILE.br to browsers that accept brotli, FILE.gz to those
// that accept only gzip, and FILE itself to the rest.
package precompress

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// Suffixes of the compressed files written next to the original.
const (
	BrotliSuffix = ".br"
	GzipSuffix   = ".gz"
)

// brotliWindowBits is the largest window brotli allows (16 MiB). A wasm
// client is about 10 MB, so the whole file fits in one window and repeats
// far apart still compress; every browser that speaks br decodes it.
const brotliWindowBits = 24

// File writes path+".br" (brotli at its best quality) and path+".gz" (gzip
// at its best level). Brotli at its best takes about two seconds a
// megabyte: run it when building, never while serving.
func File(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("precompress: %w", err)
	}
	br, err := Brotli(raw)
	if err != nil {
		return fmt.Errorf("precompress %s: %w", path, err)
	}
	gz, err := Gzip(raw)
	if err != nil {
		return fmt.Errorf("precompress %s: %w", path, err)
	}
	if err := writeAtomic(path+BrotliSuffix, br); err != nil {
		return err
	}
	return writeAtomic(path+GzipSuffix, gz)
}

// Brotli returns data compressed with brotli at its best quality.
func Brotli(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: brotliWindowBits})
	return finish(&buf, w, data)
}

// Gzip returns data compressed with gzip at its best level.
func Gzip(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	return finish(&buf, w, data)
}

func finish(buf *bytes.Buffer, w io.WriteCloser, data []byte) ([]byte, error) {
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeAtomic writes through a temporary file and a rename, so a server
// reading the directory never sees half a file.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("precompress: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("precompress: writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("precompress: writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("precompress: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("precompress: %w", err)
	}
	return nil
}
