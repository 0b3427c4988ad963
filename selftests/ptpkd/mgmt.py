#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# A tiny PTP management client over a UNIX socket, for what pmc 3.1.1
# cannot send (COMMAND, subscriptions it keeps open, malformed frames).
#
#   mgmt.py cmd SOCK ID [PORT]        COMMAND (ENABLE_PORT 0x200d ...)
#   mgmt.py get SOCK ID               GET
#   mgmt.py set SOCK ID HEXDATA       SET
#   mgmt.py sub SOCK SECONDS          SUBSCRIBE_EVENTS_NP (port state, time
#                                     sync), then print notifications
#   mgmt.py garbage SOCK              malformed frames; print any reply
#   mgmt.py ids SOCK ID...            GET each id in turn; per id what
#                                     came back, or "none"
#   mgmt.py batch SOCK                requests from stdin, one a line:
#                                     "set ID HEX" or "cmd ID [PORT]"; per
#                                     line what came back, or "none"
#
# Each reply prints as one line: action=N tlv=T id=0xID err=E len=L [state=S]
import os
import socket
import struct
import sys
import time

MY_PORT = os.getpid() & 0xffff


def frame(action, mid, data=b'', tport=0xffff, seq=1, tlv_len=None):
    length = 2 + len(data) if tlv_len is None else tlv_len
    tlv = struct.pack('>HHH', 1, length, mid) + data
    body = b'\xff' * 8 + struct.pack('>H', tport) + bytes([0, 0, action, 0])
    hdr = (bytes([0x0d, 0x02]) + struct.pack('>H', 34 + len(body) + len(tlv))
           + bytes(4) + bytes(8) + bytes(4) + bytes(8)
           + struct.pack('>HHBB', MY_PORT, seq, 4, 0x7f))
    return hdr + body + tlv


def two_tlvs(good):
    m = bytearray(good + good[48:])
    m[2:4] = struct.pack('>H', len(m))
    return bytes(m)


def describe(d):
    if len(d) < 54:
        return 'short reply len=%d' % len(d)
    action = d[46] & 0xf
    ttype, tlen = struct.unpack('>HH', d[48:52])
    if ttype == 2:
        err, mid = struct.unpack('>HH', d[52:56])
        return 'action=%d tlv=2 id=0x%04x err=0x%04x len=%d' % (
            action, mid, err, tlen)
    mid = struct.unpack('>H', d[52:54])[0]
    s = 'action=%d tlv=%d id=0x%04x err=0 len=%d' % (action, ttype, mid, tlen)
    if mid == 0x2004 and len(d) >= 54 + 11:
        s += ' state=%d' % d[54 + 10]
    if mid == 0x2005 and len(d) >= 55:
        s += ' value=%d' % d[54]
    return s


def client():
    path = '/run/ptpkd-mgmt.%d' % os.getpid()
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        os.unlink(path)
    except OSError:
        pass
    s.bind(path)
    return s, path


def exchange(s, sock, msg, wait=3.0):
    s.sendto(msg, sock)
    s.settimeout(wait)
    out = []
    try:
        while True:
            out.append(describe(s.recv(2000)))
            s.settimeout(0.5)
    except socket.timeout:
        pass
    return out


def answer(s, sock, msg, seq, wait=1.0):
    """The reply to msg (sequenceId seq), described; 'none' if none."""
    s.sendto(msg, sock)
    s.settimeout(wait)
    try:
        while True:
            d = s.recv(2000)
            if len(d) >= 34 and struct.unpack('>H', d[30:32])[0] == seq:
                return describe(d)
    except socket.timeout:
        return 'none'


def main():
    mode, sock = sys.argv[1], sys.argv[2]
    s, path = client()
    try:
        if mode == 'cmd':
            tport = int(sys.argv[4], 0) if len(sys.argv) > 4 else 0xffff
            msg = frame(3, int(sys.argv[3], 0), tport=tport)
            print('\n'.join(exchange(s, sock, msg)))
        elif mode == 'get':
            print('\n'.join(exchange(s, sock, frame(0, int(sys.argv[3], 0)))))
        elif mode == 'set':
            data = bytes.fromhex(sys.argv[4])
            msg = frame(1, int(sys.argv[3], 0), data)
            print('\n'.join(exchange(s, sock, msg)))
        elif mode == 'sub':
            secs = float(sys.argv[3])
            bitmask = bytes([0x03]) + bytes(63)
            msg = frame(1, 0xc003, struct.pack('>H', int(secs) + 5) + bitmask)
            s.sendto(msg, sock)
            end = time.time() + secs
            while time.time() < end:
                s.settimeout(max(0.1, end - time.time()))
                try:
                    print(describe(s.recv(2000)), flush=True)
                except socket.timeout:
                    break
        elif mode == 'batch':
            for seq, line in enumerate(sys.stdin):
                w = line.split()
                if not w:
                    continue
                mid = int(w[1], 0)
                if w[0] == 'set':
                    msg = frame(1, mid, bytes.fromhex(w[2] if len(w) > 2 else ''),
                                seq=seq)
                else:
                    tport = int(w[2], 0) if len(w) > 2 else 0xffff
                    msg = frame(3, mid, tport=tport, seq=seq)
                print('%s: %s' % (line.strip(), answer(s, sock, msg, seq)),
                      flush=True)
        elif mode == 'ids':
            # one at a time: a UNIX datagram queue holds only a few
            for seq, mid in enumerate(int(a, 0) for a in sys.argv[3:]):
                r = answer(s, sock, frame(0, mid, seq=seq), seq)
                r = r.split(' state=')[0].split(' value=')[0]
                # the length of a variable-size answer is the clock's own
                if mid in (0x0001, 0x0002, 0xc004):
                    r = r.split(' len=')[0]
                print('0x%04x: %s' % (mid, r), flush=True)
        elif mode == 'garbage':
            good = frame(0, 0x2000)
            bad = [
                b'',
                b'\x0d',
                good[:30],
                good[:48],
                good[:-1],
                bytes(100),
                b'\xff' * 200,
                frame(0, 0x2000, bytes(5)),         # wrong data size
                frame(0, 0x2000, tlv_len=400),      # TLV past the end
                frame(0, 0x2000, tlv_len=3),        # odd TLV length
                frame(1, 0x2005, b''),              # SET without data
                frame(7, 0x2000),                   # reserved action
                good[:2] + b'\x00\x10' + good[4:],  # messageLength < body
                two_tlvs(good),
            ]
            for i, b in enumerate(bad):
                for r in exchange(s, sock, b, wait=0.25):
                    print('frame %d: %s' % (i, r))
            print('sent %d' % len(bad))
    finally:
        os.unlink(path)


main()
