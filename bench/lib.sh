# Shared by bench/run.sh and bench/rooms.sh (sourced; each script defines die and SIM).

# Stops a process: TERM, up to 30 s for it to end, then KILL.
stop_process() {
	local pid=$1
	[[ -n $pid ]] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 300); do
		kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# Calls the simulator's admin endpoints.
simulator() { # simulator METHOD PATH [JSON]: the simulator takes changes as JSON only
	local args=(-sS --fail -X "$1")
	[[ $1 != POST ]] || args+=(-H 'Content-Type: application/json' -d "${3:-}")
	curl "${args[@]}" "$SIM$2"
}

html_unescape() {
	sed -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' <<<"$1"
}

# Accepts the simulator's consent page at AUTHORIZE for USER like a browser; prints where the
# simulator redirects to (the client's callback with the code).
consent() {
	local user=$1 authorize=$2 page form=() input name value
	page=$(curl -sS --fail "$authorize") || die "sign-in of $user: no consent page"
	while IFS= read -r input; do
		[[ $input =~ name=\"([^\"]*)\"\ value=\"([^\"]*)\" ]] || continue
		name=${BASH_REMATCH[1]}
		value=$(html_unescape "${BASH_REMATCH[2]}")
		form+=(--data-urlencode "$name=$value")
	done < <(grep -o '<input type="hidden"[^>]*>' <<<"$page")
	[[ ${#form[@]} -gt 0 ]] || die "sign-in of $user: no hidden fields on the consent page"
	grep -q "value=\"$user\"" <<<"$page" || die "sign-in of $user: not a user on the consent page"
	curl -sS -o /dev/null -w '%{redirect_url}' "${form[@]}" \
		--data-urlencode "user=$user" --data-urlencode decision=accept "$SIM/v1/authorize"
}
