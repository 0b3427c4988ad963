#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the PTP messages seen on an interface, multicast and unicast apart.

    ptpcount.py IFACE OUT

Captures (AF_PACKET, both directions) PTP over UDPv4, UDPv6 and IEEE 802.3
until SIGTERM, then writes one line per kind seen to OUT:
"<MESSAGE_TYPE> <mcast|ucast> <rx|tx> <count>", e.g. "SYNC ucast rx 160"
(tx: sent from IFACE). Unicast profiles must show no multicast Sync; the
selftests check that with it.
"""
import signal
import socket
import struct
import sys

NAMES = {0: "SYNC", 1: "DELAY_REQ", 2: "PDELAY_REQ", 3: "PDELAY_RESP",
         8: "FOLLOW_UP", 9: "DELAY_RESP", 10: "PDELAY_RESP_FOLLOW_UP",
         11: "ANNOUNCE", 12: "SIGNALING", 13: "MANAGEMENT"}
ETH_P_ALL = 3
PACKET_OUTGOING = 4


def classify(frame):
    """(message type, multicast) of a PTP frame, or None."""
    if len(frame) < 14:
        return None
    dst, ethertype = frame[0:6], struct.unpack("!H", frame[12:14])[0]
    body = frame[14:]
    if ethertype == 0x8100 and len(frame) >= 18:
        ethertype = struct.unpack("!H", frame[16:18])[0]
        body = frame[18:]
    if ethertype == 0x88F7:
        return (body[0] & 0xF, bool(dst[0] & 1)) if body else None
    if ethertype == 0x0800 and len(body) >= 20:
        ihl = (body[0] & 0xF) * 4
        if body[9] != 17 or len(body) < ihl + 9:
            return None
        port = struct.unpack("!H", body[ihl + 2:ihl + 4])[0]
        if port not in (319, 320):
            return None
        return body[ihl + 8] & 0xF, 224 <= body[16] <= 239
    if ethertype == 0x86DD and len(body) >= 49:
        if body[6] != 17:
            return None
        port = struct.unpack("!H", body[42:44])[0]
        if port not in (319, 320):
            return None
        return body[48] & 0xF, body[24] == 0xFF
    return None


def main():
    iface, out = sys.argv[1], sys.argv[2]
    counts = {}
    stop = []
    sk = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                       socket.htons(ETH_P_ALL))
    sk.bind((iface, 0))
    sk.settimeout(0.5)
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    with open(out + ".ready", "w"):
        pass
    while not stop:
        try:
            frame, addr = sk.recvfrom(2048)
        except socket.timeout:
            continue
        except InterruptedError:
            continue
        kind = classify(frame)
        if kind:
            kind += (addr[2] == PACKET_OUTGOING,)
            counts[kind] = counts.get(kind, 0) + 1
    with open(out, "w") as f:
        for (mtype, mcast, tx), c in sorted(counts.items()):
            f.write("%s %s %s %d\n" % (NAMES.get(mtype, str(mtype)),
                                       "mcast" if mcast else "ucast",
                                       "tx" if tx else "rx", c))


if __name__ == "__main__":
    main()
