#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs inside the test VM as root (scripts/vm -- selftests/run.sh): loads the
# ptpk.ko built for the running kernel, runs the kselftest-harness tests and
# the CLI/module-lifecycle checks below, unloads. Output is TAP; the exit
# status is non-zero if anything failed. scripts/vm then fails the run on any
# kernel splat or kmemleak report.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
ko=$top/build/$(uname -r)/kmod/ptpk.ko
cli=$top/user/ptpk-cli
n=0
fail=0

tap() {	# tap STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=$((fail + 1))
	fi
}

family_present() { "$cli" info >/dev/null 2>&1; }

[ -f "$ko" ] || { echo "not ok 1 - no module at $ko (make module KDIR=...)"; exit 1; }
modprobe -q ptp 2>/dev/null	# Debian builds PTP clock support as a module

insmod "$ko"
tap $? "module loads"
[ -d /sys/module/ptpk ]
tap $? "module present in sysfs"
family_present
tap $? "genl family ptpk registered (ptpk-cli info)"

# The kselftest-harness suite prints its own TAP lines.
"$top/build/selftests/ptpk_nl_test"
tap $? "ptpk_nl_test exit status"

# The sample pipeline on simulated PHCs, against ptpsim's ground truth.
if [ -f "$top/build/$(uname -r)/ptpsim/ptpsim.ko" ]; then
	"$top/tools/ptpsim/ptpsim-ctl" load
	"$top/build/selftests/ptpk_loop_test"
	tap $? "ptpk_loop_test exit status"
	# the fuzz case left a servo whose PHC was deleted under it
	"$cli" servo show | sed 's/^/# /'
else
	tap 1 "ptpk_loop_test: no ptpsim.ko for $(uname -r) (make ptpsim KDIR=...)"
fi

# ptpk-cli lists the clocks the guest has.
out=$("$cli" clock show 2>&1)
echo "$out" | sed 's/^/# /'
ok=0
echo "$out" | grep -q CLOCK_REALTIME || ok=1
for p in /sys/class/ptp/ptp*; do
	[ -e "$p" ] || continue
	echo "$out" | grep -qw "/dev/$(basename "$p")" || ok=1
done
tap $ok "ptpk-cli clock show lists CLOCK_REALTIME and every /dev/ptpN"

nphc=$(find /sys/class/ptp/ -mindepth 1 -maxdepth 1 -name 'ptp*' 2>/dev/null | wc -l)
"$cli" -j clock show | python3 -c "
import json, sys
c = json.load(sys.stdin)
assert isinstance(c, list), c
assert sum(1 for x in c if x['type'] == 'system') == 1, c
assert sum(1 for x in c if x['type'] == 'phc') == $nphc, c
"
tap $? "ptpk-cli -j clock show is JSON with the system clock and $nphc PHC(s)"

# Without CAP_NET_ADMIN the CLI is refused and says why.
msg=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$cli" servo add clock system kind pi 2>&1)
rc=$?
echo "$msg" | sed 's/^/# /'
[ $rc -ne 0 ] && echo "$msg" | grep -q CAP_NET_ADMIN
tap $? "unprivileged 'servo add' refused, naming CAP_NET_ADMIN"

# rmmod with live servo instances, in this and another netns, is clean.
"$cli" servo add clock system kind pi name live >/dev/null
tap $? "servo add in the initial netns"
ip netns add ptpk-t 2>/dev/null
ip netns exec ptpk-t "$cli" servo add clock system kind pi name other >/dev/null
tap $? "servo add in a second netns"
ip netns exec ptpk-t "$cli" servo show | grep -q other &&
	! "$cli" servo show | grep -q other
tap $? "each netns sees only its own servos (via ptpk-cli)"
rmmod ptpk
tap $? "rmmod with live servos"
! family_present && [ ! -d /sys/module/ptpk ]
tap $? "family and module gone after rmmod"
ip netns del ptpk-t

# Load/unload cycles, with a servo on a PHC when there is one.
phc=$(find /sys/class/ptp/ -mindepth 1 -maxdepth 1 -name 'ptp*' 2>/dev/null | head -1)
ok=0
for i in 1 2 3 4 5; do
	insmod "$ko" || ok=1
	if [ -n "$phc" ]; then
		"$cli" servo add clock "/dev/$(basename "$phc")" kind pi >/dev/null || ok=1
	fi
	"$cli" servo add clock system kind linreg >/dev/null || ok=1
	rmmod ptpk || ok=1
done
tap $ok "5 load/servo/unload cycles"

[ -d /sys/module/ptpsim ] && "$top/tools/ptpsim/ptpsim-ctl" unload

echo "# run.sh: $((n - fail)) passed, $fail failed"
[ $fail -eq 0 ]
