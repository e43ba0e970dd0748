#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# /proc/net/omipv6: record order and key lists, zeroed and per-netns
# counters, the config summary and its isolation, world readability, and
# that the MN-HA key shows up nowhere: not here, not in show, not in dmesg.
. "$OMIPV6_REPO/scripts/lib/test.sh"

# The documented interface (omipv6_proc.c; names from omipv6_stats.c).
# binding lines follow event, one per binding; none here (no binding).
REC_ORDER="version roles config rx tx drop event"
DROP_KEYS=(truncated len_mismatch csum payload_proto hdrlen_short
	opt_truncated opt_len opt_align opt_not_last opt_forbidden opt_duplicate
	omi_subtype omi_version omi_group omi_len no_role ti_hao bu_addr
	bu_no_auth bu_auth internal ha_auth mn_unexpected mn_auth omi_ratelimit
	omi_busy omi_sig omi_mac omi_unexpected omi_pub omi_stale sa_auth sa_replay sa_opt)
EVENT_KEYS=(ba_accepted ba_seq ba_expired_home ba_expired_coa
	ba_expired_nonces ba_other be_unknown_type be_unknown_hao be_ratelimited
	bind_add bind_update bind_del bind_expire kcn_regen ha_reg ha_refresh
	ha_dereg ha_expire mn_move mn_home mn_retx mn_ha_bound mn_cn_bound
	mn_ba_rejected mn_fallback mn_rs tun_encap tun_decap tun_error omi_dh1_sent
	omi_sa_up omi_rekey omi_abort_mitm omi_abort_timeout omi_unsupported)
declare -A KEYS=(
	[roles]="mn ha cn"
	[config]="home ha spi mnha_key cns"
	[rx]="brr hoti coti hot cot bu ba be exp other"
	[tx]="brr hoti coti hot cot bu ba be exp other"
	[drop]="${DROP_KEYS[*]}"
	[event]="${EVENT_KEYS[*]}"
)
CONFIG_EMPTY="config home=- ha=- spi=0 mnha_key=unset cns=0"

# A recognisable 32-byte key.
KEY_HEX=c35a9e17d4b20f6c81a357e92bc4f0167d38a5e24c91b60f3ea8d17509cb62f4
[ ${#KEY_HEX} -eq 64 ] || { echo "bad KEY_HEX" >&2; exit 1; }

tmp=$(mktemp -d)

# keys_of NS REC: the keys of REC's line(s), space separated, one line
# per record line; a field without "=" shows as <field>.
keys_of() {
	nsx "$1" cat /proc/net/omipv6 | awk -v rec="$2" '$1 == rec {
		s = ""
		for (i = 2; i <= NF; i++) {
			n = index($i, "=")
			s = s (i > 2 ? " " : "") (n ? substr($i, 1, n - 1) : "<" $i ">")
		}
		print s
	}'
}

# counters NS: "REC.KEY=VALUE" for every counter on rx, tx, drop, event.
counters() {
	nsx "$1" cat /proc/net/omipv6 | awk '$1 == "rx" || $1 == "tx" ||
		$1 == "drop" || $1 == "event" {
		for (i = 2; i <= NF; i++) print $1 "." $i
	}'
}

# counters_zero NAME NS: every counter is present and reads 0.
counters_zero() {
	local bad n
	n=$(counters "$2" | wc -l)
	bad=$(counters "$2" | grep -v '=0$' | tr '\n' ' ')
	# rx and tx have 10 counters each.
	if [ "$n" -eq $((20 + ${#DROP_KEYS[@]} + ${#EVENT_KEYS[@]})) ] &&
		[ -z "$bad" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$n counters, non-zero: ${bad:-none}"
	fi
}

# counters_sum NS: sum of all rx, tx and drop counters.
counters_sum() {
	counters "$1" | awk -F= '{ s += $2 } END { print s + 0 }'
}

# send_brr NS: send one well-formed Binding Refresh Request to ::1, which
# the module counts (rx brr, drop no_role) in NS.
send_brr() {
	nsx "$1" python3 -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, 135)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_CHECKSUM, 4)
s.sendto(bytes([59, 0, 0, 0, 0, 0, 0, 0]), ("::1", 0))
'
}

# has_key FILE: exit 0 when any 8-byte window of the key appears in FILE
# as raw bytes, as hex in either case (optionally one separator between
# bytes, as %*ph or %pM-style output would have), or escaped the way
# /dev/kmsg escapes non-printable bytes.
has_key() {
	python3 - "$1" "$KEY_HEX" <<'EOF'
import re, sys
data = open(sys.argv[1], 'rb').read()
low = data.lower()
key = bytes.fromhex(sys.argv[2])
for i in range(len(key) - 7):
    w = key[i:i + 8]
    kmsg = ''.join(chr(b) if 32 <= b < 127 and b != 92 else '\\x%02x' % b
                   for b in w).encode().lower()
    hexre = rb'[^0-9a-f]?'.join(b'%02x' % b for b in w)
    if w in data or kmsg in low or re.search(hexre, low):
        sys.exit(0)
sys.exit(1)
EOF
}

# no_key NAME FILE
no_key() {
	if has_key "$2"; then
		t_fail "$1" "key material found in $2"
	else
		t_ok "$1"
	fi
}

# The leak probe itself must find the key in each form it looks for.
probe_ok=1
printf 'x%sy' "$KEY_HEX" >"$tmp/p1"
printf '%s\n' "${KEY_HEX^^}" >"$tmp/p2"
printf '%s\n' "${KEY_HEX:10:16}" | sed 's/../& /g' >"$tmp/p3"
printf '%s' "${KEY_HEX:20:20}" | xxd -r -p >"$tmp/p4"
python3 -c 'import sys; k = bytes.fromhex(sys.argv[1]); print("".join(chr(b) if 32 <= b < 127 else "\\x%02x" % b for b in k))' \
	"$KEY_HEX" >"$tmp/p5"
printf 'c35a9e17d4b20f6c' | sed 's/c/d/' >"$tmp/p6"	# not the key
for f in p1 p2 p3 p4 p5; do
	has_key "$tmp/$f" || probe_ok=0
done
has_key "$tmp/p6" && probe_ok=0
t_eq leak-probe-self-test "$probe_ok" 1

t_assert insmod mod_load
ip netns add pa
ip netns add pb
ip -n pa link set lo up

# Layout: records in order, keys exactly as documented.
for ns in - pa; do
	sfx=${ns/-/init}
	t_eq "record-order-$sfx" \
		"$(nsx "$ns" cat /proc/net/omipv6 | awk '{ print $1 }' | tr '\n' ' ')" \
		"$REC_ORDER "
	t_eq "version-$sfx" "$(nsx "$ns" grep '^version' /proc/net/omipv6)" \
		"version 1"
	for rec in roles config rx tx drop event; do
		t_eq "keys-$rec-$sfx" "$(keys_of "$ns" "$rec")" "${KEYS[$rec]}"
	done
	bad=$(nsx "$ns" grep -Evn '^[a-z]+( [a-z][a-z0-9_]*=[^ =]+)+$' /proc/net/omipv6 |
		grep -v '^1:version [0-9]*$')
	t_eq "well-formed-$sfx" "$bad" ""
	t_eq "config-empty-$sfx" "$(nsx "$ns" grep '^config' /proc/net/omipv6)" \
		"$CONFIG_EMPTY"
done
counters_zero counters-zero-new-netns pa

# Counters are per netns: traffic in pa shows only there, and a netns
# made afterwards starts from zero.
send_brr pa
sleep 0.2
t_eq counted-rx-brr "$(proc_field pa rx brr)" 1
t_eq counted-drop-no-role "$(proc_field pa drop no_role)" 1
t_eq counted-sum "$(counters_sum pa)" 2
counters_zero counters-zero-other-netns pb
ip netns add pc
counters_zero counters-zero-netns-after-traffic pc

# File mode and an unprivileged reader.
t_eq proc-mode "$(stat -c %a /proc/net/omipv6)" 444
t_eq proc-owner "$(stat -c %u /proc/net/omipv6)" 0
nobody_read() {
	nsx "$1" setpriv --reuid=65534 --regid=65534 --clear-groups \
		cat /proc/net/omipv6
}
t_assert nonroot-read nobody_read pa >/dev/null
t_eq nonroot-read-same "$(nobody_read pa 2>&1)" \
	"$(nsx pa cat /proc/net/omipv6)"
t_refute nonroot-write-refused setpriv --reuid=65534 --regid=65534 \
	--clear-groups bash -c ': >/proc/net/omipv6' 2>/dev/null

# The config line follows what omipv6ctl sets, per netns.
t_assert cli-set nsx pa "$CLI" set home 2001:db8:1::100 ha 2001:db8:1::1 \
	spi 4660 key "$KEY_HEX"
t_eq config-set "$(nsx pa grep '^config' /proc/net/omipv6)" \
	"config home=2001:db8:1::100 ha=2001:db8:1::1 spi=4660 mnha_key=set cns=0"
t_assert cli-cn-add-1 nsx pa "$CLI" cn add 2001:db8:c::1
t_assert cli-cn-add-2 nsx pa "$CLI" cn add 2001:db8:c::2
t_assert cli-cn-add-3 nsx pa "$CLI" cn add 2001:db8:c::3
t_eq config-cns-3 "$(proc_field pa config cns)" 3
t_assert cli-cn-del nsx pa "$CLI" cn del 2001:db8:c::2
t_eq config-cns-2 "$(proc_field pa config cns)" 2
t_assert cli-set-home-clear nsx pa "$CLI" set home ::
t_eq config-home-cleared "$(proc_field pa config home)" -
t_eq config-ha-kept "$(proc_field pa config ha)" 2001:db8:1::1
t_assert cli-set-spi nsx pa "$CLI" set spi 0xffffffff
t_eq config-spi-max "$(proc_field pa config spi)" 4294967295
t_assert cli-set-pb nsx pb "$CLI" set ha 2001:db8:2::1 spi 256
t_eq config-pb "$(nsx pb grep '^config' /proc/net/omipv6)" \
	"config home=- ha=2001:db8:2::1 spi=256 mnha_key=unset cns=0"
t_eq config-pa-after-pb "$(nsx pa grep '^config' /proc/net/omipv6)" \
	"config home=- ha=2001:db8:1::1 spi=4294967295 mnha_key=set cns=2"
t_eq config-init-untouched "$(grep '^config' /proc/net/omipv6)" \
	"$CONFIG_EMPTY"
t_eq config-pc-untouched "$(nsx pc grep '^config' /proc/net/omipv6)" \
	"$CONFIG_EMPTY"
t_assert cli-cn-flush nsx pa "$CLI" cn flush
t_eq config-cns-flushed "$(proc_field pa config cns)" 0

# No key material anywhere it could be read back.  Reset the key (same
# bytes) and read everything after that.
t_assert cli-set-key-again nsx pa "$CLI" set key "$KEY_HEX"
nsx pa cat /proc/net/omipv6 >"$tmp/proc"
nobody_read pa >"$tmp/proc-nobody" 2>&1
nsx pa "$CLI" show >"$tmp/show" 2>&1
dmesg >"$tmp/dmesg" 2>&1
t_match show-says-key-set "$(cat "$tmp/show")" '^mnha_key set$'
t_match proc-says-key-set "$(cat "$tmp/proc")" ' mnha_key=set '
t_assert dmesg-readable test -s "$tmp/dmesg"
no_key no-key-in-proc "$tmp/proc"
no_key no-key-in-proc-nonroot "$tmp/proc-nobody"
no_key no-key-in-show "$tmp/show"
no_key no-key-in-dmesg "$tmp/dmesg"

t_assert rmmod mod_unload
ip netns del pa
ip netns del pb
ip netns del pc
rm -rf "$tmp"
exit 0
