#!/usr/bin/env bash
# Turns the built jar into what production runs (see "Deploying" in the README): Spring Boot's
# extracted layout (the application jar plus lib/, loaded by the JVM's own class loader) and a
# Java 25 AOT cache (JEP 483, 514, 515) recorded by a training run that serves real requests:
# classes come loaded and linked from the cache instead of being parsed, verified and linked at
# every start, and the methods the requests ran come with the profiles the training gathered, so
# the JIT compiles the hot paths early and the first seconds after a start run fast.
#
#   deploy/prepare.sh [JAR] [DIRECTORY]    (defaults: webex-oauth-app/target/webex-oauth-app-0.1.0-SNAPSHOT.jar, target/app)
#
# Then, from DIRECTORY (the cache names the jars by their paths relative to it):
#
#   cd target/app && MALLOC_ARENA_MAX=2 java @jvm.options -jar webex-oauth.jar
#
# Re-run after every build and after a JDK update: a JVM whose jars, JDK or JVM options differ
# from the training run's runs without the cache and says so in one warning line at start
# (copy the directory with its timestamps: cp -a, rsync -a, or a container COPY).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=$(realpath "${1:-$ROOT/webex-oauth-app/target/webex-oauth-app-0.1.0-SNAPSHOT.jar}")
DEST=${2:-$ROOT/target/app}
APP_JAR=webex-oauth.jar
CACHE=webex-oauth.aot

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
source "$ROOT/deploy/java.sh"
JAVA=$(java25) || die "the app needs Java 25"

[[ -f $JAR ]] || die "$JAR does not exist: build it first (./mvnw package)"
# replaces an earlier result, and nothing else
if [[ -e $DEST && -n $(ls -A "$DEST") && ! -f $DEST/$APP_JAR ]]; then
	die "$DEST is not empty and holds no $APP_JAR: name a new directory"
fi
rm -rf "$DEST"
mkdir -p "$DEST"
DEST=$(realpath "$DEST")
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DEST" --application-filename "$APP_JAR" >/dev/null
# The options every start uses, followed by the cache: the training run uses the same ones
# (another garbage collector or object header layout, say, makes the JVM refuse the cache).
{
	cat "$ROOT/deploy/jvm.options"
	echo
	echo "# written by deploy/prepare.sh: the AOT cache of this directory (classes and method profiles)"
	echo "-XX:AOTCache=$CACHE"
} >"$DEST/jvm.options"

# The training run: the app in demo mode (WEBEX_DEMO=true without credentials: the built-in
# simulator, H2 in a temporary directory) on a free port of 127.0.0.1. It signs a demo user in
# through the real OAuth flow (the simulator's consent page, the callback) and serves the pages,
# the JSON API, the error pages and the actuator, the hot ones a few thousand times, so that the
# cache holds their classes and their methods' profiles. At the normal shutdown that follows
# the JVM writes the cache (-XX:AOTCacheOutput: it records, then assembles the cache in a
# second JVM of its own).
TRAINING=$(mktemp -d /tmp/webex-oauth-training.XXXXXX)
PID=
cleanup() {
	[[ -z $PID ]] || kill -KILL "$PID" 2>/dev/null || true
	rm -rf "$TRAINING"
}
trap cleanup EXIT
PORT=
for _ in $(seq 1 50); do
	candidate=$((20000 + RANDOM % 12000))
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
[[ -n $PORT ]] || die "no free port for the training run"
APP=http://127.0.0.1:$PORT
log "training run for the AOT cache on $APP"
(
	cd "$DEST"
	exec env -u WEBEX_CLIENT_ID -u WEBEX_CLIENT_SECRET -u SPRING_DATASOURCE_URL -u WEBEX_TOKEN_KEYS \
		-u WEBEX_API_BASE_URL -u WEBEX_REDIRECT_URI -u JAVA_TOOL_OPTIONS WEBEX_DEMO=true \
		"$JAVA" @"$ROOT/deploy/jvm.options" -XX:AOTCacheOutput="$CACHE" -jar "$APP_JAR" \
		--server.address=127.0.0.1 --server.port="$PORT" --webex.data-dir="$TRAINING/data" \
		--webex.rooms.cache-ttl=0 --logging.level.root=WARN
) >"$TRAINING/app.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do
	kill -0 "$PID" 2>/dev/null || { tail -n 30 "$TRAINING/app.log" >&2; die "the training run exited at start"; }
	[[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$APP/actuator/health" || true) != 200 ]] || break
	sleep 0.2
done
[[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$APP/actuator/health" || true) == 200 ]] ||
	die "the training run did not start within 120 s"

# Signs a demo user in as a browser would; prints the session cookie's value.
JAR_FILE=$TRAINING/cookies
sign_in() {
	local user=$1 authorize consent callback form=() input
	: >"$JAR_FILE"
	local curl_app=(-sS --max-time 30 --resolve "localhost:$PORT:127.0.0.1" -c "$JAR_FILE" -b "$JAR_FILE" -o /dev/null)
	authorize=$(curl "${curl_app[@]}" -w '%{redirect_url}' "http://localhost:$PORT/oauth2/authorization/webex")
	consent=$(curl -sS --fail --max-time 30 --resolve "localhost:$PORT:127.0.0.1" "$authorize") || return 1
	while IFS= read -r input; do
		[[ $input =~ name=\"([^\"]*)\"\ value=\"([^\"]*)\" ]] || continue
		form+=(--data-urlencode "${BASH_REMATCH[1]}=$(sed -e 's/&quot;/"/g' -e 's/&amp;/\&/g' <<<"${BASH_REMATCH[2]}")")
	done < <(grep -o '<input type="hidden"[^>]*>' <<<"$consent")
	callback=$(curl -sS --max-time 30 -o /dev/null -w '%{redirect_url}' "${form[@]}" --data-urlencode "user=$user" \
		--data-urlencode decision=accept --resolve "localhost:$PORT:127.0.0.1" "${authorize%%\?*}")
	[[ $callback == *"/oauth?code="* ]] || return 1
	curl "${curl_app[@]}" "$callback"
	awk '$6 == "SESSION" { print $7 }' "$JAR_FILE"
}
SESSION=$(sign_in zoe@example.com) || true
[[ -n $SESSION ]] || { tail -n 30 "$TRAINING/app.log" >&2; die "the training run could not sign a demo user in"; }

# One curl, many requests over kept-alive connections, a few at a time like real traffic.
requests() { # requests COUNT PATH [HEADER]
	local count=$1 path=$2 header=${3:-} config=$TRAINING/requests.curl i
	: >"$config"
	for ((i = 0; i < count; i++)); do
		((i == 0)) || echo next >>"$config"
		printf 'url = "%s"\noutput = "/dev/null"\n' "$APP$path" >>"$config"
		[[ -z $header ]] || printf 'header = "%s"\n' "$header" >>"$config"
	done
	curl -s --max-time 300 --parallel --parallel-max 8 -K "$config" >/dev/null 2>&1 || true
}
COOKIE="Cookie: SESSION=$SESSION"
for path in / /oauth2/authorization/webex /actuator/health /actuator/health/readiness /actuator/prometheus \
	/css/app.css /images/logo.svg /login/failed /no-such-page /profile /api/me "/spaces?type=group" \
	"/spaces?q=release" "/spaces?page=2" "/api/rooms?limit=5" "/api/rooms?type=bogus"; do
	requests 20 "$path" "$COOKIE"
	requests 5 "$path"
done
requests 300 / "$COOKIE"
requests 300 / "Accept: text/html"
requests 2000 /api/rooms "$COOKIE"
requests 4000 /spaces "$COOKIE"
kill -TERM "$PID"
wait "$PID" || true # 143: stopped by the signal, as intended
PID=
[[ -s $DEST/$CACHE ]] || { tail -n 30 "$TRAINING/app.log" >&2; die "the training run wrote no AOT cache"; }
# -XX:AOTMode=on makes a JVM that cannot use the cache (other jars, another JDK or other JVM
# options) fail instead of running without it. The same check works on a deployed copy.
(cd "$DEST" && "$JAVA" @jvm.options -XX:AOTMode=on -cp "$APP_JAR" -version >/dev/null 2>&1) ||
	die "the JVM does not accept the cache: (cd $DEST && java @jvm.options -XX:AOTMode=on -cp $APP_JAR -version)"
log "prepared $DEST: $(du -sh "$DEST" | cut -f1), AOT cache $(du -h "$DEST/$CACHE" | cut -f1)"
