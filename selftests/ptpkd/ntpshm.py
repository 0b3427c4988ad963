#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# Read an NTP SHM segment (ntpd's struct shmTime, as ntpd's and chronyd's
# SHM refclocks do) and print one line:
#
#   ntpshm.py SEGMENT
#   mode=M count=N valid=V leap=L precision=P clock=NS receive=NS offset=NS
#
# offset is receive - clock: the local clock minus the reference. Exit 1
# when there is no such segment.
import ctypes
import struct
import sys

KEY = 0x4e545030
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
shmid = libc.shmget(KEY + int(sys.argv[1]), 0, 0)
if shmid < 0:
    print('no segment')
    sys.exit(1)
p = libc.shmat(shmid, None, 0o10000)  # SHM_RDONLY
b = ctypes.string_at(p, 96)
(mode, count, csec, cusec, rsec, rusec, leap, prec, nsamples, valid,
 cnsec, rnsec) = struct.unpack('=ii q i4x q i ii ii ii', b[:60])
clock = csec * 1000000000 + cnsec
recv = rsec * 1000000000 + rnsec
print('mode=%d count=%d valid=%d leap=%d precision=%d clock=%d receive=%d offset=%d' %
      (mode, count, valid, leap, prec, clock, recv, recv - clock))
