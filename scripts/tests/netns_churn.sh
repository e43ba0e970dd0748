#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Per-netns state comes and goes cleanly: 50 namespaces (4 on the slow
# debug kernel, 100 in make soak) are created with full state (roles,
# config, key, CNs, counters) and destroyed, and the module unloads and
# reloads 5 times (2 on the debug kernel, 10 in make soak) under
# namespaces holding full state.
# debug: check
# weight: 300
. "$OMIPV6_REPO/scripts/lib/test.sh"

SEND=$OMIPV6_REPO/scripts/lib/mh_send.py
CYCLES=50
RELOADS=5
if [ "${OMIPV6_SOAK:-0}" = 1 ]; then
	CYCLES=100
	RELOADS=10
elif [ "$OMIPV6_KIND" = debug ]; then
	CYCLES=4	# about 38 s each
	RELOADS=2
fi
LIVE="live1 live2 live3"
HOME_ADDR=2001:db8:1::100
HA=2001:db8:1::1
CNS="2001:db8:c::1 2001:db8:c::2 2001:db8:c::3"
KEY=$(printf '%02x' $(seq 32))	# 32 octets

# Each property is checked every time and asserted once, as a count.
declare -A OK BAD
tally() {
	local k=$1
	shift
	if "$@"; then
		OK[$k]=$((${OK[$k]:-0} + 1))
	else
		BAD[$k]="${BAD[$k]:-} $where"
		echo "$k failed at $where"
	fi
}
report() {	# NAME EXPECTED_COUNT
	local got=${OK[$1]:-0}
	if [ "$got" = "$2" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$got of $2 passed; failed at:${BAD[$1]:-}"
	fi
}

# load NS: the /proc/net/omipv6 records and the rekey_interval sysctl
# of NS, read by one process (forks are slow in the guest), into S as
# S[record.key]=value and S[rekey]=value.
declare -A S
load() {
	local out rec rest kv
	S=()
	out=$(nsx "$1" cat /proc/net/omipv6 \
		/proc/sys/net/omipv6/rekey_interval 2>&1) || return 1
	while read -r rec rest; do
		if [ -z "$rest" ]; then
			S[rekey]=$rec	# the sysctl, read last
			continue
		fi
		for kv in $rest; do
			[ "$kv" != "${kv#*=}" ] && S[$rec.${kv%%=*}]=${kv#*=}
		done
	done <<<"$out"
}
is() {	# KEY VALUE: S[KEY] is VALUE
	[ "${S[$1]:-}" = "$2" ]
}
counters_zero() {	# every rx, tx and drop counter in S is 0
	local k n=0
	for k in "${!S[@]}"; do
		case $k in
		rx.* | tx.* | drop.*)
			[ "${S[$k]}" = 0 ] || return 1
			n=$((n + 1)) ;;
		esac
	done
	[ "$n" -gt 0 ]
}

# setup NS: the full configuration, in one process inside NS.
setup() {
	local cmds="set -e
echo 1 >/proc/sys/net/omipv6/cn
echo 1 >/proc/sys/net/omipv6/mn
echo 60 >/proc/sys/net/omipv6/rekey_interval
$CLI set home $HOME_ADDR ha $HA spi 300 key $KEY" cn
	for cn in $CNS; do
		cmds+="
$CLI cn add $cn"
	done
	nsx "$1" sh -c "$cmds"
}

# send_brr NETNS SRC DST: the mh_send.py server sends one valid BRR.
send_brr() {
	local line ok=1
	echo "$1 $2 $3 brr" 2>/dev/null >&3 || return 1
	while read -r -t 300 -u 4 line; do
		case $line in
		done) break ;;
		"sent brr "*) ok=0 ;;
		*) echo "mh_send: $line"; ok=1 ;;
		esac
	done
	return "$ok"
}

# received NS: load NS once the BRR has been counted (~10 s at most).
received() {
	local i
	for ((i = 0; i < 50; i++)); do
		load "$1"
		is drop.mn_unexpected 1 && break
		sleep 0.2
	done
}

# What setup and one BRR leave behind, and what a new namespace has.
full_roles() { is roles.mn 1 && is roles.ha 0 && is roles.cn 1; }
full_rekey() { is rekey 60; }
full_addrs() {
	is config.home "$HOME_ADDR" && is config.ha "$HA" && is config.spi 300
}
full_key() { is config.mnha_key set; }
full_cns() { is config.cns 3; }
# The mobile node role takes the BRR and drops it: it names no
# correspondent node the namespace is bound to.
full_rx() { is rx.brr 1 && is drop.mn_unexpected 1; }
full_state() {
	full_roles && full_rekey && full_addrs && full_key && full_cns &&
		full_rx
}
defaults() {
	is roles.mn 0 && is roles.ha 0 && is roles.cn 0 && is rekey 3600 &&
		is config.home - && is config.ha - && is config.spi 0 &&
		is config.mnha_key unset && is config.cns 0 && counters_zero
}
ns_gone() {	# NAME...: ip netns knows none of them
	local ns
	for ns; do
		[ ! -e "/run/netns/$ns" ] || return 1
	done
}
proc_gone() {
	nsx "$1" sh -c '! test -e /proc/net/omipv6 &&
		! test -e /proc/sys/net/omipv6'
}

tmp=$(mktemp -d)
modprobe -q veth 2>/dev/null || true
t_assert insmod mod_load

# One python process (scapy starts slowly) sends every BRR, entering
# the sending namespace per request.  Should it die, writing to it
# must fail rather than kill this script.
trap '' PIPE
mkfifo "$tmp/in" "$tmp/out"
python3 "$SEND" --serve <"$tmp/in" >"$tmp/out" 2>"$tmp/mh_send.err" &
mh_pid=$!
exec 3>"$tmp/in" 4<"$tmp/out"

start=$SECONDS
for cycle in $(seq $CYCLES); do
	where=$cycle
	tally churn-netns-created ip -b - <<-EOF
		netns add churn-a
		netns add churn-b
		link add ch-a netns churn-a type veth peer name ch-b netns churn-b
	EOF
	load churn-a
	tally churn-new-netns-has-defaults defaults
	tally churn-setup-succeeds setup churn-a
	tally churn-link-up ip -n churn-a -b - <<-EOF
		link set lo up
		addr add 2001:db8:77::1/64 dev ch-a nodad
		link set ch-a up
	EOF
	ip -n churn-b -b - <<-EOF
		link set lo up
		addr add 2001:db8:77::2/64 dev ch-b nodad
		link set ch-b up
	EOF
	tally churn-brr-sent send_brr churn-b 2001:db8:77::2 2001:db8:77::1
	received churn-a
	tally churn-roles-set full_roles
	tally churn-rekey-60 full_rekey
	tally churn-home-ha-spi-set full_addrs
	tally churn-mnha-key-set full_key
	tally churn-cns-3 full_cns
	tally churn-rx-brr-1 full_rx
	ip -b - <<-EOF
		netns del churn-a
		netns del churn-b
	EOF
	tally churn-netns-destroyed ns_gone churn-a churn-b
done
echo "churn: $CYCLES cycles in $((SECONDS - start)) s"
for k in churn-netns-created churn-new-netns-has-defaults \
	 churn-setup-succeeds churn-link-up churn-brr-sent churn-roles-set \
	 churn-rekey-60 churn-home-ha-spi-set churn-mnha-key-set \
	 churn-cns-3 churn-rx-brr-1 churn-netns-destroyed; do
	report "$k" $CYCLES
done

# Three namespaces in a ring of veth links; liveK reaches the next one
# over 2001:db8:7K::/64 (::1 at liveK, ::2 at the next).
for k in 1 2 3; do
	ip netns add live$k
done
for k in 1 2 3; do
	n=$((k % 3 + 1))
	ip link add r$k-a netns live$k type veth peer name r$k-b netns live$n
	ip -n live$k addr add 2001:db8:7$k::1/64 dev r$k-a nodad
	ip -n live$n addr add 2001:db8:7$k::2/64 dev r$k-b nodad
	ip -n live$k link set r$k-a up
	ip -n live$n link set r$k-b up
	ip -n live$k link set lo up
done

start=$SECONDS
for r in $(seq $RELOADS); do
	for k in 1 2 3; do
		where=reload$r/live$k
		p=$(((k + 1) % 3 + 1))	# the namespace before liveK
		tally reload-setup-succeeds setup live$k
		tally reload-brr-sent send_brr live$p 2001:db8:7$p::1 \
			2001:db8:7$p::2
		received live$k
		tally reload-full-state-before-rmmod full_state
	done
	where=reload$r
	tally rmmod-with-live-state mod_unload
	tally rmmod-unloads eval '! mod_loaded'
	for k in 1 2 3; do
		where=reload$r/live$k
		tally proc-gone-after-rmmod proc_gone live$k
	done
	where=reload$r
	tally reinsmod mod_load
	for k in 1 2 3; do
		where=reload$r/live$k
		load live$k
		tally defaults-after-reload defaults
	done
done
echo "reload: $RELOADS rounds in $((SECONDS - start)) s"
report reload-setup-succeeds $((RELOADS * 3))
report reload-brr-sent $((RELOADS * 3))
report reload-full-state-before-rmmod $((RELOADS * 3))
report rmmod-with-live-state $RELOADS
report rmmod-unloads $RELOADS
report proc-gone-after-rmmod $((RELOADS * 3))
report reinsmod $RELOADS
report defaults-after-reload $((RELOADS * 3))

exec 3>&- 4<&-
wait "$mh_pid"
t_eq mh-send-server-exit-status $? 0
for ns in $LIVE; do
	ip netns del "$ns"
done
t_assert rmmod mod_unload
rm -rf "$tmp"
exit 0
