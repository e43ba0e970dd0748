#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the KVM probe: proves the guest booted and ran a script.
touch "$OMIPV6_RESULTS/probe.ok"
