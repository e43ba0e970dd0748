# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree build of omipv6.ko.  KDIR selects the kernel build tree;
# by default the running kernel's, else the newest Debian amd64 headers.

KVER ?= $(shell uname -r)
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) \
		    $(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))

PWD := $(shell pwd)

all: modules tools

modules:
	$(MAKE) -C $(KDIR) M=$(PWD) modules

tools:
	$(MAKE) -C tools/omipv6ctl

install: modules
	$(MAKE) -C $(KDIR) M=$(PWD) modules_install
	depmod -a $(notdir $(patsubst %/build,%,$(realpath $(KDIR)/..)))
	install -D -m 0755 tools/omipv6ctl/omipv6ctl $(DESTDIR)/usr/local/sbin/omipv6ctl

check:
	scripts/check.sh

# The long runs: a million fuzz inputs per target, and every end-to-end
# test on both kernels in its long form (netns_churn's 100 teardown
# cycles).  Several hours under TCG.
soak:
	OMIPV6_SOAK=1 OMIPV6_FUZZ_RUNS=1000000 \
	OMIPV6_CHECK_STAGES="$${OMIPV6_CHECK_STAGES:-fuzz stock debug}" \
		scripts/check.sh

demo:
	scripts/demo.sh

bench:
	scripts/bench.sh
	scripts/bench-fastpath.sh

clean:
	$(MAKE) -C $(KDIR) M=$(PWD) clean
	$(MAKE) -C tools/omipv6ctl clean

.PHONY: all modules tools install check soak demo bench clean
