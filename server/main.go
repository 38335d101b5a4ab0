// Command server is Yunyou's server: it serves the page, the WebAssembly
// client, the textures and the scenes API, and keeps the shared tour
// sessions over WebSockets.
//
//	go run ./server                         # on :8080, client from ./build
//	go run ./server compress FILE...        # write FILE.br and FILE.gz (at build time)
//	go run ./server -content DIR            # add the scenes DIR/*.json and images DIR/textures/*
//	go run ./server validate PATH...        # check scene files; exit code 1 on any mistake
//
// Every flag can also be set by its environment variable; a flag on the
// command line wins.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"yunyou/server/catalog"
	"yunyou/server/kiosk"
	"yunyou/server/precompress"
	"yunyou/server/store"
	"yunyou/server/web"
	"yunyou/server/wsconn"
)

// shutdownWait is the time allowed, after SIGINT or SIGTERM, for visitors
// to take the restart notice and for requests in flight to finish.
const shutdownWait = 10 * time.Second

// databaseFile is the name of the tours' database in the -data directory.
const databaseFile = "yunyou.db"

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if len(os.Args) > 1 && os.Args[1] == "compress" {
		if err := compress(os.Args[2:], log); err != nil {
			fmt.Fprintln(os.Stderr, "compress:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "validate" {
		os.Exit(validate(os.Args[2:], os.Stdout))
	}
	if err := run(os.Args[1:], log); errors.Is(err, flag.ErrHelp) {
		return
	} else if printSceneErrors(os.Stderr, err) {
		fmt.Fprintln(os.Stderr, "the server does not start with a faulty scene; fix the lines above (check with: go run ./server validate DIR)")
		os.Exit(1)
	} else if printKioskErrors(os.Stderr, err) {
		fmt.Fprintln(os.Stderr, "the server does not start with a faulty kiosks file; fix the lines above")
		os.Exit(1)
	} else if err != nil {
		log.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// options are the server's settings from its flags and environment.
type options struct {
	addr, data, origins, clientDir, content string
	kiosks, adminToken                      string
	limits                                  wsconn.ConnLimits
	metrics                                 bool
}

// parseFlags reads args, with defaults from the environment.
func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.StringVar(&o.addr, "addr", env("YUNYOU_ADDR", ":8080"), "listen address (env YUNYOU_ADDR)")
	fs.StringVar(&o.data, "data", env("YUNYOU_DATA", "data"), "directory for stored state (the guided tours' database, yunyou.db), created if missing (env YUNYOU_DATA)")
	fs.StringVar(&o.origins, "allowed-origins", env("YUNYOU_ALLOWED_ORIGINS", ""), "comma-separated origins besides the server's own whose pages may open WebSockets, such as https://example.org (env YUNYOU_ALLOWED_ORIGINS)")
	fs.StringVar(&o.content, "content", env("YUNYOU_CONTENT", ""), "directory of curators' scenes (*.json) and images (textures/*.png, *.jpg), which add to or replace the built-in ones (env YUNYOU_CONTENT)")
	fs.StringVar(&o.clientDir, "client", env("YUNYOU_CLIENT", "build"), "directory holding yunyou.wasm, .wasm.br and .wasm.gz, as `make client` writes them (env YUNYOU_CLIENT)")
	fs.StringVar(&o.kiosks, "kiosks", env("YUNYOU_KIOSKS", ""), "JSON file of kiosk profiles, served at /kiosk/NAME; the built-in profile \"default\" tours every scene (env YUNYOU_KIOSKS)")
	fs.StringVar(&o.adminToken, "admin-token", env("YUNYOU_ADMIN_TOKEN", ""), "secret of at least 32 characters that turns on the kiosks' admin page at /admin, such as the output of `openssl rand -base64 32`; prefer the environment variable, which other users cannot see in the process list (env YUNYOU_ADMIN_TOKEN)")
	metrics, err := envBool("YUNYOU_METRICS", true)
	if err != nil {
		return o, err
	}
	fs.BoolVar(&o.metrics, "metrics", metrics, "serve Prometheus metrics at /metrics on the listen address; when -admin-token is set, scrapers must send it as \"Authorization: Bearer TOKEN\", otherwise anyone who reaches the address can read them; -metrics=false turns them off (env YUNYOU_METRICS)")
	def := wsconn.DefaultConnLimits
	maxConns, err1 := envNumber("YUNYOU_MAX_CONNS", def.MaxConns)
	perAddr, err2 := envNumber("YUNYOU_MAX_CONNS_PER_ADDR", def.MaxConnsPerAddr)
	rate, err3 := envNumber("YUNYOU_CONN_RATE_PER_ADDR", def.RatePerAddr)
	if err := errors.Join(err1, err2, err3); err != nil {
		return o, err
	}
	fs.IntVar(&o.limits.MaxConns, "max-conns", maxConns, "most WebSocket connections open at once on the whole server (env YUNYOU_MAX_CONNS)")
	fs.IntVar(&o.limits.MaxConnsPerAddr, "max-conns-per-addr", perAddr, "most WebSocket connections open at once from one client address; a class behind one NAT address counts as one, so keep it above the largest group (env YUNYOU_MAX_CONNS_PER_ADDR)")
	fs.Float64Var(&o.limits.RatePerAddr, "conn-rate-per-addr", rate, "new WebSocket connections per second one address may open after a burst as large as -max-conns-per-addr (env YUNYOU_CONN_RATE_PER_ADDR)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: server [flags]\n       server compress FILE...\n       server validate PATH...\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q; the subcommands are compress and validate, given first", fs.Arg(0))
	}
	if l := o.limits; l.MaxConns < 1 || l.MaxConnsPerAddr < 1 || !(l.RatePerAddr > 0) {
		return o, fmt.Errorf("-max-conns (%d), -max-conns-per-addr (%d) and -conn-rate-per-addr (%g) must be above zero", l.MaxConns, l.MaxConnsPerAddr, l.RatePerAddr)
	}
	return o, nil
}

func run(args []string, log *slog.Logger) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	cat, err := catalog.Load(o.content)
	if err != nil {
		return err
	}
	kiosks, err := kiosk.Load(o.kiosks, cat.IDs())
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.data, 0o755); err != nil {
		return fmt.Errorf("creating the data directory: %w", err)
	}
	dbPath := filepath.Join(o.data, databaseFile)
	st, err := store.OpenSQLite(dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := web.New(web.Config{Catalog: cat, ClientDir: o.clientDir, AllowedOrigins: splitList(o.origins), Limits: o.limits, Store: st,
		Kiosks: kiosks, AdminToken: o.adminToken, MetricsOff: !o.metrics, Log: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	log.Info("yunyou server", "addr", ln.Addr().String(), "client", o.clientDir, "data", o.data, "scenes", len(cat.Scenes()), "content", o.content,
		"kiosks", kiosks.Names(), "admin_page", o.adminToken != "", "metrics", o.metrics, "metrics_need_token", o.metrics && o.adminToken != "",
		"max_conns", o.limits.MaxConns, "max_conns_per_addr", o.limits.MaxConnsPerAddr, "conn_rate_per_addr", o.limits.RatePerAddr)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go srv.Sessions().Housekeep(ctx) // ends idle tours, deletes old ended ones; stops with ctx
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

// printKioskErrors prints the mistakes of a kiosks file, one a line, and
// reports whether err held any.
func printKioskErrors(w io.Writer, err error) bool {
	var list kiosk.Errors
	if !errors.As(err, &list) {
		return false
	}
	fmt.Fprintln(w, list.Error())
	return true
}

// env returns the environment variable name, or def when it is unset.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// envBool returns the environment variable name as true or false, or def
// when it is unset.
func envBool(name string, def bool) (bool, error) {
	v, ok := os.LookupEnv(name)
	if !ok {
		return def, nil
	}
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return def, fmt.Errorf("%s=%q is not true or false; set it to one of them, or unset it", name, v)
	}
	return b, nil
}

// envNumber returns the environment variable name as a number, or def when
// it is unset.
func envNumber[T int | float64](name string, def T) (T, error) {
	v, ok := os.LookupEnv(name)
	if !ok {
		return def, nil
	}
	var out T
	var err error
	switch p := any(&out).(type) {
	case *int:
		*p, err = strconv.Atoi(strings.TrimSpace(v))
	case *float64:
		*p, err = strconv.ParseFloat(strings.TrimSpace(v), 64)
	}
	if err != nil {
		return def, fmt.Errorf("%s=%q is not a number; set it to one such as %v, or unset it", name, v, def)
	}
	return out, nil
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
