# SPDX-License-Identifier: GPL-2.0
# Helpers shared by the ptpkd selftests (run.sh, hw.sh), sourced after they
# set W (their work directory), n=0, fail=0, PIDS=() and IDS=("$@").

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
want() {
	local i
	[ ${#IDS[@]} -eq 0 ] && return 0
	for i in "${IDS[@]}"; do [ "$i" = "$1" ] && return 0; done
	return 1
}
# t ID DESCRIPTION CMD...: one TAP line for CMD, if ID was asked for.
t() {
	local id=$1 desc=$2
	shift 2
	want "$id" || return 0
	"$@"
	tap $? "$id: $desc"
}

# spawn LOG NS CMD...: CMD in netns NS in the background; SPAWNED is its pid
# (ip netns exec execs CMD, so $! is CMD itself).
spawn() {
	local log=$1 ns=$2
	shift 2
	ip netns exec "$ns" "$@" >"$log" 2>&1 &
	SPAWNED=$!
	PIDS+=("$SPAWNED")
}
stop() { kill "$@" 2>/dev/null; wait "$@" 2>/dev/null; true; }

# wait_log LOG PATTERN SECONDS: until PATTERN (grep -E) shows up in LOG;
# WAITED is how long that took (s).
wait_log() {
	local start=$SECONDS
	while ((SECONDS - start < $3)); do
		grep -qE "$2" "$1" 2>/dev/null && { WAITED=$((SECONDS - start)); return 0; }
		sleep 0.5
	done
	diag "no '$2' in $(basename "$1") after $3 s; its tail:"
	tail -n 15 "$1" | sed 's/^/#   /'
	return 1
}

# A configuration that converges in seconds under TCG: fast messages, a
# generous TX timestamp timeout, no clock check (scheduling jitter on a
# loaded guest alone exceeds its 200 ppm), an offset line per Sync.
mkcfg() {	# mkcfg NAME TRANSPORT [KEY VALUE]...
	local cfg=$W/$1.cfg
	cat >"$cfg" <<-EOF
	[global]
	logSyncInterval -3
	logMinDelayReqInterval -3
	logAnnounceInterval -2
	announceReceiptTimeout 3
	tx_timestamp_timeout 50
	network_transport $2
	summary_interval -3
	sanity_freq_limit 0
	EOF
	shift 2
	while [ $# -ge 2 ]; do echo "$1 $2" >>"$cfg"; shift 2; done
	echo "$cfg"
}

# truth_sample A B COUNT: ground truth PHC(A) - PHC(B) from ptpsim's debugfs
# directory $D, COUNT reads 0.2 s apart; sets S_RMS, S_MAX and S_MEAN (ns).
# One read of the truth file is one instant for every PHC.
truth_sample() {
	local a=$1 b=$2 count=$3 i o sum=0 sq=0 max=0 name v ts va vb txt
	for ((i = 0; i < count; i++)); do
		# In one go: a seek back (as read does) takes a new snapshot.
		txt=$(<"$D/truth")
		while read -r name v ts; do
			[ "$name" = "$a" ] && va=$ts
			[ "$name" = "$b" ] && vb=$ts
		done <<<"$txt"
		o=$((va - vb))
		sum=$((sum + o))
		sq=$((sq + o * o))
		((o < 0)) && o=$((-o))
		((o > max)) && max=$o
		sleep 0.2
	done
	S_MEAN=$((sum / count))
	S_MAX=$max
	S_RMS=$(awk -v s="$sq" -v c="$count" 'BEGIN { printf "%d", sqrt(s / c) }')
}
