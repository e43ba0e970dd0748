# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The correspondent-node tests' topology and helpers around the mobile
# node simulator (scripts/lib/mn_sim.py).  Source after test.sh and
# topo.sh.
#
#   mn (HoA 2001:db8:1::100, CoA 2001:db8:a::100 on lo)
#    | mn-cn 2001:db8:e::2
#    |
#    | cn-mn 2001:db8:e::1
#   cn (2001:db8:c::1 on lo; 2001:db8::/32 via the MN)
#
# Why not topo.sh's MN/HA/CN/AR topology: no home agent role exists
# yet, so a Home Test sent to the home address would end on the home
# link, away from an MN attached elsewhere.  Here the MN's namespace
# holds both the HoA and the CoA, so the HoT (to the HoA) and the CoT,
# BA and BE (to the CoA, the BA with a type 2 routing header) all reach
# the simulator's capture socket on mn-cn, and everything the CN sends
# to either address is on one wire where tcpdump sees it.  What the
# tests check is the CN's behaviour, which depends only on the
# addresses in the packets.  The CN routes all of 2001:db8::/32 to the
# MN, so home addresses made up on the fly (the 1000-binding test) are
# reachable too.  Two namespaces and one link also keep the set-up
# cheap under emulation.

MS_HOA=2001:db8:1::100
MS_COA=2001:db8:a::100
MS_CN=2001:db8:c::1
MN_SIM=$OMIPV6_REPO/scripts/lib/mn_sim.py

cn_topo_create() {
	modprobe -q veth 2>/dev/null || true
	# ip xfrm (the tests read the CN's states) needs it; built in on
	# the debug kernel.
	modprobe -q xfrm_user 2>/dev/null || true
	_topo_ns mn 0
	_topo_ns cn 0
	_topo_link cn cn-mn 2001:db8:e::1 mn mn-cn 2001:db8:e::2 0
	ip -n cn addr add $MS_CN/128 dev lo
	ip -n mn addr add $MS_HOA/128 dev lo
	ip -n mn addr add $MS_COA/128 dev lo
	ip -n cn route add 2001:db8::/32 via 2001:db8:e::2 src $MS_CN
	ip -n mn route add default via 2001:db8:e::1
}

cn_topo_destroy() {
	ip netns del mn 2>/dev/null || true
	ip netns del cn 2>/dev/null || true
}

# nap SECONDS: sleep without starting a process.
nap() {
	[ -n "${NAP_FD:-}" ] || exec {NAP_FD}<> <(:)
	read -r -t "$1" -u "$NAP_FD" || true
}

# sim_start ARGS...: start "mn_sim.py ARGS serve" in the mn namespace and
# wait until it is ready.  SIM_PID is its pid (in mn's namespace).
sim_start() {
	coproc SIM { exec ip netns exec mn /usr/bin/python3 "$MN_SIM" \
		"$@" serve 2>"${SIM_ERR:-/dev/stderr}"; }
	co_ready SIM
}

# sim CMD...: one simulator command; its JSON answer lands in R.
sim() {
	co_call SIM "${SIM_WAIT:-120}" mn_sim "$@"
	echo "[$SECONDS s] sim $* -> $R"
}

sim_stop() {
	co_stop SIM
}

# jget KEY: the value of KEY in R (flat JSON) in J, "none" if absent.
jget() {
	local re="[{,]\"$1\":(\"([^\"]*)\"|([^,}]*))"
	if [[ $R =~ $re ]]; then
		J=${BASH_REMATCH[2]}${BASH_REMATCH[3]}
	else
		J=none
	fi
}

# t_json NAME KEY WANT: KEY of the last answer is WANT.
t_json() {
	jget "$2"
	t_eq "$1" "$J" "$3"
}

# t_json_le NAME KEY LO HI: LO <= KEY <= HI (integers).
t_json_range() {
	jget "$2"
	if [[ $J =~ ^[0-9]+$ ]] && [ "$J" -ge "$3" ] && [ "$J" -le "$4" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$2 is '$J', want $3..$4"
	fi
}

# ns_holder NS IFNAME: a process that sits in NS, so /proc/PID/net/omipv6 is
# NS's file and can be read without starting a process each time.
# IFNAME is one of NS's interfaces, to know when it got there.  Sets
# HOLDER_PID.
ns_holder() {
	local i dev
	ip netns exec "$1" sleep 100000 &
	HOLDER_PID=$!
	for i in $(seq 100); do
		{ dev=$(<"/proc/$HOLDER_PID/net/dev"); } 2>/dev/null || dev=
		[[ $dev == *"$2:"* ]] && return 0
		nap 0.1
	done
	return 1
}

# psnap PID: read /proc/PID/net/omipv6 into P[record.key]=value and
# BIND[hoa]="coa=... cn=... seq=... lifetime=... flags=..."; NBIND is the
# number of binding lines.  P is empty when the file cannot be read.
declare -A P BIND
psnap() {
	local line rec rest kv hoa
	local -a lines=()
	P=()
	BIND=()
	NBIND=0
	mapfile -t lines 2>/dev/null <"/proc/$1/net/omipv6" || true
	for line in "${lines[@]}"; do
		rec=${line%% *}
		rest=${line#* }
		if [ "$rec" = binding ]; then
			NBIND=$((NBIND + 1))
			hoa=${rest%% *}
			hoa=${hoa#hoa=}
			BIND[$hoa]=${rest#* }
			continue
		fi
		for kv in $rest; do
			P[$rec.${kv%%=*}]=${kv#*=}
		done
	done
}

# bfield HOA KEY: KEY of HOA's binding line in BF ("none" if absent).
bfield() {
	local re="(^| )$2=([^ ]*)"
	BF=none
	[[ ${BIND[$1]:-} =~ $re ]] && BF=${BASH_REMATCH[2]}
}

# psave PID: read PID's /proc/net/omipv6 and remember it in P0.
declare -A P0
psave() {
	local k
	psnap "$1"
	P0=()
	for k in "${!P[@]}"; do P0[$k]=${P[$k]}; done
}

# pdiff: the counters that differ between P0 and P, "rec.key=+N ...",
# sorted by name, over the records in DELTA_RECS.
pdiff() {
	local k out=() recs=" ${DELTA_RECS:-rx tx drop event} "
	for k in "${!P[@]}"; do
		[[ $recs == *" ${k%%.*} "* ]] || continue
		if [ -z "${P0[$k]+x}" ]; then
			out+=("$k=new")
		elif [ "${P[$k]}" != "${P0[$k]}" ]; then
			out+=("$k=+$((P[$k] - P0[$k]))")
		fi
	done
	for k in "${!P0[@]}"; do
		[[ $recs == *" ${k%%.*} "* ]] || continue
		[ -n "${P[$k]+x}" ] || out+=("$k=gone")
	done
	D=
	[ ${#out[@]} -gt 0 ] && D=$(printf '%s\n' "${out[@]}" | sort | tr '\n' ' ')
	D=${D% }
}

# t_delta NAME PID WANT: after an action, the counters of PID moved by
# exactly WANT ("rec.key=+N ..." in sorted order) since psave.
t_delta() {
	psnap "$2"
	pdiff
	t_eq "$1" "$D" "$3"
}

# xfrm_read NS [policy]: the namespace's xfrm states, one a line (ip
# -o), in XS; with "policy" its policies too, in XP (else XP is "?").
xfrm_read() {
	XS=$(ip -o -n "$1" xfrm state 2>&1)
	XP='?'
	[ "${2:-}" != policy ] || XP=$(ip -o -n "$1" xfrm policy 2>&1)
}

# xs_count PROTO: states of that protocol (route2, hao) in XS, in XC.
xs_count() {
	local line
	XC=0
	while IFS= read -r line; do
		[[ $line == *"proto $1 "* ]] && XC=$((XC + 1))
	done <<<"$XS"
}

# xs_has SRC DST PROTO COA: XS holds that state.
xs_has() {
	local line
	while IFS= read -r line; do
		[[ $line == "src $1 dst $2"[!0-9a-f:]* ]] || continue
		[[ $line == *"proto $3 "* ]] || continue
		[[ $line =~ coa\ $4([^0-9a-f:]|$) ]] || continue
		return 0
	done <<<"$XS"
	return 1
}

# xfrm_wait NS COND TRIES [policy]: re-read the xfrm objects of NS until
# the shell command COND succeeds (the module installs and removes them
# from a work item, a little after the BA).
xfrm_wait() {
	local i
	for i in $(seq "$3"); do
		xfrm_read "$1" "${4:-}"
		eval "$2" && return 0
		nap 0.2
	done
	return 1
}
