#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The omipv6 generic netlink family through omipv6ctl and raw messages:
# set/show round trip, every rejection with its extack text and no state
# change, CAP_NET_ADMIN for changes, per-netns config, write-only key;
# the same for the home agent's mobile node list (mn add/del/flush/show).
# shellcheck disable=SC2317 # helpers are called through t_assert/t_refute
# weight: 900
. "$OMIPV6_REPO/scripts/lib/test.sh"

GENL_DUMP=(python3 "$OMIPV6_REPO/scripts/lib/genl_dump.py")
KEY_HEX=c35a9e17d4b20f6c81a357e92bc4f0167d38a5e24c91b60f3ea8d17509cb62f4
NL=$'\n'
SHOW_EMPTY="home -${NL}ha -${NL}spi 0${NL}mnha_key unset"
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups
	--inh-caps=-all --bounding-set=-all)

tmp=$(mktemp -d)

# hexbytes N [BYTE]: N bytes of BYTE (hex, default a5) as a hex string.
hexbytes() {
	local i s=
	for ((i = 0; i < $1; i++)); do
		s+=${2:-a5}
	done
	printf '%s' "$s"
}

# cli NS ARGS...: run omipv6ctl in NS; sets RC, OUT and ERR.
cli() {
	local ns=$1
	shift
	OUT=$(nsx "$ns" "$CLI" "$@" 2>"$tmp/err")
	RC=$?
	ERR=$(<"$tmp/err")
}

show() {
	nsx "$1" "$CLI" show 2>&1
}

# one_line_error NAME WANT: the last command exited 1, printed nothing on
# stdout and exactly the one line WANT on stderr.
one_line_error() {
	local n
	n=$(printf '%s' "$ERR" | grep -c '')
	if [ "$RC" -eq 1 ] && [ -z "$OUT" ] && [ "$n" -eq 1 ] &&
	   [ "$ERR" = "$2" ]; then
		t_ok "$1"
	else
		t_fail "$1" "status $RC, stdout '$OUT', stderr '$ERR', want '$2'"
	fi
}

# rejected NAME NS MSG ARGS...: omipv6ctl ARGS fails with "omipv6ctl: MSG"
# and the configuration shown afterwards is what it was before.
rejected() {
	local name=$1 ns=$2 msg=$3 before
	shift 3
	before=$(show "$ns")
	cli "$ns" "$@"
	one_line_error "$name" "omipv6ctl: $msg"
	t_eq "$name-unchanged" "$(show "$ns")" "$before"
}

# raw_rejected NAME NS MSG ARGS...: genl_dump.py ARGS fails with MSG as
# its one error line, and the configuration does not change.
raw_rejected() {
	local name=$1 ns=$2 msg=$3 before
	shift 3
	before=$(show "$ns")
	OUT=$(nsx "$ns" "${GENL_DUMP[@]}" "$@" 2>"$tmp/err")
	RC=$?
	ERR=$(<"$tmp/err")
	one_line_error "$name" "genl_dump: $msg"
	t_eq "$name-unchanged" "$(show "$ns")" "$before"
}

# raw_get NS FILE [PREFIX...]: GET_CONFIG with genl_dump.py, run under
# PREFIX (e.g. setpriv), raw replies into FILE.
raw_get() {
	local ns=$1 file=$2
	shift 2
	nsx "$ns" "$@" "${GENL_DUMP[@]}" >"$file"
}

# decode RAW TXT: decode the raw replies in RAW into TXT.
decode() {
	"${GENL_DUMP[@]}" --decode <"$1" >"$2"
}

# has_key FILE: exit 0 when any 8-byte window of the key appears in FILE
# as raw bytes or as hex in either case (bytes optionally separated).
has_key() {
	python3 - "$1" "$KEY_HEX" <<'EOF'
import re, sys
data = open(sys.argv[1], 'rb').read()
key = bytes.fromhex(sys.argv[2])
for i in range(len(key) - 7):
    w = key[i:i + 8]
    if w in data or re.search(rb'[^0-9a-f]?'.join(b'%02x' % b for b in w),
                              data.lower()):
        sys.exit(0)
sys.exit(1)
EOF
}

t_assert insmod mod_load
ip netns add na
ip netns add nb

# Round trip.
t_eq show-empty "$(show na)" "$SHOW_EMPTY"
t_assert set-addrs nsx na "$CLI" set home 2001:db8:1::100 ha 2001:db8:1::1 \
	spi 300
want="home 2001:db8:1::100${NL}ha 2001:db8:1::1${NL}spi 300${NL}mnha_key unset"
t_eq show-addrs "$(show na)" "$want"
t_assert cn-add-1 nsx na "$CLI" cn add 2001:db8:c::1
t_assert cn-add-2 nsx na "$CLI" cn add 2001:db8:c::2
t_eq show-cns "$(show na)" "$want${NL}cn 2001:db8:c::1${NL}cn 2001:db8:c::2"
t_assert cn-del-1 nsx na "$CLI" cn del 2001:db8:c::1
t_eq show-cn-del "$(show na)" "$want${NL}cn 2001:db8:c::2"
t_assert cn-add-1-again nsx na "$CLI" cn add 2001:db8:c::1
t_eq show-cn-readd "$(show na)" "$want${NL}cn 2001:db8:c::2${NL}cn 2001:db8:c::1"
t_assert cn-flush nsx na "$CLI" cn flush
t_eq show-cn-flush "$(show na)" "$want"
t_assert cn-flush-empty nsx na "$CLI" cn flush
t_assert set-spi-hex nsx na "$CLI" set spi 0x100
t_eq show-spi-hex "$(show na | grep '^spi')" "spi 256"
t_assert set-spi-max nsx na "$CLI" set spi 4294967295
t_eq show-spi-max "$(show na | grep '^spi')" "spi 4294967295"
t_assert set-ha-clear nsx na "$CLI" set ha ::
t_eq show-ha-clear "$(show na)" \
	"home 2001:db8:1::100${NL}ha -${NL}spi 4294967295${NL}mnha_key unset"
t_assert set-home-clear nsx na "$CLI" set home ::
t_eq show-home-clear "$(show na)" \
	"home -${NL}ha -${NL}spi 4294967295${NL}mnha_key unset"

# Rejections, from a known state without a key, so that a rejected key
# which got stored anyway shows as "mnha_key set".
t_assert set-base nsx na "$CLI" set home 2001:db8:1::100 ha 2001:db8:1::1 \
	spi 300
nsx na "$CLI" cn add 2001:db8:c::1
base=$(show na)
t_eq show-base "$base" "$want${NL}cn 2001:db8:c::1"
rejected spi-5 na "integer out of range" --raw set spi 5
rejected spi-255 na "integer out of range" --raw set spi 255
rejected key-1-byte na "binary attribute size out of range" --raw set key 00
rejected key-15-bytes na "binary attribute size out of range" \
	--raw set key "$(hexbytes 15)"
rejected key-65-bytes na "binary attribute size out of range" \
	--raw set key "$(hexbytes 65)"
rejected home-link-local na "address must be global unicast" set home fe80::1
rejected ha-multicast na "address must be global unicast" set ha ff02::1
rejected cn-loopback na "address must be global unicast" cn add ::1
rejected cn-unspecified na "address must be global unicast" cn add ::
rejected cn-link-local na "address must be global unicast" cn add fe80::2
for p in loopback=::1 v4mapped=::ffff:192.0.2.1 v4compat=::192.0.2.1 \
	site-local=fec0::1 multicast=ff0e::1; do
	rejected "home-${p%%=*}" na "address must be global unicast" \
		set home "${p#*=}"
done
rejected home-ok-ha-bad na "address must be global unicast" \
	set home 2001:db8::5 ha fe80::1
rejected home-ok-spi-bad na "integer out of range" \
	--raw set home 2001:db8::5 spi 5
rejected home-ok-key-bad na "binary attribute size out of range" \
	--raw set home 2001:db8::5 spi 400 key 00
rejected cn-duplicate na "correspondent node already configured" \
	cn add 2001:db8:c::1
rejected cn-del-missing na "no such correspondent node" cn del 2001:db8:c::9
t_eq show-after-rejects "$(show na)" "$base"

# Key length bounds that are accepted (16 and 64 bytes).
t_assert key-16-bytes nsx na "$CLI" set key "$(hexbytes 16)"
t_eq show-key-16 "$(show na | grep '^mnha_key')" "mnha_key set"
t_assert key-64-bytes nsx na "$CLI" set key "$(hexbytes 64)"
t_assert spi-256 nsx na "$CLI" set spi 256
t_eq show-spi-256 "$(show na | grep '^spi')" "spi 256"

# At most 64 correspondent nodes.
nsx na "$CLI" cn flush
# One shell in the namespace runs the 64 adds and counts the successes.
added=$(nsx na sh -c 'n=0
	for i in $(seq 64); do
		"$1" cn add "2001:db8:c::$(printf %x "$i")" && n=$((n + 1))
	done
	echo "$n"' sh "$CLI")
t_eq cn-add-64 "$added" 64
t_eq cn-64-shown "$(show na | grep -c '^cn ')" 64
rejected cn-65th na "too many correspondent nodes" cn add 2001:db8:d::1
t_eq cn-65th-count "$(show na | grep -c '^cn ')" 64
t_assert cn-del-after-full nsx na "$CLI" cn del 2001:db8:c::40
t_assert cn-add-after-del nsx na "$CLI" cn add 2001:db8:d::1
t_eq cn-last-is-new "$(show na | tail -n 1)" "cn 2001:db8:d::1"
t_assert cn-flush-64 nsx na "$CLI" cn flush
t_eq cn-flushed "$(show na | grep -c '^cn ')" 0

# Changes need CAP_NET_ADMIN; reading does not.
nsx na "$CLI" cn add 2001:db8:c::1
before=$(show na)
t_eq nobody-show "$(nsx na "${NOBODY[@]}" "$CLI" show 2>&1)" "$before"
OUT=$(nsx na "${NOBODY[@]}" "$CLI" set spi 300 2>"$tmp/err")
RC=$? ERR=$(<"$tmp/err")
one_line_error nobody-set-spi "omipv6ctl: Operation not permitted"
OUT=$(nsx na "${NOBODY[@]}" "$CLI" cn add 2001:db8:c::2 2>"$tmp/err")
RC=$? ERR=$(<"$tmp/err")
one_line_error nobody-cn-add "omipv6ctl: Operation not permitted"
OUT=$(nsx na "${NOBODY[@]}" "$CLI" cn flush 2>"$tmp/err")
RC=$? ERR=$(<"$tmp/err")
one_line_error nobody-cn-flush "omipv6ctl: Operation not permitted"
OUT=$(nsx na "${NOBODY[@]}" "${GENL_DUMP[@]}" --send-raw-attr 4 2c010000 2>"$tmp/err")
RC=$? ERR=$(<"$tmp/err")
one_line_error nobody-raw-set "genl_dump: error 1 (EPERM): -"
t_eq nobody-unchanged "$(show na)" "$before"
t_assert nobody-raw-get raw_get na "$tmp/nobody.bin" "${NOBODY[@]}"

# Per-netns configuration.
t_eq netns-b-empty "$(show nb)" "$SHOW_EMPTY"
t_eq netns-init-empty "$(show -)" "$SHOW_EMPTY"
t_assert netns-b-set nsx nb "$CLI" set home 2001:db8:2::100 spi 999
t_assert netns-b-cn nsx nb "$CLI" cn add 2001:db8:c::1
t_eq netns-a-unchanged "$(show na)" "$before"
t_eq netns-b-shown "$(show nb)" \
	"home 2001:db8:2::100${NL}ha -${NL}spi 999${NL}mnha_key unset${NL}cn 2001:db8:c::1"
t_assert netns-b-flush nsx nb "$CLI" cn flush
t_eq netns-a-cn-kept "$(show na | grep -c '^cn ')" 1

# The raw GET reply: MNHA_KEY_SET follows the key, the key never shows.
t_assert raw-get-nokey raw_get nb "$tmp/nb.bin"
t_assert raw-decode-nokey decode "$tmp/nb.bin" "$tmp/nb.txt"
t_assert raw-key-set-0 grep -qx 'attr 5 00' "$tmp/nb.txt"
t_assert set-test-key nsx na "$CLI" set key "$KEY_HEX"
t_assert raw-get raw_get na "$tmp/na.bin"
t_assert raw-decode decode "$tmp/na.bin" "$tmp/na.txt"
t_assert raw-key-set-1 grep -qx 'attr 5 01' "$tmp/na.txt"
t_assert raw-home grep -qx 'attr 1 20010db8000100000000000000000100' \
	"$tmp/na.txt"
t_assert raw-cn grep -qx 'attr 7.6 20010db8000c00000000000000000001' \
	"$tmp/na.txt"
t_assert raw-acked grep -qx 'error 0' "$tmp/na.txt"
t_refute raw-no-key-attr grep -q '^attr 3 ' "$tmp/na.txt"
printf '%s' "$KEY_HEX" | xxd -r -p >"$tmp/keyfile"
t_assert key-probe-sanity has_key "$tmp/keyfile"
t_refute raw-no-key-bytes has_key "$tmp/na.bin"

# What omipv6ctl cannot send: the policy rejects it all.
HOME99=20010db8000000000000000000000099
t_assert raw-set-ok nsx na "${GENL_DUMP[@]}" --send-raw-attr 1 "$HOME99"
t_eq raw-set-ok-shown "$(show na | grep '^home')" "home 2001:db8::99"
raw_rejected raw-unknown-attr na "error 22 (EINVAL): Unknown attribute type" \
	--send-raw-attr 99 00000000
raw_rejected raw-attr-0 na "error 22 (EINVAL): Unknown attribute type" \
	--send-raw-attr 0 00000000
raw_rejected raw-home-15 na \
	"error 34 (ERANGE): binary attribute size out of range" \
	--send-raw-attr 1 "${HOME99:0:30}"
raw_rejected raw-home-17 na \
	"error 34 (ERANGE): binary attribute size out of range" \
	--send-raw-attr 1 "${HOME99}00"
raw_rejected raw-key-set na \
	"error 22 (EINVAL): Attribute failed policy validation" \
	--send-raw-attr 5 01
raw_rejected raw-cn-list na \
	"error 22 (EINVAL): Attribute failed policy validation" \
	--send-raw-attr 7 "14000600${HOME99}"
raw_rejected raw-spi-short na "error 22 (EINVAL): invalid attribute length" \
	--send-raw-attr 4 0001
raw_rejected raw-no-attr na \
	"error 22 (EINVAL): no configuration attribute given" --cmd 2
raw_rejected raw-valid-plus-unknown na \
	"error 22 (EINVAL): Unknown attribute type" \
	--send-raw-attr 1 20010db8000000000000000000000077 \
	--send-raw-attr 99 00000000
t_eq raw-home-kept "$(show na | grep '^home')" "home 2001:db8::99"

# The home agent's mobile nodes.
HOA1=2001:db8:1::100
HOA1_HEX=20010db8000100000000000000000100
SPI300=2c010000
mn_show() {
	nsx "$1" "$CLI" mn show 2>&1
}

# mn_rejected NAME NS MSG ARGS...: omipv6ctl ARGS fails with
# "omipv6ctl: MSG" and neither the mobile node list nor the rest of the
# configuration changes.
mn_rejected() {
	local name=$1 ns=$2 msg=$3 before cfg
	shift 3
	before=$(mn_show "$ns")
	cfg=$(show "$ns")
	cli "$ns" "$@"
	one_line_error "$name" "omipv6ctl: $msg"
	t_eq "$name-unchanged" "$(mn_show "$ns")" "$before"
	t_eq "$name-config-unchanged" "$(show "$ns")" "$cfg"
}

# mn_raw_rejected NAME NS MSG ARGS...: the same through genl_dump.py.
mn_raw_rejected() {
	local name=$1 ns=$2 msg=$3 before
	shift 3
	before=$(mn_show "$ns")
	OUT=$(nsx "$ns" "${GENL_DUMP[@]}" "$@" 2>"$tmp/err")
	RC=$?
	ERR=$(<"$tmp/err")
	one_line_error "$name" "genl_dump: $msg"
	t_eq "$name-unchanged" "$(mn_show "$ns")" "$before"
}

t_eq mn-show-empty "$(mn_show na)" ""
t_assert mn-add nsx na "$CLI" mn add $HOA1 spi 300 key "$KEY_HEX"
t_eq mn-show-one "$(mn_show na)" "$HOA1 spi 300"
t_assert mn-add-replaces nsx na "$CLI" mn add $HOA1 key "$(hexbytes 16)" \
	spi 0x1f4
t_eq mn-show-replaced "$(mn_show na)" "$HOA1 spi 500"
t_assert mn-add-64-byte-key nsx na "$CLI" mn add 2001:db8:1::101 spi 256 \
	key "$(hexbytes 64)"
t_eq mn-show-two "$(mn_show na | sort)" \
	"$HOA1 spi 500${NL}2001:db8:1::101 spi 256"
mnbase=$(mn_show na)
mn_rejected mn-key-15-bytes na "binary attribute size out of range" \
	--raw mn add 2001:db8:1::102 spi 300 key "$(hexbytes 15)"
mn_rejected mn-key-65-bytes na "binary attribute size out of range" \
	--raw mn add 2001:db8:1::102 spi 300 key "$(hexbytes 65)"
mn_rejected mn-replace-short-key na "binary attribute size out of range" \
	--raw mn add $HOA1 spi 300 key 00
mn_rejected mn-spi-255 na "integer out of range" \
	--raw mn add 2001:db8:1::102 spi 255 key "$(hexbytes 16)"
mn_rejected mn-spi-0 na "integer out of range" \
	--raw mn add $HOA1 spi 0 key "$(hexbytes 16)"
for p in link-local=fe80::1 multicast=ff02::1 unspecified=:: loopback=::1 \
	v4mapped=::ffff:192.0.2.1 site-local=fec0::1; do
	mn_rejected "mn-hoa-${p%%=*}" na "address must be global unicast" \
		mn add "${p#*=}" spi 300 key "$(hexbytes 16)"
done
mn_rejected mn-del-unknown na "no such mobile node" mn del 2001:db8:1::999
mn_raw_rejected mn-raw-no-hoa na \
	"error 22 (EINVAL): home address, SPI and key are all required" \
	--cmd 6 --send-raw-attr 4 $SPI300 --send-raw-attr 3 "$(hexbytes 16)"
mn_raw_rejected mn-raw-no-key na \
	"error 22 (EINVAL): home address, SPI and key are all required" \
	--cmd 6 --send-raw-attr 1 20010db8000100000000000000000102 \
	--send-raw-attr 4 $SPI300
mn_raw_rejected mn-raw-no-spi na \
	"error 22 (EINVAL): home address, SPI and key are all required" \
	--cmd 6 --send-raw-attr 1 20010db8000100000000000000000102 \
	--send-raw-attr 3 "$(hexbytes 16)"
mn_raw_rejected mn-raw-coa-read-only na \
	"error 22 (EINVAL): Attribute failed policy validation" \
	--cmd 6 --send-raw-attr 1 20010db8000100000000000000000102 \
	--send-raw-attr 4 $SPI300 --send-raw-attr 3 "$(hexbytes 16)" \
	--send-raw-attr 8 $HOA1_HEX
mn_raw_rejected mn-raw-seq-read-only na \
	"error 22 (EINVAL): Attribute failed policy validation" \
	--cmd 6 --send-raw-attr 1 20010db8000100000000000000000102 \
	--send-raw-attr 4 $SPI300 --send-raw-attr 3 "$(hexbytes 16)" \
	--send-raw-attr 9 0100
mn_raw_rejected mn-raw-lifetime-read-only na \
	"error 22 (EINVAL): Attribute failed policy validation" \
	--cmd 7 --send-raw-attr 1 $HOA1_HEX --send-raw-attr 10 10000000
mn_raw_rejected mn-raw-del-no-hoa na \
	"error 22 (EINVAL): home address required" --cmd 7
mn_raw_rejected mn-raw-del-unknown na \
	"error 2 (ENOENT): no such mobile node" \
	--cmd 7 --send-raw-attr 1 20010db8000100000000000000000999
t_eq mn-after-rejects "$(mn_show na)" "$mnbase"
# Mobile nodes are per namespace, and changing them needs CAP_NET_ADMIN.
t_eq mn-netns-b-empty "$(mn_show nb)" ""
t_eq mn-nobody-show "$(nsx na "${NOBODY[@]}" "$CLI" mn show 2>&1)" "$mnbase"
for c in "mn-add:mn add 2001:db8:1::103 spi 300 key $(hexbytes 16)" \
	"mn-del:mn del $HOA1" "mn-flush:mn flush" "move:move"; do
	# shellcheck disable=SC2086 # the command is words
	OUT=$(nsx na "${NOBODY[@]}" "$CLI" ${c#*:} 2>"$tmp/err")
	RC=$? ERR=$(<"$tmp/err")
	one_line_error "nobody-${c%%:*}" "omipv6ctl: Operation not permitted"
done
t_eq mn-nobody-unchanged "$(mn_show na)" "$mnbase"
# The key shows nowhere.
nsx na cat /proc/net/omipv6 >"$tmp/proc.txt"
t_refute mn-proc-no-key has_key "$tmp/proc.txt"
mn_show na >"$tmp/mnshow.txt"
t_refute mn-show-no-key has_key "$tmp/mnshow.txt"
t_assert mn-del nsx na "$CLI" mn del $HOA1
t_eq mn-show-after-del "$(mn_show na)" "2001:db8:1::101 spi 256"
t_assert mn-flush nsx na "$CLI" mn flush
t_eq mn-show-flushed "$(mn_show na)" ""
t_assert mn-flush-empty nsx na "$CLI" mn flush
cli na move dev no-such-if
one_line_error move-unknown-dev "omipv6ctl: no such interface 'no-such-if'"
cli na mn add $HOA1 spi 300
t_eq mn-add-usage-status "$RC" 2

t_assert rmmod mod_unload
ip netns del na
ip netns del nb
rm -rf "$tmp"
exit 0
