#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Floating-point reference of the linear-regression servo, following the
behaviour documented for linuxptp's "linreg" clock servo: regressions of
remote time on (uncorrected) local time over the newest 4, 8, ..., 64
samples; per size an exponential moving average of the prediction error
(plain average over the first 10 updates, then smoothing 0.02); the largest
size whose error is within 5 % of the best is used; the clock frequency is
set to the slope plus the predicted offset spread over 1 (sizes up to 16) or
(log2 size) // 2 update intervals (sizes 32 and 64: 2 and 3), clamped to
max_frequency; step rules as for the PI servo, on the predicted offset.

Running this writes kmod/tests/linreg_vectors.h from the exact (rational)
variant of the servo, closing the loop with pi_ref.py's clock model, and
compares the double variant with the exact one on a few trajectories.
"""
import random
from fractions import Fraction

import os
import sys

from pi_ref import JUMP, LOCKED, LOCKED_STABLE, T0, UNLOCKED, cfg_default, emit, trajectory

MAX_SIZE = 6            # log2 of the largest window (64 points)
MIN_SIZE = 2            # log2 of the smallest (4 points)
MAX_POINTS = 1 << MAX_SIZE
ERR_SMOOTH = 0.02
ERR_INITIAL_UPDATES = 10
ERR_EQUALS = 1.05


class Result:
    def __init__(self, zero):
        self.slope = zero
        self.intercept = zero
        self.err = zero
        self.err_updates = 0


class LinregServo:
    def __init__(self, c, freq_ppb, log_interval, exact=False):
        # exact: rational arithmetic (Fraction) instead of doubles
        self.F = Fraction if exact else float
        self.step_threshold = c["step_threshold"]
        self.first_step_threshold = c["first_step_threshold"]
        self.offset_threshold = c["offset_threshold"]
        self.num_offset_values = c["num_offset_values"]
        self.max_freq = self.F(min(c["max_frequency"], 2147483647))
        self.clock_freq = -self.F(freq_ppb)
        self.points = [(0, 0)] * MAX_POINTS
        self.ref_x = 0
        self.ref_y = 0
        self.x_remainder = self.F(0)
        self.curr_offset_values = self.num_offset_values
        self.first_update = True
        self.reset()
        self.sync_interval(log_interval)

    def sync_interval(self, log_interval):
        self.update_interval = self.F(2) ** log_interval

    def reset(self):
        self.num_points = 0
        self.last_point = 0
        self.last_update = 0
        self.size = 0
        self.frequency_ratio = 1.0
        self.results = [Result(self.F(0)) for _ in range(MIN_SIZE, MAX_SIZE + 1)]

    def _update_reference(self, local_ts):
        if self.last_update:
            y_interval = local_ts - self.last_update
            x_interval = y_interval / (1 + self.clock_freq / self.F(10**9))
            x_interval += self.x_remainder
            whole = int(x_interval)         # toward zero, like a C cast
            self.x_remainder = x_interval - whole
            self.ref_x += whole
            self.ref_y += y_interval
        self.last_update = local_ts

    def _add_sample(self, offset):
        self.last_point = (self.last_point + 1) % MAX_POINTS
        self.points[self.last_point] = (self.ref_x, self.ref_y - offset)
        if self.num_points < MAX_POINTS:
            self.num_points += 1

    def _regress(self):
        F = self.F
        x_sum = y_sum = xy_sum = x2_sum = w_sum = F(0)
        i = 0
        y0 = F(self.points[self.last_point][1] - self.ref_y)
        for size in range(MIN_SIZE, MAX_SIZE + 1):
            n = 1 << size
            if n > self.num_points:
                break
            res = self.results[size - MIN_SIZE]
            if res.slope:
                e = abs(res.intercept - y0)
                if res.err_updates < ERR_INITIAL_UPDATES:
                    res.err *= res.err_updates
                    res.err += e
                    res.err_updates += 1
                    res.err /= res.err_updates
                else:
                    res.err += F(ERR_SMOOTH) * (e - res.err)
            while i < n:
                idx = (MAX_POINTS + self.last_point - i) % MAX_POINTS
                x = F(self.points[idx][0] - self.ref_x)
                y = F(self.points[idx][1] - self.ref_y)
                x_sum += x
                y_sum += y
                xy_sum += x * y
                x2_sum += x * x
                w_sum += 1
                i += 1
            res.slope = (xy_sum - x_sum * y_sum / w_sum) / (x2_sum - x_sum * x_sum / w_sum)
            res.intercept = (y_sum - res.slope * x_sum) / w_sum

    def _update_size(self):
        best_size, best_err = 0, self.F(0)
        for size in range(MIN_SIZE, MAX_SIZE + 1):
            res = self.results[size - MIN_SIZE]
            if ((not best_size and res.slope) or
                    (best_err * self.F(ERR_EQUALS) > res.err and
                     res.err_updates >= ERR_INITIAL_UPDATES)):
                best_size, best_err = size, res.err
        self.size = best_size

    def _move_reference(self, x, y):
        self.ref_x += x
        self.ref_y += y
        for res in self.results:
            res.intercept += x * res.slope - y

    def sample(self, offset, local_ts):
        self._update_reference(local_ts)
        self._add_sample(offset)
        self._regress()
        self._update_size()
        if self.size < MIN_SIZE:
            state = UNLOCKED
            ppb = -self.clock_freq
        else:
            res = self.results[self.size - MIN_SIZE]
            past = lambda t: t and t < abs(res.intercept)
            if (self.first_update and past(self.first_step_threshold)) or \
                    past(self.step_threshold):
                self._move_reference(0, -offset)
                self.last_update -= offset
                state = JUMP
            else:
                state = LOCKED
            self.clock_freq = 10**9 * (res.slope - 1)
            corr_interval = 1 if self.size <= 4 else self.size // 2
            self.clock_freq += res.intercept / self.update_interval / corr_interval
            self.clock_freq = max(-self.max_freq, min(self.max_freq, self.clock_freq))
            self.frequency_ratio = res.slope / (1 + self.clock_freq / self.F(10**9))
            ppb = -self.clock_freq
        if state in (UNLOCKED, JUMP):
            self.curr_offset_values = self.num_offset_values
            if state == JUMP:
                self.first_update = False
        elif state == LOCKED:
            if self.offset_threshold:
                if abs(offset) < self.offset_threshold and self.curr_offset_values:
                    self.curr_offset_values -= 1
                if not self.curr_offset_values:
                    state = LOCKED_STABLE
            self.first_update = False
        return ppb, state


def compare(name, cfg, log_interval, f_err, theta0, noise, seed, steps=200):
    """Close the loop with the double servo; replay its inputs into an exact
    (rational) one; report the largest output difference, in ppb."""
    rng = random.Random(seed)
    dbl = LinregServo(cfg, 0.0, log_interval)
    ex = LinregServo(cfg, 0.0, log_interval, exact=True)
    interval_ns = 2.0 ** log_interval * 1e9
    theta, t, worst, at, st_diff = float(theta0), 0.0, 0.0, -1, 0
    for k in range(steps):
        offset = int(round(theta + rng.gauss(0.0, noise)))
        ts = T0 + int(round(t + theta))
        ppb, state = dbl.sample(offset, ts)
        ppb_x, state_x = ex.sample(offset, ts)
        st_diff += state != state_x
        if abs(ppb - float(ppb_x)) > worst:
            worst, at = abs(ppb - float(ppb_x)), k
        if state == JUMP:
            theta -= offset
        theta += (f_err - ppb) * 1e-9 * interval_ns
        t += interval_ns
    print("%-16s double vs exact: worst |dfreq| %.6f ppb at sample %d, %d state mismatches" % (
        name, worst, at, st_diff))


def run(name, cfg, log_interval, f_err, theta0, noise, seed, steps=200):
    rng = random.Random(seed)
    servo = LinregServo(cfg, 0.0, log_interval)
    interval_ns = 2.0 ** log_interval * 1e9
    theta, t = float(theta0), 0.0
    states = []
    offset = 0
    for _ in range(steps):
        offset = int(round(theta + rng.gauss(0.0, noise)))
        ppb, state = servo.sample(offset, T0 + int(round(t + theta)))
        states.append(state)
        if state == JUMP:
            theta -= offset
        theta += (f_err - ppb) * 1e-9 * interval_ns
        t += interval_ns
    print("%-16s %s final offset %d freq %.3f ppb size %d" % (
        name, "".join(map(str, states[:70])), offset, ppb, servo.size))


def trajectories():
    def t(*a, **kw):
        # The vectors come from the exact (rational) servo: the double one
        # drifts up to 0.05 ppb from it after a 10 s step (see compare()).
        return trajectory(*a, servo_cls=lambda c, f, n: LinregServo(c, f, n, exact=True),
                          steps=150, **kw)
    return [
        t("hw_1s_small", cfg_default(), 0, 100e3, 5000, 20, 1),
        t("hw_8hz_first_step", cfg_default(), -3, -500e3, 1e6, 50, 2),
        t("hw_128hz", cfg_default(), -7, 250e3, 100, 5, 3),
        t("hw_16s_10s", cfg_default(), 4, -37e3, 10e9, 100, 4),
        t("noisy_2s", cfg_default(), 1, 80e3, 200e3, 1000, 5),
        t("no_first_step", cfg_default(first_step_threshold=0), -1, 12e3, 150e3, 30, 7),
        t("step_threshold", cfg_default(step_threshold=1000000, first_step_threshold=0),
          0, -20e3, 2e6, 40, 9, events={80: dict(phase=5e6)}),
        t("offset_threshold_reset", cfg_default(offset_threshold=100, num_offset_values=5),
          -4, 10e3, 30e3, 10, 10, freq0=3e3, events={100: dict(reset=True)}),
        t("hw_128hz_1ns_plus500", cfg_default(), -7, 500e3, 1, 5, 11),
    ]


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "..", "kmod", "tests", "linreg_vectors.h")
    trs = trajectories()
    for tr in trs:
        print("%-24s %s" % (tr["name"], "".join(str(x[3]) for x in tr["steps"][:70])))
    emit(trs, path, kind="linreg", header="linreg.h", what="linreg servo")
    run("hw_1s", cfg_default(), 0, 100e3, 5000, 20, 1)
    run("hw_8hz", cfg_default(), -3, -500e3, 1e6, 50, 2)
    run("noisy_2s", cfg_default(), 1, 80e3, 200e3, 1000, 5)
    run("no_first_step", cfg_default(first_step_threshold=0), -1, 12e3, 150e3, 30, 7)
    compare("hw_1s", cfg_default(), 0, 100e3, 5000, 20, 1)
    compare("hw_128hz", cfg_default(), -7, 250e3, 1000, 5, 3)
    compare("noisy_2s", cfg_default(), 1, 80e3, 200e3, 1000, 5)
