// SPDX-License-Identifier: GPL-2.0
/*
 * PTP over IEEE 802.3 (1588 annex F): ethertype 0x88F7 on AF_PACKET
 * sockets, a classic BPF filter splitting event and general messages.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <linux/filter.h>
#include <linux/if_ether.h>

#include "transport.h"

#define VLAN_HLEN	4
#define PTP_GENERAL_BIT	0x08	/* messageType 0x8..0xF are general */

void raw_mcast_addr(const uint8_t mac[MAC_LEN], int ifindex,
		    struct trans_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->sll.sll_family = AF_PACKET;
	a->sll.sll_protocol = htons(ETH_P_1588_PTP);
	a->sll.sll_ifindex = ifindex;
	a->sll.sll_halen = MAC_LEN;
	memcpy(a->sll.sll_addr, mac, MAC_LEN);
	a->len = sizeof(a->sll);
}

/*
 * Accepts incoming PTP frames, 802.1Q-tagged or not, whose messageType
 * is an event (event socket) or a general one (general socket). Our own
 * outgoing frames, which ETH_P_ALL sockets also see, are dropped.
 */
#define RAW_FILTER_LEN	14
#define RAW_FILTER_TEST	11

static void raw_filter(struct sock_filter f[RAW_FILTER_LEN], bool event)
{
	const struct sock_filter prog[RAW_FILTER_LEN] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 SKF_AD_OFF + SKF_AD_PKTTYPE),
		/* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_OUTGOING,
				 11, 0),
		/* 2 */ BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
		/* 3 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_1588_PTP,
				 0, 2),
		/* 4 */ BPF_STMT(BPF_LD | BPF_B | BPF_ABS, ETH_HLEN),
		/* 5 */ BPF_JUMP(BPF_JMP | BPF_JA, 4, 0, 0),
		/* 6 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_8021Q, 0, 6),
		/* 7 */ BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 16),
		/* 8 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_1588_PTP,
				 0, 4),
		/* 9 */ BPF_STMT(BPF_LD | BPF_B | BPF_ABS,
				 ETH_HLEN + VLAN_HLEN),
		/* 10 */ BPF_STMT(BPF_ALU | BPF_AND | BPF_K, PTP_GENERAL_BIT),
		/* 11 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		/* 12 */ BPF_STMT(BPF_RET | BPF_K, 0xFFFF),
		/* 13 */ BPF_STMT(BPF_RET | BPF_K, 0),
	};

	memcpy(f, prog, sizeof(prog));
	if (!event) {
		f[RAW_FILTER_TEST].jt = 1;
		f[RAW_FILTER_TEST].jf = 0;
	}
}

static int raw_mreq(int fd, int ifindex, int type, const uint8_t *mac)
{
	struct packet_mreq mreq;

	memset(&mreq, 0, sizeof(mreq));
	mreq.mr_ifindex = ifindex;
	mreq.mr_type = type;
	if (mac) {
		mreq.mr_alen = MAC_LEN;
		memcpy(mreq.mr_address, mac, MAC_LEN);
	}
	return setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq,
			  sizeof(mreq));
}

/* Both PTP groups, else all multicast, else promiscuous, like ptp4l. */
static int raw_join(struct transport *t, int fd)
{
	int err1, err2;

	err1 = raw_mreq(fd, t->ifindex, PACKET_MR_MULTICAST,
			t->cfg.ptp_dst_mac);
	if (err1)
		sk_log(LOG_WARNING, "setsockopt PACKET_MR_MULTICAST failed: %m");
	err2 = raw_mreq(fd, t->ifindex, PACKET_MR_MULTICAST,
			t->cfg.p2p_dst_mac);
	if (err2)
		sk_log(LOG_WARNING, "setsockopt PACKET_MR_MULTICAST failed: %m");
	if (!err1 && !err2)
		return 0;
	if (!raw_mreq(fd, t->ifindex, PACKET_MR_ALLMULTI, NULL))
		return 0;
	sk_log(LOG_WARNING, "setsockopt PACKET_MR_ALLMULTI failed: %m");
	if (!raw_mreq(fd, t->ifindex, PACKET_MR_PROMISC, NULL))
		return 0;
	sk_log(LOG_WARNING, "setsockopt PACKET_MR_PROMISC failed: %m");
	sk_log(LOG_ERR, "all socket options failed");
	return -EINVAL;
}

static int raw_socket(struct transport *t, bool event)
{
	struct sockaddr_ll addr = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = t->ifindex,
	};
	struct sock_filter filter[RAW_FILTER_LEN];
	struct sock_fprog prog = { RAW_FILTER_LEN, filter };
	const char *name = t->cfg.ifname;
	int fd, prio = t->cfg.socket_priority, err;

	/* Protocol 0: nothing is queued before the filter is in place. */
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		err = -errno;
		sk_log(LOG_ERR, "socket failed: %m");
		return err;
	}
	raw_filter(filter, event);
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
		       sizeof(prog))) {
		err = -errno;
		sk_log(LOG_ERR, "setsockopt SO_ATTACH_FILTER failed: %m");
		goto fail;
	}
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		err = -errno;
		sk_log(LOG_ERR, "bind failed: %m");
		goto fail;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, strlen(name))) {
		err = -errno;
		sk_log(LOG_ERR, "setsockopt SO_BINDTODEVICE failed: %m");
		goto fail;
	}
	if (prio > 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &prio, sizeof(prio))) {
		err = -errno;
		sk_log(LOG_ERR, "setsockopt SO_PRIORITY failed: %m");
		goto fail;
	}
	err = raw_join(t, fd);
	if (err)
		goto fail;
	return fd;
fail:
	close(fd);
	return err;
}

static int raw_open(struct transport *t)
{
	int fd;

	if (!t->have_mac)
		return -EADDRNOTAVAIL;
	raw_mcast_addr(t->cfg.ptp_dst_mac, t->ifindex, &t->mcast[DEST_DEFAULT]);
	raw_mcast_addr(t->cfg.p2p_dst_mac, t->ifindex, &t->mcast[DEST_PEER]);

	fd = raw_socket(t, true);
	if (fd < 0)
		return fd;
	t->fd[TRANS_EVENT] = fd;
	fd = raw_socket(t, false);
	if (fd < 0)
		return fd;
	t->fd[TRANS_GENERAL] = fd;
	return sk_timestamping_init(t->fd[TRANS_EVENT], t->cfg.ifname,
				    t->cfg.ts_type, true, t->cfg.hwts_filter);
}

static ssize_t raw_send(struct transport *t, int fd,
			const struct trans_addr *to, const void *buf,
			size_t len)
{
	struct ethhdr hdr;
	struct iovec iov[2] = {
		{ &hdr, sizeof(hdr) },
		{ (void *)buf, len },
	};
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2 };
	ssize_t cnt;

	if (to->sll.sll_halen != MAC_LEN)
		return -EINVAL;
	memcpy(hdr.h_dest, to->sll.sll_addr, MAC_LEN);
	memcpy(hdr.h_source, t->mac, MAC_LEN);
	hdr.h_proto = htons(ETH_P_1588_PTP);
	cnt = sendmsg(fd, &msg, 0);
	if (cnt < 0) {
		cnt = -errno;
		sk_log(LOG_ERR, "send failed: %m");
		return cnt;
	}
	return cnt < (ssize_t)sizeof(hdr) ? 0 : cnt - (ssize_t)sizeof(hdr);
}

static ssize_t raw_recv(struct transport *t, int fd, void *buf, size_t len,
			struct trans_addr *from, struct pkt_ts *ts)
{
	struct ethhdr hdr;
	struct iovec iov[2] = {
		{ &hdr, sizeof(hdr) },
		{ buf, len },
	};
	socklen_t alen = sizeof(from->sll);
	ssize_t cnt;

	from->len = 0;
	cnt = sk_receive(fd, iov, 2, &from->sa, &alen, t->cfg.ts_type, ts);
	if (cnt < 0)
		return cnt;
	if (cnt < (ssize_t)sizeof(hdr))
		return -EAGAIN;		/* a runt: nothing for us */
	cnt -= sizeof(hdr);
	if (ntohs(hdr.h_proto) == ETH_P_8021Q) {
		/* The tag's second half and the real type precede the data. */
		if (cnt < VLAN_HLEN)
			return -EAGAIN;
		cnt -= VLAN_HLEN;
		memmove(buf, (uint8_t *)buf + VLAN_HLEN, cnt);
	}
	from->len = alen;
	return cnt;
}

static int raw_protocol_addr(struct transport *t, uint8_t *addr, size_t cap)
{
	return transport_physical_addr(t, addr, cap);
}

const struct transport_ops raw_ops = {
	.open = raw_open,
	.send = raw_send,
	.recv = raw_recv,
	.protocol_addr = raw_protocol_addr,
};
