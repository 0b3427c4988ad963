#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Floating-point reference of ptpk's PI servo (kmod/pi.c), which follows the
behaviour documented for linuxptp's "pi" servo, and the generator of the KUnit
test vectors kmod/tests/pi_vectors.h.

Each trajectory closes the loop around a simple clock model: a local clock
with a frequency error (plus an optional random walk) and a phase offset,
sampled once per sync interval; the measured offset carries seeded Gaussian
noise; the servo's output sets the clock's frequency adjustment to -freq and
a jump steps the clock by -offset. Events can disturb the phase or reset the
servo (the caller's sanity check). The header stores each sample's inputs
and the reference's output (nano-ppb, rounded) and state.

Usage: tools/servo-ref/pi_ref.py [OUTPUT]   (default kmod/tests/pi_vectors.h)
"""
import os
import random
import sys

UNLOCKED, JUMP, LOCKED, LOCKED_STABLE = 0, 1, 2, 3
NANO = 1e9
T0 = 1_700_000_000 * 10**9


def cfg_default(sw=False, **kw):
    """Configuration in nano-units / ns / ppb, like struct ptpk_pi_config."""
    c = dict(kp_const=0, ki_const=0, kp_scale=0, kp_exponent=-300000000,
             kp_norm_max=700000000, ki_scale=0, ki_exponent=400000000,
             ki_norm_max=300000000, step_threshold=0, first_step_threshold=20000,
             offset_threshold=0, num_offset_values=10, max_frequency=900000000,
             sw_timestamping=sw)
    c.update(kw)
    return c


class PiServo:
    def __init__(self, c, freq_ppb, log_interval):
        if c["kp_const"] and c["ki_const"]:
            self.kp_scale, self.ki_scale = c["kp_const"] / NANO, c["ki_const"] / NANO
            self.kp_exp = self.ki_exp = 0.0
            self.kp_norm, self.ki_norm = 1.0, 2.0
        else:
            self.kp_scale, self.ki_scale = c["kp_scale"] / NANO, c["ki_scale"] / NANO
            if not self.kp_scale or not self.ki_scale:
                if c["sw_timestamping"]:
                    self.kp_scale, self.ki_scale = 0.1, 0.001
                else:
                    self.kp_scale, self.ki_scale = 0.7, 0.3
            self.kp_exp, self.ki_exp = c["kp_exponent"] / NANO, c["ki_exponent"] / NANO
            self.kp_norm, self.ki_norm = c["kp_norm_max"] / NANO, c["ki_norm_max"] / NANO
        self.step_threshold = c["step_threshold"]
        self.first_step_threshold = c["first_step_threshold"]
        self.offset_threshold = c["offset_threshold"]
        self.num_offset_values = c["num_offset_values"]
        self.max_freq = float(min(c["max_frequency"], 2147483647))
        self.drift = max(-self.max_freq, min(self.max_freq, freq_ppb))
        self.last_freq = self.drift
        self.count = 0
        self.offset = [0, 0]
        self.local = [0, 0]
        self.curr_offset_values = self.num_offset_values
        self.first_update = True
        self.sync_interval(log_interval)

    def sync_interval(self, log_interval):
        interval = 2.0 ** log_interval
        self.kp = min(self.kp_scale * interval ** self.kp_exp, self.kp_norm / interval)
        self.ki = min(self.ki_scale * interval ** self.ki_exp, self.ki_norm / interval)

    def reset(self):
        self.count = 0

    def _past(self, threshold, offset):
        return threshold and threshold < abs(offset)

    def sample(self, offset, local_ts):
        ppb = self.last_freq
        if self.count == 0:
            self.offset[0], self.local[0] = offset, local_ts
            state = UNLOCKED
            self.count = 1
        elif self.count == 1:
            self.offset[1], self.local[1] = offset, local_ts
            if self.local[0] >= self.local[1]:
                state = UNLOCKED
                self.count = 0
            else:
                localdiff = (self.local[1] - self.local[0]) / 1e9
                localdiff += localdiff * 0.001
                est = 0.016 / self.ki if self.ki else float("inf")
                est = min(est, 1000.0)
                if localdiff < est:
                    state = UNLOCKED
                else:
                    self.drift += ((1e9 - self.drift) * float(self.offset[1] - self.offset[0])
                                   / float(self.local[1] - self.local[0]))
                    self.drift = max(-self.max_freq, min(self.max_freq, self.drift))
                    if ((self.first_update and self._past(self.first_step_threshold, offset))
                            or self._past(self.step_threshold, offset)):
                        state = JUMP
                    else:
                        state = LOCKED
                    ppb = self.drift
                    self.count = 2
        else:
            if self._past(self.step_threshold, offset):
                state = UNLOCKED
                self.count = 0
            else:
                ki_term = self.ki * offset
                ppb = self.kp * offset + self.drift + ki_term
                if ppb < -self.max_freq:
                    ppb = -self.max_freq
                elif ppb > self.max_freq:
                    ppb = self.max_freq
                else:
                    self.drift += ki_term
                state = LOCKED
        if state == UNLOCKED:
            self.curr_offset_values = self.num_offset_values
        elif state == JUMP:
            self.curr_offset_values = self.num_offset_values
            self.first_update = False
        elif state == LOCKED:
            if self.offset_threshold:
                if abs(offset) < self.offset_threshold and self.curr_offset_values:
                    self.curr_offset_values -= 1
                if not self.curr_offset_values:
                    state = LOCKED_STABLE
            self.first_update = False
        self.last_freq = ppb
        return ppb, state


def trajectory(name, cfg, log_interval, f_err, theta0, noise, seed, steps=200,
               freq0=0.0, wander=0.0, events=None, servo_cls=None):
    rng = random.Random(seed)
    events = events or {}
    servo = (servo_cls or PiServo)(cfg, freq0, log_interval)
    interval_ns = 2.0 ** log_interval * 1e9
    t0 = T0
    theta, adj, t = float(theta0), -freq0, 0.0
    out = []
    for k in range(steps):
        ev = events.get(k, {})
        theta += ev.get("phase", 0)
        reset = bool(ev.get("reset"))
        if reset:
            servo.reset()
        offset = int(round(theta + rng.gauss(0.0, noise)))
        local_ts = t0 + int(round(t + theta))
        ppb, state = servo.sample(offset, local_ts)
        out.append((offset, local_ts, int(round(ppb * 1e9)), state, reset))
        adj = -ppb
        if state == JUMP:
            theta -= offset
        theta += (f_err + adj) * 1e-9 * interval_ns
        f_err += rng.gauss(0.0, wander) if wander else 0.0
        t += interval_ns
    return dict(name=name, cfg=cfg, log_interval=log_interval, freq0=freq0, steps=out)


def trajectories():
    return [
        trajectory("hw_1s_small", cfg_default(), 0, 100e3, 5000, 20, 1),
        trajectory("hw_8hz_first_step", cfg_default(), -3, -500e3, 1e6, 50, 2),
        trajectory("hw_128hz_1ns", cfg_default(), -7, 250e3, 1, 5, 3),
        trajectory("hw_16s_10s", cfg_default(), 4, -37e3, 10e9, 100, 4),
        trajectory("sw_2s", cfg_default(sw=True), 1, 80e3, 200e3, 1000, 5),
        trajectory("sw_16s_3s", cfg_default(sw=True), 4, -300e3, -3e9, 500, 6),
        trajectory("const_no_first_step",
                   cfg_default(kp_const=800000000, ki_const=200000000, first_step_threshold=0),
                   -1, 12e3, 150e3, 30, 7),
        trajectory("max_freq_clamp",
                   cfg_default(max_frequency=100000, first_step_threshold=0),
                   -2, 90e3, -10e6, 10, 8),
        trajectory("step_threshold",
                   cfg_default(step_threshold=1000000, first_step_threshold=0),
                   0, -20e3, 2e6, 40, 9, events={80: dict(phase=5e6), 140: dict(phase=-800e3)}),
        trajectory("offset_threshold",
                   cfg_default(offset_threshold=100, num_offset_values=5),
                   -4, 10e3, 30e3, 10, 10, events={150: dict(phase=300)}),
        trajectory("scales_freq0",
                   cfg_default(kp_scale=300000000, ki_scale=50000000, kp_exponent=100000000,
                               ki_exponent=-200000000, kp_norm_max=900000000,
                               ki_norm_max=1500000000),
                   -5, 400e3, 7e9, 200, 11, freq0=20e3, wander=5.0),
        trajectory("slew_10s_reset", cfg_default(first_step_threshold=0), 2, -500e3, 10e9, 0, 12,
                   wander=20.0, events={100: dict(reset=True), 150: dict(reset=True)}),
        # the top of the range, in a longer run: +500 ppm, 1000 samples (17 min at 1 s)
        trajectory("hw_1s_plus500_long", cfg_default(), 0, 500e3, -40e3, 20, 13,
                   steps=1000, wander=2.0),
    ]


def c_bool(v):
    return "true" if v else "false"


def emit(trajs, path, kind="pi", header="pi.h", what="PI servo"):
    L = []
    L.append("/* SPDX-License-Identifier: GPL-2.0 */")
    L.append("/*")
    L.append(" * Generated by tools/servo-ref/%s_ref.py: do not edit. %s" % (kind, what))
    L.append(" * trajectories from the reference implementation: per sample the inputs,")
    L.append(" * whether the caller reset the servo first, the output (nano-ppb, rounded)")
    L.append(" * and the state.")
    L.append(" */")
    L.append("")
    L.append("#ifndef _PTPK_%s_VECTORS_H" % kind.upper())
    L.append("#define _PTPK_%s_VECTORS_H" % kind.upper())
    L.append("")
    L.append('#include "../%s"' % header)
    L.append("")
    L.append("/* local_ts is stored relative to this */")
    L.append("#define PTPK_%s_VEC_T0\t%dULL" % (kind.upper(), T0))
    L.append("")
    L.append("struct ptpk_%s_vec_step {" % kind)
    L.append("\ts64 offset;")
    L.append("\tu64 local_ts;")
    L.append("\ts64 freq;")
    L.append("\tu8 state;")
    L.append("\tbool reset;")
    L.append("};")
    L.append("")
    L.append("struct ptpk_%s_vec {" % kind)
    L.append("\tconst char *name;")
    L.append("\tstruct ptpk_pi_config cfg;")
    L.append("\ts64 freq0;")
    L.append("\tint log_interval;")
    L.append("\tconst struct ptpk_%s_vec_step *steps;" % kind)
    L.append("\tunsigned int n;")
    L.append("};")
    for i, tr in enumerate(trajs):
        L.append("")
        L.append("/* %s */" % tr["name"])
        L.append("static const struct ptpk_%s_vec_step ptpk_%s_vec%d[] = {" % (kind, kind, i))
        for off, ts, fr, st, rs in tr["steps"]:
            L.append("\t{ %dLL, %dULL, %dLL, %d, %s }," % (off, ts - T0, fr, st, c_bool(rs)))
        L.append("};")
    L.append("")
    L.append("static const struct ptpk_%s_vec ptpk_%s_vecs[] = {" % (kind, kind))
    for i, tr in enumerate(trajs):
        c = tr["cfg"]
        L.append("\t{")
        L.append('\t\t.name = "%s",' % tr["name"])
        L.append("\t\t.cfg = {")
        for k in ("kp_const", "ki_const", "kp_scale", "kp_exponent", "kp_norm_max",
                  "ki_scale", "ki_exponent", "ki_norm_max", "step_threshold",
                  "first_step_threshold", "offset_threshold"):
            L.append("\t\t\t.%s = %dLL," % (k, c[k]))
        L.append("\t\t\t.num_offset_values = %d," % c["num_offset_values"])
        L.append("\t\t\t.max_frequency = %d," % c["max_frequency"])
        L.append("\t\t\t.sw_timestamping = %s," % c_bool(c["sw_timestamping"]))
        L.append("\t\t},")
        L.append("\t\t.freq0 = %dLL," % int(round(tr["freq0"] * 1e9)))
        L.append("\t\t.log_interval = %d," % tr["log_interval"])
        L.append("\t\t.steps = ptpk_%s_vec%d," % (kind, i))
        L.append("\t\t.n = ARRAY_SIZE(ptpk_%s_vec%d)," % (kind, i))
        L.append("\t},")
    L.append("};")
    L.append("")
    L.append("#endif /* _PTPK_%s_VECTORS_H */" % kind.upper())
    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "..", "kmod", "tests", "pi_vectors.h")
    trajs = trajectories()
    for tr in trajs:
        states = [s[3] for s in tr["steps"]]
        last = tr["steps"][-1]
        print("%-22s states %s final offset %d freq %.3f ppb" % (
            tr["name"], "".join(str(s) for s in states[:60]), last[0], last[2] / 1e9))
    emit(trajs, path)


if __name__ == "__main__":
    main()
