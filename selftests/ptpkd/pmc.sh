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
# lib.sh's. PTPKD_KEEP=DIR copies the logs there at the end.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
ko=$top/build/$(uname -r)/kmod/ptpk.ko
ptpkd=$top/user/ptpkd
mgmt="python3 $top/selftests/ptpkd/mgmt.py"
W=$(mktemp -d /tmp/ptpkd-pmc.XXXXXX)
n=0
fail=0
PIDS=()

IDS=("$@")

. "$top/selftests/ptpkd/lib.sh"

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
# The shape of pmc's output: the header line without the sender and the
# sequence number, then per field its name, the column its value starts
# in and how many words the value has.
shape() {
	grep -P '^\t' | sed -E 's/^\t[0-9a-f.]+-[0-9]+ seq [0-9]+ /\tSENDER /' |
		awk '/^\t\t/ { m = match($0, /[^ \t]+ +/); print $1, RLENGTH, NF - 1; next } { print }'
}
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
	ip -n pa addr add fd00:9::1/64 dev pa0 nodad &&
	ip -n pb addr add fd00:9::2/64 dev pb0 nodad &&
	ip -n pa link set pa0 up && ip -n pb link set pb0 up
tap $? "setup: veth pair pa0 (netns pa) - pb0 (netns pb)"

RW=$W/ptpkd.sock
RO=$W/ptp/sub/ptpkd-ro.sock	# parent directories do not exist yet
P4=$W/ptp4l.sock
cfg=$(mkcfg pmc UDPv4)
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
MIDS="DEFAULT_DATA_SET CURRENT_DATA_SET PARENT_DATA_SET TIME_PROPERTIES_DATA_SET
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
	if ! echo "$a" | grep -qE "RESPONSE MANAGEMENT( $id\b| *$)"; then
		diag "no response from ptpkd:"
		echo "$a" | sed 's/^/#   /'
		return 1
	fi
	if [ "$(echo "$a" | shape)" != "$(echo "$b" | shape)" ]; then
		diag "ptpkd:"; echo "$a" | sed 's/^/#   /'
		diag "ptp4l:"; echo "$b" | sed 's/^/#   /'
		return 1
	fi
	diag "$id: $(echo "$a" | fields | wc -l) fields"
	return 0
}
for id in $MIDS; do
	t "get-$id" "GET $id: pmc prints what it prints for ptp4l (header, field names, order, columns)" \
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
	# pmc 3.1.1 prints no more than the TLV type of an error status
	out=$(pmc -u -b 0 -s "$RO" "SET PRIORITY1 50" 2>&1)
	echo "$out" | grep -qP "^\t\S+ seq \d+ RESPONSE MANAGEMENT_ERROR_STATUS $" ||
		{ diag "no MANAGEMENT_ERROR_STATUS:"; echo "$out" | sed 's/^/#   /'; rc=1; }
	out=$($mgmt set "$RO" 0x2005 3200)
	echo "$out" | grep -q "id=0x2005 err=0x0006" || { diag "RO SET: $out"; rc=1; }
	out=$($mgmt cmd "$RO" 0x200e)
	echo "$out" | grep -q "err=0x0006" || { diag "RO COMMAND: $out"; rc=1; }
	out=$(pmc_get "$RW" PRIORITY1)
	[ "$(field "$out" priority1)" = 200 ] || { diag "priority1 changed"; rc=1; }
	return $rc
}
t ro "read-only socket: GET answered, SET PRIORITY1 (pmc: MANAGEMENT_ERROR_STATUS) and COMMAND refused with NOT_SUPPORTED, priority1 unchanged" \
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
	# the notifications of the change are in: no need to wait it out
	sleep 1
	stop "$sub"
	return $rc
}
t set-priority1 "SET PRIORITY1 50 on the RW socket: ptpkd MASTER, ptp4l SLAVE (pmc on both)" \
	set_p1_ok

# ptpkd, now the grandmaster after having been a slave, shows what ptp4l
# shows in that role: currentDS cleared, its own parent, asCapable on.
master_ok() {
	local cds pds np p4np p4pds rc=0
	cds=$(pmc_get "$RW" CURRENT_DATA_SET)
	pds=$(pmc_get "$RW" PARENT_DATA_SET)
	np=$(pmc_get "$RW" PORT_DATA_SET_NP)
	p4np=$(pmc_get "$P4" PORT_DATA_SET_NP)
	p4pds=$(pmc_get "$P4" PARENT_DATA_SET)
	[ "$(field "$cds" stepsRemoved)" = 0 ] &&
		[ "$(field "$cds" offsetFromMaster)" = 0.0 ] &&
		[ "$(field "$cds" meanPathDelay)" = 0.0 ] || { diag "currentDS"; rc=1; }
	[ "$(field "$pds" grandmasterIdentity)" = "$(field "$p4pds" grandmasterIdentity)" ] ||
		{ diag "the two disagree on the grandmaster"; rc=1; }
	[ "$(field "$pds" parentPortIdentity)" = "$(field "$pds" grandmasterIdentity)-0" ] ||
		{ diag "parentPortIdentity"; rc=1; }
	[ "$(field "$np" asCapable)" = 1 ] && [ "$(field "$p4np" asCapable)" = 1 ] ||
		{ diag "asCapable"; rc=1; }
	[ $rc -eq 0 ] || echo "$cds$pds$np$p4np" | sed 's/^/#   /'
	return $rc
}
t master-values "as the grandmaster: CURRENT_DATA_SET 0 0.0 0.0, parent itself (ptp4l agrees), asCapable 1 as ptp4l's" \
	master_ok

# pmc -z: GETs without data are answered as ptp4l answers them
getz_ok() {
	local id a b rc=0
	for id in DEFAULT_DATA_SET PORT_DATA_SET TIME_STATUS_NP PORT_STATS_NP CLOCK_DESCRIPTION; do
		a=$(pmc -u -z -b 0 -s "$RW" "GET $id" 2>&1)
		b=$(pmc -u -z -b 0 -s "$P4" "GET $id" 2>&1)
		if ! echo "$a" | grep -q "RESPONSE MANAGEMENT $id" ||
			[ "$(echo "$a" | shape)" != "$(echo "$b" | shape)" ]; then
			diag "GET $id with -z:"; echo "$a" | sed 's/^/#   /'
			rc=1
		fi
	done
	return $rc
}
t get-z "pmc -z (GET without data): answered as ptp4l" getz_ok

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

# Every managementId of 1588 and linuxptp, GET: ptpkd answers as ptp4l
# 3.1.1 does (a RESPONSE of the same size, or the same error).
ALL_IDS="$(printf '0x%04x ' {0..7} $(seq 8192 8225) 16384 16385 16386 24576 24577 $(seq 49152 49158))0x1234"
ids_ok() {
	local a b
	a=$($mgmt ids "$RW" $ALL_IDS)
	b=$($mgmt ids "$P4" $ALL_IDS)
	echo "$a" >"$W/ids.ptpkd"
	echo "$b" >"$W/ids.ptp4l"
	diag "$(echo "$a" | grep -c 'err=0 ') answered, $(echo "$a" | grep -c 'err=0x0006') NOT_SUPPORTED, $(echo "$a" | grep -c 'err=0x0002') NO_SUCH_ID"
	[ "$a" = "$b" ] && return 0
	diag "ptp4l (<) and ptpkd (>) differ:"
	diff <(echo "$b") <(echo "$a") | grep '^[<>]' | sed 's/^/#   /'
	return 1
}
t ids "GET of all $(echo $ALL_IDS | wc -w) managementIds: the answers (type, size, error) of ptp4l" ids_ok

# SETs and COMMANDs that ptp4l 3.1.1 refuses: refused the same way (the
# ENABLE_PORT/DISABLE_PORT that ptpkd implements are above).
REFUSED="set 0x2007 0100
set 0x2008 0100
set 0x2005 -
set 0x1234 0000
set 0xc004 0000000000000000000000000000
set 0xc005 $(printf '00%.0s' {1..266})
set 0x0002 03616263
set 0xc006 0200
set 0x2000 $(printf '00%.0s' {1..20})
cmd 0x1234
cmd 0x0005
cmd 0x2000
cmd 0x0000
cmd 0x200d 7"
refused_ok() {
	local a b
	a=$(echo "$REFUSED" | sed 's/ -$//' | $mgmt batch "$RW")
	b=$(echo "$REFUSED" | sed 's/ -$//' | $mgmt batch "$P4")
	echo "$a" | cut -c1-60 >"$W/refused.ptpkd"
	echo "$b" | cut -c1-60 >"$W/refused.ptp4l"
	! echo "$a" | grep -q ': none$' && [ "$a" = "$b" ] && return 0
	diag "ptp4l (<) and ptpkd (>) differ:"
	diff <(echo "$b") <(echo "$a") | grep '^[<>]' | cut -c1-100 | sed 's/^/#   /'
	return 1
}
t refused "$(echo "$REFUSED" | wc -l) SETs and COMMANDs ptp4l refuses: the same error status from ptpkd" refused_ok

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

# --- boundary hops and management over the network ---------------------------
KD_CID=$(field "$(pmc_get "$RW" DEFAULT_DATA_SET)" clockIdentity)
P4_CID=$(field "$(pmc_get "$P4" DEFAULT_DATA_SET)" clockIdentity)
diag "ptpkd $KD_CID, ptp4l $P4_CID"

# senders OUTPUT: the portIdentity of every RESPONSE pmc printed, sorted.
senders() { echo "$1" | grep -oP '^\t\S+(?= seq \d+ RESPONSE )' | tr -d '\t' | sort | tr '\n' ' '; }
# pmc_until WANT CMD...: CMD's output once its senders are WANT (3 tries:
# pmc waits only briefly for answers that go through another daemon).
pmc_until() {
	local want=$1 out i
	shift
	for ((i = 0; i < 3; i++)); do
		out=$("$@" 2>&1)
		[ "$(senders "$out")" = "$want" ] && break
		sleep 1
	done
	echo "$out"
}
# hops_ok SOCK HOPS WANT: GET DEFAULT_DATA_SET through SOCK answered by WANT
hops_ok() {
	local out
	out=$(pmc_until "$3" pmc -u -b "$2" -s "$1" "GET DEFAULT_DATA_SET")
	echo "$out" >"$W/hops-$(basename "$1")-$2.out"
	[ "$(senders "$out")" = "$3" ] && return 0
	diag "answered by '$(senders "$out")', not '$3':"
	echo "$out" | sed 's/^/#   /'
	return 1
}
sorted() { printf '%s\n' "$@" | sort | tr '\n' ' '; }
t uds-b0 "pmc -u -b 0 on ptpkd: ptpkd alone answers" \
	hops_ok "$RW" 0 "$(sorted "$KD_CID-0")"
t uds-b1 "pmc -u -b 1 on ptpkd: forwarded out of the port, ptp4l's answer forwarded back" \
	hops_ok "$RW" 1 "$(sorted "$KD_CID-0" "$P4_CID-1")"
t uds-b1-ptp4l "pmc -u -b 1 on ptp4l: ptpkd answers over the network with boundaryHops ptp4l passes on" \
	hops_ok "$P4" 1 "$(sorted "$P4_CID-0" "$KD_CID-1")"

# net_ok NS IF FLAG HOPS CID: pmc FLAG -i IF -b HOPS in netns NS reaches the
# ptpkd whose clockIdentity is CID: GET CURRENT_DATA_SET and PORT_DATA_SET
# print as over the UNIX socket, SET PRIORITY1 is refused.
# block OUTPUT SENDER: the lines pmc printed for SENDER's answer.
block() {
	echo "$1" | awk -v s="$2" '/^\t[^\t]/ { on = ($1 == s) } on'
}
# pmc_from SENDER CMD...: CMD's output once it has an answer from SENDER
pmc_from() {
	local who=$1 out i
	shift
	for ((i = 0; i < 3; i++)); do
		out=$("$@" 2>&1)
		[ -n "$(block "$out" "$who")" ] && break
		sleep 1
	done
	echo "$out"
}
net_ok() {
	local ns=$1 ifc=$2 flag=$3 hops=$4 cid=$5 sock=$6 out loc id rc=0 p1
	for id in CURRENT_DATA_SET PORT_DATA_SET; do
		out=$(pmc_from "$cid-1" ip netns exec "$ns" pmc "$flag" -i "$ifc" -b "$hops" "GET $id")
		echo "$out" >"$W/net$flag-b$hops-$id.out"
		out=$(block "$out" "$cid-1")
		loc=$(pmc_get "$sock" "$id")
		if [ -z "$out" ] || [ "$(echo "$out" | shape)" != "$(echo "$loc" | shape)" ]; then
			diag "GET $id over $flag -b $hops:"
			sed 's/^/#   /' "$W/net$flag-b$hops-$id.out"
			rc=1
		fi
	done
	[ "$(field "$out" portIdentity)" = "$cid-1" ] || { diag "portIdentity"; rc=1; }
	p1=$(field "$(pmc_get "$sock" PRIORITY1)" priority1)
	out=$(pmc_from "$cid-1" ip netns exec "$ns" pmc "$flag" -i "$ifc" -b "$hops" "SET PRIORITY1 7")
	echo "$out" | grep -qP "^\t$cid-1 seq \d+ RESPONSE MANAGEMENT_ERROR_STATUS $" ||
		{ diag "SET over the network:"; echo "$out" | sed 's/^/#   /'; rc=1; }
	[ "$(field "$(pmc_get "$sock" PRIORITY1)" priority1)" = "$p1" ] || { diag "priority1 changed"; rc=1; }
	return $rc
}
t net-udp4-b0 "pmc -4 -b 0 from netns pb: ptpkd answers GETs on its port (port 1 the sender), refuses SET" \
	net_ok pb pb0 -4 0 "$KD_CID" "$RW"
t net-udp4-b1 "pmc -4 -b 1 from netns pb: the same with a hop left" \
	net_ok pb pb0 -4 1 "$KD_CID" "$RW"

exit_ok() {
	kill -TERM "$kd"
	wait "$kd"
	local st=$?
	[ $st -eq 0 ] || { diag "exit status $st"; return 1; }
	[ ! -e "$RW" ] && [ ! -e "$RO" ] || { diag "sockets left"; return 1; }
}
t exit "SIGTERM: exit status 0, sockets removed" exit_ok

# L2 and UDPv6: a ptpkd of that transport, pmc from the other netns.
net_other() {	# net_other TRANSPORT PMCFLAG [PTPKD OPTIONS]
	local tr=$1 flag=$2 cfg sock=$W/ptpkd-$1.sock rc=0 cid pid
	shift 2
	cfg=$(mkcfg "pmc-$tr" "$tr")
	spawn "$W/ptpkd-$tr.log" pa "$ptpkd" -S -i pa0 -f "$cfg" -m "$@" \
		--uds_address "$sock" --uds_ro_address "$W/ptpkd-$tr-ro.sock"
	pid=$SPAWNED
	wait_log "$W/ptpkd-$tr.log" 'INITIALIZING to LISTENING' 20 || rc=1
	cid=$(field "$(pmc_get "$sock" DEFAULT_DATA_SET)" clockIdentity)
	[ $rc -eq 0 ] && { net_ok pb pb0 "$flag" 0 "$cid" "$sock" || rc=1; }
	[ $rc -eq 0 ] && [ -n "${NET_MORE:-}" ] && { "$NET_MORE" "$sock" || rc=1; }
	stop "$pid"
	return $rc
}
# The L2 ptpkd runs Auto against a P2P ptp4l: PORT_DATA_SET shows the
# mechanism in use (2 once the peer's Pdelay_Req came) and the peer delay.
p2p_ok() {
	local out p4out i dm pd rc=0
	for ((i = 0; i < 30; i++)); do
		out=$(pmc_get "$1" PORT_DATA_SET)
		dm=$(field "$out" delayMechanism)
		pd=$(field "$out" peerMeanPathDelay)
		[ "$dm" = 2 ] && [ "${pd:-0}" -gt 0 ] && break
		sleep 0.5
	done
	p4out=$(ip netns exec pb pmc -u -b 0 -s "$P4L2" "GET PORT_DATA_SET" 2>&1)
	diag "peerMeanPathDelay: ptpkd $pd, ptp4l $(field "$p4out" peerMeanPathDelay) ns"
	[ "$dm" = 2 ] || { diag "delayMechanism $dm"; rc=1; }
	[ "${pd:-0}" -gt 0 ] && [ "$pd" -lt 10000000 ] || { diag "peerMeanPathDelay $pd"; rc=1; }
	[ "$(field "$p4out" delayMechanism)" = 2 ] || { diag "ptp4l not P2P"; rc=1; }
	[ $rc -eq 0 ] || echo "$out$p4out" | sed 's/^/#   /'
	return $rc
}
stop "$p4"	# the UDPv4 ptp4l
P4L2=$W/ptp4l-l2.sock
spawn "$W/ptp4l-l2.log" pb ptp4l -S -2 -P -i pb0 -f "$(mkcfg p4-l2 L2)" -m \
	--uds_address "$P4L2"
p4l2=$SPAWNED
NET_MORE=p2p_ok t net-l2 "pmc -2 -b 0 from netns pb against an L2 ptpkd (Auto; against a P2P ptp4l: delayMechanism 2, peerMeanPathDelay)" \
	net_other L2 -2 -A
stop "$p4l2"
t net-udp6 "pmc -6 -b 0 from netns pb against a UDPv6 ptpkd" net_other UDPv6 -6

echo "1..$n"
[ $fail -eq 0 ]
