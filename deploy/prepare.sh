#!/usr/bin/env bash
# Turns the built jar into what production runs (see "Deploying" in the README): Spring Boot's
# extracted layout (the application jar plus lib/, loaded by the JVM's own class loader) and a
# class data sharing (AppCDS) archive recorded by a training run, so that classes are mapped
# instead of parsed and verified at every start.
#
#   deploy/prepare.sh [JAR] [DIRECTORY]    (defaults: webex-oauth-app/target/webex-oauth-app-0.1.0-SNAPSHOT.jar, target/app)
#
# Then, from DIRECTORY (the archive names the jars by their paths relative to it):
#
#   cd target/app && MALLOC_ARENA_MAX=2 java @jvm.options -jar webex-oauth.jar
#
# Re-run after every build and after a JDK update: the JVM silently ignores an archive whose jars
# or JDK differ (copy the directory with its timestamps: cp -a, rsync -a, or a container COPY).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=$(realpath "${1:-$ROOT/webex-oauth-app/target/webex-oauth-app-0.1.0-SNAPSHOT.jar}")
DEST=${2:-$ROOT/target/app}
APP_JAR=webex-oauth.jar
ARCHIVE=webex-oauth.jsa

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
# The options every start uses, followed by the archive: the training run must use the same
# ones (a different garbage collector, say, makes the JVM ignore the archive).
{
	cat "$ROOT/deploy/jvm.options"
	echo
	echo "# written by deploy/prepare.sh: the class data sharing archive of this directory"
	echo "-XX:SharedArchiveFile=$ARCHIVE"
} >"$DEST/jvm.options"

# The training run: the app in demo mode (WEBEX_DEMO=true without credentials: the built-in
# simulator, H2 in a temporary directory) on a free port, a few requests through the pages, the
# security chain, the error page and the actuator so their classes are in the archive too, then
# a normal shutdown, at which the JVM writes the archive.
TRAINING=$(mktemp -d /tmp/webex-oauth-training.XXXXXX)
PID=
cleanup() {
	[[ -z $PID ]] || kill -KILL "$PID" 2>/dev/null || true
	rm -rf "$TRAINING"
}
trap cleanup EXIT
log "training run for the class data sharing archive"
(
	cd "$DEST"
	exec env -u WEBEX_CLIENT_ID -u WEBEX_CLIENT_SECRET -u SPRING_DATASOURCE_URL -u WEBEX_TOKEN_KEYS WEBEX_DEMO=true \
		"$JAVA" @"$ROOT/deploy/jvm.options" -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$APP_JAR" --server.address=127.0.0.1 --server.port=0 --webex.data-dir="$TRAINING/data"
) >"$TRAINING/app.log" 2>&1 &
PID=$!
PORT=
for _ in $(seq 1 600); do
	kill -0 "$PID" 2>/dev/null || { tail -n 30 "$TRAINING/app.log" >&2; die "the training run exited at start"; }
	PORT=$(grep -o 'Tomcat started on port [0-9]*' "$TRAINING/app.log" | grep -o '[0-9]*$' || true)
	[[ -z $PORT ]] || break
	sleep 0.2
done
[[ -n $PORT ]] || die "the training run did not start within 120 s"
for path in / /oauth2/authorization/webex /spaces /api/rooms /actuator/health /actuator/health/readiness \
	/actuator/prometheus /css/app.css /images/logo.svg /login/failed /no-such-page; do
	curl -s -o /dev/null --max-time 30 "http://127.0.0.1:$PORT$path" || true
done
kill -TERM "$PID"
wait "$PID" || true # 143: stopped by the signal, as intended
PID=
[[ -s $DEST/$ARCHIVE ]] || { tail -n 30 "$TRAINING/app.log" >&2; die "the training run wrote no archive"; }
# A JVM that cannot use the archive (other jars, another JDK) runs without it and says nothing;
# -Xshare:on makes it say so. The same check works on a deployed copy.
(cd "$DEST" && "$JAVA" @jvm.options -Xshare:on -cp "$APP_JAR" -version >/dev/null 2>&1) ||
	die "the JVM does not accept the archive: (cd $DEST && java @jvm.options -Xshare:on -cp $APP_JAR -version)"
log "prepared $DEST: $(du -sh "$DEST" | cut -f1), archive $(du -h "$DEST/$ARCHIVE" | cut -f1)"
