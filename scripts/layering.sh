#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module's layering (README, "Architecture"), checked on a built tree:
#
#   control     omipv6_main, omipv6_mh, omipv6_netlink, omipv6_proc,
#               omipv6_sysctl, bench/omipv6_bench
#   roles       cn (omipv6_cn*, omipv6_bu), ha (omipv6_ha*), mn (omipv6_mn*)
#   mechanisms  every other omipv6_*.c
#
# Dependencies run downwards only:
#   - a mechanism's object depends (directly or through other headers,
#     as the compiler's dependency list in .NAME.o.cmd records) on no
#     role or control header, and calls no function or uses no data
#     that a role or control object defines;
#   - a role depends on no other role's header and uses no other role's
#     symbols; of the control layer it may use only the event multicast
#     (omipv6_genl_event, omipv6_netlink.h).
# omipv6_net_id, the pernet id behind omipv6_pernet() (omipv6.h), is the
# one symbol every layer may use from the control layer.
#
# Usage: layering.sh BUILD_DIR   (a tree built with M=BUILD_DIR)
# Prints each violation; exits non-zero when there is one.

set -u

dir=${1:?usage: layering.sh BUILD_DIR}
cd "$dir" || exit 2

layer_of() {	# file name (object, source or header) -> layer
	local b
	b=$(basename "$1")
	b=${b%.*}
	case "$b" in
	omipv6_main|omipv6_mh|omipv6_netlink|omipv6_proc|omipv6_sysctl|omipv6_bench)
		echo control ;;
	omipv6_cn|omipv6_cn_*|omipv6_bu) echo role-cn ;;
	omipv6_ha|omipv6_ha_*) echo role-ha ;;
	omipv6_mn|omipv6_mn_*) echo role-mn ;;
	*) echo mechanism ;;
	esac
}

objs=()
for o in omipv6_*.o bench/omipv6_*.o; do
	[ -e "$o" ] || continue
	[ "$o" = omipv6.o ] && continue
	case "$o" in *.mod.o) continue ;; esac
	objs+=("$o")
done
if [ ${#objs[@]} -lt 10 ]; then
	echo "layering: only ${#objs[@]} objects in $dir; build first"
	exit 2
fi

# Which object defines each global symbol.
declare -A def
for o in "${objs[@]}"; do
	while read -r _ t sym; do
		case "$t" in [TDBR]) def[$sym]=$o ;; esac
	done < <(nm "$o")
done

# allowed ME THEM EXEMPT: may a file of layer ME depend on layer THEM?
# EXEMPT is "yes" for the one control-layer item roles may use.
allowed() {
	case "$1:$2" in
	control:*|*:mechanism) return 0 ;;
	mechanism:*) return 1 ;;
	"$2:$2") return 0 ;;
	*:control) [ "$3" = yes ] ;;
	*) return 1 ;;
	esac
}

bad=0
for o in "${objs[@]}"; do
	me=$(layer_of "$o")
	cmd=$(dirname "$o")/.$(basename "$o").cmd
	if [ ! -e "$cmd" ]; then
		echo "layering: $cmd missing"
		bad=1
		continue
	fi
	# Headers the object was compiled against.
	while read -r h; do
		them=$(layer_of "$h")
		ex=no
		[ "$(basename "$h")" = omipv6_netlink.h ] && ex=yes
		allowed "$me" "$them" "$ex" && continue
		echo "layering: $me ${o%.o}.c depends on $them header $h"
		bad=1
	done < <(grep -oE '[a-zA-Z0-9_/.-]*include/omipv6[a-z0-9_]*\.h' "$cmd" |
		 sort -u)
	# Symbols it uses that another object defines.
	while read -r _ sym; do
		[ -n "${def[$sym]:-}" ] || continue
		[ "$sym" = omipv6_net_id ] && continue
		them=$(layer_of "${def[$sym]}")
		ex=no
		[ "$sym" = omipv6_genl_event ] && ex=yes
		allowed "$me" "$them" "$ex" && continue
		echo "layering: $me ${o%.o}.c uses $sym of $them ${def[$sym]%.o}.c"
		bad=1
	done < <(nm -u "$o" | awk '$1 == "U" { print "U", $2 }')
done

[ "$bad" -eq 0 ] && echo "layering: ${#objs[@]} objects, no upward dependency"
exit "$bad"
