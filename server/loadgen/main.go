// Command loadgen puts a Yunyou server under the load of many visitors and
// reports what they experienced as one JSON object on standard output.
//
//	go run ./server/loadgen -url ws://127.0.0.1:8080/ws -clients 1000 -sessions 20 -duration 10s
//
// Each simulated visitor opens its own WebSocket, says hello, and walks a
// small circle around the scene's spawn point, sending its pose 20 times a
// second; it reads every snapshot and event. Because every pose a visitor
// sends is distinct, another visitor that sees it in a snapshot knows when
// it was sent: the report's latency is from one visitor's send to another's
// receipt, and so includes the wait for the session's next tick (up to
// 50 ms); fresh_p50_ms and fresh_p99_ms leave that wait out.
//
// With -sessions M, client i asks in its hello for instance i mod M + 1 of
// the scene, so N clients make M sessions of N/M (±1); a session holds at
// most 64, so M must be at least N/64. A warning says if the clients landed
// in another number of sessions, as they do when other visitors already
// fill those instances. -sessions 0 leaves the choice to the server.
//
// With -guided the clients are one guided tour instead: the load generator
// creates it over HTTP, the first client joins as the guide and walks, the
// others join as visitors; once all are in, the guide turns follow mode on
// and the measurement starts, while each visitor glides to its place
// around the guide as a browser does. Latency is then from the guide's send
// to a visitor's receipt, and the byte rates are per visitor.
//
// Connections open evenly over -ramp; measurement starts when the clients
// are in place and lasts -duration. Interrupt (Ctrl-C) ends it early and
// still reports. Warnings, the start and end of the measurement, and a
// summary of errors go to standard error. server/loadgen/measure.sh runs a
// fresh server and samples its CPU and memory over the same window.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"
)

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		os.Exit(2)
	}
	if cfg.CPUProfile != "" {
		f, err := os.Create(cfg.CPUProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first interrupt, a second one kills at once.
		<-ctx.Done()
		stop()
	}()
	res, err := run(ctx, cfg.Config, os.Stderr)
	if err == nil {
		err = json.NewEncoder(os.Stdout).Encode(res)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

// options are the command line: a Config and what to do around the run.
type options struct {
	Config
	CPUProfile string
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg options
	fs.StringVar(&cfg.URL, "url", "ws://127.0.0.1:8080/ws", "the server's WebSocket `URL`; the scene API is read from the same host")
	fs.IntVar(&cfg.Clients, "clients", 50, "how many visitors to simulate, each with its own connection")
	fs.IntVar(&cfg.Sessions, "sessions", 1, "how many sessions to spread the visitors over, evenly: visitor i asks for instance i mod sessions + 1 (0: the server chooses)")
	fs.StringVar(&cfg.Scene, "scene", "", "scene `id` to visit (default: the server's default scene)")
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Second, "how long to measure, after the ramp")
	fs.DurationVar(&cfg.Ramp, "ramp", 2*time.Second, "how long to spread the connections over, so they do not all arrive at once")
	fs.BoolVar(&cfg.Guided, "guided", false, "make the visitors one guided tour: the first is the guide, who walks; the others follow it in formation (-sessions is ignored; at most 200 clients)")
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "write the load generator's own CPU profile to `file`, to see what it costs")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	if fs.NArg() > 0 {
		err := fmt.Errorf("unexpected arguments %q; every setting is a flag", fs.Args())
		fmt.Fprintln(stderr, "loadgen:", err)
		return options{}, err
	}
	return cfg, nil
}
