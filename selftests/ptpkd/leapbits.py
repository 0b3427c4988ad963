#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# The system clock's leap second bits (adjtimex STA_INS / STA_DEL):
#
#   leapbits.py          print "ins" "del" or "none"
#   leapbits.py clear    clear both (other status bits kept)
import ctypes
import sys

ADJ_STATUS = 0x0010
STA_INS, STA_DEL = 0x0010, 0x0020
STATUS_AT = 40          # struct timex on x86_64: modes, 4 longs, status

libc = ctypes.CDLL(None, use_errno=True)
buf = ctypes.create_string_buffer(256)
if libc.adjtimex(buf) < 0:
    sys.exit('adjtimex: errno %d' % ctypes.get_errno())
status = int.from_bytes(buf.raw[STATUS_AT:STATUS_AT + 4], 'little')
if sys.argv[1:] == ['clear']:
    buf2 = ctypes.create_string_buffer(256)
    buf2[0:4] = ADJ_STATUS.to_bytes(4, 'little')
    buf2[STATUS_AT:STATUS_AT + 4] = (status & ~(STA_INS | STA_DEL)).to_bytes(4, 'little')
    if libc.adjtimex(buf2) < 0:
        sys.exit('adjtimex: errno %d' % ctypes.get_errno())
else:
    print('ins' if status & STA_INS else 'del' if status & STA_DEL else 'none')
