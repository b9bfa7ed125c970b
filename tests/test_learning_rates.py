"""Each snippet's recorded per-step learning rate follows its closed form or documented rule.

The rates are what the optimizer applied during the build's real run (read
before every batch by the recorder), not a re-computation.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.conftest import by_model

FLOAT32 = dict(rtol=1e-6, atol=0)  # rates live in float32 variables


def test_exponential_decay_matches_closed_form_at_every_step(records):
    fits = records["exponential_decay"].fits
    assert {fit.schedule["config"]["staircase"] for fit in fits} == {False, True}
    for fit in fits:
        assert fit.schedule["class"] == "ExponentialDecay"
        config = fit.schedule["config"]
        steps = np.array(fit.steps, dtype=np.float64)
        assert fit.steps == list(range(len(fit.steps))), "one record per step, from step 0"
        exponent = steps / config["decay_steps"]
        if config["staircase"]:
            exponent = np.floor(exponent)
        expected = config["initial_learning_rate"] * config["decay_rate"] ** exponent
        np.testing.assert_allclose(fit.learning_rate, expected, **FLOAT32)


def test_staircase_drops_exactly_at_each_boundary(records):
    (fit,) = by_model(records["exponential_decay"])["staircase"]
    config = fit.schedule["config"]
    lr0, rate, every = config["initial_learning_rate"], config["decay_rate"], config["decay_steps"]
    rates = dict(zip(fit.steps, fit.learning_rate))
    boundaries = range(every, max(fit.steps) + 1, every)
    assert len(boundaries) >= 5
    for k, boundary in enumerate(boundaries, start=1):
        assert rates[boundary - 1] == pytest.approx(lr0 * rate ** (k - 1), rel=1e-6)
        assert rates[boundary] == pytest.approx(lr0 * rate**k, rel=1e-6)


def test_manual_assignment_changes_the_rate_at_the_first_step_after_assigning(records):
    first, second = by_model(records["manual_assignment"])["manual"]
    assert set(np.float32(first.learning_rate)) == {np.float32(0.01)}
    assert set(np.float32(second.learning_rate)) == {np.float32(0.001)}
    # the second fit starts where the first stopped: the change is at step 6 epochs * 23 batches
    assert second.steps[0] == first.steps[-1] + 1 == 6 * 23


def test_manual_assignment_shows_the_keras3_refusal_of_a_tf_variable(records):
    stdout = records["manual_assignment"].stdout
    assert "variable holds: 9.999999747378752e-05" in stdout  # set_value worked on the variable
    assert "ValueError: Argument `learning_rate` should be float" in stdout


def _rate_per_epoch(fit) -> list[float]:
    """The rate of each epoch; asserts it is constant within the epoch."""
    starts = [0] + fit.epoch_end_step[:-1]
    rates = dict(zip(fit.steps, fit.learning_rate))
    per_epoch = []
    for start, end in zip(starts, fit.epoch_end_step):
        within = {rates[s] for s in range(start, end)}
        assert len(within) == 1, f"rate changed inside the epoch starting at step {start}"
        per_epoch.append(within.pop())
    return per_epoch


def test_reduce_lr_on_plateau_follows_the_documented_rule(records):
    (fit,) = records["reduce_lr_on_plateau"].fits
    (callback,) = [c for c in fit.callbacks if c["class"] == "ReduceLROnPlateau"]
    factor, patience, min_lr = callback["factor"], callback["patience"], callback["min_lr"]
    min_delta, cooldown = callback["min_delta"], callback["cooldown"]
    actual = _rate_per_epoch(fit)

    # The rule as Keras documents it, replayed on the recorded validation losses.
    expected, rate, best, wait, cooling = [], actual[0], math.inf, 0, 0
    for val_loss in fit.val_loss:
        expected.append(rate)
        if cooling > 0:
            cooling -= 1
            wait = 0
        if val_loss < best - min_delta:  # an improvement must beat the best by min_delta
            best, wait = val_loss, 0
        elif cooling == 0:
            wait += 1
            if wait >= patience and rate > min_lr:
                rate = max(rate * factor, min_lr)
                wait, cooling = 0, cooldown
    np.testing.assert_allclose(actual, expected, **FLOAT32)


def test_reduce_lr_on_plateau_reaches_min_lr_and_holds_it(records):
    (fit,) = records["reduce_lr_on_plateau"].fits
    min_lr = fit.callbacks[0]["min_lr"]
    per_epoch = _rate_per_epoch(fit)
    drops = sum(b < a for a, b in zip(per_epoch, per_epoch[1:]))
    assert drops >= 3
    held = [r for r in per_epoch if r == pytest.approx(min_lr, rel=1e-6)]
    assert len(held) >= 5 and per_epoch[-1] == pytest.approx(min_lr, rel=1e-6)
    assert min(per_epoch) >= np.float32(min_lr)


def test_history_reports_the_rate_each_epoch_trained_with(records):
    (fit,) = records["reduce_lr_on_plateau"].fits
    np.testing.assert_allclose(fit.logged_learning_rate, _rate_per_epoch(fit), **FLOAT32)
