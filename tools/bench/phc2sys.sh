#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tools/bench/phc2sys.sh: the kernel sync job (ptpk-phc2sys) against
# linuxptp's phc2sys on the same pair of ptpsim clocks, idle and with every
# CPU busy. Run in the VM by scripts/bench-phc2sys; figures, not pass/fail.
#
#   tools/bench/phc2sys.sh [SETTLE_S [MEASURE_S]]
#
# For each route (PHC->PHC: pc -> pd; PHC->CLOCK_REALTIME: pc -> system
# clock), load (idle; busy: one `while :; do :; done` per CPU at normal
# priority) and tool (ptpk: ptpk-phc2sys, the job in ptpk.ko; linuxptp:
# /usr/sbin/phc2sys), both with -O 0 -R 8 -N 5: start it, let it settle,
# then read the ptpsim ground truth (every clock at one instant) 5 times a
# second from a SCHED_FIFO reader and report the true offset's rms and max
# (ns), and the spread (stddev, min..max) of the delay the tool printed for
# its measurements in that window. The last lines are the ratios
# ptpk / linuxptp (below 1: the kernel job is better).
set -uo pipefail

HERE=$(dirname "$(readlink -f "$0")")
REPO=$(cd "$HERE/../.." && pwd -P)
CTL=$REPO/tools/ptpsim/ptpsim-ctl
P2S=$REPO/build/bench/ptpk-phc2sys	# scripts/bench-phc2sys's copy
[ -x "$P2S" ] || P2S=$REPO/user/ptpk-phc2sys
LPTP=${PHC2SYS:-/usr/sbin/phc2sys}
D=/sys/kernel/debug/ptpsim
SETTLE=${1:-10}
MEASURE=${2:-30}
W=$(mktemp -d /tmp/bench-phc2sys.XXXXXX)
BUSY=()
TOOL=

cleanup() {
	[ -n "$TOOL" ] && kill "$TOOL" 2>/dev/null && wait "$TOOL" 2>/dev/null
	unbusy
	grep -q '^ptpk ' /proc/modules && rmmod ptpk
	grep -q '^ptpsim ' /proc/modules && rmmod ptpsim
	rm -rf "$W"
}
busy() {
	local i
	for ((i = 0; i < $(nproc); i++)); do
		(while :; do :; done) &
		BUSY+=($!)
	done
}
unbusy() {
	((${#BUSY[@]})) || return 0
	kill "${BUSY[@]}" 2>/dev/null
	wait "${BUSY[@]}" 2>/dev/null
	BUSY=()
}
trap cleanup EXIT

modprobe -q ptp 2>/dev/null
insmod "$REPO/build/$(uname -r)/kmod/ptpk.ko" || exit 1
"$CTL" load "$REPO/build/$(uname -r)/ptpsim/ptpsim.ko" || exit 1
"$CTL" add pc offset_ns=-2000000 || exit 1
"$CTL" add pd offset_ns=500000 freq_ppb=-30000 || exit 1
PC=$("$CTL" phc pc) PD=$("$CTL" phc pd)

# truth_loop SINK N OUT: N true offsets SINK - pc (ns), one every 0.2 s.
truth_loop() {
	local sink=$1 n=$2 out=$3 i txt name v tt a b
	for ((i = 0; i < n; i++)); do
		txt=$(<"$D/truth")
		a='' b=''
		while read -r name v tt; do
			case $name in
			realtime) [ "$sink" = realtime ] && b=$v ;;
			pc) a=$tt ;;
			"$sink") b=$tt ;;
			esac
		done <<<"$txt"
		echo $((b - a))
		sleep 0.2
	done >"$out"
}
export -f truth_loop
export D

# run TOOL ROUTE LOAD: one measurement; prints a result line and sets R_*.
declare -A RMS MAX DSD DMIN DMAX
run() {
	local tool=$1 route=$2 load=$3 log=$W/$1-$2-$3.log sink bin lines0 key
	local -a args
	if [ "$route" = phc2phc ]; then sink=pd args=(-s "$PC" -c "$PD"); else sink=realtime args=(-s "$PC" -c CLOCK_REALTIME); fi
	if [ "$tool" = ptpk ]; then bin=$P2S; else bin=$LPTP; fi
	[ "$load" = busy ] && busy
	"$bin" "${args[@]}" -O 0 -R 8 -N 5 -m -q >"$log" 2>&1 &
	TOOL=$!
	sleep "$SETTLE"
	lines0=$(wc -l <"$log")
	chrt -f 1 bash -c "truth_loop $sink $((MEASURE * 5)) $W/truth"
	kill "$TOOL" 2>/dev/null; wait "$TOOL" 2>/dev/null; TOOL=
	unbusy
	key=$tool-$route-$load
	read -r RMS[$key] MAX[$key] < <(awk '{ s += $1 * $1; a = $1 < 0 ? -$1 : $1; if (a > m) m = a }
		END { printf "%.0f %d\n", NR ? sqrt(s / NR) : -1, m }' "$W/truth")
	read -r DSD[$key] DMIN[$key] DMAX[$key] < <(tail -n +$((lines0 + 1)) "$log" |
		sed -n 's/.* offset .* delay *\(-\?[0-9]*\)$/\1/p' |
		awk '{ s += $1; q += $1 * $1; if (NR == 1 || $1 < lo) lo = $1; if ($1 > hi) hi = $1 }
		END { if (!NR) { print "-1 -1 -1"; exit } m = s / NR; v = q / NR - m * m;
		printf "%.0f %d %d\n", sqrt(v > 0 ? v : 0), lo, hi }')
	printf '%-8s %-8s %-5s offset rms %8s max %8s ns  delay sd %6s min %6s max %7s ns  (%d lines)\n' \
		"$tool" "$route" "$load" "${RMS[$key]}" "${MAX[$key]}" "${DSD[$key]}" \
		"${DMIN[$key]}" "${DMAX[$key]}" "$(($(wc -l <"$log") - lines0))"
	grep -iE 'error|fail|cannot' "$log" | head -3 | sed 's/^/#   /'
}

echo "## kernel $(uname -r), $(nproc) CPUs; pc $PC -> pd $PD (-30 ppm) and -> CLOCK_REALTIME;" \
	"-R 8 -N 5, settle $SETTLE s, truth ${MEASURE} s at 5 Hz; $($LPTP -v 2>&1 | head -1) vs ptpk"
for route in phc2phc phc2rt; do
	for load in idle busy; do
		for tool in ptpk linuxptp; do
			run "$tool" "$route" "$load"
		done
	done
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo "## ratios ptpk / linuxptp (offset rms, offset max, delay sd)"
for route in phc2phc phc2rt; do
	for load in idle busy; do
		k=$route-$load
		printf '%-8s %-5s rms %5s  max %5s  delay sd %5s\n' "$route" "$load" \
			"$(ratio "${RMS[ptpk-$k]}" "${RMS[linuxptp-$k]}")" \
			"$(ratio "${MAX[ptpk-$k]}" "${MAX[linuxptp-$k]}")" \
			"$(ratio "${DSD[ptpk-$k]}" "${DSD[linuxptp-$k]}")"
	done
done
