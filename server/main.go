// Command server is Yunyou's server: it serves the page, the WebAssembly
// client, the textures and the scenes API, and keeps the shared tour
// sessions over WebSockets.
//
//	go run ./server                         # on :8080, client from ./build
//	go run ./server compress FILE...        # write FILE.br and FILE.gz (at build time)
//
// Every flag can also be set by its environment variable; a flag on the
// command line wins.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"yunyou/server/catalog"
	"yunyou/server/precompress"
	"yunyou/server/web"
)

// shutdownWait is the time allowed, after SIGINT or SIGTERM, for visitors
// to take the restart notice and for requests in flight to finish.
const shutdownWait = 10 * time.Second

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if len(os.Args) > 1 && os.Args[1] == "compress" {
		if err := compress(os.Args[2:], log); err != nil {
			fmt.Fprintln(os.Stderr, "compress:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Args[1:], log); err != nil {
		log.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

func run(args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	addr := fs.String("addr", env("YUNYOU_ADDR", ":8080"), "listen address (env YUNYOU_ADDR)")
	data := fs.String("data", env("YUNYOU_DATA", "data"), "directory for stored state, created if missing (env YUNYOU_DATA)")
	origins := fs.String("allowed-origins", env("YUNYOU_ALLOWED_ORIGINS", ""), "comma-separated origins besides the server's own whose pages may open WebSockets, such as https://example.org (env YUNYOU_ALLOWED_ORIGINS)")
	clientDir := fs.String("client", env("YUNYOU_CLIENT", "build"), "directory holding yunyou.wasm, .wasm.br and .wasm.gz, as `make client` writes them (env YUNYOU_CLIENT)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: server [flags]\n       server compress FILE...\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q; the only subcommand is compress", fs.Arg(0))
	}
	if err := os.MkdirAll(*data, 0o755); err != nil {
		return fmt.Errorf("creating the data directory: %w", err)
	}
	cat, err := catalog.Builtin()
	if err != nil {
		return err
	}
	srv, err := web.New(web.Config{Catalog: cat, ClientDir: *clientDir, AllowedOrigins: splitList(*origins), Log: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	log.Info("yunyou server", "addr", ln.Addr().String(), "client", *clientDir, "data", *data, "scenes", len(cat.Scenes()))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stop() // a second signal kills at once
	log.Info("shutting down: telling visitors to reconnect")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	err = srv.Shutdown(sctx)
	if serr := <-served; serr != nil {
		err = errors.Join(err, serr)
	}
	if err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	log.Info("stopped")
	return nil
}

// compress writes FILE.br and FILE.gz next to each FILE.
func compress(files []string, log *slog.Logger) error {
	if len(files) == 0 {
		return errors.New("name the files to compress: server compress build/yunyou.wasm")
	}
	for _, f := range files {
		start := time.Now()
		if err := precompress.File(f); err != nil {
			return err
		}
		log.Info("compressed", "file", f, "br", size(f+precompress.BrotliSuffix), "gz", size(f+precompress.GzipSuffix), "raw", size(f), "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

func size(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return -1
	}
	return fi.Size()
}

// env returns the environment variable name, or def when it is unset.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
