#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Smoke test of ptpk.ko in a VM with one e1000e NIC (a PHC named by eth0):
#   scripts/vm --kernel 6.1 -- kmod/tests/vm-smoke.sh build/<release>/kmod/ptpk.ko
# Exercises info, clock dump/do, servo new/get/set/del, monitor
# notifications, network-namespace isolation and rmmod with live servos.

set -u
KO=${1:?usage: vm-smoke.sh ptpk.ko}
CLI=${PTPK_REPO:-.}/user/ptpk-cli
fails=0

run() {		# run CMD...: must succeed
	echo "+ $*"
	"$@" || { echo "FAIL (exit $?): $*"; fails=$((fails + 1)); }
}

fail() {	# fail CMD...: must fail
	echo "+ ! $*"
	"$@" && { echo "FAIL (succeeded): $*"; fails=$((fails + 1)); }
	return 0
}

has() {		# has PATTERN CMD...: output must match
	local pat=$1 out
	shift
	echo "+ $* | grep -q '$pat'"
	out=$("$@" 2>&1)
	echo "$out"
	grep -q -- "$pat" <<<"$out" || { echo "FAIL (no '$pat')"; fails=$((fails + 1)); }
}

hasnt() {	# hasnt PATTERN CMD...: output must not match
	local pat=$1 out
	shift
	echo "+ $* | grep -vq '$pat'"
	out=$("$@" 2>&1)
	echo "$out"
	grep -q -- "$pat" <<<"$out" && { echo "FAIL (has '$pat')"; fails=$((fails + 1)); }
	return 0
}

run insmod "$KO"
ls -l /dev/ptp* 2>&1
ethtool -T eth0 2>&1 | grep -i "hardware clock"
ip -o link show

has '"api"' "$CLI" -j info
has CLOCK_REALTIME "$CLI" clock show
has ptp0 "$CLI" -j clock show
has eth0 "$CLI" -j clock show phc 0
has ptp0 "$CLI" -j clock show ifname eth0
has ptp0 "$CLI" -j clock show dev /dev/ptp0
has CLOCK_REALTIME "$CLI" -j clock show system
fail "$CLI" clock show phc 99
fail "$CLI" clock show ifname nosuch0
fail "$CLI" clock show ifname lo
fail "$CLI" clock show dev /dev/null

"$CLI" -j monitor >/tmp/monitor.out 2>&1 &
mon=$!
sleep 1

has '"id"' "$CLI" -j servo add clock phc0 name "smoke phc" hw
has '"id"' "$CLI" -j servo add clock system
has 'smoke phc' "$CLI" -j servo show
has '"id"' "$CLI" -j servo show 1
run "$CLI" servo set 1 name renamed max_frequency 5000
has renamed "$CLI" -j servo show 1
fail "$CLI" servo set 1 pi_proportional_norm_max 5
fail "$CLI" servo show 99
fail "$CLI" servo del 99

# Network namespaces: servos and PHCs stay where they belong.
ip netns add a
ip -n a link set lo up
hasnt '"id"' ip netns exec a "$CLI" -j servo show
fail ip netns exec a "$CLI" servo del 1
fail ip netns exec a "$CLI" servo set 1 name stolen
has '"id"' ip netns exec a "$CLI" -j servo add clock system
hasnt ptp0 ip netns exec a "$CLI" -j clock show	# eth0 (root) names it
fail ip netns exec a "$CLI" servo add clock phc0
ip link set eth0 netns a				# now it is a's
hasnt ptp0 "$CLI" -j clock show
fail "$CLI" clock show phc 0
has eth0 ip netns exec a "$CLI" -j clock show
has eth0 ip netns exec a "$CLI" -j clock show phc 0

run "$CLI" servo del 2
sleep 1
kill "$mon" 2>/dev/null
wait "$mon" 2>/dev/null
echo "--- monitor"
cat /tmp/monitor.out
grep -q create /tmp/monitor.out && grep -q change /tmp/monitor.out &&
	grep -q delete /tmp/monitor.out ||
	{ echo "FAIL: notifications missing"; fails=$((fails + 1)); }

# The PHC goes away under a servo: unbind the NIC's driver.
has '"id"' ip netns exec a "$CLI" -j servo add clock phc0 name doomed
pci=$(basename "$(readlink /sys/class/ptp/ptp0/device)")
drv=$(basename "$(readlink /sys/class/ptp/ptp0/device/driver)")
run sh -c "echo $pci > /sys/bus/pci/drivers/$drv/unbind"
hasnt '"phc"' ip netns exec a "$CLI" -j clock show
has doomed ip netns exec a "$CLI" -j servo show
run sh -c "echo $pci > /sys/bus/pci/drivers/$drv/bind"
sleep 1
ls /dev/ptp*
has '"phc"' "$CLI" -j clock show

# Tear down with live servos in two namespaces.
ip netns del a
run rmmod ptpk
run insmod "$KO"
has '"api"' "$CLI" -j info
has '"id"' "$CLI" -j servo add clock system
run rmmod ptpk

echo "smoke: $fails failures"
[ "$fails" = 0 ]
