"""A schedule's whole curve in one call (:mod:`tools.curves`) is the curve Keras gives step by step,
and the documented formula, over a million steps. Speed, and the relative error against Keras at
1,000 steps, are measured by ``make bench``, not here."""

from __future__ import annotations

import numpy as np
import pytest

from tests.closed_forms import closed_form
from tests.tolerances import builtin_schedule, differing_kernels, within
from tools.bench import HORIZON, schedule_cases
from tools.curves import full_curve

CASES = schedule_cases()
# evenly spread, plus the steps around each boundary and the warmup's end
SAMPLED = np.unique(np.concatenate([np.linspace(0, HORIZON - 1, 40).astype(int),
                                    [99_999, 100_000, 100_001, 500_000, 500_001, 10_000, 30_000, 70_000]]))


@pytest.mark.parametrize("name", list(CASES))
def test_full_curve_equals_keras_step_by_step_and_the_formula(name):
    schedule = CASES[name]
    curve = full_curve(schedule, np.arange(HORIZON))
    assert curve.shape == (HORIZON,) and curve.dtype == np.float32
    keras_step_by_step = np.array([float(schedule(int(step))) for step in SAMPLED], dtype=np.float32)
    # the same float32 operations; TensorFlow's vectorised cos/pow (Eigen) may round apart from its
    # scalar kernels (glibc, which are what a training step calls)
    kind, config = type(schedule).__name__, schedule.get_config()
    np.testing.assert_allclose(curve[SAMPLED], keras_step_by_step, **differing_kernels(kind, config, SAMPLED))
    documented = closed_form({"class": kind, "config": config}, SAMPLED)
    # Keras computes in float32: at a million steps, step / decay_steps keeps ~7 digits, and
    # ExponentialDecay raises 0.96 (stored in float32) to a power near 1,000: 6e-5 relative
    np.testing.assert_allclose(curve[SAMPLED], documented, **builtin_schedule(kind, config, SAMPLED))


def test_cosine_warmup_switches_at_the_end_of_warmup():
    schedule = CASES["CosineDecay (warmup)"]
    curve = full_curve(schedule, np.arange(HORIZON))
    at_peak = builtin_schedule("CosineDecay", schedule.get_config(), [100_000])
    assert curve[0] == 0.0 and curve[99_999] < curve[100_000] and within(curve[100_000], 0.1, **at_peak)
    assert np.all(np.diff(curve[:100_001]) > 0) and np.all(np.diff(curve[100_000:]) <= 0)
