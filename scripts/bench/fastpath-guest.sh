#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of scripts/bench-fastpath.sh, run by scripts/guest/main.sh
# on the stock kernel with omipv6.ko built with OMIPV6_BENCH=1 and
# tools/bugen built.  Runs the four fast-path benchmarks through the
# module's debugfs files (include/omipv6_bench.h) and writes their
# figures as key=value lines to $OMIPV6_RESULTS/fastpath.kv:
#
#   verify.N.*  the CN's BU path against a bare HMAC-SHA256, N SAs
#   mem.*       memory per SA and per binding
#   dh.*        X25519 against ffdhe2048, key pair + shared secret
#   tput.*      BUs from tools/bugen over a veth to a CN namespace
#
# One TAP line per figure that was produced.  OMIPV6_BENCH_ARGS (from
# guest.env) holds "--smoke" for tiny runs (1 and 100 SAs) that only
# show that every figure comes out.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_RESULTS/guest.env"

KV=$OMIPV6_RESULTS/fastpath.kv
: >"$KV"
BUGEN=$OMIPV6_REPO/tools/bugen/bugen
# Benchmark keys only: Kabm_i = HMAC-SHA256(SEED, HoA_i).
SEED=6f6d697076362066617374706174682062656e6368206b657920736565642121
CN=2001:db8:c::1
HOA0=2001:db8:aa::1
COA0=2001:db8:bb::1

if [[ " ${OMIPV6_BENCH_ARGS:-} " == *" --smoke "* ]]; then
	MODE=smoke
	SIZES="1 100"
	ITERS=200 BLOCK=50
	MEM_SAS=100 MEM_BIND=100
	DH_X=2 DH_F=2
	MNS=100 ROUNDS=2
else
	MODE=full
	SIZES="1 10000 1000000"
	ITERS=100000 BLOCK=1000
	MEM_SAS=262144 MEM_BIND=16384
	DH_X=200 DH_F=20
	MNS=10000 ROUNDS=10
fi

kv() {	# key value
	echo "$1=$2" >>"$KV"
}

# run FILE ARGS...: one benchmark in debugfs directory $DIR; its
# results, prefixed with PREFIX., go to the kv file.  Fails on an error.
run() {
	local file=$1 prefix=$2 out
	shift 2
	if ! { echo "$*" >"$DIR/$file"; } 2>/dev/null; then
		t_fail "$prefix" "writing '$*' to $file failed: $(cat "$DIR/$file")"
		return 1
	fi
	out=$(cat "$DIR/$file")
	echo "$out" | sed "s/^/$prefix./" >>"$KV"
	echo "$out" | sed "s/^/# $prefix /"
}

# need PREFIX KEY...: each key is in the kv file with a number.
need() {
	local p=$1 k v
	shift
	for k in "$@"; do
		v=$(sed -n "s/^$p\.$k=//p" "$KV" | tail -n1)
		if [[ "$v" =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; then
			t_ok "$p.$k"
		else
			t_fail "$p.$k" "missing or not a number: '$v'"
		fi
	done
}

settle() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
}

# Octets in slab objects (all caches) and octets not free.
slab_bytes() { awk 'NR > 2 { s += $2 * $4 } END { printf "%d\n", s }' /proc/slabinfo; }
used_bytes() { awk '/^MemTotal:/ { t = $2 } /^MemFree:/ { f = $2 } END { printf "%d\n", (t - f) * 1024 }' /proc/meminfo; }

# grown NAME ARGS: setup ARGS, then the growth of slab objects (G) and
# of memory not free (U) it caused, after which it is freed again.
grown() {
	local s0 u0
	settle
	s0=$(slab_bytes)
	u0=$(used_bytes)
	run setup "$1" "$2"
	settle
	G=$(($(slab_bytes) - s0))
	U=$(($(used_bytes) - u0))
	run setup "$1" sas=0
}

# kvget KEY: the last value of KEY in the kv file, 0 when absent.
kvget() {
	local v
	v=$(sed -n "s/^$1=//p" "$KV" | tail -n1)
	echo "${v:-0}"
}

mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
mod_load || { t_fail load "insmod failed"; exit 0; }
DIR=/sys/kernel/debug/omipv6/$(stat -L -c %i /proc/self/ns/net)
if [ ! -e "$DIR/verify" ]; then
	t_fail load "no $DIR/verify: not a benchmark build?"
	exit 0
fi
kv mode "$MODE"
kv guest.cpus "$(nproc)"
kv guest.mem_mb "$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)"

# 1. BU verification cost ratio at each table size.
for n in $SIZES; do
	run setup "verify.$n.setup" sas=0
	settle
	u0=$(used_bytes)
	run setup "verify.$n.setup" "sas=$n ws=16384 seed=$SEED" || continue
	settle
	kv "verify.$n.setup_mb" $((($(used_bytes) - u0) / 1048576))
	run verify "verify.$n" "iters=$ITERS block=$BLOCK"
	need "verify.$n" path_ns hmac_ns ratio ratio_prekeyed accepted
	acc=$(kvget "verify\\.$n\\.accepted")
	t_eq "verify.$n.all_accepted" "$acc" "$ITERS"
done
run setup verify.done sas=0

# 2. Memory: SAs alone (slab objects, and the hash table's bucket
# array, which setup reports), then bindings (slab objects, and their
# table's bucket array) on top of as many SAs.  Free memory is only a
# cross-check: SLUB reuses the slabs the 1M-SA run left behind without
# taking pages from the free list.
grown mem.sa "sas=$MEM_SAS ws=0 seed=$SEED"
sa_slab=$((G / MEM_SAS))
sa_free=$((U / MEM_SAS))
sa_buckets=$(($(kvget 'mem\.sa\.bucket_bytes') / MEM_SAS))
sa=$((sa_slab + sa_buckets))
grown mem.bind0 "sas=$MEM_BIND ws=0 seed=$SEED"
g0=$G
grown mem.bind "sas=$MEM_BIND ws=$MEM_BIND seed=$SEED"
# The binding cache's bucket array grows with it and is not a slab
# object once it passes a page.
bind_buckets=$((($(kvget 'mem\.bind\.bc_bucket_bytes') -
	$(kvget 'mem\.bind0\.bc_bucket_bytes')) / MEM_BIND))
bind=$(((G - g0) / MEM_BIND + bind_buckets))
kv mem.sas "$MEM_SAS"
kv mem.bindings "$MEM_BIND"
kv mem.sa_bytes "$sa"
kv mem.sa_slab_bytes "$sa_slab"
kv mem.sa_bucket_bytes "$sa_buckets"
kv mem.sa_free_bytes "$sa_free"
kv mem.binding_bytes "$bind"
kv mem.binding_bucket_bytes "$bind_buckets"
kv mem.per_entry_bytes $((sa + bind))
need mem sa_bytes sa_slab_bytes sa_bucket_bytes binding_bytes per_entry_bytes

# 3. DH: X25519 against ffdhe2048.
modprobe -q curve25519 2>/dev/null
run dh dh "x25519=$DH_X ffdhe=$DH_F"
need dh x25519_us ffdhe2048_us ratio

# 4. Throughput: bugen in netns gen, CN in netns cn, over a veth.
if "$BUGEN" --selftest >/dev/null; then
	t_ok tput.bugen_selftest
else
	t_fail tput.bugen_selftest "HMAC-SHA256 self-test"
fi
modprobe -q veth 2>/dev/null || true
modprobe -q xfrm_user 2>/dev/null || true
ip netns add cn
ip netns add gen
ip link add veth0 netns gen type veth peer name veth1 netns cn
for ns in cn gen; do
	nsx "$ns" ip link set lo up
done
nsx cn ip addr add "$CN/64" dev veth1 nodad
nsx gen ip addr add 2001:db8:c::2/64 dev veth0 nodad
nsx cn ip link set veth1 up
nsx gen ip link set veth0 up
nsx cn sysctl -qw net.omipv6.cn=1
CNDIR=/sys/kernel/debug/omipv6/$(stat -L -c %i /run/netns/cn)
# With two CPUs or more the generator runs on CPU 0 and the CN's
# receive processing (RPS) and the work it queues on CPU 1, so CPU 1's
# busy time is the CN's.
cpus=$(nproc)
GEN_CPU=0 CN_CPU=1 rps=0
if [ "$cpus" -ge 2 ] &&
	ip netns exec cn sh -c 'echo 2 >/sys/class/net/veth1/queues/rx-0/rps_cpus'; then
	rps=1
fi
kv tput.rps "$rps"
kv tput.mns "$MNS"
kv tput.rounds "$ROUNDS"
DIR=$CNDIR run install tput.install "sas=$MNS seed=$SEED hoa=$HOA0 cn=$CN"

# cn_counts: accepted BUs (bindings added or refreshed), BUs received
# and drops at the CN, in ACC RX DROPS.
cn_counts() {
	local out
	out=$(nsx cn cat /proc/net/omipv6 | grep -E '^(rx|drop|event) ')
	ACC=$(echo "$out" | awk '/^event / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "bind_add" || kv[1] == "bind_update") s += kv[2] } } END { print s + 0 }')
	RX=$(echo "$out" | awk '/^rx / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "bu") print kv[2] } }')
	DROPS=$(echo "$out" | awk '/^drop / { for (i = 2; i <= NF; i++) { split($i, kv, "="); s += kv[2] } } END { print s + 0 }')
}

# cpu_busy CPU: its busy time in USER_HZ ticks, then its softirq and
# system ticks, from /proc/stat.
cpu_busy() {
	awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $7 + $8 + $9, $8, $4 }' /proc/stat
}

backlog_drops() {	# netif_rx backlog drops, all CPUs (softnet_stat column 2)
	local _ b rest s=0
	while read -r _ b rest; do
		s=$((s + 16#$b))
	done </proc/net/softnet_stat
	echo "$s"
}

# Warm-up: one BU per mobile node makes the bindings (and their xfrm
# states); then the timed rounds refresh them.  The neighbour entry
# first: packets queued behind an unresolved one are mostly dropped.
nsx gen ping -6 -c 2 -W 5 "$CN" >/dev/null || echo "# no ping reply from the CN"
settle
w0=$(slab_bytes)
nsx gen taskset -c "$GEN_CPU" "$BUGEN" --cn "$CN" --hoa "$HOA0" --coa "$COA0" \
	--seed "$SEED" --mns "$MNS" --rounds 1 --first-seq 1 --rate 2000 >/dev/null
sleep 1
cn_counts
WARM=$ACC
# xfrm_ready: the CN made the states of every binding (two each).
xfrm_ready() {
	local n
	n=$(nsx cn ip xfrm state count | awk '{ print $NF }')
	[ -z "$n" ] || [ "$n" -ge $((2 * WARM)) ]
}
t0=$(date +%s)
while ! xfrm_ready && [ $(($(date +%s) - t0)) -lt 300 ]; do
	sleep 2
done
kv tput.warmup_s $(($(date +%s) - t0))
kv tput.xfrm_states "$(nsx cn ip xfrm state count | awk '{ print $NF }')"
# A binding in a real CN namespace with its xfrm states, per MN.
settle
kv tput.slab_per_binding_xfrm $((($(slab_bytes) - w0) / MNS))
kv tput.warmup_accepted "$WARM"
sleep 2

# tput_run TAG FIRST_SEQ [RATE]: one timed run, figures under tput.TAG.
tput_run() {
	local tag=$1 first=$2 rate=${3:-0} acc0 rx0 dr0 b0 b1 bl0 out hz secs acc
	hz=$(getconf CLK_TCK)
	cn_counts
	acc0=$ACC rx0=$RX dr0=$DROPS
	bl0=$(backlog_drops)
	read -r -a b0 <<<"$(cpu_busy "$CN_CPU")"
	out=$(nsx gen taskset -c "$GEN_CPU" "$BUGEN" --cn "$CN" --hoa "$HOA0" \
		--coa "$COA0" --seed "$SEED" --mns "$MNS" --rounds "$ROUNDS" \
		--first-seq "$first" --rate "$rate")
	sleep 1	# the backlog drains
	read -r -a b1 <<<"$(cpu_busy "$CN_CPU")"
	cn_counts
	echo "$out" | sed "s/^/tput.$tag./" >>"$KV"
	secs=$(echo "$out" | sed -n 's/^seconds=//p')
	acc=$((ACC - acc0))
	kv "tput.$tag.accepted" "$acc"
	kv "tput.$tag.cn_rx_bu" $((RX - rx0))
	kv "tput.$tag.cn_drops" $((DROPS - dr0))
	kv "tput.$tag.backlog_drops" $(($(backlog_drops) - bl0))
	awk -v a="$acc" -v s="$secs" -v h="$hz" -v b="$((b1[0] - b0[0]))" \
		-v q="$((b1[1] - b0[1]))" -v y="$((b1[2] - b0[2]))" -v t="$tag" 'BEGIN {
		printf "tput.%s.accepted_pps=%.1f\n", t, (s > 0 ? a / s : 0)
		printf "tput.%s.cn_cpu_s=%.2f\n", t, b / h
		printf "tput.%s.cn_softirq_s=%.2f\n", t, q / h
		printf "tput.%s.cn_sys_s=%.2f\n", t, y / h
		printf "tput.%s.cn_cpu_util=%.3f\n", t, (s > 0 ? b / h / s : 0)
		printf "tput.%s.cn_us_per_bu=%.1f\n", t, (a > 0 ? b / h * 1e6 / a : 0)
	}' >>"$KV"
	need "tput.$tag" offered_pps accepted_pps cn_cpu_s cn_us_per_bu
}

tput_run max 2
half=$(sed -n 's/^tput\.max\.accepted_pps=//p' "$KV" | awk '{ printf "%d\n", $1 / 2 }')
if [ "${half:-0}" -ge 10 ]; then
	tput_run half $((2 + ROUNDS)) "$half"
else
	t_fail tput.half "no full-rate figure to halve"
fi

nsx cn sysctl -qw net.omipv6.cn=0
DIR=$CNDIR run install tput.flush sas=0
t_ok finished
exit 0
