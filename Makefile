# SPDX-License-Identifier: GPL-2.0
# ptpk top-level build. `make` builds ptpk.ko for KDIR (default: Debian's 6.1
# headers) and the user programs; `make check` runs every test; `make demo`
# runs the demo in a VM. Both install what they need (scripts/deps).

KDIR ?= $(firstword $(wildcard /usr/src/linux-headers-6.1.*-amd64) /lib/modules/$(shell uname -r)/build)
# The release the kernel reports (uname -r), which Debian's headers keep in
# utsrelease.h (their kernel.release says only the upstream version).
KREL := $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
BUILD ?= $(CURDIR)/build
SPEC := Documentation/netlink/specs/ptpk.yaml
PREFIX ?= /usr/local
DESTDIR ?=

all: module user

# Each kernel gets its own copy of the module sources under build/<release>/,
# so modules for 6.1, 6.12 and the debug kernel can coexist.
module: gen-check
	@test -n "$(KREL)" || { echo "no kernel build tree at KDIR=$(KDIR)"; exit 1; }
	@mkdir -p $(BUILD)/$(KREL)
	@rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' kmod uapi $(BUILD)/$(KREL)/
	$(MAKE) -C $(KDIR) M=$(BUILD)/$(KREL)/kmod W=$(W) C=$(C) modules

# The simulated PTP NICs (tools/ptpsim), built the same way.
ptpsim:
	@test -n "$(KREL)" || { echo "no kernel build tree at KDIR=$(KDIR)"; exit 1; }
	@mkdir -p $(BUILD)/$(KREL)
	@rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' tools/ptpsim $(BUILD)/$(KREL)/
	$(MAKE) -C $(KDIR) M=$(BUILD)/$(KREL)/ptpsim W=$(W) C=$(C) modules

user:
	$(MAKE) -C user

gen:
	python3 scripts/ynl-gen.py $(SPEC) .

gen-check:
	@python3 scripts/ynl-gen.py --check $(SPEC) .

check:
	scripts/check

# Pieces of `make check`, for developers.
kunit:
	scripts/kunit

style:
	scripts/style

debug-kernel:
	scripts/debug-kernel

demo:
	scripts/demo

install: user
	$(MAKE) -C user install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	install -D -m 0644 uapi/linux/ptpk.h $(DESTDIR)$(PREFIX)/include/linux/ptpk.h
	install -D -m 0644 $(SPEC) $(DESTDIR)$(PREFIX)/share/ptpk/ptpk.yaml

modules_install: module
	$(MAKE) -C $(KDIR) M=$(BUILD)/$(KREL)/kmod INSTALL_MOD_DIR=updates modules_install

clean:
	rm -rf $(BUILD)
	$(MAKE) -C user clean

.PHONY: all module ptpsim user gen gen-check check kunit style debug-kernel demo install modules_install clean
