#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""adjphase.py DEV NS...: clock_adjtime(DEV, ADJ_OFFSET | ADJ_NANO, offset NS)
for each NS, back to back: what linuxptp's write_phase_mode does
(PTP_CLOCK_ADJPHASE in the driver). Prints "ok" or the first errno's name
and exits non-zero on an error."""
import ctypes
import errno
import os
import struct
import sys

ADJ_OFFSET = 0x0001
ADJ_NANO = 0x2000


def main():
    dev = sys.argv[1]
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(dev, os.O_RDWR)
    clkid = ((~fd) << 3) | 3        # FD_TO_CLOCKID
    # struct timex (208 bytes on 64-bit): modes at 0, offset (long) at 8
    buf = ctypes.create_string_buffer(256)
    for ns in sys.argv[2:]:
        struct.pack_into("=I4xq", buf, 0, ADJ_OFFSET | ADJ_NANO, int(ns))
        if libc.clock_adjtime(ctypes.c_int(clkid), buf) < 0:
            err = ctypes.get_errno()
            print(errno.errorcode.get(err, str(err)))
            return 1
    os.close(fd)
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
