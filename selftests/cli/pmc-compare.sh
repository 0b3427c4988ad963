#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# "ptpk-cli pmc" against linuxptp's pmc, and "ptpk-cli status", with
# linuxptp's ptp4l as the daemon. Needs no kernel module and no VM: it runs
# on the host, as root (network namespaces), with Debian's linuxptp 3.1.1
# (ptp4l, pmc) and iproute2 installed:
#
#   selftests/cli/pmc-compare.sh [ID...]
#
# Two ptp4l with software time stamps on a veth pair in the namespaces
# cli-PID-a and cli-PID-b (priority1 200 on b, so b's port becomes SLAVE of
# a's clock). For every ID (default: all that pmc 3.1.1 GETs), the
# output of `pmc -u -b 0 -s SOCK 'GET ID'` and of `ptpk-cli pmc` with the
# same arguments must be the same, but for the values that move between
# the two runs (offsets, path delay, ingress time, message counters). Then
# SET PRIORITY2, commands pmc refuses (stdout and stderr compared), and
# ptpk-cli status (text and JSON) against the same socket. TAP output;
# without root or linuxptp the whole test is skipped.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cli=$top/user/ptpk-cli
W=$(mktemp -d /tmp/cli-pmc.XXXXXX)
NA=cli-$$-a
NB=cli-$$-b
n=0
fail=0
PIDS=()

IDS=("$@")
[ ${#IDS[@]} -eq 0 ] && IDS=(
	USER_DESCRIPTION DEFAULT_DATA_SET CURRENT_DATA_SET PARENT_DATA_SET
	TIME_PROPERTIES_DATA_SET PRIORITY1 PRIORITY2 DOMAIN SLAVE_ONLY
	CLOCK_ACCURACY TRACEABILITY_PROPERTIES TIMESCALE_PROPERTIES
	TIME_STATUS_NP GRANDMASTER_SETTINGS_NP SUBSCRIBE_EVENTS_NP
	SYNCHRONIZATION_UNCERTAIN_NP NULL_MANAGEMENT CLOCK_DESCRIPTION
	PORT_DATA_SET LOG_ANNOUNCE_INTERVAL ANNOUNCE_RECEIPT_TIMEOUT
	LOG_SYNC_INTERVAL VERSION_NUMBER DELAY_MECHANISM
	LOG_MIN_PDELAY_REQ_INTERVAL PORT_DATA_SET_NP PORT_STATS_NP
	PORT_PROPERTIES_NP)

skip() {
	echo "1..0 # SKIP $*"
	rm -rf "$W"
	exit 0
}
[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces)"
if ! command -v ptp4l >/dev/null || ! command -v pmc >/dev/null; then
	skip "needs linuxptp (ptp4l, pmc)"
fi
command -v ip >/dev/null || skip "needs iproute2"

cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	ip netns del "$NA" 2>/dev/null
	ip netns del "$NB" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

ok() {	# ok COND-STATUS NAME
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

# The values that move between two runs a few ms apart.
normalize() {
	sed -E 's/ seq [0-9]+ / seq N /
		s/^(\t\t(master_offset|ingress_time|offsetFromMaster|meanPathDelay|cumulativeScaledRateOffset|[rt]x_[A-Za-z_]+) +).*/\1X/'
}

# same NAME ARGS...: pmc and ptpk-cli pmc print the same (stdout, and
# stderr when PMC_STDERR=1).
same() {
	local name=$1 rc
	shift
	pmc "$@" >"$W/pmc.out" 2>"$W/pmc.err"
	"$cli" pmc "$@" >"$W/cli.out" 2>"$W/cli.err"
	normalize <"$W/pmc.out" >"$W/pmc.txt"
	normalize <"$W/cli.out" >"$W/cli.txt"
	if [ "${PMC_STDERR:-0}" = 1 ]; then
		cat "$W/pmc.err" >>"$W/pmc.txt"
		cat "$W/cli.err" >>"$W/cli.txt"
	fi
	diff -u "$W/pmc.txt" "$W/cli.txt" >"$W/diff"
	rc=$?
	# an answer must have come (the daemon may be slow to start)
	[ $rc -eq 0 ] && [ "${PMC_NEED_ANSWER:-1}" = 1 ] &&
		! grep -q RESPONSE "$W/pmc.txt" && rc=1
	ok $rc "$name"
	[ $rc -eq 0 ] || sed 's/^/# /' "$W/diff"
	return $rc
}

make -s -C "$top/user" ptpk-cli >"$W/make.log" 2>&1 || {
	echo "1..1"
	echo "not ok 1 - build ptpk-cli"
	sed 's/^/# /' "$W/make.log"
	exit 1
}

ip netns add "$NA" && ip netns add "$NB" &&
	ip link add va netns "$NA" type veth peer name vb netns "$NB" &&
	ip -n "$NA" link set va up && ip -n "$NB" link set vb up &&
	ip -n "$NA" addr add 10.7.0.1/24 dev va &&
	ip -n "$NB" addr add 10.7.0.2/24 dev vb || {
	echo "1..1"
	echo "not ok 1 - set up the veth pair"
	exit 1
}
A=$W/a.sock
B=$W/b.sock
ip netns exec "$NA" ptp4l -S -i va -m --uds_address "$A" >"$W/a.log" 2>&1 &
PIDS+=($!)
ip netns exec "$NB" ptp4l -S -i vb -m --uds_address "$B" --priority1 200 \
	>"$W/b.log" 2>&1 &
PIDS+=($!)

echo "1..$((${#IDS[@]} + 9))"

# wait for b's port to follow a (UNCALIBRATED or SLAVE)
for _ in $(seq 60); do
	pmc -u -b 0 -s "$B" 'GET PORT_DATA_SET' 2>/dev/null |
		grep -Eq 'portState +(SLAVE|UNCALIBRATED)' && break
	sleep 0.5
done
pmc -u -b 0 -s "$B" 'GET PORT_DATA_SET' 2>/dev/null |
	grep -Eq 'portState +(SLAVE|UNCALIBRATED)'
ok $? "ptp4l on b follows a"

for id in "${IDS[@]}"; do
	same "GET $id" -u -b 0 -s "$B" "GET $id"
done

same "SET PRIORITY2 100" -u -b 0 -s "$B" "SET PRIORITY2 100"
same "GET PRIORITY2 after the SET" -u -b 0 -s "$B" "get priority2"
"$cli" pmc -u -b 0 -s "$B" "SET PRIORITY2 128" >/dev/null
PMC_STDERR=1 PMC_NEED_ANSWER=0 same "refused and bad commands (stdout, stderr)" \
	-u -b 0 -s "$B" "SET DOMAIN 3" "CMD PRIORITY1" "GET TIME" "get prio" \
	"SET PRIORITY1" "GET FOO" "TARGET bogus" "SET NULL_MANAGEMENT"
PMC_NEED_ANSWER=0 same "help" -u -b 0 -s "$B" help
PMC_NEED_ANSWER=0 same "another domain: no answer" -u -b 0 -d 1 -s "$B" \
	"GET DEFAULT_DATA_SET"

# status: the clock and port pmc reports, and the kernel part (none here)
cid=$(pmc -u -b 0 -s "$B" 'GET DEFAULT_DATA_SET' | awk '$1 == "clockIdentity" {print $2}')
gm=$(pmc -u -b 0 -s "$B" 'GET PARENT_DATA_SET' | awk '$1 == "grandmasterIdentity" {print $2}')
"$cli" status -s "$B" >"$W/status.txt" 2>"$W/status.err"
rc=$?
sed 's/^/# /' "$W/status.txt"
grep -q "^clock $cid domain 0 ports 1 priority1 200 " "$W/status.txt" &&
	grep -q "grandmaster $gm " "$W/status.txt" &&
	grep -Eq '^port 1 interface vb state (SLAVE|UNCALIBRATED) delay E2E timestamping SOFTWARE' "$W/status.txt" &&
	{ [ $rc -eq 0 ] || [ $rc -eq 4 ]; }
ok $? "status: clock $cid, grandmaster $gm, port 1 vb (exit $rc)"
"$cli" -j status -s "$B" >"$W/status.json" 2>/dev/null
python3 - "$W/status.json" "$cid" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
d = s["daemon"]
assert d["answered"] is True
assert d["default_data_set"]["clock_identity"] == sys.argv[2]
assert d["current_data_set"]["steps_removed"] == 1
assert d["ports"][0]["interface"] == "vb"
assert d["ports"][0]["delay_mechanism"] == "E2E"
assert isinstance(s["kernel"]["servos"], list)
EOF
ok $? "status -j: parses, with the same clock"
"$cli" status -s "$W/none.sock" >"$W/none.txt" 2>&1
rc=$?
grep -q "^daemon $W/none.sock: no answer" "$W/none.txt" &&
	{ [ $rc -eq 3 ] || [ $rc -eq 1 ]; }
ok $? "status without a daemon says so (exit $rc)"

exit $fail
