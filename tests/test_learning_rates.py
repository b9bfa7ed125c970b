"""Each snippet's recorded per-step learning rate follows its closed form or documented rule.

The rates are what the optimizer applied during the build's real run (read
before every batch by the recorder), not a re-computation.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from tests.closed_forms import BY_CLASS, closed_form, exponential_decay
from tests.conftest import by_model
from tests.tolerances import (FLOAT32, PARSED, builtin_schedule, half_unit, half_unit_of, loosest, roundings,
                              within)
from tools.discover import TECHNIQUE_PREFIX


def _tolerance(fit) -> dict:
    """The recorded rates of a built-in schedule against its closed form (``tests/tolerances.py``)."""
    return builtin_schedule(fit.schedule["class"], fit.schedule["config"], fit.steps)


def _schedule_fits(records):
    return [(name, fit) for name, record in records.items() for fit in record.fits
            if fit.schedule and fit.schedule["class"] in BY_CLASS and fit.steps
            and not name.startswith(TECHNIQUE_PREFIX)]  # the recipes' (the comparison has its own test)


def test_every_builtin_schedule_is_recorded_by_some_recipe(records):
    seen = {fit.schedule["class"] for _, fit in _schedule_fits(records)}
    assert seen == set(BY_CLASS)
    warmups = [fit for _, fit in _schedule_fits(records) if fit.schedule["config"].get("warmup_target")]
    assert warmups, "CosineDecay with warmup_target"


def test_every_builtin_schedule_matches_its_closed_form_at_every_step(records):
    for name, fit in _schedule_fits(records):
        if fit.optimizer.startswith("LossScaleOptimizer"):  # a skipped step repeats the step count
            assert set(np.diff(fit.steps)) <= {0, 1}, name
        else:
            assert fit.steps == list(range(fit.steps[0], fit.steps[0] + len(fit.steps))), name
        np.testing.assert_allclose(fit.learning_rate, closed_form(fit.schedule, fit.steps), **_tolerance(fit),
                                   err_msg=f"{name}: {fit.model}")


def test_staircase_drops_exactly_at_each_boundary(records):
    (fit,) = by_model(records["exponential_decay"])["staircase"]
    config = fit.schedule["config"]
    lr0, rate, every = config["initial_learning_rate"], config["decay_rate"], config["decay_steps"]
    rates = dict(zip(fit.steps, fit.learning_rate))
    boundaries = range(every, max(fit.steps) + 1, every)
    assert len(boundaries) >= 5
    tolerance = _tolerance(fit)
    for k, boundary in enumerate(boundaries, start=1):
        assert within(rates[boundary - 1], lr0 * rate ** (k - 1), **tolerance)
        assert within(rates[boundary], lr0 * rate**k, **tolerance)


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
    expected, rate, best, wait, cooling, cuts = [], actual[0], math.inf, 0, 0, 0
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
                wait, cooling, cuts = 0, cooldown, cuts + 1
    # Keras rounds each cut to float32 (the variable); the replay does not: one rounding per cut
    np.testing.assert_allclose(actual, expected, rtol=roundings(cuts))


def test_reduce_lr_on_plateau_reaches_min_lr_and_holds_it(records):
    (fit,) = records["reduce_lr_on_plateau"].fits
    min_lr = fit.callbacks[0]["min_lr"]
    per_epoch = _rate_per_epoch(fit)
    drops = sum(b < a for a, b in zip(per_epoch, per_epoch[1:]))
    assert drops >= 3
    held = [r for r in per_epoch if within(r, min_lr, **FLOAT32)]
    assert len(held) >= 5 and within(per_epoch[-1], min_lr, **FLOAT32)
    assert min(per_epoch) >= np.float32(min_lr)


def test_history_reports_the_rate_each_epoch_trained_with(records):
    (fit,) = records["reduce_lr_on_plateau"].fits
    # the callback logs float(optimizer.learning_rate) before it cuts: the variable the epoch used, bit for bit
    np.testing.assert_array_equal(fit.logged_learning_rate, _rate_per_epoch(fit))


def _rates(fit) -> dict[int, float]:
    return dict(zip(fit.steps, fit.learning_rate))


def test_exponential_decay_covers_smooth_and_staircase(records):
    assert {fit.schedule["config"]["staircase"] for fit in records["exponential_decay"].fits} == {False, True}


def test_piecewise_constant_switches_one_step_after_each_boundary(records):
    (fit,) = records["piecewise_constant_decay"].fits
    config, rates = fit.schedule["config"], _rates(fit)
    for boundary, before, after in zip(config["boundaries"], config["values"], config["values"][1:]):
        assert within(rates[boundary], before, **FLOAT32)  # the value, stored in float32
        assert within(rates[boundary + 1], after, **FLOAT32)
    assert within(fit.learning_rate[0], config["values"][0], **FLOAT32)
    assert within(fit.learning_rate[-1], config["values"][-1], **FLOAT32)


def test_cosine_decay_reaches_its_floor_at_decay_steps_and_stays(records):
    (fit,) = records["cosine_decay"].fits
    config, rates = fit.schedule["config"], _rates(fit)
    floor = config["initial_learning_rate"] * config["alpha"]
    tolerance = _tolerance(fit)
    assert within(rates[0], config["initial_learning_rate"], **tolerance)
    assert all(within(rates[t], floor, **tolerance) for t in fit.steps if t >= config["decay_steps"])
    assert max(fit.steps) > config["decay_steps"]


def test_inverse_time_decay_at_the_first_and_last_step(records):
    for fit in records["inverse_time_decay"].fits:
        if fit.schedule is None:
            continue  # the old `decay=` run, below
        config = fit.schedule["config"]
        last = fit.steps[-1]
        p = last / config["decay_steps"]
        p = math.floor(p) if config["staircase"] else p
        tolerance = _tolerance(fit)
        assert within(fit.learning_rate[0], config["initial_learning_rate"], **tolerance)
        last_rate = config["initial_learning_rate"] / (1 + config["decay_rate"] * p)
        assert within(fit.learning_rate[-1], last_rate, **tolerance)


def test_the_old_decay_argument_warns_and_changes_nothing(records):
    record = records["inverse_time_decay"]
    (fit,) = by_model(record)["old_decay"]
    assert fit.optimizer == "SGD" and fit.schedule is None
    assert set(np.float32(fit.learning_rate)) == {np.float32(0.01)} and len(fit.steps) == 3 * 23
    # the cell is marked `# Warns UserWarning` (the build fails if it does not warn); what Keras said:
    assert "UserWarning: Argument `decay` is no longer supported and will be ignored.\n" in record.stdout


def test_polynomial_decay_holds_the_end_rate_or_cycles(records):
    fits = {fit.schedule["config"]["cycle"]: fit for fit in records["polynomial_decay"].fits}
    config = fits[False].schedule["config"]
    end, period = config["end_learning_rate"], config["decay_steps"]
    held, tolerance = _rates(fits[False]), _tolerance(fits[False])
    assert all(within(held[t], end, **tolerance) for t in held if t >= period)
    cycling, tolerance = _rates(fits[True]), _tolerance(fits[True])
    assert within(cycling[period], end, **tolerance)
    # past the period the decay is stretched to 2T while t keeps counting: a jump, but not to the start
    initial, power = config["initial_learning_rate"], config["power"]
    jump = (initial - end) * (1 - (period + 1) / (2 * period)) ** power + end
    assert within(cycling[period + 1], jump, **tolerance)
    assert within(jump, 0.0028, rtol=PARSED, atol=half_unit_of("0.0028"))  # as the page prints it
    assert cycling[period + 1] < initial / 3


def test_cosine_restarts_jump_at_each_restart_to_a_lower_peak(records):
    (fit,) = records["cosine_decay_restarts"].fits
    config, rates = fit.schedule["config"], _rates(fit)
    restarts, start, length = [], 0, config["first_decay_steps"]
    while start + length <= max(fit.steps):
        start, length = start + length, length * config["t_mul"]
        restarts.append(int(start))
    assert restarts == [46, 138, 322]
    tolerance = _tolerance(fit)
    for i, restart in enumerate(restarts, start=1):
        assert rates[restart] > rates[restart - 1]
        assert within(rates[restart], config["initial_learning_rate"] * config["m_mul"] ** i, **tolerance)


def test_linear_warmup_subclass_follows_its_rule_and_survives_save_and_load(records):
    fits = {fit.model: fit for fit in records["warmup"].fits}
    custom = fits["linear_warmup"]
    assert custom.schedule["class"] == "LinearWarmup"
    config = custom.schedule["config"]
    after = config["after"]["config"]
    warmup = config["warmup_steps"]
    steps = np.array(custom.steps, dtype=np.float64)
    expected = np.where(
        steps < warmup,
        config["initial_learning_rate"] + (after["initial_learning_rate"] - config["initial_learning_rate"]) * steps / warmup,
        exponential_decay(np.maximum(steps - warmup, 0), **after),
    )
    # after warmup, ExponentialDecay's bound; the warmup is after(0) (ExponentialDecay at step 0) times
    # step / warmup_steps: two roundings more
    decay = builtin_schedule("ExponentialDecay", after, np.maximum(steps - warmup, 0))
    warming = dict(rtol=builtin_schedule("ExponentialDecay", after, [0])["rtol"] + roundings(2))
    np.testing.assert_allclose(custom.learning_rate, expected, **loosest(decay, warming))
    lines = re.findall(r"step +(\d+): saved ([\d.]+)  restored ([\d.]+)", records["warmup"].stdout)
    assert len(lines) == 5 and all(saved == restored for _, saved, restored in lines)
    builtin = fits["cosine_warmup"].schedule["config"]
    assert within(_rates(fits["cosine_warmup"])[builtin["warmup_steps"]], builtin["warmup_target"],
                  **_tolerance(fits["cosine_warmup"]))


def test_learning_rate_scheduler_sets_the_step_decay_each_epoch(records):
    (fit,) = records["learning_rate_scheduler"].fits
    per_epoch = _rate_per_epoch(fit)
    np.testing.assert_allclose(per_epoch, [0.01 * 0.5 ** (e // 3) for e in range(len(per_epoch))], **FLOAT32)
    printed = re.findall(r"Epoch (\d+): LearningRateScheduler setting learning rate to ([\d.e-]+)\.",
                         records["learning_rate_scheduler"].stdout)
    assert [int(e) for e, _ in printed] == list(range(1, len(per_epoch) + 1))  # printed from 1
    # Keras prints the float64 the schedule returned (repr: exact), then stores it in float32
    np.testing.assert_allclose(per_epoch, [float(r) for _, r in printed], **FLOAT32)
    # the callback logs float(optimizer.learning_rate): the variable the epoch used, bit for bit
    np.testing.assert_array_equal(fit.logged_learning_rate, per_epoch)


def test_a_schedule_with_either_callback_raises_type_error(records):
    record = records["schedule_with_callback"]
    # the two cells marked `# Raises TypeError` did (the build fails otherwise); this is what Keras said
    assert len(re.findall(r"^TypeError: .*learning rate is not settable", record.stdout, flags=re.M)) == 2
    steps = {fit.model: len(fit.steps) for fit in record.fits}
    assert steps["plateau_with_schedule"] == 46  # fails at the end of epoch 2
    assert steps["scheduler_with_schedule"] == 0  # fails before the first step


def test_multiplicative_scheduler_and_plateau_compose(records):
    (fit,) = by_model(records["schedule_with_callback"])["decay_and_plateau"]
    (plateau,) = [c for c in fit.callbacks if c["class"] == "ReduceLROnPlateau"]
    expected, rate, best, wait = [], 0.01, math.inf, 0
    for val_loss in fit.val_loss:
        rate *= 0.9  # LearningRateScheduler at the start of the epoch (Keras rounds it to float32 each time)
        expected.append(rate)
        if val_loss < best - plateau["min_delta"]:
            best, wait = val_loss, 0
        else:
            wait += 1
            if wait >= plateau["patience"]:
                rate, wait = max(rate * plateau["factor"], plateau["min_lr"]), 0
    actual = _rate_per_epoch(fit)
    # 0.01 stored, then one rounding per epoch (x 0.9); a cut (x 0.5) is exact in float32
    np.testing.assert_allclose(actual, expected, rtol=roundings(1 + len(expected)))
    assert any(b < 0.9 * a * 0.99 for a, b in zip(actual, actual[1:])), "a plateau cut happened"


def test_a_scheduler_that_sets_an_absolute_rate_undoes_every_plateau_cut(records):
    record = records["schedule_with_callback"]
    (fit,) = by_model(record)["absolute_and_plateau"]
    cuts = re.findall(r"^Epoch (\d+): ReduceLROnPlateau reducing learning rate to ([\d.e-]+)\.$", record.stdout,
                      flags=re.M)
    assert len(cuts) >= 2  # the plateau callback did cut the rate ...
    per_epoch = _rate_per_epoch(fit)
    for epoch, rate in cuts:  # ... to half the epoch's rate, at the end of that epoch ...
        assert float(rate) == per_epoch[int(epoch) - 1] * 0.5  # printed in full (repr) and exact: x 0.5
    # ... and no step ever ran at a cut rate: the scheduler set 0.01 * 0.9**epoch at each epoch's start
    np.testing.assert_allclose(per_epoch, [0.01 * 0.9**e for e in range(len(per_epoch))], **FLOAT32)


def test_logged_rates_history_and_tensorboard(records):
    record = records["logging_learning_rate"]
    (fit,) = record.fits
    first_steps = [0] + fit.epoch_end_step[:-1]
    at_start = [_rates(fit)[s] for s in first_steps]
    printed = [float(r) for r in re.findall(r"^epoch \d+: learning rate ([\d.]+)$", record.stdout, flags=re.M)]
    history = eval(re.search(r"^history: (\[.*\])$", record.stdout, flags=re.M)[1])
    board = eval(re.search(r"^TensorBoard epoch_learning_rate: (\[.*\])$", record.stdout, flags=re.M)[1])
    six_decimals = dict(rtol=PARSED, atol=half_unit(6))  # printed with 6 decimals, parsed back
    np.testing.assert_allclose(printed, at_start, **six_decimals)
    np.testing.assert_allclose(history, at_start, **six_decimals)
    # TensorBoard reads the optimizer at the end of the epoch: the next step's rate (float32), rounded to 6 decimals
    ends = np.array(fit.epoch_end_step, float)
    at_end = builtin_schedule("ExponentialDecay", fit.schedule["config"], ends)
    np.testing.assert_allclose(board, exponential_decay(ends, **fit.schedule["config"]),
                               rtol=at_end["rtol"] + PARSED, atol=half_unit(6))


def test_momentum_enlarges_the_effective_step_and_speeds_up_training(records):
    record = records["momentum"]
    lines = re.findall(r"^(\w+) +final val_loss ([\d.]+), mean update / learning rate ([\d.]+)$",
                       record.stdout, flags=re.M)
    rows = {name: (float(loss), float(ratio)) for name, loss, ratio in lines}
    assert set(rows) == {"sgd", "momentum", "nesterov"}
    for name in ("momentum", "nesterov"):
        assert rows[name][1] > 2 * rows["sgd"][1]
        assert rows[name][0] < rows["sgd"][0]
    for fit in record.fits:
        assert fit.optimizer == "SGD" and set(np.float32(fit.learning_rate)) == {np.float32(0.01)}
    assert record.figures == 1


def test_adaptive_optimizers_want_the_rates_the_page_states(records):
    record = records["adaptive_optimizers"]
    best = dict(re.findall(r"^(\w+) +val_loss .* -> best ([\d.]+)$", record.stdout, flags=re.M))
    assert best == {"AdaGrad": "0.1", "RMSprop": "0.01", "Adam": "0.01", "AdamW": "0.01"}
    assert {fit.optimizer for fit in record.fits} == {"Adagrad", "RMSprop", "Adam", "AdamW"}
    assert record.figures == 2


@pytest.mark.parametrize("search", ["grid_search", "random_search", "bayesian_optimization"])
def test_search_finds_a_usable_learning_rate(records, search):
    """The best trial reaches a validation accuracy above 0.90 on digits.

    Why 0.90: guessing gives 0.10, and this network at a sensible rate passes 0.95
    within 4 epochs; a "best" rate below 0.90 would not be worth using.
    """
    record = records[search]
    trials = re.search(r"^(\d+) trials$", record.stdout, flags=re.M)[1]
    assert int(trials) == len(record.fits) >= 4
    best = re.search(r"^best: (\{.*\}) val_loss ([\d.]+) val_accuracy ([\d.]+)$", record.stdout, flags=re.M)
    hyperparameters, val_loss, val_accuracy = eval(best[1]), float(best[2]), float(best[3])
    assert val_accuracy > 0.90
    # the tuner's best is the recorded fit with the lowest validation loss, at the rate it reports
    winner = min(record.fits, key=lambda fit: min(fit.val_loss))
    assert within(min(winner.val_loss), val_loss, rtol=PARSED, atol=half_unit_of(best[2]))  # printed .3f
    assert max(winner.val_accuracy) > 0.90
    # the rate it trained with first (stored in float32; a schedule's at step 0), against the
    # hyperparameter printed with round(value, 6)
    first_rate = winner.learning_rate[0]
    stored = builtin_schedule(winner.schedule["class"], winner.schedule["config"], [0]) if winner.schedule else FLOAT32
    assert within(first_rate, hyperparameters["learning_rate"], rtol=stored["rtol"] + PARSED, atol=half_unit(6))
    assert record.figures == 1


@pytest.mark.parametrize("snippet", ["adaptive_optimizers", "grid_search", "random_search", "bayesian_optimization"])
def test_every_new_model_is_its_own_curve(records, snippet):
    """These snippets fit each model once, so each fit is a model of its own.

    A model's identity is its id() while the snippet runs; a model that was already
    collected could hand its id() to a new one, which would then be drawn as the
    old model's curve (seen once in CI, in adaptive_optimizers).
    """
    fits = records[snippet].fits
    assert len({fit.model_id for fit in fits}) == len(fits)


def test_multi_optimizer_gives_each_group_its_rate(records):
    """The per-layer recipe: every sub-optimizer's rate at every step, as the page says."""
    from tests.closed_forms import cosine_decay

    fits = {fit.model: fit for fit in records["per_layer_rates"].fits}
    assert {name: set(np.float32(rates)) for name, rates in fits["discriminative"].groups.items()} == \
        {"head": {np.float32(0.03)}, "body": {np.float32(0.003)}}
    layer_wise = fits["layer_wise"]
    steps = np.array(layer_wise.steps, float)
    for name, peak in (("head", 0.03), ("hidden_2", 0.015), ("hidden_1", 0.0075)):
        config = dict(initial_learning_rate=0.0, decay_steps=48, alpha=0.0, warmup_target=peak, warmup_steps=12)
        expected = cosine_decay(steps, **config)
        np.testing.assert_allclose(layer_wise.groups[name], expected, **builtin_schedule("CosineDecay", config, steps))
    callbacks = fits["with_callbacks"]
    epochs = len(callbacks.loss)
    # each group's rate: stored, then rounded once per epoch (x 0.9; a cut, x 0.5, is exact), both groups
    np.testing.assert_allclose(callbacks.groups["body"], np.array(callbacks.groups["head"]) / 10,
                               rtol=roundings(2 * (1 + epochs)))
    # LearningRateScheduler x0.9 at each epoch's start; ReduceLROnPlateau halves on the training loss
    expected, rate, best, wait = [], 0.03, math.inf, 0
    for loss in callbacks.loss:
        rate *= 0.9
        expected.append(rate)
        if loss < best - 0.05:
            best, wait = loss, 0
        else:
            wait += 1
            if wait >= 1:
                rate, wait = rate * 0.5, 0
    np.testing.assert_allclose(_rate_per_epoch_of(callbacks, "head"), expected, rtol=roundings(1 + epochs))
    stdout = records["per_layer_rates"].stdout
    assert "'learning_rate_body', 'learning_rate_head'" in stdout  # one log per sub-optimizer
    accuracy = dict(re.findall(r"^(\w+) +val_accuracy ([\d.]+)$", stdout, flags=re.M))
    assert float(accuracy["discriminative"]) > float(accuracy["one_rate"])  # what this run showed


def _rate_per_epoch_of(fit, group: str) -> list[float]:
    """A sub-optimizer's rate at the first step of each epoch."""
    starts = [fit.steps[0]] + fit.epoch_end_step[:-1]
    return [fit.groups[group][start - fit.steps[0]] for start in starts]
