#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# selftests/phc2sys/run.sh: ptpk-phc2sys (the kernel sync job behind
# phc2sys's command line) on ptpsim PHCs, measured against ground truth.
#
#   scripts/vm --kernel 6.1 --no-nic --timeout 900 -- selftests/phc2sys/run.sh
#
# Needs ptpk.ko and ptpsim.ko built for the running kernel under
# build/<uname -r>/, user/ptpk-phc2sys and user/ptpk-cli, and linuxptp (ptp4l).
# Prints TAP; exits non-zero if any test failed.
set -uo pipefail

HERE=$(dirname "$(readlink -f "$0")")
REPO=$(cd "$HERE/../.." && pwd -P)
CTL=$REPO/tools/ptpsim/ptpsim-ctl
P2S=$REPO/user/ptpk-phc2sys
CLI=$REPO/user/ptpk-cli
D=/sys/kernel/debug/ptpsim
PIDS=()
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
# t ID WHAT CMD...: a case; with IDs on the command line only those run
# (setup always does).
ONLY=" $* "
want() { [ -z "${ONLY// /}" ] || [ "$1" = setup ] || [[ $ONLY == *" $1 "* ]]; }
t() {
	local id=$1 what=$2
	shift 2
	want "$id" || return 0
	if "$@"; then ok "$id: $what"; else not_ok "$id: $what"; fi
}
diag() { echo "# $*"; }
ctl() { "$CTL" "$@"; }
spawn() { local log=$1; shift; "$@" >"$log" 2>&1 & SPAWNED=$!; PIDS+=("$SPAWNED"); }
stop() { kill "$@" 2>/dev/null; wait "$@" 2>/dev/null; true; }
W=$(mktemp -d /tmp/phc2sys-test.XXXXXX)
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	[ -n "${P2S_KEEP:-}" ] && mkdir -p "$P2S_KEEP" && cp "$W"/* "$P2S_KEEP"/ 2>/dev/null
	grep -q '^ptpk ' /proc/modules && rmmod ptpk
	grep -q '^ptpsim ' /proc/modules && rmmod ptpsim
	ip -all netns delete 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

declare -A T
truth() {
	local txt name v tt
	txt=$(<"$D/truth")
	T=()
	while read -r name v tt; do
		case $name in
		mono_raw) T_RAW=$v ;;
		realtime) T_REAL=$v ;;
		*) T[$name]=$tt ;;
		esac
	done <<<"$txt"
}
# sample A B COUNT INTERVAL: S_MAX, S_MEAN of the true offset A - B (ns).
sample() {
	local a=$1 b=$2 i o vb sum=0 max=0
	for ((i = 0; i < $3; i++)); do
		truth
		if [ "$b" = realtime ]; then vb=$T_REAL; else vb=${T[$b]}; fi
		o=$((T[$a] - vb)); sum=$((sum + o))
		((o < 0)) && o=$((-o)); ((o > max)) && max=$o
		sleep "$4"
	done
	S_MAX=$max S_MEAN=$((sum / $3))
}
wait_log() {
	local f=$1 re=$2 start=$SECONDS
	while ((SECONDS - start < $3)); do
		grep -qE "$re" "$f" 2>/dev/null && { WAITED=$((SECONDS - start)); return 0; }
		sleep 0.2
	done
	return 1
}
phc() { local l; l=$(grep "^$1 " "$D/devices"); l=${l#* ptp=}; echo "/dev/ptp${l%% *}"; }
jobs_count() { "$CLI" -j sync show | grep -o '"id":' | wc -l; }

echo "TAP version 13"
rel=$(uname -r)
diag "kernel $rel"
setup() {
	insmod "$REPO/build/$rel/kmod/ptpk.ko" && ctl load "$REPO/build/$rel/ptpsim/ptpsim.ko" &&
	ctl add pc offset_ns=-2000000 && ctl add pd offset_ns=500000 freq_ppb=-30000 &&
	[ -x "$P2S" ] && [ -x "$CLI" ]
}
t setup "ptpk.ko and ptpsim loaded, PHCs pc and pd" setup || { echo "1..$n"; exit 1; }

LINE='^phc2sys\[[0-9]+\.[0-9]{3}\]: [^ ]+ (phc|sys) offset +-?[0-9]+ s[0-3] freq +[-+][0-9]+ delay +-?[0-9]+$'
# lock NAME SINK SRC A B: ptpk-phc2sys SRC -> SINK; s2, then the true A - B.
lock() {
	local name=$1 log=$W/$1.log bad
	spawn "$log" "$P2S" -s "$3" -c "$2" -O 0 -R 8 -m -q
	P=$SPAWNED
	if ! wait_log "$log" " s2 " 60; then
		sed 's/^/#   /' "$log" | tail -10; stop "$P"; return 1
	fi
	diag "$name: s2 after $WAITED s"
	sleep 5
	sample "$4" "$5" 15 0.2
	diag "$name ground truth: max $S_MAX ns, mean $S_MEAN ns; $(grep -c offset "$log") lines"
	[ "$(jobs_count)" = 1 ] || { diag "sync show does not list the job"; stop "$P"; return 1; }
	stop "$P"
	bad=$(grep -vE "$LINE" "$log" | grep -v 'route delay' | head -3)
	[ -z "$bad" ] || { diag "lines not in phc2sys's format:"; echo "$bad" | sed 's/^/#   /'; return 1; }
	grep "route delay" "$log" | sed 's/^/# /'
	[ "$(jobs_count)" = 0 ] || { diag "job left after exit"; return 1; }
	"$CLI" servo show | grep -q . && { diag "servo left after exit"; return 1; }
	((S_MAX < 100000))
}
t phc2rt "PHC->CLOCK_REALTIME: s2, |true offset| < 100 us, phc2sys lines, exit removes job and servo" \
	lock phc2rt CLOCK_REALTIME "$(phc pc)" pc realtime
t phc2phc "PHC->PHC: s2, |true offset| < 100 us, phc2sys lines, exit removes job and servo" \
	lock phc2phc "$(phc pd)" "$(phc pc)" pd pc
t rt2phc "CLOCK_REALTIME->PHC: s2, |true offset| < 100 us, phc2sys lines, exit removes job and servo" \
	lock rt2phc "$(phc pd)" CLOCK_REALTIME pd realtime

summary() {
	local log=$W/summary.log
	spawn "$log" "$P2S" -s "$(phc pc)" -c "$(phc pd)" -R 8 -u 8 -m -q
	wait_log "$log" "rms" 30; stop "$SPAWNED"
	grep -qE '^phc2sys\[[0-9]+\.[0-9]{3}\]: /dev/ptp[0-9]+ rms +[0-9]+ max +[0-9]+ freq +[-+][0-9]+ \+/- +[0-9]+ delay +[0-9]+ \+/- +[0-9]+$' "$log" ||
		{ sed 's/^/#   /' "$log" | tail -5; return 1; }
}
t summary "-u 8: phc2sys's summary line" summary

detach() {
	local out pid
	out=$("$P2S" -s "$(phc pc)" -c "$(phc pd)" -R 8 -q --detach) || return 1
	diag "$out"
	pid=$(sed -n 's/.* pid \([0-9]*\)$/\1/p' <<<"$out")
	[ -n "$pid" ] && PIDS+=("$pid")
	sleep 2
	[ "$(jobs_count)" = 1 ] || return 1
	kill "$pid"; sleep 1
	[ "$(jobs_count)" = 0 ] || return 1
	# the servo stays, orphaned (holdover)
	"$CLI" servo show | grep -q orphaned || return 1
	"$CLI" servo del "$("$CLI" -j servo show | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)"
}
t detach "--detach: the job keeps running in the background, until that process ends" detach

badopt() {
	! "$P2S" -s /dev/ptp0 -R abc 2>/dev/null && ! "$P2S" 2>/dev/null &&
	! "$P2S" -a -r 2>/dev/null && ! "$P2S" -s /dev/nonexistent -q -m 2>/dev/null
}
t badopt "bad options and clocks are refused with an error" badopt

# -w: ptp4l on a linked ptpsim pair; wait for SLAVE, take its UTC offset.
waitsync() {
	local log=$W/wait.log
	ctl add pa delay_ns=10000 jitter_ns=100 && ctl add pb offset_ns=3000000 delay_ns=10000 jitter_ns=100 &&
	ctl link pa pb || return 1
	cat >"$W/p.cfg" <<-EOF
	[global]
	logSyncInterval -3
	logMinDelayReqInterval -3
	logAnnounceInterval -2
	announceReceiptTimeout 3
	network_transport L2
	sanity_freq_limit 0
	EOF
	spawn "$W/a.log" ptp4l -H -i pa -f "$W/p.cfg" -m -q --uds_address "$W/a.sock" --priority1 1
	spawn "$W/b.log" ptp4l -H -i pb -f "$W/p.cfg" -m -q -s --uds_address "$W/b.sock"
	spawn "$log" "$P2S" -s pb -c CLOCK_REALTIME -w -z "$W/b.sock" -R 4 -m -q -l 7
	P=$SPAWNED
	wait_log "$log" " offset " 90 || { sed 's/^/#   /' "$log" | tail; tail -3 "$W/b.log" | sed 's/^/#   /'; return 1; }
	diag "-w: first offset line after $WAITED s; $(grep -c 'Waiting for ptp4l' "$log") waits"
	grep -E 'UTC offset' "$log" | sed 's/^/# /'
	stop "$P"
	grep -q 'UTC offset 37 s from ptp4l' "$log" && grep -q 'Waiting for ptp4l' "$log" &&
	grep -q 'utc offset -37 s' "$log"
}
t wait "-w: waits for ptp4l's port to be SLAVE, takes currentUtcOffset (37) from TIME_PROPERTIES_DATA_SET" waitsync

echo "1..$n"
exit $((failed > 0))
