# SPDX-License-Identifier: GPL-2.0
# Network namespaces for tests in the VM (scripts/vm); source it:
#
#   . "$PTPK_REPO/scripts/vm.d/netns.sh"
#   ns_create a b                          # namespaces a and b, with lo up
#   veth_pair a eth0 b eth0 10.0.0.1 10.0.0.2
#   ip netns exec a ping -c1 10.0.0.2
#   ns_cleanup                             # also run on EXIT
#
# veth_pair NS1 IF1 NS2 IF2 [ADDR1 ADDR2]: a veth pair between NS1:IF1 and
# NS2:IF2, links up; with addresses (IPv4, no prefix): ADDR/24 on each end,
# and for a.b.c.d also fd00:a:b:c::d/64 (nodad, so usable at once).

NS_CREATED=()

ns_create() {
	local ns
	for ns in "$@"; do
		ip netns add "$ns" || return
		NS_CREATED+=("$ns")
		ip -n "$ns" link set lo up || return
	done
	trap ns_cleanup EXIT
}

veth_pair() {
	local ns1=$1 if1=$2 ns2=$3 if2=$4 a1=${5:-} a2=${6:-}
	ip link add "$if1" netns "$ns1" type veth peer name "$if2" netns "$ns2" || return
	[ -z "$a1" ] || ns_addr "$ns1" "$if1" "$a1" || return
	[ -z "$a2" ] || ns_addr "$ns2" "$if2" "$a2" || return
	ip -n "$ns1" link set "$if1" up && ip -n "$ns2" link set "$if2" up
}

# ns_addr NS IF a.b.c.d: a.b.c.d/24 and fd00:a:b:c::d/64 on NS:IF.
ns_addr() {
	local o
	IFS=. read -r -a o <<<"$3"
	ip -n "$1" addr add "$3/24" dev "$2" &&
		ip -n "$1" addr add "fd00:${o[0]}:${o[1]}:${o[2]}::${o[3]}/64" dev "$2" nodad
}

ns_cleanup() {
	local ns
	for ns in "${NS_CREATED[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	NS_CREATED=()
}
