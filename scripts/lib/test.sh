# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Assertion helpers for the guest tests in scripts/tests/.  Source it
# first thing; every assertion appends one TAP-style line to $OMIPV6_TAP:
#   ok - KIND/TEST/CASE
#   not ok - KIND/TEST/CASE # why
# A test script should exit 0 once it has recorded its results; a
# non-zero exit is recorded as a failure by scripts/guest/main.sh.

set -u

T=$(basename "$0" .sh)
OMIPV6_TAP=${OMIPV6_TAP:-/dev/stdout}
OMIPV6_KIND=${OMIPV6_KIND:-host}
CLI=${OMIPV6_CLI:-omipv6ctl}

t_ok() {
	echo "ok - $OMIPV6_KIND/$T/$1" >>"$OMIPV6_TAP"
	echo "ok   $1"
}

t_fail() {
	echo "not ok - $OMIPV6_KIND/$T/$1 # ${2:-failed}" >>"$OMIPV6_TAP"
	echo "FAIL $1: ${2:-failed}"
}

# t_assert NAME CMD...: passes when CMD exits 0.
t_assert() {
	local name=$1
	shift
	WHY=
	if "$@"; then
		t_ok "$name"
	else
		t_fail "$name" "command failed: $*${WHY:+ ($WHY)}"
	fi
}

# t_refute NAME CMD...: passes when CMD exits non-zero.
t_refute() {
	local name=$1
	shift
	if "$@"; then
		t_fail "$name" "command unexpectedly succeeded: $*"
	else
		t_ok "$name"
	fi
}

# t_eq NAME GOT WANT
t_eq() {
	if [ "$2" = "$3" ]; then
		t_ok "$1"
	else
		t_fail "$1" "got '$2', want '$3'"
	fi
}

# t_match NAME TEXT REGEX (grep -E)
t_match() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		t_ok "$1"
	else
		t_fail "$1" "'$2' does not match /$3/"
	fi
}

# insmod resolves no dependencies: load tunnel6 (the IPv6-in-IPv6
# handler chain, a module on Debian's kernel) first.
mod_load() {
	modprobe -q tunnel6 2>/dev/null || true
	insmod "$OMIPV6_MODDIR/omipv6.ko"
}

mod_unload() {
	rmmod omipv6
}

# wait_for SECONDS CMD...: poll CMD every 0.2 s until it succeeds;
# fails after SECONDS.
wait_for() {
	local n=$(($1 * 5))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

mod_loaded() {
	grep -q '^omipv6 ' /proc/modules
}

# nsx NS CMD...: run CMD in network namespace NS ("-" is the root one).
# Only the network namespace changes (nsenter): "ip netns exec" also
# makes a mount namespace with the netns's own /sys, which costs a
# second or more per command under emulation.  Capture tools, which may
# look an interface up in /sys, get that; anything else that reads
# /sys/class/net must use "ip netns exec" itself.
nsx() {
	local ns=$1
	shift
	if [ "$ns" = - ]; then
		"$@"
		return
	fi
	case "$1" in
	tcpdump | tshark | dumpcap) ip netns exec "$ns" "$@" ;;
	*) nsenter --net="/run/netns/$ns" "$@" ;;
	esac
}

# co_call NAME WAIT WHAT CMD...: one command line to the JSON-line
# server running as coproc NAME; its one-line answer lands in R, an
# {"error":...} object when the server (WHAT) is gone or says nothing
# for WAIT seconds.
co_call() {
	local -n _co=$1
	local wait=$2 what=$3
	shift 3
	R=
	if [ -n "${_co[1]:-}" ] && printf '%s\n' "$*" >&"${_co[1]}" 2>/dev/null; then
		read -r -t "$wait" -u "${_co[0]}" R ||
			R="{\"error\":\"no answer from $what\"}"
	else
		R="{\"error\":\"$what is not running\"}"
	fi
}

# co_ready NAME: coproc NAME's first line says it is ready (Python and
# scapy start slowly under emulation).
co_ready() {
	local -n _co=$1
	local ready=
	read -r -t 300 -u "${_co[0]}" ready || true
	[[ $ready =~ ^\{\"ready\":\ ?true\}$ ]]
}

# co_stop NAME: ask coproc NAME to quit and reap it.
co_stop() {
	local -n _co=$1 _pid=${1}_PID
	[ -n "${_co[1]:-}" ] && echo quit >&"${_co[1]}"
	wait "${_pid:-}" 2>/dev/null
}

# proc_field NS RECORD KEY: value of KEY on the RECORD line (each RECORD
# line, one value a line) of /proc/net/omipv6 in NS.
proc_field() {
	local out rec rest kv
	out=$(nsx "$1" cat /proc/net/omipv6) || return 1
	while read -r rec rest; do
		[ "$rec" = "$2" ] || continue
		for kv in $rest; do
			[ "${kv%%=*}" = "$3" ] && echo "${kv#*=}"
		done
	done <<<"$out"
	return 0
}

# sget NS KEY: current value, or "<missing>" when it cannot be read.
sget() {
	nsx "$1" sysctl -n "net.omipv6.$2" 2>/dev/null || echo "<missing>"
}

# sset NS KEY VALUE: sysctl -w; the exit status is sysctl's.
sset() {
	nsx "$1" sysctl -q -w "net.omipv6.$2=$3" >/dev/null 2>&1
}

# reject_proc NAME NS KEY STRING: writing STRING straight to the proc
# file fails with EINVAL and the old value stays.
reject_proc() {
	local name=$1 ns=$2 key=$3 val=$4 old err rc
	old=$(sget "$ns" "$key")
	# shellcheck disable=SC2016 # expanded by the inner shell
	err=$(nsx "$ns" bash -c 'printf "%s" "$1" >"$2"' _ "$val" \
		"/proc/sys/net/omipv6/$key" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] && printf '%s\n' "$err" | grep -q 'Invalid argument'; then
		t_ok "$name"
	else
		t_fail "$name" "status $rc, error '$err'"
	fi
	t_eq "$name-kept" "$(sget "$ns" "$key")" "$old"
}
