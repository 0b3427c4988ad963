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
# jobs_count [NETNS]: sync jobs listed (they are per network namespace)
jobs_count() {
	if [ -n "${1:-}" ]; then
		ip netns exec "$1" "$CLI" -j sync show | grep -o '"id":' | wc -l
	else
		"$CLI" -j sync show | grep -o '"id":' | wc -l
	fi
}

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
	! "$P2S" -a -r -s eth0 2>/dev/null && ! "$P2S" -s /dev/nonexistent -q -m 2>/dev/null
}
t badopt "bad options and clocks are refused with an error" badopt

# -w: ptp4l on a linked ptpsim pair, each end in its own netns; wait for
# SLAVE, take its UTC offset, and follow a change of it (re-read every
# PTPK_PHC2SYS_PMC_UPDATE_MS, phc2sys's minute shortened).
# waitsync DAEMON: the slave is ptp4l or ptpkd (the grandmaster is ptp4l).
waitsync() {
	local log=$W/wait-$1.log slave=ptp4l
	[ "$1" = ptpkd ] && slave=$REPO/user/ptpkd
	ctl del pa 2>/dev/null; ctl del pb 2>/dev/null
	ip netns delete nsa 2>/dev/null; ip netns delete nsb 2>/dev/null
	ctl add pa delay_ns=10000 jitter_ns=100 && ctl add pb offset_ns=3000000 delay_ns=10000 jitter_ns=100 &&
	ctl link pa pb && ctl netns pa nsa && ctl netns pb nsb || return 1
	cat >"$W/p.cfg" <<-EOF
	[global]
	logSyncInterval -3
	logMinDelayReqInterval -3
	logAnnounceInterval -2
	announceReceiptTimeout 3
	network_transport L2
	sanity_freq_limit 0
	EOF
	spawn "$W/a.log" ip netns exec nsa ptp4l -H -i pa -f "$W/p.cfg" -m -q --uds_address "$W/a.sock" --priority1 1
	spawn "$W/b.log" ip netns exec nsb "$slave" -H -i pb -f "$W/p.cfg" -m -q -s --uds_address "$W/b.sock"
	PTPK_PHC2SYS_PMC_UPDATE_MS=2000 spawn "$log" ip netns exec nsb "$P2S" -s pb -c CLOCK_REALTIME -w -z "$W/b.sock" -R 4 -m -q -l 7
	P=$SPAWNED
	wait_log "$log" " offset " 90 || { sed 's/^/#   /' "$log" | tail; tail -3 "$W/b.log" | sed 's/^/#   /'; stop "$P"; return 1; }
	diag "-w: first offset line after $WAITED s; $(grep -c 'Waiting for ptp4l' "$log") waits"
	# the grandmaster announces a new currentUtcOffset
	pmc -u -b 0 -s "$W/a.sock" "SET GRANDMASTER_SETTINGS_NP clockClass 248 clockAccuracy 0xfe offsetScaledLogVariance 0xffff currentUtcOffset 36 leap61 0 leap59 0 currentUtcOffsetValid 1 ptpTimescale 1 timeTraceable 0 frequencyTraceable 0 timeSource 0xa0" >"$W/pmc.log" 2>&1
	wait_log "$log" 'UTC offset 36 s' 20 || diag "no new UTC offset in the log"
	sleep 1
	grep -E 'UTC offset|utc offset' "$log" | sed 's/^/# /'
	stop "$P"
	grep -q 'UTC offset 37 s from ptp4l' "$log" && grep -q 'Waiting for ptp4l' "$log" &&
	grep -q 'utc offset -37 s' "$log" && grep -q 'UTC offset 36 s from ptp4l' "$log" &&
	grep -q 'utc offset -36 s' "$log"
	local r=$?
	stop "${PIDS[@]}"
	return $r
}
t wait "-w: waits for ptp4l's port to be SLAVE, takes currentUtcOffset (37) from TIME_PROPERTIES_DATA_SET and follows its change (36)" waitsync ptp4l
t waitd "-w on ptpkd: the same with ptpkd as the slave" waitsync ptpkd

# -a -r: a boundary clock (ptp4l, jbod) with ports b1 (towards grandmaster
# A, priority1 1) and b2 (towards C, priority1 2), each link in its own
# netns; ptpk-phc2sys -a -r in the boundary clock's netns. b1 is SLAVE:
# b1 -> b2 and b1 -> CLOCK_REALTIME. A goes away: b2 becomes SLAVE (to C,
# which runs 20 ppm fast), b1 MASTER: the jobs are re-planned, b2 -> b1 and
# b2 -> CLOCK_REALTIME; then C's oscillator gains 10 ppm and the ground
# truth shows b1 and the system clock following b2.
# true_ok A B MAX: |true A - B| < MAX ns over 2 s (realtime is UTC: B - 37 s).
true_ok() {
	local a=$1 b=$2 max=$3 i o m=0
	for ((i = 0; i < 10; i++)); do
		truth
		if [ "$a" = realtime ]; then
			o=$((T[$b] - T_REAL - 37000000000))
		else
			o=$((T[$a] - T[$b]))
		fi
		((o < 0)) && o=$((-o)); ((o > m)) && m=$o
		sleep 0.2
	done
	diag "  true $a - $b: max $m ns (< $max)"
	((m < max))
}
autofail() {
	local log=$W/auto.log n0
	ctl add ga delay_ns=10000 jitter_ns=100 && ctl add gc offset_ns=-4000000 freq_ppb=20000 delay_ns=10000 jitter_ns=100 &&
	ctl add b1 offset_ns=2000000 freq_ppb=-10000 delay_ns=10000 jitter_ns=100 &&
	ctl add b2 offset_ns=-1000000 freq_ppb=15000 delay_ns=10000 jitter_ns=100 &&
	ctl link ga b1 && ctl link gc b2 && ctl netns ga nsga && ctl netns gc nsgc &&
	ctl netns b1 nsbc && ctl netns b2 nsbc || return 1
	cat >"$W/a.cfg" <<-EOF
	[global]
	logSyncInterval -3
	logMinDelayReqInterval -3
	logAnnounceInterval -2
	announceReceiptTimeout 3
	network_transport L2
	sanity_freq_limit 0
	boundary_clock_jbod 1
	EOF
	spawn "$W/ga.log" ip netns exec nsga ptp4l -H -i ga -f "$W/a.cfg" -m -q --uds_address "$W/ga.sock" --priority1 1
	GA=$SPAWNED
	spawn "$W/gc.log" ip netns exec nsgc ptp4l -H -i gc -f "$W/a.cfg" -m -q --uds_address "$W/gc.sock" --priority1 2
	spawn "$W/bc.log" ip netns exec nsbc ptp4l -H -i b1 -i b2 -f "$W/a.cfg" -m -q --uds_address "$W/bc.sock"
	spawn "$log" ip netns exec nsbc "$P2S" -a -r -z "$W/bc.sock" -R 4 -m -q
	P=$SPAWNED
	wait_log "$log" 'selecting b1 as the master clock' 60 &&
	wait_log "$log" '^phc2sys\[[0-9.]+\]: b2 phc offset .* s2 ' 60 &&
	wait_log "$log" '^phc2sys\[[0-9.]+\]: CLOCK_REALTIME phc offset .* s2 ' 60 ||
		{ sed 's/^/#   /' "$log" | tail -15; tail -5 "$W/bc.log" | sed 's/^/#   /'; stop "$P"; return 1; }
	diag "b1 SLAVE: $(grep -E 'selecting|reconfiguring' "$log" | sed 's/^phc2sys\[[0-9.]*\]: //' | paste -sd '|')"
	sleep 4
	true_ok b2 b1 20000 && true_ok realtime b1 50000 || { stop "$P"; return 1; }
	[ "$(jobs_count nsbc)" = 2 ] || { diag "sync show: $(jobs_count) jobs, not 2"; stop "$P"; return 1; }
	n0=$(wc -l <"$log")
	stop "$GA"
	diag "grandmaster A stopped"
	wait_log "$log" 'selecting b2 as the master clock' 60 ||
		{ sed 's/^/#   /' "$log" | tail -15; tail -5 "$W/bc.log" | sed 's/^/#   /'; stop "$P"; return 1; }
	diag "failover after $WAITED s: $(tail -n +$((n0 + 1)) "$log" | grep -E 'selecting|reconfiguring|changed state' | sed 's/^phc2sys\[[0-9.]*\]: //' | paste -sd '|')"
	# C's oscillator gains 10 ppm: b2 follows C (ptp4l), b1 and the system
	# clock follow b2 only through the new jobs (else 10 us/s apart)
	ctl set gc freq_ppb=30000
	sleep 10
	tail -n +$((n0 + 1)) "$log" | grep -qE '^phc2sys\[[0-9.]+\]: b1 phc offset .* s2 ' || { diag "no b1 lines after the failover"; stop "$P"; return 1; }
	true_ok b1 b2 20000 && true_ok realtime b2 50000 || { stop "$P"; return 1; }
	[ "$(jobs_count nsbc)" = 2 ] || { diag "sync show: $(jobs_count) jobs, not 2"; stop "$P"; return 1; }
	stop "$P"
	[ "$(jobs_count nsbc)" = 0 ] || { diag "jobs left after exit"; return 1; }
	! ip netns exec nsbc "$CLI" servo show | grep -q . || { diag "servos left after exit"; return 1; }
}
t auto "-a -r: a boundary clock's slave PHC feeds the other PHC and CLOCK_REALTIME; re-planned after a failover (ground truth)" autofail

echo "1..$n"
exit $((failed > 0))
