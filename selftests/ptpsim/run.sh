#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# selftests/ptpsim/run.sh: prove that ptpsim is a usable PTP test rig.
# Runs in a VM as root (it loads a module and creates network namespaces):
#
#   scripts/vm --kernel 6.1 --timeout 600 -- selftests/ptpsim/run.sh
#
# Prints TAP; exits non-zero if any test failed. Needs ptpsim.ko built for the
# running kernel (`make ptpsim KDIR=...`; PTPSIM_KO=path overrides), linuxptp
# (ptp4l, phc2sys, phc_ctl), ethtool, hwstamp_ctl, iproute2.
# Numbers (time to s2, ground-truth offsets) are printed as TAP comments.
set -uo pipefail

HERE=$(dirname "$(readlink -f "$0")")
REPO=$(cd "$HERE/../.." && pwd -P)
CTL=$REPO/tools/ptpsim/ptpsim-ctl
D=/sys/kernel/debug/ptpsim
W=$(mktemp -d /tmp/ptpsim-test.XXXXXX)
PIDS=()

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
diag() { echo "# $*"; }
ctl() { "$CTL" "$@"; }
ns() { local n=$1; shift; ip netns exec "$n" "$@"; }

cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	grep -q '^ptpsim ' /proc/modules && rmmod ptpsim
	ip -all netns delete 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

# --- ground truth, without forking (TCG makes every exec slow) -----------

# truth: sets T_RAW, T_REAL and T[name] from one read of the truth file.
declare -A T
truth() {
	local txt name v t
	txt=$(<"$D/truth")
	T=()
	while read -r name v t; do
		case $name in
		mono_raw) T_RAW=$v ;;
		realtime) T_REAL=$v ;;
		*) T[$name]=$t ;;
		esac
	done <<<"$txt"
}

# sample A B COUNT INTERVAL: true offset A - B, COUNT times; sets S_RMS, S_MAX
# (ns, integers) and S_MEAN. B may be "realtime".
sample() {
	local a=$1 b=$2 count=$3 iv=$4 i o sum=0 sq=0 max=0 vb
	for ((i = 0; i < count; i++)); do
		truth
		if [ "$b" = realtime ]; then vb=$T_REAL; else vb=${T[$b]}; fi
		o=$((T[$a] - vb))
		sum=$((sum + o))
		sq=$((sq + o * o))
		((o < 0)) && o=$((-o))
		((o > max)) && max=$o
		sleep "$iv"
	done
	S_MEAN=$((sum / count))
	S_MAX=$max
	S_RMS=$(isqrt $((sq / count)))
}

isqrt() {
	local x=$1 r=0 b=$((1 << 62))
	while ((b > x)); do b=$((b >> 2)); done
	while ((b)); do
		if ((x >= r + b)); then x=$((x - r - b)); r=$(((r >> 1) + b)); else r=$((r >> 1)); fi
		b=$((b >> 2))
	done
	echo "$r"
}

# wait_log FILE REGEX TIMEOUT: wait until FILE has a line matching REGEX;
# sets WAITED (seconds since the call).
wait_log() {
	local f=$1 re=$2 start=$SECONDS
	while ((SECONDS - start < $3)); do
		grep -qE "$re" "$f" 2>/dev/null && { WAITED=$((SECONDS - start)); return 0; }
		sleep 0.2
	done
	return 1
}

phc() { local l; l=$(grep "^$1 " "$D/devices"); l=${l#* ptp=}; echo "/dev/ptp${l%% *}"; }

# --- the module -----------------------------------------------------------

ko=${PTPSIM_KO:-}
if [ -z "$ko" ]; then
	for f in "$REPO"/build/*/ptpsim/ptpsim.ko "$REPO"/tools/ptpsim/ptpsim.ko; do
		[ -e "$f" ] || continue
		[ "$(modinfo -F vermagic "$f" | cut -d' ' -f1)" = "$(uname -r)" ] && { ko=$f; break; }
	done
fi
echo "TAP version 13"
diag "kernel $(uname -r), module ${ko:-none}"
if [ -z "$ko" ] || ! ctl load "$ko"; then
	not_ok "load ptpsim.ko (build it: make ptpsim KDIR=/usr/src/linux-headers-$(uname -r))"
	echo "1..$n"
	exit 1
fi
ok "load ptpsim.ko"

# --- topology: a point-to-point pair in two netns, plus a hub ---------------

topo() {
	ctl add pa delay_ns=10000 jitter_ns=100 &&
	ctl add pb freq_ppb=50000 delay_ns=10000 jitter_ns=100 offset_ns=3000000 &&
	ctl link pa pb &&
	ctl netns pa nsa && ctl netns pb nsb &&
	ip -n nsa addr add 10.9.0.1/24 dev pa &&
	ip -n nsb addr add 10.9.0.2/24 dev pb &&
	ip -n nsa addr add fd00:9::1/64 dev pa nodad &&
	ip -n nsb addr add fd00:9::2/64 dev pb nodad
}
check "create a linked pair, move it into two netns" topo
ping2() { ns "$1" ping -q -c 2 -i 0.2 -W 2 "$2" >/dev/null; }
check "ping IPv4 across the pair" ping2 nsa 10.9.0.2
check "ping IPv6 across the pair" ping2 nsa fd00:9::2

hub() {
	ctl add h1 && ctl add h2 && ctl add h3 &&
	ctl attach h1 hub0 && ctl attach h2 hub0 && ctl attach h3 hub0 &&
	ctl netns h1 nh1 && ctl netns h2 nh2 && ctl netns h3 nh3 &&
	ip -n nh1 addr add 10.8.0.1/24 dev h1 &&
	ip -n nh2 addr add 10.8.0.2/24 dev h2 &&
	ip -n nh3 addr add 10.8.0.3/24 dev h3 &&
	ns nh1 ping -q -c 1 -W 2 10.8.0.2 >/dev/null &&
	ns nh1 ping -q -c 1 -W 2 10.8.0.3 >/dev/null &&
	ns nh3 ping -q -c 1 -W 2 10.8.0.2 >/dev/null
}
check "a three-port hub in three netns: everyone reaches everyone" hub

loss() {
	local out
	ctl set h1 loss_ppm=1000000 || return 1
	out=$(ns nh1 ping -q -c 2 -i 0.2 -W 1 10.8.0.2 2>&1)
	ctl set h1 loss_ppm=0 || return 1
	[[ $out == *" 0 received"* ]]
}
check "loss_ppm=1000000 drops everything in that direction" loss

tsinfo() {
	local out idx
	out=$(ns nsa ethtool -T pa) || return 1
	idx=$(phc pa)
	grep -q "hardware-transmit" <<<"$out" && grep -q "hardware-receive" <<<"$out" &&
	grep -q "hardware-raw-clock" <<<"$out" &&
	grep -qE "PTP Hardware Clock: ${idx#/dev/ptp}\$" <<<"$out" &&
	grep -q "onestep-sync" <<<"$out"
}
check "ethtool -T names the PHC and the hardware capabilities" tsinfo

hwstamp() {
	local out
	out=$(ns nsa hwstamp_ctl -i pa -t 1 -r 12 2>&1) || return 1
	# PTPv2 event filters are upgraded to ALL (1), and reported so.
	grep -q "new settings:" <<<"$out" && grep -qE "rx_filter 1\$" <<<"$out" || return 1
	# ONESTEP_P2P (3) is refused.
	! ns nsa hwstamp_ctl -i pa -t 3 -r 1 >/dev/null 2>&1 &&
	ns nsa hwstamp_ctl -i pa -t 0 -r 0 >/dev/null
}
check "SIOCSHWTSTAMP/SIOCGHWTSTAMP (hwstamp_ctl)" hwstamp

# --- the PHC model ---------------------------------------------------------

phcfreq() {
	local r0 a0 r1 a1 got want
	truth; r0=$T_RAW; a0=${T[pb]}
	sleep 1
	truth; r1=$T_RAW; a1=${T[pb]}
	# PHC advance - raw advance must be 50 ppm of the raw advance.
	got=$(((a1 - a0) - (r1 - r0)))
	want=$(((r1 - r0) * 50000 / 1000000000))
	diag "over $((r1 - r0)) ns raw: PHC gained $got ns, expected $want"
	((got - want <= 1 && want - got <= 1))
}
check "ground truth follows freq_ppb exactly (+-1 ns)" phcfreq

vsphcctl() {
	local out off rc=0 dev exp diff
	ctl add pc offset_ns=-2000000 || return 1
	for dev in pa pc; do
		out=$(phc_ctl "$(phc $dev)" cmp 2>&1) || return 1
		truth
		off=$(sed -n 's/.*offset from CLOCK_REALTIME is \(-\{0,1\}[0-9]*\)ns.*/\1/p' <<<"$out")
		[ -n "$off" ] || return 1
		# phc_ctl: REALTIME - PHC. The truth of one instant gives the same.
		exp=$((T_REAL - T[$dev]))
		diff=$((off - exp))
		diag "$dev: phc_ctl cmp $off ns, ground truth $exp ns, difference $diff ns"
		((diff < 20000 && diff > -20000)) || rc=1
	done
	return $rc
}
check "ground truth agrees with phc_ctl cmp (PTP_SYS_OFFSET) within 20 us" vsphcctl

badctl() {
	local c
	for c in "bogus" "add" "add pa" "add x freq_ppb=99999999999" "add y nosuch=1" \
		 "add z delay_ns=-1" "set pa jitter_ns=1000000000" "del nosuch" "link pa pa" \
		 "attach pa hub0" "detach pc" "link pc nosuch" "set pc freq_ppb=abc" \
		 "add $(printf 'n%.0s' {1..20})"; do
		if (printf '%s\n' "$c" >"$D/ctl") 2>/dev/null; then
			diag "accepted: $c"
			return 1
		fi
	done
	# Over-long writes and too many arguments.
	(head -c 300 /dev/zero | tr '\0' a >"$D/ctl") 2>/dev/null && return 1
	(printf 'set pc%s\n' "$(printf ' seed=1%.0s' {1..20})" >"$D/ctl") 2>/dev/null && return 1
	# PHC API: out-of-range frequency is refused by the PTP core.
	phc_ctl "$(phc pc)" freq 2000000 >/dev/null 2>&1
	grep -q '^pc .* adj_ppb=0 ' "$D/devices"
}
check "bad control requests get errors" badctl

# --- linuxptp -----------------------------------------------------------------

# pair NAME TRANSPORT TWOSTEP: run ptp4l -H master on pa and slave on pb; wait
# for s2, let it settle, then measure the ground-truth offset pb - pa.
pair() {
	local name=$1 tr=$2 two=$3 cfg=$W/$1.cfg
	cat >"$cfg" <<-EOF
	[global]
	logSyncInterval -3
	logMinDelayReqInterval -3
	logAnnounceInterval -2
	announceReceiptTimeout 3
	tx_timestamp_timeout 50
	network_transport $tr
	twoStepFlag $two
	summary_interval -3
	EOF
	ns nsa ptp4l -H -i pa -f "$cfg" -m --uds_address "$W/$name-a.sock" --priority1 1 \
		>"$W/$name-a.log" 2>&1 &
	PIDS+=($!)
	ns nsb ptp4l -H -i pb -f "$cfg" -m -s --uds_address "$W/$name-b.sock" \
		>"$W/$name-b.log" 2>&1 &
	PIDS+=($!)
	P_MASTER=${PIDS[-2]} P_SLAVE=${PIDS[-1]}
	if ! wait_log "$W/$name-b.log" "master offset .* s2 " 60; then
		diag "no s2; slave log:"; sed 's/^/#   /' "$W/$name-b.log" | tail -15
		diag "master log:"; sed 's/^/#   /' "$W/$name-a.log" | tail -5
		return 1
	fi
	diag "$name: slave in s2 ${WAITED} s after start"
	if [ "$two" = 0 ] && ! grep -q '^pa .* tx_type=2 ' "$D/devices"; then
		diag "$name: the master did not enable HWTSTAMP_TX_ONESTEP_SYNC"
		return 1
	fi
	sleep 4
	sample pb pa 25 0.2
	diag "$name: ground-truth offset slave-master over 25 samples: rms $S_RMS ns, max $S_MAX ns, mean $S_MEAN ns"
	grep -q "UNCALIBRATED to SLAVE" "$W/$name-b.log" && ((S_MAX < 1000))
}

stop_pair() { kill "$P_MASTER" "$P_SLAVE" 2>/dev/null; wait "$P_MASTER" "$P_SLAVE" 2>/dev/null; }

check "ptp4l -H L2 two-step, 10 us +-100 ns link, slave +50 ppm: SLAVE, s2, |true offset| < 1 us" \
	pair l2 L2 1
stop_pair
check "ptp4l -H UDPv4 one-step Sync: s2, |true offset| < 1 us" pair udp4 UDPv4 0
stop_pair
check "ptp4l -H UDPv6 one-step Sync: s2, |true offset| < 1 us" pair udp6 UDPv6 0
stop_pair

# lock NAME SINK A B: phc2sys from pc's PHC to SINK (a clock phc2sys takes),
# wait for s2, then sample the true offset A - B (as `sample` takes them).
lock() {
	local name=$1 sink=$2 a=$3 b=$4 log=$W/phc2sys-${1//[^A-Za-z]/_}.log
	phc2sys -s "$(phc pc)" -c "$sink" -O 0 -R 8 -m -q >"$log" 2>&1 &
	PIDS+=($!)
	P_PHC2SYS=$!
	if ! wait_log "$log" " s2 " 40; then
		sed 's/^/#   /' "$log" | tail -10
		return 1
	fi
	diag "phc2sys $name: s2 after ${WAITED} s"
	sleep 3
	sample "$a" "$b" 15 0.2
	diag "phc2sys $name ground truth: rms $S_RMS ns, max $S_MAX ns, mean $S_MEAN ns"
	kill "$P_PHC2SYS"
	# Each sample brackets two clock_gettime syscalls, so TCG noise shows.
	((S_MAX < 50000))
}
phc2phc() { ctl add pd offset_ns=500000 freq_ppb=-30000 && lock "PHC->PHC" "$(phc pd)" pd pc; }
check "phc2sys PHC->PHC locks (|true offset| < 50 us under TCG)" phc2phc
check "phc2sys PHC->CLOCK_REALTIME locks (|true offset| < 50 us under TCG)" \
	lock "PHC->CLOCK_REALTIME" CLOCK_REALTIME pc realtime

# --- teardown under load ----------------------------------------------------

unload() {
	local p
	ns nsa ptp4l -H -i pa -m --uds_address "$W/u-a.sock" --priority1 1 -f "$W/l2.cfg" \
		>"$W/u-a.log" 2>&1 &
	PIDS+=($!)
	ns nsb ptp4l -H -i pb -m -s --uds_address "$W/u-b.sock" -f "$W/l2.cfg" \
		>"$W/u-b.log" 2>&1 &
	PIDS+=($!)
	P_MASTER=${PIDS[-2]} P_SLAVE=${PIDS[-1]}
	wait_log "$W/u-b.log" "master offset" 30 || diag "ptp4l did not start syncing"
	ns nsa ping -q -f -w 2 10.9.0.2 >/dev/null 2>&1 &
	PIDS+=($!)
	sleep 0.5
	rmmod ptpsim || return 1
	! grep -q '^ptpsim ' /proc/modules || return 1
	! ip -n nsa link show pa >/dev/null 2>&1 || return 1
	for p in "$P_MASTER" "$P_SLAVE"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	# A second load and unload starts from a clean slate.
	ctl load "$ko" && ctl add again && ctl del again && rmmod ptpsim
}
check "rmmod with ptp4l running on devices in other netns, then reload" unload

echo "1..$n"
diag "$failed of $n failed (${SECONDS} s)"
[ "$failed" -eq 0 ]
