"""A schedule's whole curve in one call (:mod:`tools.curves`) is the curve Keras gives step by step,
and the documented formula, over a million steps. Speed, and the relative error against Keras at
1,000 steps, are measured by ``make bench``, not here."""

from __future__ import annotations

import numpy as np
import pytest

from tests.closed_forms import closed_form
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
    # within 4 float32 steps of the peak rate: TensorFlow's vectorised cos/pow may round an
    # ulp apart from its scalar kernels (which are what a training step calls)
    peak = keras_step_by_step.max()
    np.testing.assert_allclose(curve[SAMPLED], keras_step_by_step, rtol=0, atol=4 * np.spacing(peak))
    documented = closed_form({"class": type(schedule).__name__, "config": schedule.get_config()}, SAMPLED)
    # Keras computes in float32: at a million steps, step / decay_steps keeps ~7 digits, and
    # ExponentialDecay raises 0.96 to a power near 1,000 (2e-5 relative); 1e-4 still catches a wrong formula
    np.testing.assert_allclose(curve[SAMPLED], documented, rtol=1e-4, atol=0)


def test_cosine_warmup_switches_at_the_end_of_warmup():
    schedule = CASES["CosineDecay (warmup)"]
    curve = full_curve(schedule, np.arange(HORIZON))
    assert curve[0] == 0.0 and curve[99_999] < curve[100_000] == pytest.approx(0.1)
    assert np.all(np.diff(curve[:100_001]) > 0) and np.all(np.diff(curve[100_000:]) <= 0)
