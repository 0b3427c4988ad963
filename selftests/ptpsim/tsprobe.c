// SPDX-License-Identifier: GPL-2.0
/*
 * tsprobe: send raw Ethernet frames from one interface to another (both in
 * this network namespace, e.g. two linked ptpsim devices) and collect their
 * hardware TX and RX timestamps, to check what the link model and the
 * timestamping of ptpsim do to each frame.
 *
 *   tsprobe [-v] TXIF RXIF COUNT [GAP_US]
 *
 * Turns hardware timestamping on on both interfaces (SIOCSHWTSTAMP: TX on,
 * RX all), sends COUNT frames of ethertype 0x88b5 (local experimental) from
 * TXIF, each with its sequence number, and prints one summary line:
 *
 *   sent N txts N rxd N rxts N tx_gcd G rx_gcd G delay_min D delay_mean D delay_max D
 *
 * txts: frames whose TX timestamp came back on the error queue; rxd: frames
 * received on RXIF; rxts: of those, with an RX timestamp; tx_gcd/rx_gcd: the
 * greatest common divisor of all TX/RX timestamps (ns; a timestamp
 * granularity shows here); delay_*: RX - TX timestamp of the frames that have
 * both (ns, on the two PHCs' time scales). -v also prints "SEQ TX RX" per
 * frame (- for a missing timestamp). Exit status 0 unless something failed
 * outright (sockets, ioctls).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/errqueue.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/net_tstamp.h>
#include <linux/sockios.h>

#define ETHERTYPE_PROBE	0x88b5
#define FRAME_LEN	64
#define MAGIC		"tsprobe"

struct probe {
	int64_t tx, rx;		/* ns, 0 if missing */
	int received;
};

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

static void hwtstamp_on(int fd, const char *ifname)
{
	struct hwtstamp_config cfg = {
		.tx_type = HWTSTAMP_TX_ON,
		.rx_filter = HWTSTAMP_FILTER_ALL,
	};
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = (void *)&cfg;
	if (ioctl(fd, SIOCSHWTSTAMP, &ifr))
		die("SIOCSHWTSTAMP");
}

static int packet_socket(int ifindex, int proto, int tsflags)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = ifindex,
	};
	int fd, size = 4 << 20;

	fd = socket(AF_PACKET, SOCK_RAW, htons(proto));
	if (fd < 0)
		die("socket");
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("bind");
	if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &tsflags,
		       sizeof(tsflags)))
		die("SO_TIMESTAMPING");
	/* Best effort: the receiver must not drop frames for lack of room. */
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	return fd;
}

/*
 * Read one message (the error queue's if @flags has MSG_ERRQUEUE): its
 * sequence number, and its raw hardware timestamp in *@ts (0 if none).
 * Returns the sequence number, -1 for a foreign frame, -2 if none is there.
 */
static long read_one(int fd, int flags, int64_t *ts)
{
	unsigned char buf[256], ctl[512];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl, .msg_controllen = sizeof(ctl),
	};
	struct cmsghdr *cm;
	uint32_t seq;
	ssize_t n;

	*ts = 0;
	n = recvmsg(fd, &msg, flags | MSG_DONTWAIT);
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return -2;
		die("recvmsg");
	}
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
		if (cm->cmsg_level == SOL_SOCKET &&
		    cm->cmsg_type == SO_TIMESTAMPING) {
			struct scm_timestamping t;

			memcpy(&t, CMSG_DATA(cm), sizeof(t));
			*ts = (int64_t)t.ts[2].tv_sec * 1000000000 +
			      t.ts[2].tv_nsec;
		}
	}
	if (n < ETH_HLEN + (ssize_t)sizeof(MAGIC) + 4 ||
	    memcmp(buf + ETH_HLEN, MAGIC, sizeof(MAGIC)))
		return -1;
	memcpy(&seq, buf + ETH_HLEN + sizeof(MAGIC), sizeof(seq));
	return ntohl(seq);
}

static int wait_fd(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, ms) > 0;
}

static void drain_rx(int fd, struct probe *pr, long count)
{
	int64_t ts;
	long seq;

	while ((seq = read_one(fd, 0, &ts)) != -2) {
		if (seq < 0 || seq >= count)
			continue;
		pr[seq].received = 1;
		pr[seq].rx = ts;
	}
}

int main(int argc, char **argv)
{
	long count, gap_us = 0, i, sent = 0, txts = 0, rxd = 0, rxts = 0, nd = 0;
	uint64_t tx_gcd = 0, rx_gcd = 0;
	int64_t dmin = INT64_MAX, dmax = INT64_MIN, d;
	int txfd, rxfd, verbose = 0, tsflags;
	double dsum = 0;
	struct timespec gap;
	struct probe *pr;

	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		argv++;
		argc--;
	}
	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: tsprobe [-v] TXIF RXIF COUNT [GAP_US]\n");
		return 2;
	}
	count = strtol(argv[3], NULL, 0);
	if (argc == 5)
		gap_us = strtol(argv[4], NULL, 0);
	if (count <= 0 || count > 1000000 || gap_us < 0)
		return 2;
	gap.tv_sec = gap_us / 1000000;
	gap.tv_nsec = gap_us % 1000000 * 1000;
	pr = calloc(count, sizeof(*pr));
	if (!pr)
		die("calloc");

	tsflags = SOF_TIMESTAMPING_TX_HARDWARE | SOF_TIMESTAMPING_RAW_HARDWARE;
	txfd = packet_socket(if_nametoindex(argv[1]), 0, tsflags);
	tsflags = SOF_TIMESTAMPING_RX_HARDWARE | SOF_TIMESTAMPING_RAW_HARDWARE;
	rxfd = packet_socket(if_nametoindex(argv[2]), ETHERTYPE_PROBE, tsflags);
	hwtstamp_on(txfd, argv[1]);
	hwtstamp_on(txfd, argv[2]);

	for (i = 0; i < count; i++) {
		unsigned char f[FRAME_LEN] = { 0 };
		uint32_t seq = htonl(i);
		int64_t ts;
		long s;

		memset(f, 0xff, ETH_ALEN);		/* broadcast */
		f[ETH_ALEN] = 0x02;			/* a local unicast source */
		f[2 * ETH_ALEN] = ETHERTYPE_PROBE >> 8;
		f[2 * ETH_ALEN + 1] = ETHERTYPE_PROBE & 0xff;
		memcpy(f + ETH_HLEN, MAGIC, sizeof(MAGIC));
		memcpy(f + ETH_HLEN + sizeof(MAGIC), &seq, sizeof(seq));
		if (send(txfd, f, sizeof(f), 0) != sizeof(f))
			die("send");
		sent++;
		/* The TX timestamp is queued before send() returns. */
		while (wait_fd(txfd, POLLERR, 1000)) {
			s = read_one(txfd, MSG_ERRQUEUE, &ts);
			if (s == -2)
				break;
			if (s < 0 || s >= count)
				continue;
			pr[s].tx = ts;
			if (s == i)
				break;
		}
		drain_rx(rxfd, pr, count);
		if (gap_us)
			nanosleep(&gap, NULL);
	}
	while (wait_fd(rxfd, POLLIN, 500))
		drain_rx(rxfd, pr, count);

	for (i = 0; i < count; i++) {
		if (pr[i].tx) {
			txts++;
			tx_gcd = gcd64(tx_gcd, pr[i].tx);
		}
		if (pr[i].received)
			rxd++;
		if (pr[i].rx) {
			rxts++;
			rx_gcd = gcd64(rx_gcd, pr[i].rx);
		}
		if (pr[i].tx && pr[i].rx) {
			d = pr[i].rx - pr[i].tx;
			nd++;
			dsum += d;
			if (d < dmin)
				dmin = d;
			if (d > dmax)
				dmax = d;
		}
		if (verbose) {
			printf("%ld ", i);
			if (pr[i].tx)
				printf("%" PRId64, pr[i].tx);
			else
				printf("-");
			if (pr[i].rx)
				printf(" %" PRId64 "\n", pr[i].rx);
			else
				printf(" -\n");
		}
	}
	if (!nd)
		dmin = dmax = 0;
	printf("sent %ld txts %ld rxd %ld rxts %ld tx_gcd %" PRIu64 " rx_gcd %" PRIu64
	       " delay_min %" PRId64 " delay_mean %.0f delay_max %" PRId64 "\n",
	       sent, txts, rxd, rxts, tx_gcd, rx_gcd, dmin, nd ? dsum / nd : 0.0,
	       dmax);
	return 0;
}
