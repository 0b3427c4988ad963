#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# linuxptp's pmc against ptpkd's management sockets, with ptp4l as the
# reference: ptpkd (priority1 200) and ptp4l (priority1 100) over a veth
# pair with software timestamps, so ptpkd starts as the slave. Runs in the
# test VM as root:
#
#   scripts/vm --kernel 6.1 --timeout 900 -- selftests/ptpkd/pmc.sh
#
# For every management id pmc 3.1.1 knows, the field names pmc prints for
# ptpkd must be those it prints for ptp4l, in the same order. Then values,
# the read-only socket, SET PRIORITY1 turning the BMCA round, notifications,
# ENABLE_PORT/DISABLE_PORT and malformed frames. TAP output; the helpers are
# those of run.sh. PTPKD_KEEP=DIR copies the logs there at the end.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
ko=$top/build/$(uname -r)/kmod/ptpk.ko
ptpkd=$top/user/ptpkd
mgmt="python3 $top/selftests/ptpkd/mgmt.py"
W=$(mktemp -d /tmp/ptpkd-pmc.XXXXXX)
n=0
fail=0
PIDS=()

tap() {	# tap STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=$((fail + 1))
	fi
}
diag() { echo "# $*"; }
# t ID DESCRIPTION CMD...: one TAP line for CMD.
t() {
	local id=$1 desc=$2
	shift 2
	"$@"
	tap $? "$id: $desc"
}

spawn() {	# spawn LOG NS CMD...
	local log=$1 ns=$2
	shift 2
	ip netns exec "$ns" "$@" >"$log" 2>&1 &
	SPAWNED=$!
	PIDS+=("$SPAWNED")
}

wait_log() {	# wait_log LOG PATTERN SECONDS
	local i
	for ((i = 0; i < $3; i++)); do
		grep -qE "$2" "$1" && return 0
		sleep 1
	done
	diag "no '$2' in $(basename "$1") after $3 s; its tail:"
	tail -n 15 "$1" | sed 's/^/#   /'
	return 1
}

cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	[ -n "${PTPKD_KEEP:-}" ] && mkdir -p "$PTPKD_KEEP" &&
		find "$W" -maxdepth 1 -type f -exec cp -t "$PTPKD_KEEP" {} +
	ip netns del pa 2>/dev/null
	ip netns del pb 2>/dev/null
	grep -q '^ptpk ' /proc/modules && rmmod ptpk
	rm -rf "$W"
}
trap cleanup EXIT

mkcfg() {	# as run.sh: fast messages for TCG
	local cfg=$W/$1.cfg
	cat >"$cfg" <<-EOF
	[global]
	logSyncInterval -3
	logMinDelayReqInterval -3
	logAnnounceInterval -2
	announceReceiptTimeout 3
	tx_timestamp_timeout 50
	network_transport UDPv4
	summary_interval -3
	sanity_freq_limit 0
	EOF
	echo "$cfg"
}

# pmc_get SOCK ID: pmc's output (retried once: pmc waits briefly in batch
# mode and TCG can be slower).
pmc_get() {
	local out
	out=$(pmc -u -b 0 -s "$1" "GET $2" 2>&1)
	if ! echo "$out" | grep -q "RESPONSE MANAGEMENT"; then
		sleep 1
		out=$(pmc -u -b 0 -s "$1" "GET $2" 2>&1)
	fi
	echo "$out"
}
# The field names pmc printed (first word of each "\t\t" line).
fields() { grep -P '^\t\t' | awk '{print $1}'; }
# field OUTPUT NAME: the value pmc printed for NAME.
field() { echo "$1" | grep -P "^\t\t$2\s" | head -n 1 | awk '{print $2}'; }

# --- setup ---------------------------------------------------------------------
[ -f "$ko" ] || { echo "not ok 1 - no module at $ko (make module)"; exit 1; }
[ -x "$ptpkd" ] || { echo "not ok 1 - no $ptpkd (make -C user)"; exit 1; }
command -v pmc >/dev/null || { echo "not ok 1 - no pmc (apt install linuxptp)"; exit 1; }
modprobe -q ptp 2>/dev/null
insmod "$ko" || { echo "not ok 1 - insmod ptpk.ko"; exit 1; }
ip netns add pa && ip netns add pb &&
	ip -n pa link set lo up && ip -n pb link set lo up &&
	ip link add pa0 netns pa type veth peer name pb0 netns pb &&
	ip -n pa addr add 10.9.0.1/24 dev pa0 &&
	ip -n pb addr add 10.9.0.2/24 dev pb0 &&
	ip -n pa link set pa0 up && ip -n pb link set pb0 up
tap $? "setup: veth pair pa0 (netns pa) - pb0 (netns pb)"

RW=$W/ptpkd.sock
RO=$W/ptp/sub/ptpkd-ro.sock	# parent directories do not exist yet
P4=$W/ptp4l.sock
cfg=$(mkcfg pmc)
spawn "$W/ptpkd.log" pa "$ptpkd" -S -i pa0 -f "$cfg" -m --priority1 200 \
	--uds_address "$RW" --uds_ro_address "$RO" --uds_ro_file_mode 0644
kd=$SPAWNED
spawn "$W/ptp4l.log" pb ptp4l -S -i pb0 -f "$cfg" -m --priority1 100 \
	--uds_address "$P4"
p4=$SPAWNED

sockets_ok() {
	local i
	for ((i = 0; i < 20; i++)); do [ -S "$RO" ] && break; sleep 0.5; done
	[ -S "$RW" ] && [ -S "$RO" ] || { diag "no sockets"; return 1; }
	diag "modes: $(stat -c '%a %n' "$RW" "$RO" | tr '\n' ' ')"
	[ "$(stat -c %a "$RW")" = 660 ] && [ "$(stat -c %a "$RO")" = 644 ]
}
t uds "uds_address and uds_ro_address bound (parents made), modes 660 and uds_ro_file_mode 644" \
	sockets_ok

t slave "ptpkd (priority1 200) becomes SLAVE of ptp4l (priority1 100)" \
	wait_log "$W/ptpkd.log" 'to SLAVE on MASTER_CLOCK_SELECTED' 120

# --- every id: pmc's field names for ptpkd are those for ptp4l ----------------
IDS="DEFAULT_DATA_SET CURRENT_DATA_SET PARENT_DATA_SET TIME_PROPERTIES_DATA_SET
PORT_DATA_SET PRIORITY1 PRIORITY2 DOMAIN SLAVE_ONLY CLOCK_ACCURACY
TRACEABILITY_PROPERTIES TIMESCALE_PROPERTIES LOG_ANNOUNCE_INTERVAL
LOG_SYNC_INTERVAL LOG_MIN_PDELAY_REQ_INTERVAL ANNOUNCE_RECEIPT_TIMEOUT
VERSION_NUMBER DELAY_MECHANISM CLOCK_DESCRIPTION USER_DESCRIPTION
TIME_STATUS_NP GRANDMASTER_SETTINGS_NP PORT_DATA_SET_NP PORT_PROPERTIES_NP
PORT_STATS_NP SUBSCRIBE_EVENTS_NP SYNCHRONIZATION_UNCERTAIN_NP NULL_MANAGEMENT"

same_fields() {
	local id=$1 a b
	a=$(pmc_get "$RW" "$id")
	b=$(pmc_get "$P4" "$id")
	echo "$a" >"$W/get-$id.ptpkd"
	echo "$b" >"$W/get-$id.ptp4l"
	if ! echo "$a" | grep -qE "RESPONSE MANAGEMENT $id\b"; then
		diag "no response from ptpkd:"
		echo "$a" | sed 's/^/#   /'
		return 1
	fi
	if [ "$(echo "$a" | fields)" != "$(echo "$b" | fields)" ]; then
		diag "ptpkd:"; echo "$a" | sed 's/^/#   /'
		diag "ptp4l:"; echo "$b" | sed 's/^/#   /'
		return 1
	fi
	diag "$id: $(echo "$a" | fields | wc -l) fields"
	return 0
}
for id in $IDS; do
	t "get-$id" "GET $id: a RESPONSE with pmc's field names of ptp4l, in order" \
		same_fields "$id"
done

# --- values ------------------------------------------------------------------
values_ok() {
	local dds pds p4dds cds port props ts rc=0 gm
	dds=$(pmc_get "$RW" DEFAULT_DATA_SET)
	pds=$(pmc_get "$RW" PARENT_DATA_SET)
	cds=$(pmc_get "$RW" CURRENT_DATA_SET)
	port=$(pmc_get "$RW" PORT_DATA_SET)
	props=$(pmc_get "$RW" PORT_PROPERTIES_NP)
	ts=$(pmc_get "$RW" TIME_STATUS_NP)
	p4dds=$(pmc_get "$P4" DEFAULT_DATA_SET)
	gm=$(field "$p4dds" clockIdentity)
	[ "$(field "$dds" priority1)" = 200 ] || { diag "priority1 not 200"; rc=1; }
	[ "$(field "$dds" numberPorts)" = 1 ] || { diag "numberPorts"; rc=1; }
	[ "$(field "$pds" grandmasterIdentity)" = "$gm" ] ||
		{ diag "grandmasterIdentity not ptp4l's $gm"; rc=1; }
	[ "$(field "$pds" grandmasterPriority1)" = 100 ] || { diag "gm priority1"; rc=1; }
	[ "$(field "$cds" stepsRemoved)" = 1 ] || { diag "stepsRemoved"; rc=1; }
	[ "$(field "$port" portState)" = SLAVE ] || { diag "portState"; rc=1; }
	[ "$(field "$props" interface)" = pa0 ] || { diag "interface"; rc=1; }
	[ "$(field "$ts" gmPresent)" = true ] || { diag "gmPresent"; rc=1; }
	[ "$(field "$ts" gmIdentity)" = "$gm" ] || { diag "gmIdentity"; rc=1; }
	[ $rc -eq 0 ] || { echo "$dds$pds$cds$port$props$ts" | sed 's/^/#   /'; }
	return $rc
}
t values "values: priority1 200, SLAVE, ptp4l as grandmaster (PARENT_DATA_SET, TIME_STATUS_NP), stepsRemoved 1, interface pa0" \
	values_ok

ro_ok() {
	local out rc=0
	out=$(pmc_get "$RO" PORT_DATA_SET)
	[ "$(field "$out" portState)" = SLAVE ] || { diag "RO GET failed"; rc=1; }
	out=$(pmc -u -b 0 -s "$RO" "SET PRIORITY1 50" 2>&1)
	echo "$out" | grep -q "NOT_SUPPORTED" || { diag "no NOT_SUPPORTED:"; echo "$out" | sed 's/^/#   /'; rc=1; }
	out=$($mgmt cmd "$RO" 0x200e)
	echo "$out" | grep -q "err=0x0006" || { diag "RO COMMAND: $out"; rc=1; }
	out=$(pmc_get "$RW" PRIORITY1)
	[ "$(field "$out" priority1)" = 200 ] || { diag "priority1 changed"; rc=1; }
	return $rc
}
t ro "read-only socket: GET answered, SET PRIORITY1 and COMMAND refused with NOT_SUPPORTED, priority1 unchanged" \
	ro_ok

# --- SET PRIORITY1 on the RW socket turns the BMCA round ----------------------
set_p1_ok() {
	local out rc=0 i st=
	$mgmt sub "$RW" 25 >"$W/notify.log" 2>&1 &
	local sub=$!
	sleep 2
	out=$(pmc -u -b 0 -s "$RW" "SET PRIORITY1 50" 2>&1)
	echo "$out" >"$W/set-priority1.out"
	[ "$(field "$out" priority1)" = 50 ] || { diag "SET response:"; echo "$out" | sed 's/^/#   /'; rc=1; }
	wait_log "$W/ptp4l.log" 'to UNCALIBRATED on RS_SLAVE' 60 || rc=1
	for ((i = 0; i < 30; i++)); do
		st=$(field "$(pmc_get "$RW" PORT_DATA_SET)" portState)
		[ "$st" = MASTER ] && break
		sleep 1
	done
	[ "$st" = MASTER ] || { diag "ptpkd portState $st"; rc=1; }
	for ((i = 0; i < 60; i++)); do
		st=$(field "$(pmc_get "$P4" PORT_DATA_SET)" portState)
		[ "$st" = SLAVE ] && break
		sleep 1
	done
	[ "$st" = SLAVE ] || { diag "ptp4l portState $st"; rc=1; }
	wait "$sub"
	return $rc
}
t set-priority1 "SET PRIORITY1 50 on the RW socket: ptpkd MASTER, ptp4l SLAVE (pmc on both)" \
	set_p1_ok

notify_ok() {
	local rc=0
	diag "notifications: $(sort "$W/notify.log" | uniq -c | tr -s ' ' | tr '\n' ';')"
	grep -q 'id=0xc003 err=0' "$W/notify.log" || { diag "no SUBSCRIBE answer"; rc=1; }
	grep -q 'id=0xc000 err=0 len=52' "$W/notify.log" || { diag "no TIME_STATUS_NP"; rc=1; }
	grep -q 'id=0x2004 err=0 len=28 state=6' "$W/notify.log" || { diag "no PORT_DATA_SET MASTER"; rc=1; }
	return $rc
}
t notify "SUBSCRIBE_EVENTS_NP: TIME_STATUS_NP while slave, PORT_DATA_SET on the change to MASTER" \
	notify_ok

# --- DISABLE_PORT / ENABLE_PORT (pmc 3.1.1 cannot send them) -------------------
enable_ok() {
	local out rc=0 st i
	out=$($mgmt cmd "$RW" 0x200e 1)
	echo "$out" | grep -q "action=4 tlv=1 id=0x200e err=0" || { diag "DISABLE: $out"; rc=1; }
	wait_log "$W/ptpkd.log" 'to DISABLED on DESIGNATED_DISABLED' 10 || rc=1
	st=$(field "$(pmc_get "$RW" PORT_DATA_SET)" portState)
	[ "$st" = DISABLED ] || { diag "state $st"; rc=1; }
	out=$($mgmt cmd "$RW" 0x200d 1)
	echo "$out" | grep -q "action=4 tlv=1 id=0x200d err=0" || { diag "ENABLE: $out"; rc=1; }
	for ((i = 0; i < 30; i++)); do
		st=$(field "$(pmc_get "$RW" PORT_DATA_SET)" portState)
		[ "$st" = MASTER ] && break
		sleep 1
	done
	[ "$st" = MASTER ] || { diag "state after ENABLE_PORT $st"; rc=1; }
	out=$($mgmt cmd "$RW" 0x200d 7)
	echo "$out" | grep -q "err=0x0004" || { diag "port 7: $out"; rc=1; }
	return $rc
}
t enable-port "COMMAND DISABLE_PORT: ACKNOWLEDGE, DISABLED; ENABLE_PORT: back to MASTER; port 7: WRONG_VALUE" \
	enable_ok

# --- errors and malformed frames --------------------------------------------
errors_ok() {
	local out rc=0
	out=$($mgmt get "$RW" 0x1234)
	echo "$out" | grep -q "err=0x0002" || { diag "unknown id: $out"; rc=1; }
	out=$($mgmt set "$RW" 0x2007 0100)
	echo "$out" | grep -q "err=0x0006" || { diag "SET DOMAIN: $out"; rc=1; }
	out=$($mgmt get "$RW" 0x2016)
	echo "$out" | grep -q "err=0x0006" || { diag "PATH_TRACE_ENABLE: $out"; rc=1; }
	return $rc
}
t errors "unknown id: NO_SUCH_ID; SET DOMAIN, GET PATH_TRACE_ENABLE: NOT_SUPPORTED" errors_ok

garbage_ok() {
	local out rc=0
	out=$($mgmt garbage "$RW"; $mgmt garbage "$RO")
	echo "$out" | sed 's/^/#   /'
	# only the SET without data may be answered (WRONG_LENGTH on RW,
	# NOT_SUPPORTED on RO); everything else is dropped
	if echo "$out" | grep '^frame' | grep -vqE '^frame 10: .*err=0x000[36]'; then
		diag "unexpected replies"
		rc=1
	fi
	kill -0 "$kd" || { diag "ptpkd died"; return 1; }
	[ "$(field "$(pmc_get "$RW" PRIORITY1)" priority1)" = 50 ] ||
		{ diag "no answer after the garbage"; rc=1; }
	return $rc
}
t malformed "malformed frames on both sockets: dropped (or an error status), ptpkd alive and answering" \
	garbage_ok

exit_ok() {
	kill -TERM "$kd"
	wait "$kd"
	local st=$?
	[ $st -eq 0 ] || { diag "exit status $st"; return 1; }
	[ ! -e "$RW" ] && [ ! -e "$RO" ] || { diag "sockets left"; return 1; }
}
t exit "SIGTERM: exit status 0, sockets removed" exit_ok

echo "1..$n"
[ $fail -eq 0 ]
