#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# net.omipv6.{mn,ha,cn,rekey_interval}: defaults, range checks that reject
# bad writes and keep the old value, per-netns isolation, the roles line
# of /proc/net/omipv6, and the defaults coming back after a reload.
. "$OMIPV6_REPO/scripts/lib/test.sh"

ROLES="mn ha cn"
KEYS="$ROLES rekey_interval"
declare -A DEFAULT=([mn]=0 [ha]=0 [cn]=0 [rekey_interval]=3600)

# check_defaults PREFIX NS
check_defaults() {
	local k
	for k in $KEYS; do
		t_eq "$1-default-$k" "$(sget "$2" "$k")" "${DEFAULT[$k]}"
	done
}

# reject NAME NS KEY VALUE: sysctl -w KEY=VALUE fails and the old value
# stays.
reject() {
	local name=$1 ns=$2 key=$3 val=$4 old
	old=$(sget "$ns" "$key")
	t_refute "$name" sset "$ns" "$key" "$val"
	t_eq "$name-kept" "$(sget "$ns" "$key")" "$old"
}

t_assert insmod mod_load

# Defaults, in the initial and in a fresh netns.
check_defaults init -
ip netns add sa
ip netns add sb
check_defaults netns sa
for k in $KEYS; do
	t_eq "mode-$k" "$(stat -c %a "/proc/sys/net/omipv6/$k")" 644
done

# Valid writes take effect.
for k in $ROLES; do
	t_assert "set-$k-1" sset - "$k" 1
	t_eq "get-$k-1" "$(sget - "$k")" 1
	t_assert "set-$k-0" sset - "$k" 0
	t_eq "get-$k-0" "$(sget - "$k")" 0
done
for v in 0 1 86400; do
	t_assert "set-rekey-$v" sset - rekey_interval "$v"
	t_eq "get-rekey-$v" "$(sget - rekey_interval)" "$v"
done

# Bad writes fail and keep the old value; start from non-default values
# so that a write that silently resets to the default is caught too.
for k in $ROLES; do
	sset - "$k" 1
	t_eq "preset-$k" "$(sget - "$k")" 1
	reject "reject-$k-neg" - "$k" -1
	reject "reject-$k-2" - "$k" 2
	reject "reject-$k-abc" - "$k" abc
	reject "reject-$k-trailing" - "$k" 1x
	reject "reject-$k-empty" - "$k" ""
	reject_proc "proc-reject-$k-2" - "$k" $'2\n'
	reject_proc "proc-reject-$k-empty" - "$k" $'\n'
done
sset - rekey_interval 1234
t_eq preset-rekey "$(sget - rekey_interval)" 1234
reject reject-rekey-neg - rekey_interval -1
reject reject-rekey-86401 - rekey_interval 86401
reject reject-rekey-huge - rekey_interval 4294967296
reject reject-rekey-abc - rekey_interval abc
reject reject-rekey-empty - rekey_interval ""
reject_proc proc-reject-rekey-86401 - rekey_interval $'86401\n'
reject_proc proc-reject-rekey-empty - rekey_interval $'\n'

# A plain shell redirect of a bad value gets EINVAL.
err=$( (echo 2 >/proc/sys/net/omipv6/mn) 2>&1)
rc=$?
t_refute echo-2-fails test "$rc" -eq 0
t_match echo-2-einval "$err" 'Invalid argument'
t_eq echo-2-kept "$(sget - mn)" 1

# Not writable by an unprivileged user.
t_refute nonroot-write-fails setpriv --reuid=65534 --regid=65534 \
	--clear-groups bash -c 'echo 0 >/proc/sys/net/omipv6/mn' 2>/dev/null
t_eq nonroot-write-kept "$(sget - mn)" 1

# Per-netns isolation: the initial netns now has mn=ha=cn=1 and
# rekey_interval=1234; sa and sb kept their defaults.
check_defaults iso-init-sa sa
check_defaults iso-init-sb sb
ip netns add sc
check_defaults new-netns-after-writes sc
for k in $ROLES; do
	t_assert "sa-set-$k" sset sa "$k" 1
done
t_assert sa-set-rekey sset sa rekey_interval 77
t_eq sa-rekey "$(sget sa rekey_interval)" 77
t_eq sa-mn "$(sget sa mn)" 1
check_defaults iso-sa-sb sb
t_assert sb-set-ha sset sb ha 1
t_eq sb-ha "$(sget sb ha)" 1
t_eq sb-mn-untouched "$(sget sb mn)" 0
t_assert sb-set-rekey sset sb rekey_interval 5
t_eq sb-rekey "$(sget sb rekey_interval)" 5
t_eq sa-rekey-after-sb "$(sget sa rekey_interval)" 77
t_eq init-rekey-after-sa-sb "$(sget - rekey_interval)" 1234
t_assert init-set-mn-0 sset - mn 0
t_eq sa-mn-after-init-write "$(sget sa mn)" 1
t_eq sb-mn-after-init-write "$(sget sb mn)" 0
reject reject-in-sa sa rekey_interval 86401
t_eq reject-in-sa-init "$(sget - rekey_interval)" 1234

# Unload: the values vanish; reload: defaults everywhere, also in the
# netns that existed across the reload.
t_assert rmmod mod_unload
t_refute gone-dir test -e /proc/sys/net/omipv6
t_refute gone-dir-sa nsx sa test -e /proc/sys/net/omipv6
t_refute gone-sysctl nsx - sysctl -n net.omipv6.mn 2>/dev/null
t_refute gone-sysctl-sa nsx sa sysctl -n net.omipv6.rekey_interval \
	2>/dev/null
t_assert reload mod_load
check_defaults reload-init -
check_defaults reload-sa sa
check_defaults reload-sb sb

# The roles line of /proc/net/omipv6 follows the sysctls of its own netns.
# (Last, so that a broken proc file cannot hide the results above.)
roles_line() {
	nsx "$1" cat /proc/net/omipv6 | grep '^roles '
}
t_eq roles-line-default "$(roles_line sa)" "roles mn=0 ha=0 cn=0"
for k in $ROLES; do
	want="roles mn=0 ha=0 cn=0"
	sset sa "$k" 1
	t_eq "roles-line-$k-1" "$(roles_line sa)" "${want/$k=0/$k=1}"
	sset sa "$k" 0
done
for k in $ROLES; do
	sset sa "$k" 1
done
t_eq roles-line-all-1 "$(roles_line sa)" "roles mn=1 ha=1 cn=1"
t_eq roles-line-other-netns "$(roles_line sb)" "roles mn=0 ha=0 cn=0"
t_eq roles-line-init "$(roles_line -)" "roles mn=0 ha=0 cn=0"
sset sb cn 1
t_eq roles-line-sb-cn "$(roles_line sb)" "roles mn=0 ha=0 cn=1"
sset - ha 1
t_eq roles-line-init-ha "$(roles_line -)" "roles mn=0 ha=1 cn=0"
t_eq roles-line-sa-kept "$(roles_line sa)" "roles mn=1 ha=1 cn=1"
reject roles-reject-2 sa mn 2
t_eq roles-line-after-reject "$(roles_line sa)" "roles mn=1 ha=1 cn=1"
sset sa rekey_interval 60
t_eq roles-line-ignores-rekey "$(roles_line sa)" "roles mn=1 ha=1 cn=1"

t_assert rmmod-again mod_unload
ip netns del sa
ip netns del sb
ip netns del sc
exit 0
