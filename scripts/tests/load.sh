#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module load and unload: what appears, what disappears, and that a
# second instance of the Mobility Header hook cannot be registered.
# debug: check
# weight: 60
. "$OMIPV6_REPO/scripts/lib/test.sh"

genl_has_family() {
	genl ctrl list 2>/dev/null | grep -q "Name: omipv6\$"
}

t_refute not-loaded-at-start mod_loaded
t_assert insmod mod_load
t_assert loaded mod_loaded
t_assert proc-entry test -r /proc/net/omipv6
t_assert sysctl-dir test -d /proc/sys/net/omipv6
t_assert genl-family genl_has_family
t_match dmesg-loaded "$(dmesg | tail -n 20)" 'omipv6: loaded'
t_refute insmod-twice-fails mod_load

ip netns add lt1
t_assert proc-in-new-netns nsx lt1 test -r /proc/net/omipv6
t_assert sysctl-in-new-netns nsx lt1 test -r /proc/sys/net/omipv6/cn

t_assert rmmod mod_unload
t_refute unloaded mod_loaded
t_refute proc-entry-gone test -e /proc/net/omipv6
t_refute proc-entry-gone-netns nsx lt1 test -e /proc/net/omipv6
t_refute sysctl-dir-gone test -e /proc/sys/net/omipv6
t_refute genl-family-gone genl_has_family
t_match dmesg-unloaded "$(dmesg | tail -n 20)" 'omipv6: unloaded'

t_assert reload mod_load
t_assert reload-proc nsx lt1 test -r /proc/net/omipv6
t_assert rmmod-again mod_unload
ip netns del lt1
exit 0
