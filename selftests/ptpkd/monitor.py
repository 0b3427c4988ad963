#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# A slave event monitor (ptp4l's slave_event_monitor client): bind PATH,
# decode the Signaling messages that arrive for SECONDS, one line each:
#
#   monitor.py PATH SECONDS
#
#   sync  len=92 src=CID-PORT seq=N gm=CID-PORT rseq=N t1=NS corr=NS t2=NS
#   delay len=88 src=CID-PORT seq=N gm=CID-PORT rseq=N t3=NS corr=NS t4=NS
#   other len=L type=T
#
# src and seq are the Signaling header's, gm the TLV's sourcePortIdentity,
# rseq the record's sequenceId; times in ns, the correction unscaled.
import os
import socket
import struct
import sys
import time


def pid(b):
    c = b[:8].hex()
    return '%s.%s.%s-%d' % (c[:6], c[6:10], c[10:], struct.unpack('>H', b[8:10])[0])


def ts(b):
    hi, lo, ns = struct.unpack('>HII', b)
    return ((hi << 32) | lo) * 1000000000 + ns


def decode(d):
    if len(d) < 48 or d[0] & 0xf != 0xc:
        return 'other len=%d type=%d' % (len(d), d[0] & 0xf if d else -1)
    seq = struct.unpack('>H', d[30:32])[0]
    ttype, tlen = struct.unpack('>HH', d[44:48])
    v = d[48:48 + tlen]
    kinds = {0x8004: ('sync', 't1', 't2', 34), 0x7f00: ('delay', 't3', 't4', 30)}
    if ttype not in kinds or len(v) != 10 + kinds[ttype][3]:
        return 'other len=%d type=%#x' % (len(d), ttype)
    name, a, b, _ = kinds[ttype]
    rseq = struct.unpack('>H', v[10:12])[0]
    corr = struct.unpack('>q', v[22:30])[0] >> 16
    last = v[34:44] if name == 'sync' else v[30:40]
    return '%s len=%d src=%s seq=%d gm=%s rseq=%d %s=%d corr=%d %s=%d' % (
        name, len(d), pid(d[20:30]), seq, pid(v[0:10]), rseq,
        a, ts(v[12:22]), corr, b, ts(last))


def main():
    path, secs = sys.argv[1], float(sys.argv[2])
    try:
        os.unlink(path)
    except OSError:
        pass
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    s.settimeout(0.5)
    end = time.time() + secs
    while time.time() < end:
        try:
            d = s.recv(2048)
        except socket.timeout:
            continue
        print(decode(d), flush=True)
    os.unlink(path)


if __name__ == '__main__':
    main()
