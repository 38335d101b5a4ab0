#!/bin/sh
# measure.sh runs one load test against a fresh server on this machine and
# prints one JSON object: the load generator's report under "loadgen", and
# the server's CPU and memory measured from /proc over the same window.
#
#   server/loadgen/measure.sh [CLIENTS [SESSIONS [SECONDS]]]   (from the module root)
#
# Defaults: 1000 clients in 20 sessions, 20 s measured after a 2 s ramp.
# GUIDED=1 makes the clients one guided tour instead (loadgen -guided; at
# most 200 clients, SESSIONS is ignored):
#
#   GUIDED=1 server/loadgen/measure.sh 200 1 20
# The server is sampled from the moment the load generator says it measures.
# The server runs with GODEBUG=gctrace=1 so that its Go heap can be read
# from the garbage collector's trace: live_heap_mb is the largest heap left
# after a collection. server_kb_per_conn is the growth of the server's
# resident memory from idle to the end of the window, divided by the
# clients; server_peak_kb_per_conn does the same with the peak.
# load_avg_before and load_avg_end are the 1-minute load average before
# the server starts and at the end of the window; the second includes this
# test's own server and load generator, about 1.
set -eu

clients=${1:-1000}
sessions=${2:-20}
seconds=${3:-20}
ramp=2
port=${PORT:-18090}
mode=""
if [ "${GUIDED:-0}" = 1 ]; then
	mode="-guided"
fi

dir=$(mktemp -d)
trap 'kill "$spid" 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/server" ./server
go build -o "$dir/loadgen" ./server/loadgen

# ticks PID: the process's user plus system CPU time, in clock ticks.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# rss PID: resident memory in kB.
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
now() { date +%s.%N; }

# Every client comes from 127.0.0.1 within the ramp: lift the per-address
# limits (a burst as large as -max-conns-per-addr) above the clients.
GODEBUG=gctrace=1 "$dir/server" -addr "127.0.0.1:$port" -client /nonexistent -data "$dir/data" \
	-max-conns-per-addr "$((clients + 100))" 2>"$dir/server.log" &
spid=$!
i=0
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "measure.sh: the server did not answer /healthz; its log:" >&2
		cat "$dir/server.log" >&2
		exit 1
	fi
	sleep 0.1
done
sleep 1
rss_idle=$(rss "$spid")
load=$(cut -d' ' -f1 /proc/loadavg)

"$dir/loadgen" -url "ws://127.0.0.1:$port/ws" -clients "$clients" -sessions "$sessions" \
	-duration "${seconds}s" -ramp "${ramp}s" $mode >"$dir/loadgen.json" 2>"$dir/loadgen.log" &
lpid=$!
until grep -qs "^loadgen: measuring" "$dir/loadgen.log"; do
	if ! kill -0 "$lpid" 2>/dev/null; then
		echo "measure.sh: loadgen ended before measuring:" >&2
		cat "$dir/loadgen.log" >&2
		exit 1
	fi
	sleep 0.05
done
rss_start=$(rss "$spid")
s0=$(ticks "$spid")
t0=$(now)
until grep -q "^loadgen: measured" "$dir/loadgen.log"; do
	if ! kill -0 "$lpid" 2>/dev/null; then
		echo "measure.sh: loadgen ended while measuring:" >&2
		cat "$dir/loadgen.log" >&2
		exit 1
	fi
	sleep 0.05
done
s1=$(ticks "$spid")
t1=$(now)
rss_loaded=$(rss "$spid")
rss_peak=$(awk '/^VmHWM:/ {print $2}' "/proc/$spid/status")
load_end=$(cut -d' ' -f1 /proc/loadavg)
wait "$lpid" || { echo "measure.sh: loadgen failed:" >&2; cat "$dir/loadgen.log" >&2; exit 1; }
kill "$spid"
wait "$spid" || true

sed 's/^/  /' "$dir/loadgen.log" >&2
hz=$(getconf CLK_TCK)
heap=$(sed -n 's/.*->\([0-9]*\) MB, [0-9]* MB goal.*/\1/p' "$dir/server.log" | sort -n | tail -1)
awk -v s0="$s0" -v s1="$s1" -v t0="$t0" -v t1="$t1" -v hz="$hz" \
	-v idle="$rss_idle" -v start="$rss_start" -v loaded="$rss_loaded" -v peak="$rss_peak" -v heap="${heap:-0}" \
	-v clients="$clients" -v load="$load" -v load_end="$load_end" -v lg="$(cat "$dir/loadgen.json")" 'BEGIN {
	secs = t1 - t0
	printf "{\"server_cpu_pct\":%.1f,", 100 * (s1 - s0) / hz / secs
	printf "\"server_rss_idle_mb\":%.1f,\"server_rss_start_mb\":%.1f,\"server_rss_loaded_mb\":%.1f,", idle / 1024, start / 1024, loaded / 1024
	printf "\"server_rss_peak_mb\":%.1f,", peak / 1024
	printf "\"server_kb_per_conn\":%.1f,\"server_peak_kb_per_conn\":%.1f,", (loaded - idle) / clients, (peak - idle) / clients
	printf "\"live_heap_mb\":%d,\"load_avg_before\":%s,\"load_avg_end\":%s,\"loadgen\":%s}\n", heap, load, load_end, lg
}'
