#!/usr/bin/env bash
# Prints the java launcher of a JDK 25 or newer: $JAVA_HOME's, the one on the PATH, or one in a
# standard install directory (as the build's toolchain discovery finds it). Sourced by
# deploy/prepare.sh and bench/run.sh; fails with one line if there is none.
java25() {
	local candidate version
	for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null)" \
		/usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/jdk*/bin/java; do
		[[ -x $candidate ]] || continue
		version=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
		if [[ ${version%%.*} =~ ^[0-9]+$ && ${version%%.*} -ge 25 ]]; then
			echo "$candidate"
			return 0
		fi
	done
	echo "no JDK 25 found: install one (e.g. Temurin 25 in /usr/lib/jvm) or set JAVA_HOME to it" >&2
	return 1
}
