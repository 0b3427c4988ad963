// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated Ethernet device: transmission onto its segment with the link
 * model applied, hardware timestamps from the PHCs, one-step Sync and
 * Pdelay_Resp, ethtool.
 */

#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_ether.h>
#include <linux/math64.h>
#include <linux/net_tstamp.h>
#include <linux/netdevice.h>
#include <linux/ptp_classify.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/timekeeping.h>
#include <linux/udp.h>
#include <net/checksum.h>

#include "ptpsim.h"

/* Offsets within PTPv2 messages (IEEE 1588-2008 13.3, 13.6, 13.10). */
#define PTPSIM_CORR_OFF		8	/* correctionField, 8 bytes */
#define PTPSIM_SRC_OFF		20	/* sourcePortIdentity */
#define PTPSIM_ORIGIN_OFF	34	/* Sync originTimestamp */
#define PTPSIM_ORIGIN_LEN	10
#define PTPSIM_REQPORT_OFF	44	/* Pdelay_Resp requestingPortIdentity */
#define PTPSIM_PORTID_LEN	10
#define PTPSIM_TWO_STEP		0x02	/* flagField[0] */

/**
 * ptpsim_dev_tstamp() - a hardware timestamp of the device
 * @ps:		the device
 * @mono:	the instant, raw monotonic ns
 *
 * Return: its PHC's time at @mono, truncated to the timestamp granularity.
 */
s64 ptpsim_dev_tstamp(struct ptpsim_dev *ps, u64 mono)
{
	s64 ns = ptpsim_clock_read(&ps->clock, mono);
	u32 gran = READ_ONCE(ps->ts_gran_ns);
	u32 rem;

	if (gran > 1 && ns > 0) {
		div_u64_rem(ns, gran, &rem);
		ns -= rem;
	}
	return ns;
}

/* The PTP header of @skb and its message type, or NULL. */
static struct ptp_header *ptpsim_ptp(struct sk_buff *skb, unsigned int *type,
				     u8 *msgtype)
{
	struct ptp_header *hdr;

	*type = ptp_classify_raw(skb);
	if (*type == PTP_CLASS_NONE)
		return NULL;
	hdr = ptp_parse_header(skb, *type);
	if (hdr)
		*msgtype = ptp_get_msgtype(hdr, *type);
	return hdr;
}

/*
 * After @len bytes at @p in the PTP message at @off changed (their checksum
 * was @old): over UDPv4 zero the UDP checksum, over UDPv6 update it.
 */
static void ptpsim_fix_udp(struct sk_buff *skb, unsigned int type,
			   unsigned int off, u8 *p, unsigned int len,
			   __wsum old)
{
	/* The UDP header sits right before the PTP header. */
	struct udphdr *uh = (struct udphdr *)(skb->data + off - sizeof(*uh));

	switch (type & PTP_CLASS_PMASK) {
	case PTP_CLASS_IPV4:
		uh->check = 0;		/* allowed over IPv4 */
		break;
	case PTP_CLASS_IPV6:
		/* The fields changed are 16-bit aligned within the datagram. */
		csum_replace_by_diff(&uh->check,
				     csum_sub(csum_partial(p, len, 0), old));
		if (!uh->check)
			uh->check = CSUM_MANGLED_0;
		break;
	}
}

/* One-step Sync: write the departure time @ts into originTimestamp. */
static void ptpsim_onestep_sync(struct sk_buff *skb, unsigned int type,
				unsigned int off, s64 ts)
{
	u8 *p = skb->data + off + PTPSIM_ORIGIN_OFF;
	__wsum old = csum_partial(p, PTPSIM_ORIGIN_LEN, 0);
	__be16 sec_hi;
	__be32 sec_lo, ns;
	u32 nsec;
	u64 sec;

	sec = div_u64_rem(ts > 0 ? ts : 0, NSEC_PER_SEC, &nsec);
	sec_hi = cpu_to_be16(sec >> 32);
	sec_lo = cpu_to_be32(lower_32_bits(sec));
	ns = cpu_to_be32(nsec);
	memcpy(p, &sec_hi, sizeof(sec_hi));
	memcpy(p + 2, &sec_lo, sizeof(sec_lo));
	memcpy(p + 6, &ns, sizeof(ns));
	ptpsim_fix_udp(skb, type, off, p, PTPSIM_ORIGIN_LEN, old);
}

/*
 * The ingress time of the Pdelay_Req that a Pdelay_Resp answers (by
 * requestingPortIdentity and sequenceId), consumed: true if @ps kept one.
 */
static bool ptpsim_pdreq_take(struct ptpsim_dev *ps, const u8 *port, u16 seq,
			      s64 *t2)
{
	bool found = false;
	unsigned int i;

	spin_lock_bh(&ps->pd_lock);
	for (i = 0; i < PTPSIM_PDREQ_SLOTS; i++) {
		struct ptpsim_pdreq *r = &ps->pdreq[i];

		if (r->valid && r->seq == seq &&
		    !memcmp(r->src, port, PTPSIM_PORTID_LEN)) {
			*t2 = r->t2;
			r->valid = false;
			found = true;
			break;
		}
	}
	spin_unlock_bh(&ps->pd_lock);
	return found;
}

/* @ps received the Pdelay_Req @hdr at @t2 (its PHC): keep it. */
static void ptpsim_pdreq_keep(struct ptpsim_dev *ps,
			      const struct ptp_header *hdr, s64 t2)
{
	struct ptpsim_pdreq *r;

	spin_lock_bh(&ps->pd_lock);
	r = &ps->pdreq[ps->pd_next];
	ps->pd_next = (ps->pd_next + 1) % PTPSIM_PDREQ_SLOTS;
	memcpy(r->src, (const u8 *)hdr + PTPSIM_SRC_OFF, PTPSIM_PORTID_LEN);
	r->seq = be16_to_cpu(hdr->sequence_id);
	r->t2 = t2;
	r->valid = true;
	spin_unlock_bh(&ps->pd_lock);
}

/*
 * One-step Pdelay_Resp (HWTSTAMP_TX_ONESTEP_P2P): add the turnaround, the
 * departure time @t3 less the ingress time of the request it answers, to
 * the correctionField, as 1588 11.4.3 c) has a one-step responder do.
 */
static void ptpsim_onestep_pdresp(struct ptpsim_dev *ps, struct sk_buff *skb,
				  unsigned int type, unsigned int off, s64 t3)
{
	u8 *h = skb->data + off, *p = h + PTPSIM_CORR_OFF;
	__be64 corr;
	__wsum old;
	s64 t2;
	u64 c;

	if (!ptpsim_pdreq_take(ps, h + PTPSIM_REQPORT_OFF,
			       be16_to_cpu(((struct ptp_header *)h)->sequence_id),
			       &t2)) {
		atomic64_inc(&ps->pdresp_miss);
		return;
	}
	old = csum_partial(p, sizeof(corr), 0);
	memcpy(&corr, p, sizeof(corr));
	/* scaled nanoseconds (2^-16 ns), two's complement */
	c = be64_to_cpu(corr) + ((u64)(t3 - t2) << 16);
	corr = cpu_to_be64(c);
	memcpy(p, &corr, sizeof(corr));
	ptpsim_fix_udp(skb, type, off, p, sizeof(corr), old);
	atomic64_inc(&ps->pdresp);
}

/*
 * One-step TX (@tx_type ONESTEP_SYNC or ONESTEP_P2P) of a frame leaving at
 * @ts: true if @skb is a one-step message the NIC completed (no TX timestamp
 * is reported for it then).
 */
static bool ptpsim_onestep(struct ptpsim_dev *ps, struct sk_buff *skb,
			   int tx_type, s64 ts)
{
	struct ptp_header *hdr;
	unsigned int type, off;
	u8 msgtype = 0;

	hdr = ptpsim_ptp(skb, &type, &msgtype);
	if (!hdr || (hdr->flag_field[0] & PTPSIM_TWO_STEP))
		return false;
	off = (u8 *)hdr - skb->data;
	switch (msgtype) {
	case PTP_MSGTYPE_SYNC:
		if (skb_ensure_writable(skb, off + PTPSIM_ORIGIN_OFF +
					PTPSIM_ORIGIN_LEN))
			return false;
		ptpsim_onestep_sync(skb, type, off, ts);
		atomic64_inc(&ps->onestep);
		return true;
	case PTP_MSGTYPE_PDELAY_RESP:
		if (tx_type != HWTSTAMP_TX_ONESTEP_P2P ||
		    skb_ensure_writable(skb, off + PTPSIM_REQPORT_OFF +
					PTPSIM_PORTID_LEN))
			return false;
		ptpsim_onestep_pdresp(ps, skb, type, off, ts);
		return true;
	default:
		return false;
	}
}

/* Hand a copy of @skb, sent by @ps at @departure, to @peer. */
static void ptpsim_deliver(struct ptpsim_dev *ps, struct ptpsim_dev *peer,
			   struct sk_buff *skb, u64 departure,
			   const struct ptp_header *pdreq)
{
	struct sk_buff *nskb;
	unsigned int len;
	u64 delay;
	s64 rx;

	if (!ptpsim_link_sample(&ps->link, &delay)) {
		atomic64_inc(&ps->tx_dropped);
		return;
	}
	nskb = skb_copy(skb, GFP_ATOMIC);
	if (!nskb) {
		atomic64_inc(&peer->rx_dropped);
		return;
	}
	nskb->tstamp = 0;
	if (READ_ONCE(peer->rx_filter) != HWTSTAMP_FILTER_NONE) {
		rx = ptpsim_dev_tstamp(peer, departure + delay);
		skb_hwtstamps(nskb)->hwtstamp = ns_to_ktime(rx);
		/* A one-step P2P responder needs the request's ingress time. */
		if (pdreq &&
		    READ_ONCE(peer->tx_type) == HWTSTAMP_TX_ONESTEP_P2P)
			ptpsim_pdreq_keep(peer, pdreq, rx);
	}
	len = nskb->len;
	if (dev_forward_skb(peer->netdev, nskb) == NET_RX_SUCCESS) {
		atomic64_inc(&peer->rx_packets);
		atomic64_add(len, &peer->rx_bytes);
	} else {
		atomic64_inc(&peer->rx_dropped);
	}
}

static netdev_tx_t ptpsim_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct ptpsim_dev *ps = netdev_priv(dev);
	u64 departure = ktime_get_raw_ns();
	int tx_type = READ_ONCE(ps->tx_type);
	const struct ptp_header *pdreq;
	struct ptpsim_dev *peer;
	struct ptpsim_seg *seg;
	unsigned int type;
	bool hwts = false;
	u8 msgtype = 0;
	s64 ts = 0;

	if (tx_type != HWTSTAMP_TX_OFF) {
		ts = ptpsim_dev_tstamp(ps, departure);
		if (skb_shinfo(skb)->tx_flags & SKBTX_HW_TSTAMP)
			hwts = true;
		if ((tx_type == HWTSTAMP_TX_ONESTEP_SYNC ||
		     tx_type == HWTSTAMP_TX_ONESTEP_P2P) &&
		    ptpsim_onestep(ps, skb, tx_type, ts))
			hwts = false;
		if (hwts)
			skb_shinfo(skb)->tx_flags |= SKBTX_IN_PROGRESS;
	}
	skb_tx_timestamp(skb);
	pdreq = ptpsim_ptp(skb, &type, &msgtype);
	if (msgtype != PTP_MSGTYPE_PDELAY_REQ)
		pdreq = NULL;

	atomic64_inc(&ps->tx_packets);
	atomic64_add(skb->len, &ps->tx_bytes);

	rcu_read_lock();
	seg = rcu_dereference(ps->seg);
	if (seg) {
		list_for_each_entry_rcu(peer, &seg->ports, seg_node)
			if (peer != ps)
				ptpsim_deliver(ps, peer, skb, departure,
					       pdreq);
	}
	rcu_read_unlock();

	if (hwts) {
		struct skb_shared_hwtstamps hw = { .hwtstamp = ns_to_ktime(ts) };

		skb_tstamp_tx(skb, &hw);
		atomic64_inc(&ps->tx_hwts);
	}
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static int ptpsim_open(struct net_device *dev)
{
	netif_start_queue(dev);
	return 0;
}

static int ptpsim_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	return 0;
}

static void ptpsim_get_stats64(struct net_device *dev,
			       struct rtnl_link_stats64 *s)
{
	struct ptpsim_dev *ps = netdev_priv(dev);

	s->tx_packets = atomic64_read(&ps->tx_packets);
	s->tx_bytes = atomic64_read(&ps->tx_bytes);
	s->tx_dropped = atomic64_read(&ps->tx_dropped);
	s->rx_packets = atomic64_read(&ps->rx_packets);
	s->rx_bytes = atomic64_read(&ps->rx_bytes);
	s->rx_dropped = atomic64_read(&ps->rx_dropped);
}

int ptpsim_hwtstamp_get(struct net_device *dev, int *flags, int *tx_type,
			int *rx_filter)
{
	struct ptpsim_dev *ps = netdev_priv(dev);

	*flags = 0;
	*tx_type = READ_ONCE(ps->tx_type);
	*rx_filter = READ_ONCE(ps->rx_filter);
	return 0;
}

/*
 * Every frame is timestamped once any filter is on: PTPv2 filters are
 * upgraded to HWTSTAMP_FILTER_ALL, and that is what is reported back.
 */
int ptpsim_hwtstamp_set(struct net_device *dev, int *flags, int *tx_type,
			int *rx_filter)
{
	struct ptpsim_dev *ps = netdev_priv(dev);

	if (*flags)
		return -EINVAL;
	switch (*tx_type) {
	case HWTSTAMP_TX_OFF:
	case HWTSTAMP_TX_ON:
	case HWTSTAMP_TX_ONESTEP_SYNC:
	case HWTSTAMP_TX_ONESTEP_P2P:
		break;
	default:
		return -ERANGE;
	}
	switch (*rx_filter) {
	case HWTSTAMP_FILTER_NONE:
		break;
	case HWTSTAMP_FILTER_ALL:
	case HWTSTAMP_FILTER_PTP_V2_L4_EVENT:
	case HWTSTAMP_FILTER_PTP_V2_L4_SYNC:
	case HWTSTAMP_FILTER_PTP_V2_L4_DELAY_REQ:
	case HWTSTAMP_FILTER_PTP_V2_L2_EVENT:
	case HWTSTAMP_FILTER_PTP_V2_L2_SYNC:
	case HWTSTAMP_FILTER_PTP_V2_L2_DELAY_REQ:
	case HWTSTAMP_FILTER_PTP_V2_EVENT:
	case HWTSTAMP_FILTER_PTP_V2_SYNC:
	case HWTSTAMP_FILTER_PTP_V2_DELAY_REQ:
		*rx_filter = HWTSTAMP_FILTER_ALL;
		break;
	default:
		return -ERANGE;
	}
	WRITE_ONCE(ps->tx_type, *tx_type);
	WRITE_ONCE(ps->rx_filter, *rx_filter);
	return 0;
}

static const struct net_device_ops ptpsim_netdev_ops = {
	.ndo_open		= ptpsim_open,
	.ndo_stop		= ptpsim_stop,
	.ndo_start_xmit		= ptpsim_xmit,
	.ndo_get_stats64	= ptpsim_get_stats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	PTPSIM_HWTSTAMP_NDOS,
};

static void ptpsim_get_drvinfo(struct net_device *dev,
			       struct ethtool_drvinfo *info)
{
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->bus_info, "ptpsim", sizeof(info->bus_info));
}

static int ptpsim_get_ts_info(struct net_device *dev,
			      struct ptpsim_ts_info *info)
{
	struct ptpsim_dev *ps = netdev_priv(dev);

	info->so_timestamping = SOF_TIMESTAMPING_TX_HARDWARE |
				SOF_TIMESTAMPING_RX_HARDWARE |
				SOF_TIMESTAMPING_RAW_HARDWARE |
				SOF_TIMESTAMPING_TX_SOFTWARE |
				SOF_TIMESTAMPING_RX_SOFTWARE |
				SOF_TIMESTAMPING_SOFTWARE;
	info->phc_index = ptp_clock_index(ps->clock.ptp);
	info->tx_types = BIT(HWTSTAMP_TX_OFF) | BIT(HWTSTAMP_TX_ON) |
			 BIT(HWTSTAMP_TX_ONESTEP_SYNC) |
			 BIT(HWTSTAMP_TX_ONESTEP_P2P);
	info->rx_filters = BIT(HWTSTAMP_FILTER_NONE) |
			   BIT(HWTSTAMP_FILTER_ALL) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L4_EVENT) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L4_SYNC) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L4_DELAY_REQ) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L2_EVENT) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L2_SYNC) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L2_DELAY_REQ) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_EVENT) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_SYNC) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_DELAY_REQ);
	return 0;
}

static const struct ethtool_ops ptpsim_ethtool_ops = {
	.get_drvinfo	= ptpsim_get_drvinfo,
	.get_link	= ethtool_op_get_link,
	.get_ts_info	= ptpsim_get_ts_info,
};

/**
 * ptpsim_dev_create() - create and register a device with its PHC
 * @name:	interface name (and the device's name in ptpsim)
 * @seed:	seed of its PRNGs
 * @id:		a small number that makes its MAC address (02:70:73:xx:xx:xx)
 *
 * Called in process context without rtnl_lock. The device starts detached,
 * without carrier, with timestamping off.
 *
 * Return: the device or an ERR_PTR.
 */
struct ptpsim_dev *ptpsim_dev_create(const char *name, u64 seed, u32 id)
{
	u8 addr[ETH_ALEN] = { 0x02, 0x70, 0x73, id >> 16, id >> 8, id };
	struct net_device *dev;
	struct ptpsim_dev *ps;
	int err;

	dev = alloc_netdev(sizeof(*ps), name, NET_NAME_USER, ether_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	ps = netdev_priv(dev);
	ps->netdev = dev;
	strscpy(ps->name, name, sizeof(ps->name));
	INIT_LIST_HEAD(&ps->seg_node);
	spin_lock_init(&ps->pd_lock);
	ps->seed = seed;
	prandom_seed_state(&ps->link.rnd, seed);

	dev->netdev_ops = &ptpsim_netdev_ops;
	dev->ethtool_ops = &ptpsim_ethtool_ops;
	/* One-step Sync writes into the frame: no shared skbs. */
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_set(dev, addr);

	err = ptpsim_clock_init(&ps->clock, name, seed);
	if (err)
		goto err_free;

	netif_carrier_off(dev);
	err = register_netdev(dev);
	if (err)
		goto err_clock;
	return ps;

err_clock:
	ptpsim_clock_fini(&ps->clock);
err_free:
	free_netdev(dev);
	return ERR_PTR(err);
}

/* Unregister and free a device that is detached from any segment. */
void ptpsim_dev_destroy(struct ptpsim_dev *ps)
{
	struct net_device *dev = ps->netdev;

	unregister_netdev(dev);
	ptpsim_clock_fini(&ps->clock);
	free_netdev(dev);
}
