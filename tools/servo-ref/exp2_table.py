#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print kmod/fixpt.c's ptpk_exp2_tab: 2^(d * 10^-k) for k = 1..9, d = 1..9, as
unsigned Q62 (value * 2^62, rounded to nearest), computed with 60-digit decimals."""
from decimal import Decimal, getcontext

getcontext().prec = 60
LN2 = Decimal(2).ln()
print("static const u64 ptpk_exp2_tab[9][9] = {")
for k in range(1, 10):
    print("\t{\t/* 2^(d * 1e-%d) */" % k)
    vals = []
    for d in range(1, 10):
        v = (LN2 * d / Decimal(10) ** k).exp() * (Decimal(2) ** 62)
        vals.append("0x%016xULL" % int(v.to_integral_value()))
    for i in range(0, 9, 3):
        print("\t\t" + ", ".join(vals[i:i + 3]) + ",")
    print("\t},")
print("};")
