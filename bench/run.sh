#!/usr/bin/env bash
# Measures what webex-oauth adds on top of Webex: the app and the simulator (as "Webex") run on
# 127.0.0.1, users sign in through the real OAuth flow, and wrk loads the app beside the same load
# sent straight to the simulator, to the app's floor (/bench/floor: the one Webex call and the rows,
# nothing else) and to the Flask original (bench/flask). Prints every figure of issue 17 with its
# target. See bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/run.sh [--db h2|postgres|both] [--duration 15s] [--warmup 5s] [--prime 20s] [--sessions 8]
                    [--connections "32 128"] [--quick] [--jfr]

  --db           which database the app keeps sessions and grants in (default: both, one after the other)
  --duration     length of each measured wrk run (default 15s)
  --prime        load on each target once after sign-in, so the JIT has compiled the hot paths (default 20s)
  --warmup       wrk run before each measured run, not counted (default 5s; 0 for none)
  --sessions     signed-in sessions the load rotates over, spread over zoe, rahul, chen and sam (default 8)
  --connections  wrk connection counts to measure (default "32 128")
  --quick        --duration 3s --warmup 1s --prime 3s: to check the script, not to quote figures
  --jfr          record a JFR profile of the app (bench/results/<stamp>-<db>.jfr)

The app runs the production way (README, "Deploying"): deploy/prepare.sh's extracted layout and
AOT cache, with deploy/jvm.options and MALLOC_ARENA_MAX=2. The Flask original runs on Debian's
python3 with python3-flask and python3-requests (apt-get install python3-flask python3-requests).
Environment: BENCH_APP_JAVA_OPTS adds JVM options to the app after those (e.g. -Xmx512m); with
-XX:NativeMemoryTracking=summary the JVM's memory summary after the load is written beside the results.
Results: printed, and written to bench/results/<stamp>-<db>.md.
EOF
}

DB=both
DURATION=15s
WARMUP=5s
PRIME=20s
SESSIONS=8
CONNECTIONS="32 128"
JFR=false
while [[ $# -gt 0 ]]; do
	case "$1" in
		--db) DB=${2:?}; shift 2 ;;
		--duration) DURATION=${2:?}; shift 2 ;;
		--warmup) WARMUP=${2:?}; shift 2 ;;
		--prime) PRIME=${2:?}; shift 2 ;;
		--sessions) SESSIONS=${2:?}; shift 2 ;;
		--connections) CONNECTIONS=${2:?}; shift 2 ;;
		--quick) DURATION=3s; WARMUP=1s; PRIME=3s; shift ;;
		--jfr) JFR=true; shift ;;
		-h|--help) usage; exit 0 ;;
		*) usage >&2; exit 2 ;;
	esac
done
case "$DB" in
	h2) DATABASES=(h2) ;;
	postgres) DATABASES=(postgres) ;;
	both) DATABASES=(h2 postgres) ;;
	*) echo "--db must be h2, postgres or both" >&2; exit 2 ;;
esac
[[ $SESSIONS =~ ^[1-9][0-9]*$ ]] || { echo "--sessions must be a positive number" >&2; exit 2; }

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
cd "$ROOT"

JAR=webex-oauth-app/target/webex-oauth-app-0.1.0-SNAPSHOT.jar
SIM_JAR=webex-simulator/target/webex-simulator-0.1.0-SNAPSHOT-exec.jar
APP_DIR=target/app # deploy/prepare.sh: the extracted app, its AOT cache and its jvm.options
FLASK_SOURCE=$BENCH_DIR/flask # the Flask original, written from its README
PYTHON=/usr/bin/python3 # Debian's, with python3-flask and python3-requests
FIRST_SECONDS=10 # the window after a restart whose req/s is compared with the warm figure
APP_CLASS=com.example.webexoauth.WebexOAuthApplication
LOAD_USERS=(zoe rahul chen sam)
BULK_USER=bulk
STORM_REQUESTS=200
UPSTREAM_LATENCIES=(20ms 0ms)
CLIENT_ID=webex-oauth-bench
STAMP=$(date -u +%Y-%m-%d-%H%M%S)
RESULTS_DIR=$BENCH_DIR/results

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------- preflight

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is missing: $2"; }
source "$ROOT/deploy/java.sh"
source "$ROOT/bench/lib.sh"
JAVA=$(java25) || die "the app needs Java 25"
JCMD=$(dirname "$JAVA")/jcmd
need curl "apt-get install curl"
need wrk "apt-get install wrk"
need git "apt-get install git"
[[ -x $PYTHON ]] && "$PYTHON" -c 'import flask, requests' 2>/dev/null ||
	die "the Flask baseline needs Debian's python3 with Flask and Requests: apt-get install python3-flask python3-requests"
JFR_TOOL=$(dirname "$JAVA")/jfr
PG_BIN=
if [[ " ${DATABASES[*]} " == *" postgres "* ]]; then
	for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [[ -x $candidate/initdb && -x $candidate/pg_ctl ]]; then PG_BIN=$candidate; break; fi
	done
	[[ -n $PG_BIN ]] || die "no PostgreSQL server found: apt-get install postgresql (or run with --db h2)"
	if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
		die "running as root but there is no 'postgres' user to run the throwaway cluster as"
	fi
fi
CLK_TCK=$(getconf CLK_TCK)

# ---------------------------------------------------------------- processes and cleanup

umask 077
WORK=$(mktemp -d /tmp/webex-bench.XXXXXX)
chmod 711 "$WORK" # the throwaway PostgreSQL cluster below runs as another user
SECRETS=$WORK/secrets # cookies, tokens: never printed
mkdir "$SECRETS"
CLIENT_SECRET=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
SIM_PID=
APP_PID=
FLASK_PID=
PG_DATA=

as_postgres() {
	if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_postgres() {
	[[ -n $PG_DATA ]] || return 0
	as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
	PG_DATA=
}

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
	stop_process "$APP_PID"
	stop_process "$FLASK_PID"
	stop_process "$SIM_PID"
	stop_postgres
	rm -rf "$WORK"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints a port nobody listens on and that this run has not handed out yet (the servers bind
# later), or fails. Below the kernel's ephemeral range, where other programs' random ports
# (port 0, outgoing connections) come from.
USED_PORTS=" "
EPHEMERAL_LOW=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
free_port() {
	local port low=10000 high=$EPHEMERAL_LOW
	((high - low >= 5000)) || { low=20000; high=60000; }
	for _ in $(seq 1 100); do
		port=$((low + RANDOM % (high - low)))
		[[ $USED_PORTS != *" $port "* ]] || continue
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	die "no free port found"
}
take_port() { # take_port VARIABLE: a fresh port into VARIABLE, remembered as used
	local port
	port=$(free_port)
	USED_PORTS+="$port "
	printf -v "$1" '%s' "$port"
}

# Polls url every 20 ms until it answers 200; returns 1 if pid exits first, fails after timeout
# seconds.
wait_for_200() {
	local url=$1 pid=$2 timeout=$3 deadline=$((SECONDS + $3))
	while [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true) != 200 ]]; do
		kill -0 "$pid" 2>/dev/null || return 1
		((SECONDS < deadline)) || die "$url did not answer 200 within ${timeout}s"
		sleep 0.02
	done
}

# After a server exited at start: retry with other ports if another program took its port
# meanwhile (RETRY=true), fail otherwise.
port_lost_or_die() { # port_lost_or_die LOG WHAT
	grep -q -i "already in use" "$1" || die "$2 exited at start"
	log "$2 found its port taken meanwhile; trying other ports"
	RETRY=true
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# CPU ticks of the PostgreSQL server (postmaster and its backends), 0 without PostgreSQL
db_cpu_ticks() {
	[[ -n $PG_DATA && -r $PG_DATA/postmaster.pid ]] || { echo 0; return; }
	local postmaster pid total=0
	postmaster=$(head -n 1 "$PG_DATA/postmaster.pid")
	for pid in $postmaster $(pgrep -P "$postmaster" || true); do
		total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
	done
	echo "$total"
}

# Threads the JVM has started since it began (its java.threads.started counter); empty if
# jcmd cannot attach.
threads_started() {
	"$JCMD" "$1" PerfCounter.print 2>/dev/null | awk -F= '$1 == "java.threads.started" { print $2 }' || true
}

# The heap the app keeps live: a full collection (jcmd GC.run), then the space used in the
# heap's generations (jcmd GC.heap_info: "DefNew total …K, used …K", "Tenured …" with the
# Serial collector); "n/a" if jcmd cannot attach.
live_heap() {
	local info
	"$JCMD" "$1" GC.run >/dev/null 2>&1 && info=$("$JCMD" "$1" GC.heap_info 2>/dev/null) || { echo n/a; return; }
	awk '/ total [0-9]+K, used [0-9]+K/ && !/ space / { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); heap += v } }
		END { if (heap) printf "%.1f MiB", heap / 1024; else print "n/a" }' <<<"$info"
}

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# What the resident memory is made of: anonymous (heap, metaspace, code, thread stacks, malloc)
# and file-backed pages (the jars and the AOT cache, shared with any other process mapping them).
rss_parts() {
	awk '/^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } /^RssShmem:/ { s = $2 }
		END { printf "anonymous %.0f MiB, file-backed %.0f MiB (jars, AOT cache), shared memory %.0f MiB", a / 1024, f / 1024, s / 1024 }' \
		"/proc/$1/status"
}

# ---------------------------------------------------------------- build

build() {
	log "building $JAR"
	./mvnw -q -o -DskipTests package
	[[ -f $SIM_JAR ]] || die "$SIM_JAR was not built"
	deploy/prepare.sh "$JAR" "$APP_DIR"
}

# ---------------------------------------------------------------- servers

start_postgres() {
	take_port PG_PORT
	PG_DATA=$WORK/pg
	mkdir "$PG_DATA"
	[[ $(id -u) -ne 0 ]] || chown postgres: "$PG_DATA"
	as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U bench -A trust -E UTF8 --no-sync >"$WORK/initdb.log" 2>&1 ||
		die "initdb failed (see above)"
	local attempt
	for attempt in 1 2 3; do
		log "starting PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT"
		if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='$PG_DATA'" start >/dev/null; then
			return 0
		fi
		grep -q "already in use" "$PG_DATA/server.log" || break
		take_port PG_PORT
	done
	cat "$PG_DATA/server.log" >&2 || true
	die "PostgreSQL did not start"
}

start_simulator() {
	take_port SIM_PORT
	SIM=http://127.0.0.1:$SIM_PORT
	log "starting the simulator on $SIM (20 ms latency)"
	"$JAVA" -jar "$SIM_JAR" \
		--server.address=127.0.0.1 --server.port="$SIM_PORT" \
		--simulator.client-id=$CLIENT_ID --simulator.client-secret="$CLIENT_SECRET" \
		--simulator.redirect-uris="$REDIRECT_URI,$FLASK_REDIRECT_URI" --simulator.latency=20ms \
		--logging.level.root=WARN >"$WORK/simulator.log" 2>&1 &
	SIM_PID=$!
	wait_for_200 "$SIM/simulator/stats" "$SIM_PID" 180 || port_lost_or_die "$WORK/simulator.log" "the simulator"
}

start_app() {
	local db=$1 jvm=() args=()
	args=(--server.address=127.0.0.1 --server.port="$APP_PORT"
		--webex.client-id=$CLIENT_ID --webex.client-secret="$CLIENT_SECRET"
		--webex.api-base-url="$SIM/v1" --webex.redirect-uri="$REDIRECT_URI"
		--webex.data-dir="$WORK/data-$db"
		# every request makes its Webex call, as in the figures before the room list cache;
		# bench/rooms.sh measures the cache
		--webex.rooms.cache-ttl="${BENCH_ROOMS_CACHE_TTL:-0}"
		# the floor: /bench/floor, the one Webex call and the rows without the layers around them
		--bench.floor.enabled=true)
	if [[ $db == postgres ]]; then
		args+=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
			--spring.datasource.username=bench --spring.datasource.password=)
		# one key for the run, so that a restart reads the grants the first start stored
		[[ -n ${TOKEN_KEYS:-} ]] || TOKEN_KEYS=$(head -c 32 /dev/urandom | base64)
	fi
	local keys=${TOKEN_KEYS:-}
	[[ $db == postgres ]] || keys=
	# JFR is started with jcmd once the app answers (record_measured), not with JVM options:
	# -XX:StartFlightRecording or -XX:FlightRecorderOptions add the jdk.jfr module at start, and
	# a JVM whose modules differ from the training run's refuses the AOT cache (one error line).
	# shellcheck disable=SC2206 # word splitting of the extra options is intended
	jvm+=(${BENCH_APP_JAVA_OPTS:-} ${EXTRA_APP_JAVA_OPTS:-})
	log "starting the app on $APP ($db)"
	local started
	started=$(now_ms)
	# as README "Deploying" says: from the prepared directory, whose archive names the jars
	# relative to it
	(cd "$APP_DIR" && exec env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
		-u WEBEX_CLIENT_ID -u WEBEX_CLIENT_SECRET -u WEBEX_API_BASE_URL -u WEBEX_DATA_DIR -u WEBEX_DEMO -u JAVA_TOOL_OPTIONS \
		WEBEX_TOKEN_KEYS="$keys" MALLOC_ARENA_MAX=2 "$JAVA" @jvm.options "${jvm[@]}" -jar webex-oauth.jar "${args[@]}") \
		>"$WORK/app.log" 2>&1 &
	APP_PID=$!
	if ! wait_for_200 "$APP/" "$APP_PID" 180; then
		port_lost_or_die "$WORK/app.log" "the app"
		return 0
	fi
	START_MS=$(($(now_ms) - started))
	# the JVM says in its log when it could not use the AOT cache (-XX:AOTMode=auto goes on without)
	AOT_REFUSED=$(grep -m 1 -E '^\[[^]]*\]\[(error|warning)\]\[aot' "$WORK/app.log" || true)
	log "the app answered / after $START_MS ms${AOT_REFUSED:+ WITHOUT the AOT cache: $AOT_REFUSED}"
	[[ ${2:-} != measured ]] || record_measured "$db"
}

# JFR in the measured instance, started once it answers: every time a virtual thread blocks while
# pinned to its carrier, with its stack (JDK 25 has no -Djdk.tracePinnedThreads), or with --jfr
# the whole profile. Whole stacks in its samples (64 frames by default, fewer than Tomcat, the
# filters and the page take), so that bench/layers.py sees every frame down to Tomcat's.
record_measured() {
	local db=$1
	mkdir -p "$RESULTS_DIR"
	"$JCMD" "$APP_PID" JFR.configure stackdepth=256 >/dev/null || die "jcmd could not configure JFR"
	if [[ $JFR == true ]]; then
		"$JCMD" "$APP_PID" JFR.start name=bench settings=profile "filename=$RESULTS_DIR/$STAMP-$db.jfr" \
			dumponexit=true >/dev/null || die "jcmd could not start JFR"
	else
		PINNED_JFR=$WORK/pinned-$db.jfr
		"$JCMD" "$APP_PID" JFR.start name=pinned settings=none +jdk.VirtualThreadPinned#enabled=true \
			+jdk.VirtualThreadPinned#threshold=0ms +jdk.VirtualThreadPinned#stackTrace=true \
			"filename=$PINNED_JFR" dumponexit=true >/dev/null || die "jcmd could not start JFR"
	fi
}

# The Flask original from a copy of bench/flask with the credentials, the redirect URI, the
# address and the port filled in, as its README tells its users to; the Webex base URL from the
# environment.
start_flask() {
	rm -rf "$WORK/flask"
	cp -r "$FLASK_SOURCE" "$WORK/flask"
	sed -i -e "s|^clientID = .*|clientID = \"$CLIENT_ID\"|" -e "s|^secretID = .*|secretID = \"$CLIENT_SECRET\"|" \
		-e "s|^redirectURI = .*|redirectURI = \"$FLASK_REDIRECT_URI\"|" \
		-e "s|app.run(\"0.0.0.0\", port=10060|app.run(\"127.0.0.1\", port=$FLASK_PORT|" "$WORK/flask/oauth.py"
	log "starting the Flask original on $FLASK"
	(cd "$WORK/flask" && exec env WEBEX_API_BASE_URL="$SIM/v1" "$PYTHON" oauth.py) >"$WORK/flask.log" 2>&1 &
	FLASK_PID=$!
	wait_for_200 "$FLASK/" "$FLASK_PID" 60 || port_lost_or_die "$WORK/flask.log" "the Flask original"
}


set_latency() { simulator POST /simulator/settings "{\"latency\":\"$1\"}" >/dev/null; }

stat_of() { # stat_of JSON NAME
	grep -o "\"$2\":[0-9]*" <<<"$1" | cut -d: -f2
}

# ---------------------------------------------------------------- signing in

# Signs USER in to the Flask original: its page's GRANT link → the consent page → its callback,
# which exchanges the code and keeps the tokens in Flask's signed session cookie. Prints the
# cookie's value.
sign_in_flask() {
	local user=$1 jar page authorize callback status value
	jar=$(mktemp "$SECRETS/jar.XXXXXX")
	page=$(curl -sS --fail "$FLASK/") || die "Flask sign-in of $user: no landing page"
	authorize=$(grep -o 'href="[^"]*authorize[^"]*"' <<<"$page" | head -n 1 | cut -d'"' -f2)
	authorize=$(html_unescape "$authorize")
	[[ $authorize == "$SIM/v1/authorize?"* ]] || die "Flask sign-in of $user: no GRANT link to the simulator"
	callback=$(consent "$user" "$authorize")
	[[ $callback == "$FLASK_REDIRECT_URI?code="* ]] || die "Flask sign-in of $user: the simulator did not redirect with a code"
	status=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' "$callback")
	[[ $status == 200 ]] || die "Flask sign-in of $user: the callback answered $status"
	value=$(awk '$6 == "session" { print $7 }' "$jar")
	[[ -n $value ]] || die "Flask sign-in of $user: no session cookie"
	echo "$value"
}

# Signs USER in through the app like a browser: app → simulator consent page → form POST →
# callback with code and state. Prints the SESSION cookie value.
sign_in() {
	local user=$1 jar
	jar=$(mktemp "$SECRETS/jar.XXXXXX")
	local curl_app=(-sS --resolve "localhost:$APP_PORT:127.0.0.1" -c "$jar" -b "$jar" -o /dev/null)
	local authorize callback status value
	authorize=$(curl "${curl_app[@]}" -w '%{redirect_url}' "$APP_SITE/oauth2/authorization/webex")
	[[ $authorize == "$SIM/v1/authorize?"* ]] || die "sign-in of $user: the app did not redirect to the simulator"
	callback=$(consent "$user" "$authorize")
	[[ $callback == "$REDIRECT_URI?code="* ]] || die "sign-in of $user: the simulator did not redirect with a code"
	status=$(curl "${curl_app[@]}" -w '%{http_code}' "$callback")
	[[ $status == 302 ]] || die "sign-in of $user: the callback answered $status, not 302"
	value=$(awk '$6 == "SESSION" { print $7 }' "$jar")
	[[ -n $value ]] || die "sign-in of $user: no SESSION cookie"
	status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: SESSION=$value" "$APP/api/me")
	[[ $status == 200 ]] || die "sign-in of $user: /api/me answered $status"
	echo "$value"
}

# An access token for USER straight from the simulator: consent POST → code → token endpoint
# (no PKCE: the simulator then requires none, as Webex).
direct_token() {
	local user=$1 callback code response token
	callback=$(curl -sS -o /dev/null -w '%{redirect_url}' \
		--data-urlencode client_id=$CLIENT_ID --data-urlencode "redirect_uri=$REDIRECT_URI" \
		--data-urlencode response_type=code --data-urlencode "scope=spark:people_read spark:rooms_read" \
		--data-urlencode state=bench --data-urlencode "user=$user" --data-urlencode decision=accept \
		"$SIM/v1/authorize")
	[[ $callback == "$REDIRECT_URI?code="* ]] || die "direct token for $user: no code"
	code=${callback#*code=}
	code=${code%%&*} # still URL-encoded, as the form below needs it
	response=$(curl -sS --fail -d grant_type=authorization_code -d "code=$code" \
		--data-urlencode "redirect_uri=$REDIRECT_URI" --data-urlencode client_id=$CLIENT_ID \
		--data-urlencode "client_secret=$CLIENT_SECRET" "$SIM/v1/access_token") ||
		die "direct token for $user: the token endpoint refused"
	token=$(grep -o '"access_token":"[^"]*"' <<<"$response" | cut -d'"' -f4)
	[[ -n $token ]] || die "direct token for $user: no access_token"
	echo "$token"
}

sign_in_everyone() {
	local i user
	COOKIES=$SECRETS/cookies
	TOKENS=$SECRETS/tokens
	FLASK_COOKIES=$SECRETS/flask-cookies
	: >"$COOKIES"
	: >"$TOKENS"
	: >"$FLASK_COOKIES"
	log "signing in $SESSIONS sessions through the OAuth flow (the app and the Flask original), plus $BULK_USER"
	for ((i = 0; i < SESSIONS; i++)); do
		user=${LOAD_USERS[i % ${#LOAD_USERS[@]}]}@example.com
		echo "Cookie: SESSION=$(sign_in "$user")" >>"$COOKIES"
		echo "Authorization: Bearer $(direct_token "$user")" >>"$TOKENS"
		echo "Cookie: session=$(sign_in_flask "$user")" >>"$FLASK_COOKIES"
	done
	BULK_COOKIE=$(sign_in "$BULK_USER@example.com")
	ANONYMOUS=$SECRETS/anonymous
	echo "Accept: text/html" >"$ANONYMOUS"
	GRANTS=$((SESSIONS < ${#LOAD_USERS[@]} ? SESSIONS : ${#LOAD_USERS[@]}))
}

# ---------------------------------------------------------------- load

declare -A R # results: R[<latency>/<connections>/<target>/<figure>]

# run_wrk URL HEADERS CONNECTIONS DURATION: fills W[...] from the script's BENCH line
declare -A W
run_wrk() {
	local out=$WORK/wrk.out line pair
	BENCH_HEADERS=$2 wrk -t2 -c"$3" -d"$4" --timeout 10s --latency -s "$BENCH_DIR/rotate-headers.lua" "$1" \
		>"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $1"; }
	line=$(grep '^BENCH ' "$out") || { cat "$out" >&2; die "wrk printed no summary for $1"; }
	W=()
	for pair in ${line#BENCH }; do W[${pair%%=*}]=${pair#*=}; done
}

is_zero() { [[ $1 =~ ^0+[a-z]*$ ]]; }

# Load on every target once, at 0 ms upstream latency, so that the JIT has compiled the hot
# paths of both servers before anything is measured.
prime() {
	is_zero "$PRIME" && return 0
	log "priming: $PRIME on each target"
	set_latency 0ms
	run_wrk "$SIM/v1/rooms?max=1000" "$TOKENS" 32 "$PRIME"
	run_wrk "$APP/spaces" "$COOKIES" 32 "$PRIME"
	run_wrk "$APP/api/rooms" "$COOKIES" 32 "$PRIME"
	run_wrk "$APP/bench/floor" "$TOKENS" 32 "$PRIME"
}

per_request() { # per_request TICKS REQUESTS: CPU milliseconds per request
	awk -v t="$1" -v hz="$CLK_TCK" -v n="$2" 'BEGIN { printf "%.3f", (n > 0) ? t * 1000 / hz / n : 0 }'
}

# measure LATENCY CONNECTIONS TARGET: TARGET is direct (the simulator), spaces, api, home (/
# signed in: session, no Webex call) or landing (/ without a session)
measure() {
	local latency=$1 connections=$2 target=$3 url headers pid key cpu_before cpu_after db_before db_after stats
	local threads_before threads_after
	case "$target" in
		direct) url="$SIM/v1/rooms?max=1000"; headers=$TOKENS; pid=$SIM_PID ;;
		floor) url="$APP/bench/floor"; headers=$TOKENS; pid=$APP_PID ;;
		flask) url="$FLASK/spaces"; headers=$FLASK_COOKIES; pid=$FLASK_PID ;;
		spaces) url="$APP/spaces"; headers=$COOKIES; pid=$APP_PID ;;
		api) url="$APP/api/rooms"; headers=$COOKIES; pid=$APP_PID ;;
		home) url="$APP/"; headers=$COOKIES; pid=$APP_PID ;;
		landing) url="$APP/"; headers=$ANONYMOUS; pid=$APP_PID ;;
	esac
	if ! is_zero "$WARMUP"; then
		run_wrk "$url" "$headers" "$connections" "$WARMUP"
	fi
	# requests that wrk abandoned at the end of a run are still being served: let them finish
	sleep 1
	simulator POST /simulator/stats/reset >/dev/null
	threads_before=$(threads_started "$pid")
	cpu_before=$(cpu_ticks "$pid")
	db_before=$(db_cpu_ticks)
	run_wrk "$url" "$headers" "$connections" "$DURATION"
	cpu_after=$(cpu_ticks "$pid")
	db_after=$(db_cpu_ticks)
	threads_after=$(threads_started "$pid")
	sleep 1
	stats=$(simulator GET /simulator/stats)
	key=$latency/$connections/$target
	R[$key/requests]=${W[requests]}
	R[$key/rps]=$(awk -v n="${W[requests]}" -v us="${W[duration_us]}" 'BEGIN { printf "%.0f", n / (us / 1e6) }')
	R[$key/p50]=$(awk -v us="${W[p50_us]}" 'BEGIN { printf "%.2f", us / 1000 }')
	R[$key/p99]=$(awk -v us="${W[p99_us]}" 'BEGIN { printf "%.2f", us / 1000 }')
	R[$key/errors]=$((W[connect_errors] + W[read_errors] + W[write_errors] + W[status_errors] + W[timeouts]))
	R[$key/upstream]=$(awk -v c="$(stat_of "$stats" rooms)" -v n="${W[requests]}" \
		'BEGIN { printf "%.2f", (n > 0) ? c / n : 0 }')
	R[$key/unauthorized]=$(stat_of "$stats" unauthorized)
	R[$key/cpu]=$(per_request $((cpu_after - cpu_before)) "${W[requests]}")
	R[$key/dbcpu]=$(per_request $((db_after - db_before)) "${W[requests]}")
	R[$key/threads]=n/a
	if [[ -n $threads_before && -n $threads_after ]]; then
		R[$key/threads]=$(awk -v t=$((threads_after - threads_before)) -v n="${W[requests]}" \
			'BEGIN { printf "%.2f", (n > 0) ? t / n : 0 }')
	fi
	log "  $target @ $latency, $connections connections: ${R[$key/rps]} req/s, p50 ${R[$key/p50]} ms," \
		"p99 ${R[$key/p99]} ms, ${R[$key/errors]} errors, ${R[$key/upstream]} upstream calls/request"
}

# Restarts the app on the same database (its sessions and grants still there) and loads /spaces
# from the moment / first answers 200, for FIRST_SECONDS: how fast a fresh instance of a rolling
# deploy serves. first_seconds LATENCY LABEL [JVM OPTIONS]
first_seconds() {
	local latency=$1 label=$2 key=first/$2 before after
	stop_process "$APP_PID"
	APP_PID=
	set_latency "$latency"
	sleep 1
	RETRY=false
	EXTRA_APP_JAVA_OPTS=${3:-} start_app "$CURRENT_DB"
	[[ $RETRY == false ]] || die "another program took the app's port during the restart"
	R[$key/start]=$START_MS
	R[$key/aot]=${AOT_REFUSED:-}
	before=$(cpu_ticks "$APP_PID")
	run_wrk "$APP/spaces" "$COOKIES" 32 "${FIRST_SECONDS}s"
	after=$(cpu_ticks "$APP_PID")
	R[$key/rps]=$(awk -v n="${W[requests]}" -v us="${W[duration_us]}" 'BEGIN { printf "%.0f", n / (us / 1e6) }')
	R[$key/p99]=$(awk -v us="${W[p99_us]}" 'BEGIN { printf "%.2f", us / 1000 }')
	R[$key/errors]=$((W[connect_errors] + W[read_errors] + W[write_errors] + W[status_errors] + W[timeouts]))
	R[$key/cpu]=$(per_request $((after - before)) "${W[requests]}")
	R[$key/latency]=$latency
	log "  restart ($label): first 200 after ${R[$key/start]} ms, then ${R[$key/rps]} req/s in the first ${FIRST_SECONDS} s"
}

# A JFR CPU profile of 10 s of load on one target, at 0 ms and the ladder's connections, split
# into the layers of the stack by bench/layers.py. profile_layers TARGET
profile_layers() {
	local target=$1 url headers file=$WORK/layers-$1.jfr before after requests
	case "$target" in
		spaces) url="$APP/spaces"; headers=$COOKIES ;;
		floor) url="$APP/bench/floor"; headers=$TOKENS ;;
	esac
	"$JCMD" "$APP_PID" JFR.start name=layers settings=profile "filename=$file" >/dev/null ||
		die "jcmd could not start a JFR recording"
	before=$(cpu_ticks "$APP_PID")
	run_wrk "$url" "$headers" "$LADDER_AT" 10s
	after=$(cpu_ticks "$APP_PID")
	requests=${W[requests]}
	"$JCMD" "$APP_PID" JFR.stop name=layers >/dev/null || die "jcmd could not stop the JFR recording"
	"$JFR_TOOL" print --events jdk.ExecutionSample --stack-depth 256 "$file" |
		"$PYTHON" "$BENCH_DIR/layers.py" "$(per_request $((after - before)) "$requests")" >"$WORK/layers-$target.txt" ||
		die "bench/layers.py failed"
	rm -f "$file"
	while IFS=' ' read -r layer share ms; do
		R[layers/$target/$layer/share]=$share
		R[layers/$target/$layer/ms]=$ms
	done <"$WORK/layers-$target.txt"
	log "  layers of $target: $(tr '\n' ';' <"$WORK/layers-$target.txt")"
}

# What the pinned-thread recording of the measured app holds: how many times a virtual thread
# blocked while pinned to its carrier, and where (the top frames of each distinct stack).
pinned_summary() {
	local db=$1 out=$RESULTS_DIR/$STAMP-$db-pinned.txt
	PINNED=n/a
	PINNED_MOST=
	[[ -n ${PINNED_JFR:-} && -s $PINNED_JFR ]] || return 0
	"$JFR_TOOL" print --events jdk.VirtualThreadPinned --stack-depth 12 "$PINNED_JFR" >"$out" 2>&1 || true
	local total first_use places
	total=$(grep -c '^jdk.VirtualThreadPinned' "$out" || true)
	# a class loaded or initialized at its first use holds a lock across native frames, which no
	# virtual thread can leave its carrier from: once per class, not per request. A pinned stack
	# that shows no loader frame ("Freeze or preempt failed" right in our code) is usually the
	# same: the VM initializing a class the line uses for the first time (e.g. a switch's map).
	first_use=$(awk '/^jdk.VirtualThreadPinned/ { n = 0 } /loadClass|<clinit>|initialization of/ { n++ }
		/^}/ { if (n) c++; n = 0 } END { print c + 0 }' "$out")
	# A pin in the hot path comes back with every request: the same stack many times. Prints
	# the number of distinct stacks and how many events the most frequent one has.
	places=$(awk '/stackTrace = \[/ { s = ""; in_stack = 1; next }
		in_stack && /^ *\]/ { in_stack = 0; count[s]++; next } in_stack { s = s $0 "\n" }
		END { for (k in count) { n++; if (count[k] > most) most = count[k] } print n + 0, most + 0 }' "$out")
	PINNED_MOST=${places#* }
	PINNED="$total at ${places%% *} places, at most $PINNED_MOST at one place; $first_use of them loading or initializing a class"
	log "virtual threads pinned while blocking: $PINNED (details: ${out#"$ROOT"/})"
}

# Upstream GET /rooms pages behind one /spaces view of the session's user.
page_view_calls() {
	local cookie=$1 status
	simulator POST /simulator/stats/reset >/dev/null
	status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: SESSION=$cookie" "$APP/spaces")
	[[ $status == 200 ]] || die "/spaces answered $status"
	stat_of "$(simulator GET /simulator/stats)" rooms
}

# 200 concurrent requests on grants whose access tokens Webex no longer accepts (the app still
# believes them valid): every grant should be refreshed exactly once.
storm() {
	local config=$SECRETS/storm.curl codes i user
	local -a cookies
	mapfile -t cookies <"$COOKIES"
	: >"$config"
	for ((i = 0; i < STORM_REQUESTS; i++)); do
		((i == 0)) || echo next >>"$config" # a trailing "next" would be a transfer without URL
		printf 'url = "%s"\nheader = "%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
			"$APP/api/rooms" "${cookies[i % ${#cookies[@]}]}" >>"$config"
	done
	set_latency 20ms
	simulator POST /simulator/stats/reset >/dev/null
	for user in "${LOAD_USERS[@]:0:GRANTS}"; do
		simulator POST "/simulator/expire-access-tokens?user=$user@example.com" >/dev/null
	done
	codes=$(curl -s --parallel --parallel-immediate --parallel-max "$STORM_REQUESTS" -K "$config" \
		2>"$WORK/storm-curl.err" || true)
	STORM_OK=$(grep -c '^200$' <<<"$codes" || true)
	STORM_OTHER=$({ grep -v '^200$' <<<"$codes" || true; } | sort | uniq -c |
		awk '{ printf "%s%s×%s", sep, $1, $2; sep = ", " }')
	local stats
	stats=$(simulator GET /simulator/stats)
	STORM_REFRESHES=$(stat_of "$stats" tokenRefreshes)
	STORM_UNAUTHORIZED=$(stat_of "$stats" unauthorized)
	log "storm: $STORM_OK/$STORM_REQUESTS answered 200; $STORM_REFRESHES refreshes for $GRANTS grants"
}

# ---------------------------------------------------------------- report

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f", a - b }'; }
verdict() { # verdict CONDITION-FOR-AWK
	awk "BEGIN { exit !($1) }" && echo "met" || echo "**missed**"
}

db_cell() { [[ $CURRENT_DB == postgres ]] && echo "${R[$1/dbcpu]}" || echo "–"; }

report() {
	local db=$1 file=$2 latency connections target key direct label best_rps=0 best_at=
	local commit dirty=
	commit=$(git rev-parse --short HEAD)
	[[ -z $(git status --porcelain --untracked-files=no) ]] || dirty=" (with uncommitted changes)"
	{
		echo "# webex-oauth benchmark: $db, $(date -u '+%Y-%m-%d %H:%M') UTC"
		echo
		echo "| | |"
		echo "|---|---|"
		echo "| commit | \`$commit\`$dirty |"
		echo "| database | $db |"
		echo "| machine | $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) |"
		local load_end
		load_end=$(cut -d' ' -f1-3 /proc/loadavg)
		# At the end the load average is mostly the benchmark's own (wrk and the servers' threads);
		# only the figure at the start says whether other work was running.
		echo "| load average at start / end | $LOAD_START / $load_end (the end is mostly the benchmark's own load) |"
		if awk -v a="${LOAD_START%% *}" -v n="$(nproc)" 'BEGIN { exit !(a > n) }'; then
			echo "| **note** | the load average at the start was above the CPU count: other work shared the machine, so the figures are noisy and low |"
		fi
		echo "| java | $("$JAVA" -version 2>&1 | head -n 1) |"
		echo "| wrk | -t2, $DURATION per run after a $WARMUP warm-up (and $PRIME per target first), --timeout 10s, $SESSIONS sessions over ${LOAD_USERS[*]:0:GRANTS} |"
		echo "| app JVM options | deploy/jvm.options (\`$(grep -v '^#' "$APP_DIR/jvm.options" | grep -v '^$' | tr '\n' ' ' | sed 's/ $//')\`), MALLOC_ARENA_MAX=2${BENCH_APP_JAVA_OPTS:+, then $BENCH_APP_JAVA_OPTS}; max heap $APP_MAX_HEAP |"
		echo
		echo "## Throughput and latency"
		echo
		echo "\`direct\` is the same wrk load sent straight to the simulator's \`GET /v1/rooms?max=1000\` with each user's bearer token;"
		echo "*app/direct* divides the app's requests/s by it; *added* is the app's latency minus the direct call's."
		echo
		echo "| upstream latency | connections | target | req/s | app/direct | p50 ms | p99 ms | added p50 ms | added p99 ms | errors | upstream calls/request | server CPU ms/request | PostgreSQL CPU ms/request | server threads started/request |"
		echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
		for latency in "${UPSTREAM_LATENCIES[@]}"; do
			for connections in $CONNECTIONS; do
				direct=$latency/$connections/direct
				for target in direct floor spaces api flask; do
					key=$latency/$connections/$target
					local server=app
					case "$target" in
						direct) label='direct `/v1/rooms`' ;;
						floor) label='floor `/bench/floor`' ;;
						spaces) label='`/spaces`' ;;
						api) label='`/api/rooms`' ;;
						flask) label='Flask original `/spaces`'; server=Flask ;;
					esac
					if [[ $target == direct ]]; then
						echo "| $latency | $connections | $label | ${R[$key/rps]} | | ${R[$key/p50]} | ${R[$key/p99]} | | | ${R[$key/errors]} | ${R[$key/upstream]} | ${R[$key/cpu]} (simulator) | $(db_cell "$key") | ${R[$key/threads]} |"
					else
						echo "| $latency | $connections | $label | ${R[$key/rps]} | $(ratio "${R[$key/rps]}" "${R[$direct/rps]}") | ${R[$key/p50]} | ${R[$key/p99]} | $(minus "${R[$key/p50]}" "${R[$direct/p50]}") | $(minus "${R[$key/p99]}" "${R[$direct/p99]}") | ${R[$key/errors]} | ${R[$key/upstream]} | ${R[$key/cpu]} ($server) | $(db_cell "$key") | ${R[$key/threads]} |"
					fi
				done
			done
		done
		echo
		echo "## Where the app's CPU goes (0 ms upstream, $LADDER_AT connections)"
		echo
		echo "Each step adds work to the one above; the differences in CPU per request price it."
		echo
		echo "| request | adds | req/s | p50 ms | p99 ms | errors | upstream calls/request | app CPU ms/request | PostgreSQL CPU ms/request | app threads started/request |"
		echo "|---|---|---|---|---|---|---|---|---|---|"
		local step adds
		for step in landing home api spaces; do
			key=0ms/$LADDER_AT/$step
			case "$step" in
				landing) label='`/` without a session'; adds='Tomcat, security filter chain, MVC, a small Thymeleaf page' ;;
				home) label='`/` signed in'; adds='loading and saving the JDBC session (security context)' ;;
				api) label='`/api/rooms`'; adds='the vault (grant row, decryption), the Webex call, JSON; no page' ;;
				spaces) label='`/spaces`'; adds='the rooms page (Thymeleaf) instead of JSON' ;;
			esac
			echo "| $label | $adds | ${R[$key/rps]} | ${R[$key/p50]} | ${R[$key/p99]} | ${R[$key/errors]} | ${R[$key/upstream]} | ${R[$key/cpu]} | $(db_cell "$key") | ${R[$key/threads]} |"
		done
		echo
		echo "## Per page view, storm, start, memory"
		echo
		echo "| figure | value |"
		echo "|---|---|"
		echo "| upstream \`GET /rooms\` calls for one \`/spaces\` of zoe (25 rooms) | $CALLS_ZOE |"
		echo "| upstream \`GET /rooms\` calls for one \`/spaces\` of bulk (2,500 rooms) | $CALLS_BULK |"
		echo "| storm: $STORM_REQUESTS concurrent \`/api/rooms\` on $GRANTS grants expired at Webex | $STORM_OK answered 200${STORM_OTHER:+, others: $STORM_OTHER} |"
		echo "| storm: token refreshes at Webex (401s seen by Webex) | $STORM_REFRESHES ($STORM_UNAUTHORIZED) |"
		echo "| start: process start → first 200 on \`/\` | $START_MS ms |"
		local aot
		for aot in "$MEASURED_AOT_REFUSED" "${R[first/aot-0ms/aot]:-}" "${R[first/aot-20ms/aot]:-}"; do
			[[ -z $aot ]] || break
		done
		echo "| the AOT cache (\`-XX:AOTCache\`) at the measured start and the two restarts with it | $([[ -z $aot ]] && echo "used by all three" || echo "**not used** by at least one: \`$aot\`") |"
		echo "| app resident memory (VmRSS) after the load | $RSS_MIB MiB: $RSS_PARTS |"
		echo "| app heap in use after a full GC, after the load | $LIVE_HEAP |"
		echo
		local first=${CONNECTIONS%% *}
		if [[ " $CONNECTIONS " == *" 32 "* ]]; then first=32; fi
		issue_figures "$db" "$first"
		echo
		echo "## Targets"
		echo
		echo "| target | measured | |"
		echo "|---|---|---|"
		key=20ms/$first/spaces
		direct=20ms/$first/direct
		local spaces_ratio api_ratio added50 added99
		spaces_ratio=$(ratio "${R[$key/rps]}" "${R[$direct/rps]}")
		api_ratio=$(ratio "${R[20ms/$first/api/rps]}" "${R[$direct/rps]}")
		echo "| \`/spaces\` ≥ 0.95 × direct at $first connections, 20 ms | $spaces_ratio | $(verdict "$spaces_ratio >= 0.95") |"
		echo "| \`/api/rooms\` ≥ 0.95 × direct at $first connections, 20 ms | $api_ratio | $(verdict "$api_ratio >= 0.95") |"
		local rps
		for connections in $CONNECTIONS; do
			rps=${R[0ms/$connections/spaces/rps]}
			if ((rps > best_rps)); then
				best_rps=$rps
				best_at=$connections
			fi
		done
		echo "| \`/spaces\` ≥ 1,300 req/s at 0 ms | $best_rps (at $best_at connections) | $(verdict "$best_rps >= 1300") |"
		added50=$(minus "${R[$key/p50]}" "${R[$direct/p50]}")
		added99=$(minus "${R[$key/p99]}" "${R[$direct/p99]}")
		echo "| added p50 ≤ 1 ms (\`/spaces\`, $first connections, 20 ms) | $added50 ms | $(verdict "$added50 <= 1") |"
		echo "| added p99 ≤ 5 ms (\`/spaces\`, $first connections, 20 ms) | $added99 ms | $(verdict "$added99 <= 5") |"
		echo "| 1 refresh per grant in the storm | $STORM_REFRESHES for $GRANTS grants | $(verdict "$STORM_REFRESHES == $GRANTS && $STORM_OK == $STORM_REQUESTS") |"
		echo "| upstream calls per page view: 1 (zoe), 3 (bulk) | $CALLS_ZOE, $CALLS_BULK | $(verdict "$CALLS_ZOE == 1 && $CALLS_BULK == 3") |"
		echo "| start ≤ 2.5 s | $START_MS ms | $(verdict "$START_MS <= 2500") |"
		echo "| RSS ≤ 300 MiB | $RSS_MIB MiB | $(verdict "$RSS_MIB <= 300") |"
	} >"$file"
}

# The figures issue 17 asks for, with their targets, beside the floor and the Flask original;
# each also kept in S[<db>/<figure>] for the summary of both databases.
declare -A S
issue_figures() { # issue_figures DB CONNECTIONS
	local db=$1 c=$2 v verdict
	local d20=20ms/$c/direct d0=0ms/$c/direct
	echo "## Issue 17: every figure and its target ($c connections)"
	echo
	echo "| figure | target | \`/spaces\` | floor | Flask original | |"
	echo "|---|---|---|---|---|---|"
	v=$(ratio "${R[20ms/$c/spaces/rps]}" "${R[$d20/rps]}")
	S[$db/ratio20]=$v
	S[$db/ratio20/floor]=$(ratio "${R[20ms/$c/floor/rps]}" "${R[$d20/rps]}")
	S[$db/ratio20/flask]=$(ratio "${R[20ms/$c/flask/rps]}" "${R[$d20/rps]}")
	verdict=$(verdict "$v >= 0.95")
	S[$db/ratio20/verdict]=$verdict
	echo "| req/s at 20 ms ÷ direct (${R[$d20/rps]} req/s) | ≥ 0.95 | $v (${R[20ms/$c/spaces/rps]}) | ${S[$db/ratio20/floor]} (${R[20ms/$c/floor/rps]}) | ${S[$db/ratio20/flask]} (${R[20ms/$c/flask/rps]}) | $verdict |"
	local a50 a99
	a50=$(minus "${R[20ms/$c/spaces/p50]}" "${R[$d20/p50]}")
	a99=$(minus "${R[20ms/$c/spaces/p99]}" "${R[$d20/p99]}")
	S[$db/added]="$a50 / $a99"
	S[$db/added/floor]="$(minus "${R[20ms/$c/floor/p50]}" "${R[$d20/p50]}") / $(minus "${R[20ms/$c/floor/p99]}" "${R[$d20/p99]}")"
	S[$db/added/flask]="$(minus "${R[20ms/$c/flask/p50]}" "${R[$d20/p50]}") / $(minus "${R[20ms/$c/flask/p99]}" "${R[$d20/p99]}")"
	verdict=$(verdict "$a50 <= 1 && $a99 <= 5")
	S[$db/added/verdict]=$verdict
	echo "| added latency p50 / p99 at 20 ms, ms (direct ${R[$d20/p50]} / ${R[$d20/p99]}) | ≤ 1 / 5 | ${S[$db/added]} | ${S[$db/added/floor]} | ${S[$db/added/flask]} | $verdict |"
	v=$(ratio "${R[0ms/$c/spaces/rps]}" "${R[0ms/$c/flask/rps]}")
	S[$db/vsflask]=$v
	S[$db/vsflask/floor]=$(ratio "${R[0ms/$c/floor/rps]}" "${R[0ms/$c/flask/rps]}")
	S[$db/rps0]=${R[0ms/$c/spaces/rps]}
	S[$db/rps0/floor]=${R[0ms/$c/floor/rps]}
	S[$db/rps0/flask]=${R[0ms/$c/flask/rps]}
	verdict=$(verdict "$v >= 5")
	S[$db/vsflask/verdict]=$verdict
	echo "| req/s at 0 ms ÷ the Flask original's | ≥ 5 | $v (${R[0ms/$c/spaces/rps]}) | ${S[$db/vsflask/floor]} (${R[0ms/$c/floor/rps]}) | 1 (${R[0ms/$c/flask/rps]}) | $verdict |"
	S[$db/start]=$START_MS
	S[$db/restart]=${R[first/aot-0ms/start]}
	verdict=$(verdict "$START_MS <= 2500")
	S[$db/start/verdict]=$verdict
	echo "| production launch: start → first 200, ms (fresh database; restarted) | ≤ 2,500 | $START_MS; ${R[first/aot-0ms/start]} | | | $verdict |"
	local warm0=${R[0ms/$c/spaces/rps]} warm20=${R[20ms/$c/spaces/rps]}
	v=$(ratio "${R[first/aot-0ms/rps]}" "$warm0")
	S[$db/first]=$v
	S[$db/first/20]=$(ratio "${R[first/aot-20ms/rps]}" "$warm20")
	S[$db/first/noaot]=$(ratio "${R[first/noaot-0ms/rps]}" "$warm0")
	verdict=$(verdict "$v >= 0.8")
	S[$db/first/verdict]=$verdict
	# the app's CPU per request in those 10 s against the warm run's: compiled code or not yet
	local warm_cpu0=${R[0ms/$c/spaces/cpu]} warm_cpu20=${R[20ms/$c/spaces/cpu]}
	echo "| req/s in the first ${FIRST_SECONDS} s after a restart ÷ warm, 0 ms (${R[first/aot-0ms/rps]} ÷ $warm0; app CPU ${R[first/aot-0ms/cpu]} ms/request, warm $warm_cpu0) | ≥ 0.8 | $v | | | $verdict |"
	echo "| the same at 20 ms (${R[first/aot-20ms/rps]} ÷ $warm20; app CPU ${R[first/aot-20ms/cpu]} ms/request, warm $warm_cpu20) | | ${S[$db/first/20]} | | | |"
	echo "| the same at 0 ms without the AOT cache, \`-XX:AOTMode=off\` (${R[first/noaot-0ms/rps]} ÷ $warm0; first 200 after ${R[first/noaot-0ms/start]} ms; app CPU ${R[first/noaot-0ms/cpu]} ms/request) | | ${S[$db/first/noaot]} | | | |"
	S[$db/rss]=$RSS_MIB
	S[$db/heap]=$LIVE_HEAP
	verdict=$(verdict "$RSS_MIB <= 300")
	S[$db/rss/verdict]=$verdict
	echo "| resident memory after the load, MiB | ≤ 300 | $RSS_MIB | | | $verdict |"
	echo "| heap in use after a full GC, after the load | | $LIVE_HEAP | | | |"
	local page_cpu=${R[0ms/$c/spaces/cpu]} floor_cpu=${R[0ms/$c/floor/cpu]} page_total
	page_total=$(awk -v a="$page_cpu" -v b="${R[0ms/$c/spaces/dbcpu]}" 'BEGIN { printf "%.3f", a + b }')
	v=$(ratio "$page_total" "$floor_cpu")
	S[$db/cpu]=$v
	S[$db/cpu/page]=$page_total
	S[$db/cpu/floor]=$floor_cpu
	S[$db/cpu/flask]=${R[0ms/$c/flask/cpu]}
	verdict=$(verdict "$v <= 1.5")
	S[$db/cpu/verdict]=$verdict
	echo "| CPU ms per request at 0 ms$([[ $db == postgres ]] && echo ", the app's + PostgreSQL's") ÷ the floor's | ≤ 1.5 | $v ($page_total ÷ $floor_cpu) | 1 ($floor_cpu) | (${R[0ms/$c/flask/cpu]}) | $verdict |"
	S[$db/pinned]=$PINNED
	[[ -z $PINNED_MOST ]] || S[$db/pinned/verdict]=$(verdict "$PINNED_MOST <= 10")
	echo "| virtual threads blocked while pinned to their carrier, whole run (JFR \`jdk.VirtualThreadPinned\`); a place in the hot path would pin with every request, thousands of times | none in the hot path | $PINNED | | | $([[ -z $PINNED_MOST ]] || verdict "$PINNED_MOST <= 10") |"
	echo
	echo "### \`/spaces\` over the floor, layer by layer (JFR CPU profile, 0 ms, $LADDER_AT connections)"
	echo
	echo "Each layer's share of the execution samples of 10 s of load, times the CPU per request of that run."
	echo
	echo "| layer | \`/spaces\` ms/request (share) | floor ms/request (share) | over the floor, ms |"
	echo "|---|---|---|---|"
	local layer
	for layer in tomcat security session mvc page vault client rendering other; do
		local label=$layer
		case "$layer" in
			tomcat) label='Tomcat, filters\x27 glue, JDK I/O' ;;
			security) label='security filter chain' ;;
			session) label='session (JDBC session store, its queries)' ;;
			mvc) label='Spring MVC (dispatch, arguments, JSON out)' ;;
			page) label='the page\x27s code (rooms, rows; the floor\x27s writer)' ;;
			vault) label='vault (grant row, decryption)' ;;
			client) label='Webex call (client, pool, HTTP, JSON in)' ;;
			rendering) label='rendering (Thymeleaf)' ;;
			other) label='other threads (pool eviction, database, JFR)' ;;
		esac
		S[$db/layer/$layer]="$(minus "${R[layers/spaces/$layer/ms]:-0}" "${R[layers/floor/$layer/ms]:-0}") (${R[layers/spaces/$layer/ms]:-?} − ${R[layers/floor/$layer/ms]:-?})"
		echo "| $(printf '%b' "$label") | ${R[layers/spaces/$layer/ms]:-?} (${R[layers/spaces/$layer/share]:-?} %) | ${R[layers/floor/$layer/ms]:-?} (${R[layers/floor/$layer/share]:-?} %) | $(minus "${R[layers/spaces/$layer/ms]:-0}" "${R[layers/floor/$layer/ms]:-0}") |"
	done
}

# One table for every database measured, the floor and the Flask original beside them.
summary() {
	local file=$RESULTS_DIR/$STAMP-summary.md db
	{
		echo "# webex-oauth benchmark: issue 17's figures, $(date -u '+%Y-%m-%d %H:%M') UTC, commit \`$(git rev-parse --short HEAD)\`"
		echo
		echo "$(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), shared by the app, the simulator, wrk, the Flask original and PostgreSQL."
		for db in "${DATABASES[@]}"; do
			echo "Load average (1, 5, 15 min) at the start of the $db run: ${S[$db/load]}."
		done
		echo "Each database's report beside this file has every figure, the JVM options and how they were measured."
		echo
		printf '| figure | target |'
		for db in "${DATABASES[@]}"; do printf ' %s | |' "$db"; done
		echo
		printf '|---|---|'
		for db in "${DATABASES[@]}"; do printf -- '---|---|'; done
		echo
		row() { # row LABEL TARGET KEY
			printf '| %s | %s |' "$1" "$2"
			for db in "${DATABASES[@]}"; do printf ' %s | %s |' "${S[$db/$3]:-}" "${S[$db/$3/verdict]:-}"; done
			echo
		}
		row '`/spaces` at 20 ms ÷ direct' '≥ 0.95' ratio20
		row '… the floor' '' 'ratio20/floor'
		row '… the Flask original' '' 'ratio20/flask'
		row 'added latency p50 / p99 at 20 ms, ms' '≤ 1 / 5' added
		row '… the floor' '' 'added/floor'
		row '… the Flask original' '' 'added/flask'
		row '`/spaces` req/s at 0 ms ÷ the Flask original' '≥ 5' vsflask
		row '`/spaces` req/s at 0 ms' '' rps0
		row '… the floor' '' 'rps0/floor'
		row '… the Flask original' '' 'rps0/flask'
		row 'production launch: start → first 200, ms' '≤ 2,500' start
		row '… restarted on the same database' '' restart
		row 'first 10 s after a restart ÷ warm req/s, 0 ms' '≥ 0.8' first
		row '… at 20 ms' '' 'first/20'
		row '… at 0 ms without the AOT cache' '' 'first/noaot'
		row 'RSS after the load, MiB' '≤ 300' rss
		row '… heap in use after a full GC' '' heap
		row 'CPU per request of `/spaces` ÷ the floor' '≤ 1.5' cpu
		row '… `/spaces` ms (with PostgreSQL: both processes)' '' 'cpu/page'
		row '… floor ms' '' 'cpu/floor'
		row '… Flask original ms' '' 'cpu/flask'
		row 'virtual threads pinned while blocking, whole run' 'none in the hot path' pinned
		row '`/spaces` CPU over the floor, layer by layer, ms (`/spaces` − floor), 0 ms:' '' none
		local layer
		for layer in tomcat security session mvc page vault client rendering other; do
			row "… $layer" '' "layer/$layer"
		done
	} >"$file"
	echo
	cat "$file"
	log "written to ${file#"$ROOT"/}"
}

# ---------------------------------------------------------------- one database

# Waits (3 minutes at most) for the 1-minute load average to fall below the CPU count, so that
# the second database's run does not start in the first one's wake.
settle() {
	local waited=0
	while awk -v a="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(a >= n) }' &&
		((waited < 180)); do
		((waited == 0)) && log "waiting for the load average to fall below $(nproc)"
		sleep 10
		waited=$((waited + 10))
	done
}

bench_db() {
	local db=$1 latency connections target
	CURRENT_DB=$db
	R=()
	settle
	LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
	S[$db/load]=$LOAD_START
	[[ $db != postgres ]] || start_postgres
	local attempt
	for attempt in 1 2 3; do
		RETRY=false
		take_port APP_PORT
		APP=http://127.0.0.1:$APP_PORT
		# the browser-facing name, as registered at the simulator; sign_in resolves it to 127.0.0.1
		APP_SITE=http://localhost:$APP_PORT
		REDIRECT_URI=$APP_SITE/oauth
		take_port FLASK_PORT
		FLASK=http://127.0.0.1:$FLASK_PORT
		FLASK_REDIRECT_URI=$FLASK/oauth
		start_simulator
		[[ $RETRY == true ]] || start_app "$db" measured
		[[ $RETRY == true ]] || start_flask
		[[ $RETRY == true ]] || break
		stop_process "$APP_PID"
		APP_PID=
		stop_process "$FLASK_PID"
		FLASK_PID=
		stop_process "$SIM_PID"
		SIM_PID=
	done
	[[ $RETRY == false ]] || die "other programs kept taking the ports; try again"
	MEASURED_AOT_REFUSED=$AOT_REFUSED
	sign_in_everyone

	CALLS_ZOE=$(page_view_calls "$(head -n 1 "$COOKIES" | cut -d= -f2-)")
	CALLS_BULK=$(page_view_calls "$BULK_COOKIE")
	log "upstream calls per /spaces: zoe $CALLS_ZOE, bulk $CALLS_BULK"
	prime

	for latency in "${UPSTREAM_LATENCIES[@]}"; do
		set_latency "$latency"
		log "upstream latency $latency"
		for connections in $CONNECTIONS; do
			for target in direct floor spaces api flask; do
				measure "$latency" "$connections" "$target"
			done
		done
	done
	# where the app's CPU goes: the same stack with less and less of the work
	LADDER_AT=${CONNECTIONS%% *}
	for target in landing home; do
		measure 0ms "$LADDER_AT" "$target"
	done
	RSS_MIB=$(rss_mib "$APP_PID")
	RSS_PARTS=$(rss_parts "$APP_PID")
	LIVE_HEAP=$(live_heap "$APP_PID")
	log "after the load: RSS $RSS_MIB MiB; live heap after a full GC $LIVE_HEAP"
	if [[ ${BENCH_APP_JAVA_OPTS:-} == *NativeMemoryTracking* ]]; then
		"$JCMD" "$APP_PID" VM.native_memory summary >"$RESULTS_DIR/$STAMP-$db-nmt.txt" 2>&1 || true
		log "native memory summary written to bench/results/$STAMP-$db-nmt.txt"
	fi
	# shellcheck disable=SC2086 # the options are meant to split
	APP_MAX_HEAP=$(cd "$APP_DIR" && "$JAVA" @jvm.options ${BENCH_APP_JAVA_OPTS:-} -XX:+PrintFlagsFinal -version 2>/dev/null |
		awk '$2 == "MaxHeapSize" { printf "%.0f MiB", $4 / 1048576 }')
	log "profiling the layers (JFR, 10 s each at 0 ms)"
	set_latency 0ms
	profile_layers spaces
	profile_layers floor
	storm

	# the first seconds of a restarted instance, with the AOT cache and without
	local first_start=$START_MS
	first_seconds 0ms aot-0ms
	pinned_summary "$db" # the measured instance has stopped and written its recording
	first_seconds 20ms aot-20ms
	first_seconds 0ms noaot-0ms -XX:AOTMode=off
	START_MS=$first_start

	stop_process "$APP_PID"
	APP_PID=
	stop_process "$FLASK_PID"
	FLASK_PID=
	stop_process "$SIM_PID"
	SIM_PID=
	stop_postgres

	mkdir -p "$RESULTS_DIR"
	local file=$RESULTS_DIR/$STAMP-$db.md
	report "$db" "$file"
	echo
	cat "$file"
	echo
	log "written to ${file#"$ROOT"/}"
}

build
for db in "${DATABASES[@]}"; do
	bench_db "$db"
done
summary
