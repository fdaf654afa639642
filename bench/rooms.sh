#!/usr/bin/env bash
# The room list cache's figures (issue 14): heap and resident memory under 50 concurrent requests
# of the 5,000-room demo user on the production JVM options, and /spaces req/s with the cache on
# (every request a hit) and off, side by side. The app runs the production way (README,
# "Deploying"), against the simulator as its own process, both on 127.0.0.1. See bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/rooms.sh [--duration 10s] [--warmup 3s] [--connections 32] [--rounds 2] [--no-build]

  --duration     length of each measured wrk run (default 10s)
  --warmup       wrk run before each measured run, not counted (default 3s)
  --connections  wrk connections for the req/s runs (default 32)
  --rounds       how many times the whole measurement runs, one after the other (default 2):
                 the machine is shared, so one round says little on its own
  --no-build     use target/app as it is (deploy/prepare.sh must have run on the current jar)

Needs Java 25, curl and wrk. Results: printed, and written to bench/results/<stamp>-rooms.md.
EOF
}

DURATION=10s
WARMUP=3s
CONNECTIONS=32
ROUNDS=2
BUILD=true
while [[ $# -gt 0 ]]; do
	case "$1" in
		--duration) DURATION=${2:?}; shift 2 ;;
		--warmup) WARMUP=${2:?}; shift 2 ;;
		--connections) CONNECTIONS=${2:?}; shift 2 ;;
		--rounds) ROUNDS=${2:?}; shift 2 ;;
		--no-build) BUILD=false; shift ;;
		-h|--help) usage; exit 0 ;;
		*) usage >&2; exit 2 ;;
	esac
done

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
cd "$ROOT"

JAR=webex-oauth-app/target/webex-oauth-app-0.1.0-SNAPSHOT.jar
SIM_JAR=webex-simulator/target/webex-simulator-0.1.0-SNAPSHOT-exec.jar
APP_DIR=target/app
APP_CLASS=com.example.webexoauth.WebexOAuthApplication
CLIENT_ID=webex-oauth-bench
LOAD_USERS=(zoe rahul chen)
BIG_USER=mega
CONCURRENT=50
MEMORY_ROUNDS=20
STAMP=$(date -u +%Y-%m-%d-%H%M%S)
RESULTS_DIR=$BENCH_DIR/results

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is missing: $2"; }

source "$ROOT/deploy/java.sh"
source "$ROOT/bench/lib.sh"
JAVA=$(java25) || die "the app needs Java 25"
JCMD=$(dirname "$JAVA")/jcmd
JSTAT=$(dirname "$JAVA")/jstat
need curl "apt-get install curl"
need wrk "apt-get install wrk"

umask 077
WORK=$(mktemp -d /tmp/webex-rooms-bench.XXXXXX)
SECRETS=$WORK/secrets # cookies: never printed
mkdir "$SECRETS"
CLIENT_SECRET=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
SIM_PID=
APP_PID=
SAMPLER_PID=

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	if [[ $status -ne 0 ]]; then
		for file in "$WORK"/*.log; do
			[[ -f $file ]] || continue
			log "last lines of $(basename "$file"):"
			tail -n 25 "$file" >&2 || true
		done
	fi
	stop_process "$SAMPLER_PID"
	stop_process "$APP_PID"
	stop_process "$SIM_PID"
	rm -rf "$WORK"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A port nobody listens on, below the kernel's ephemeral range.
USED_PORTS=" "
EPHEMERAL_LOW=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
take_port() { # take_port VARIABLE
	local port low=10000 high=$EPHEMERAL_LOW
	((high - low >= 5000)) || { low=20000; high=60000; }
	for _ in $(seq 1 100); do
		port=$((low + RANDOM % (high - low)))
		[[ $USED_PORTS != *" $port "* ]] || continue
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			USED_PORTS+="$port "
			printf -v "$1" '%s' "$port"
			return 0
		fi
	done
	die "no free port found"
}

wait_for_200() { # wait_for_200 URL PID TIMEOUT
	local deadline=$((SECONDS + $3))
	while [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true) != 200 ]]; do
		kill -0 "$2" 2>/dev/null || die "$1: the server exited at start"
		((SECONDS < deadline)) || die "$1 did not answer 200 within $3 s"
		sleep 0.05
	done
}

stat_of() { grep -o "\"$2\":[0-9]*" <<<"$1" | cut -d: -f2; }
rooms_calls() { stat_of "$(simulator GET /simulator/stats)" rooms; }

# Signs USER in through the app like a browser (as bench/run.sh does); prints the SESSION cookie.
sign_in() {
	local user=$1 jar authorize callback status value
	jar=$(mktemp "$SECRETS/jar.XXXXXX")
	local curl_app=(-sS --resolve "localhost:$APP_PORT:127.0.0.1" -c "$jar" -b "$jar" -o /dev/null)
	authorize=$(curl "${curl_app[@]}" -w '%{redirect_url}' "$APP_SITE/oauth2/authorization/webex")
	[[ $authorize == "$SIM/v1/authorize?"* ]] || die "sign-in of $user: no redirect to the simulator"
	callback=$(consent "$user" "$authorize")
	[[ $callback == "$REDIRECT_URI?code="* ]] || die "sign-in of $user: no code"
	status=$(curl "${curl_app[@]}" -w '%{http_code}' "$callback")
	[[ $status == 302 ]] || die "sign-in of $user: the callback answered $status"
	value=$(awk '$6 == "SESSION" { print $7 }' "$jar")
	[[ -n $value ]] || die "sign-in of $user: no SESSION cookie"
	echo "$value"
}

start_simulator() {
	take_port SIM_PORT
	SIM=http://127.0.0.1:$SIM_PORT
	take_port APP_PORT
	APP=http://127.0.0.1:$APP_PORT
	APP_SITE=http://localhost:$APP_PORT
	REDIRECT_URI=$APP_SITE/oauth
	log "starting the simulator on $SIM"
	"$JAVA" -jar "$SIM_JAR" \
		--server.address=127.0.0.1 --server.port="$SIM_PORT" \
		--simulator.client-id=$CLIENT_ID --simulator.client-secret="$CLIENT_SECRET" \
		--simulator.redirect-uris="$REDIRECT_URI" --logging.level.root=WARN >"$WORK/simulator.log" 2>&1 &
	SIM_PID=$!
	wait_for_200 "$SIM/simulator/stats" "$SIM_PID" 180
}

start_app() { # start_app CACHE_TTL
	log "starting the app on $APP (WEBEX_ROOMS_CACHE_TTL=$1)"
	(cd "$APP_DIR" && exec env -u SPRING_DATASOURCE_URL -u WEBEX_CLIENT_ID -u WEBEX_CLIENT_SECRET \
		-u WEBEX_API_BASE_URL -u WEBEX_DATA_DIR -u JAVA_TOOL_OPTIONS WEBEX_ROOMS_CACHE_TTL="$1" MALLOC_ARENA_MAX=2 \
		"$JAVA" @jvm.options -jar webex-oauth.jar --server.address=127.0.0.1 --server.port="$APP_PORT" \
		--webex.client-id=$CLIENT_ID --webex.client-secret="$CLIENT_SECRET" --webex.api-base-url="$SIM/v1" \
		--webex.redirect-uri="$REDIRECT_URI" --webex.data-dir="$WORK/data-$RANDOM" \
		--logging.level.com.example.webexoauth.rooms.RoomCache=DEBUG) >"$WORK/app.log" 2>&1 &
	APP_PID=$!
	wait_for_200 "$APP/" "$APP_PID" 180
}

stop_app() {
	stop_process "$APP_PID"
	APP_PID=
}

# Heap in use after a full collection (the live set), in MiB, from the Serial collector's
# generations as GC.heap_info reports them ("DefNew total 39296K, used 2194K", "Tenured ...").
heap_after_full_gc() {
	"$JCMD" "$APP_PID" GC.run >/dev/null
	"$JCMD" "$APP_PID" GC.heap_info |
		awk '/total [0-9]+K, used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); used += v } }
			END { printf "%.1f", used / 1024 }'
}

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status"; }

# Samples the generations every 100 ms into $WORK/heap.samples until stopped.
start_heap_sampler() {
	"$JSTAT" -gc "$APP_PID" 100 >"$WORK/heap.samples" 2>/dev/null &
	SAMPLER_PID=$!
}

# Stops the sampler; prints the most heap it saw in use, in MiB. In effect the tenured generation
# and the survivors: under this load eden fills and is emptied every few tens of milliseconds,
# and jstat's eden figure is mostly read just after a collection.
stop_heap_sampler() {
	stop_process "$SAMPLER_PID"
	SAMPLER_PID=
	awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = ($3 + $4 + $6 + $8) / 1024; if (used > m) m = used }
		END { printf "%.1f", m }' "$WORK/heap.samples"
}

full_gcs() { "$JSTAT" -gc "$APP_PID" | awk 'NR == 2 { print $15 }'; }

# CONCURRENT requests at once, MEMORY_ROUNDS times: the biggest user's /spaces pages and
# /api/rooms?limit=1000 (the largest JSON answer) in turn. Prints the HTTP statuses seen.
big_user_load() {
	local cookie=$1 config=$SECRETS/load.curl round i url
	: >"$config"
	for ((round = 0; round < MEMORY_ROUNDS; round++)); do
		for ((i = 0; i < CONCURRENT; i++)); do
			if ((i % 2 == 0)); then url="$APP/spaces?page=$((1 + (round * CONCURRENT + i) % 50))"; else url="$APP/api/rooms?limit=1000"; fi
			[[ ! -s $config ]] || echo next >>"$config"
			printf 'url = "%s"\nheader = "Cookie: SESSION=%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
				"$url" "$cookie" >>"$config"
		done
	done
	curl -s --no-progress-meter --parallel --parallel-max "$CONCURRENT" -K "$config" | sort | uniq -c | awk '{ printf "%s×%s ", $1, $2 }'
}

# The memory figures for one cache setting: live heap before and after, peak heap during the
# load, full collections during it, resident memory after.
memory() { # memory CACHE_TTL
	local ttl=$1 before after peak fgc_before fgc_after statuses cold_calls calls_before
	start_app "$ttl"
	MEGA=$(sign_in "$BIG_USER@example.com")
	before=$(heap_after_full_gc)
	fgc_before=$(full_gcs)
	simulator POST /simulator/stats/reset >/dev/null
	start_heap_sampler
	statuses=$(big_user_load "$MEGA")
	peak=$(stop_heap_sampler)
	fgc_after=$(full_gcs)
	cold_calls=$(rooms_calls)
	after=$(heap_after_full_gc)
	local estimate
	estimate=$(grep -o 'Fetched 5000 rooms in [0-9]* ms, about [0-9]* KiB' "$WORK/app.log" | tail -n 1 | grep -o '[0-9]* KiB' || echo "n/a")
	MEM_ROWS+="| $ttl | $((CONCURRENT * MEMORY_ROUNDS)) ($CONCURRENT at once) | $statuses| $cold_calls | $before | $after | $peak | $((fgc_after - fgc_before)) | $(rss_mib) | $estimate |"$'\n'
	log "memory, TTL $ttl: live heap $before -> $after MiB, peak $peak MiB, RSS $(rss_mib) MiB, statuses $statuses, $cold_calls /v1/rooms calls"
	stop_app
}

# req/s of /spaces at LATENCY for the sessions in FILE (one "Cookie: ..." per line).
rps() { # rps URL HEADERS_FILE
	local out=$WORK/wrk.out line requests duration p50 p99 errors calls
	BENCH_HEADERS=$2 wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -s "$BENCH_DIR/rotate-headers.lua" "$1" >/dev/null 2>&1 || true
	sleep 1
	simulator POST /simulator/stats/reset >/dev/null
	BENCH_HEADERS=$2 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$BENCH_DIR/rotate-headers.lua" "$1" \
		>"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $1"; }
	sleep 1
	calls=$(rooms_calls)
	line=$(grep '^BENCH ' "$out") || die "wrk printed no summary"
	requests=$(grep -o 'requests=[0-9]*' <<<"$line" | cut -d= -f2)
	duration=$(grep -o 'duration_us=[0-9]*' <<<"$line" | cut -d= -f2)
	p50=$(grep -o 'p50_us=[0-9]*' <<<"$line" | cut -d= -f2)
	p99=$(grep -o 'p99_us=[0-9]*' <<<"$line" | cut -d= -f2)
	errors=$(awk '{ s = 0; for (i = 1; i <= NF; i++) if ($i ~ /_errors=|timeouts=/) { split($i, kv, "="); s += kv[2] } print s }' <<<"$line")
	awk -v n="$requests" -v us="$duration" -v p50="$p50" -v p99="$p99" -v e="$errors" -v c="$calls" \
		'BEGIN { printf "%.0f | %.1f | %.1f | %d | %.3f", n / (us / 1e6), p50 / 1000, p99 / 1000, e, (n > 0) ? c / n : 0 }'
}

throughput() { # throughput CACHE_TTL
	local ttl=$1 latency i
	start_app "$ttl"
	: >"$SECRETS/small"
	for ((i = 0; i < 6; i++)); do
		echo "Cookie: SESSION=$(sign_in "${LOAD_USERS[i % ${#LOAD_USERS[@]}]}@example.com")" >>"$SECRETS/small"
	done
	echo "Cookie: SESSION=$(sign_in "$BIG_USER@example.com")" >"$SECRETS/big"
	log "priming the JIT (20 s)"
	simulator POST /simulator/settings '{"latency":"0ms"}' >/dev/null
	BENCH_HEADERS=$SECRETS/small wrk -t2 -c"$CONNECTIONS" -d20s -s "$BENCH_DIR/rotate-headers.lua" "$APP/spaces" >/dev/null 2>&1 || true
	for latency in 20ms 0ms; do
		simulator POST /simulator/settings "{\"latency\":\"$latency\"}" >/dev/null
		RPS_ROWS+="| $ttl | $latency | zoe, rahul, chen (25, 7, 4 rooms; 6 sessions) | $(rps "$APP/spaces" "$SECRETS/small") |"$'\n'
		RPS_ROWS+="| $ttl | $latency | mega (5,000 rooms, page 1 of 50) | $(rps "$APP/spaces" "$SECRETS/big") |"$'\n'
		log "req/s, TTL $ttl, $latency: done"
	done
	simulator POST /simulator/settings '{"latency":"0ms"}' >/dev/null
	stop_app
}

# ---------------------------------------------------------------- main

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ $BUILD == true ]]; then
	log "building $JAR"
	./mvnw -q -o -DskipTests package
	deploy/prepare.sh "$JAR" "$APP_DIR"
fi
[[ -f $APP_DIR/jvm.options ]] || die "$APP_DIR is not prepared: run without --no-build"
start_simulator

REPORT=""
for ((r = 1; r <= ROUNDS; r++)); do
	log "round $r of $ROUNDS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
	MEM_ROWS=""
	RPS_ROWS=""
	memory 60s
	memory 0
	# "on": a TTL far beyond the runs, so that every measured request is a hit (the
	# upstream calls/request column shows 0)
	throughput 10m
	throughput 0
	REPORT+="## Round $r (load average at its end: $(cut -d' ' -f1-3 /proc/loadavg))"$'\n\n'
	REPORT+="50 concurrent requests of mega at a time, $MEMORY_ROUNDS times: /spaces (pages 1-50 in turn) and /api/rooms?limit=1000 alternately, the cache empty at the start."$'\n\n'
	REPORT+="| WEBEX_ROOMS_CACHE_TTL | requests | statuses | /v1/rooms calls | live heap before, MiB | live heap after, MiB | most in use during (tenured + survivors), MiB | full GCs during | RSS after, MiB | cache's estimate of the list |"$'\n'
	REPORT+="|---|---|---|---|---|---|---|---|---|---|"$'\n'
	REPORT+="$MEM_ROWS"$'\n'
	REPORT+="/spaces with wrk -t2 -c$CONNECTIONS, $DURATION after a $WARMUP warm-up, at each simulated Webex latency."$'\n\n'
	REPORT+="| WEBEX_ROOMS_CACHE_TTL | Webex latency | users | req/s | p50 ms | p99 ms | errors | /v1/rooms calls per request |"$'\n'
	REPORT+="|---|---|---|---|---|---|---|---|"$'\n'
	REPORT+="$RPS_ROWS"$'\n'
done

mkdir -p "$RESULTS_DIR"
{
	echo "# webex-oauth room list cache: $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD)"
	echo
	echo "- machine: $(nproc) CPUs, load average at start $LOAD_START (shared with other work: noisy)"
	echo "- app: $APP_DIR the production way, \`$(grep -v '^#' "$APP_DIR/jvm.options" | grep -v '^$' | tr '\n' ' ')\`, MALLOC_ARENA_MAX=2, H2"
	echo "- java: $("$JAVA" -version 2>&1 | head -n 1)"
	echo
	printf '%s' "$REPORT"
} | tee "$RESULTS_DIR/$STAMP-rooms.md"
