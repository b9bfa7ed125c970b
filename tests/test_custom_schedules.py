"""The schedules Keras does not ship, as the recipes write them: exact against their home framework,
vectorised, serializable, and resumable.

Each class comes from its snippet's own sections (what a reader copies). Its
values are compared, at every step of the recorded run and over a whole
horizon, with the reference: optax itself where optax has the schedule, the
formulas of PyTorch and transformers written down in ``tests/references.py``
otherwise. Float32 against float64: relative error at most ``CUSTOM`` (20 float32
roundings, derived in ``tests/tolerances.py``).
"""

from __future__ import annotations

import json
import re

import jax
import keras
import numpy as np
import optax
import pytest

from tests.closed_forms import closed_form
from tests.conftest import by_model
from tests.project import TINY
from tools.sections import recipe_sections
from tests.references import constant_with_warmup_factor, cyclic_lr, inverse_sqrt_factor, one_cycle_lr, wsd_factor
from tests.tolerances import CUSTOM, builtin_schedule, differing_kernels, loosest, printed_at_least

RELATIVE = CUSTOM  # float32 rates against float64 references (tests/tolerances.py)
jax.config.update("jax_enable_x64", True)  # optax in float64: a reference, not another float32 rounding
ERRORS: dict[str, float] = {}  # the largest relative error of each schedule, printed at the end (-s)


def _values(schedule, steps) -> np.ndarray:
    """The schedule over a whole horizon, in one call on a tensor of steps."""
    return np.asarray(keras.ops.convert_to_numpy(schedule(np.asarray(steps))), dtype=np.float64)


def _assert_close(name: str, actual, expected) -> None:
    actual, expected = np.asarray(actual, np.float64), np.asarray(expected, np.float64)
    error = np.abs(actual - expected) / np.maximum(np.abs(expected), np.finfo(np.float32).tiny)
    ERRORS[name] = max(ERRORS.get(name, 0.0), float(error.max()))
    assert error.max() <= RELATIVE, f"{name}: relative error {error.max():.2e} at step {int(error.argmax())}"


@pytest.fixture(scope="module", autouse=True)
def report_errors():
    yield
    print("\nlargest relative error against the reference:")
    for name, error in sorted(ERRORS.items()):
        print(f"  {name:32s} {error:.1e}")


ONE_CYCLE = recipe_sections("one_cycle", "setup", "schedule", "optimizer")
ONE_CYCLE_CASES = [
    dict(max_lr=0.01, total_steps=230),
    dict(max_lr=0.01, total_steps=230, anneal_strategy="linear"),
    dict(max_lr=0.1, total_steps=1000, three_phase=True),
    dict(max_lr=0.1, total_steps=100_000, pct_start=0.25, three_phase=True, anneal_strategy="linear"),
    dict(max_lr=3.0, total_steps=97, pct_start=0.41, div_factor=10.0, final_div_factor=100.0),
]


@pytest.mark.parametrize("case", ONE_CYCLE_CASES, ids=str)
def test_one_cycle_is_pytorchs_one_cycle_lr_with_its_momentum(case):
    steps = np.arange(case["total_steps"])
    reference = np.array([one_cycle_lr(int(t), **case) for t in steps])
    _assert_close("OneCycle", _values(ONE_CYCLE["OneCycle"](**case), steps), reference[:, 0])
    momentum = ONE_CYCLE["OneCycleMomentum"](**{k: v for k, v in case.items() if k not in
                                                 ("max_lr", "div_factor", "final_div_factor")})
    _assert_close("OneCycleMomentum", _values(momentum, steps), reference[:, 1])


def test_one_cycle_run_applied_pytorchs_rate_and_momentum_at_every_step(records):
    (fit,) = by_model(records["one_cycle"])["one_cycle"]
    reference = np.array([one_cycle_lr(t, max_lr=0.01, total_steps=230) for t in fit.steps])
    assert fit.steps == list(range(230))
    _assert_close("OneCycle (recorded)", fit.learning_rate, reference[:, 0])
    _assert_close("OneCycleMomentum (recorded)", fit.momentum, reference[:, 1])  # the beta_1 Adam applied
    (constant,) = by_model(records["one_cycle"])["constant"]
    assert set(constant.momentum) == {0.9}  # Adam's own beta_1


CYCLIC = recipe_sections("cyclical", "setup", "schedule")["CyclicLR"]
CYCLIC_CASES = [
    dict(base_lr=0.005, max_lr=0.1, step_size_up=23, mode="triangular"),
    dict(base_lr=0.005, max_lr=0.1, step_size_up=23, mode="triangular2"),
    dict(base_lr=0.005, max_lr=0.1, step_size_up=23, mode="exp_range", gamma=0.99),
    dict(base_lr=1e-4, max_lr=1e-2, step_size_up=2000, step_size_down=500, mode="triangular"),
    dict(base_lr=1e-4, max_lr=1e-2, step_size_up=100, step_size_down=300, mode="triangular2"),
    dict(base_lr=1e-3, max_lr=1e-1, step_size_up=250, mode="exp_range", gamma=0.9995),
]


@pytest.mark.parametrize("case", CYCLIC_CASES, ids=str)
def test_cyclic_lr_is_pytorchs_cyclic_lr(case):
    steps = np.arange(10_000)
    _assert_close("CyclicLR", _values(CYCLIC(**case), steps), [cyclic_lr(int(t), **case) for t in steps])


def test_cyclical_runs_applied_pytorchs_rates(records):
    gammas = {"triangular": 1.0, "triangular2": 1.0, "exp_range": 0.99}
    for mode, (fit,) in by_model(records["cyclical"]).items():
        expected = [cyclic_lr(t, 0.005, 0.1, step_size_up=23, mode=mode, gamma=gammas[mode]) for t in fit.steps]
        _assert_close("CyclicLR (recorded)", fit.learning_rate, expected)
    fits = {mode: dict(zip(fit.steps, fit.learning_rate)) for mode, (fit,) in by_model(records["cyclical"]).items()}
    peaks = [23, 69, 115, 161]  # what the page says
    _assert_close("CyclicLR (recorded)", [fits["triangular"][t] for t in peaks], [0.1] * 4)
    _assert_close("CyclicLR (recorded)", [fits["triangular2"][t] for t in peaks], [0.1, 0.0525, 0.02875, 0.016875])
    heights = [fits["exp_range"][t] for t in peaks]
    assert heights == sorted(heights, reverse=True) and heights[0] < 0.1


WSD = recipe_sections("warmup_stable_decay", "setup", "schedule")["WarmupStableDecay"]
WSD_CASES = [dict(warmup_type=w, decay_type=d, min_lr_ratio=m, num_cycles=c)
             for w in ("linear", "cosine", "1-sqrt") for d in ("linear", "cosine", "1-sqrt")
             for m, c in ((0.0, 0.5), (0.1, 0.5), (0.0, 1.0)) if c == 0.5 or d == "cosine"]


@pytest.mark.parametrize("case", WSD_CASES, ids=str)
def test_warmup_stable_decay_is_transformers_wsd(case):
    steps = np.arange(3000)
    phases = dict(num_warmup_steps=200, num_stable_steps=1500, num_decay_steps=1000)
    expected = [0.01 * wsd_factor(int(t), **phases, **case) for t in steps]
    _assert_close("WarmupStableDecay", _values(WSD(0.01, **phases, **case), steps), expected)
    by_total = WSD(0.01, num_warmup_steps=200, num_decay_steps=1000, num_training_steps=2700, **case)
    _assert_close("WarmupStableDecay", _values(by_total, steps), expected)  # the stable stage from the total


def test_warmup_stable_decay_runs_applied_transformers_rates(records):
    for decay_type, (fit,) in by_model(records["warmup_stable_decay"]).items():
        expected = [0.01 * wsd_factor(t, 23, 115, 46, decay_type=decay_type.replace("_", "-"), min_lr_ratio=0.01)
                    for t in fit.steps]
        _assert_close("WarmupStableDecay (recorded)", fit.learning_rate, expected)
    final = [fit.val_loss[-1] for (fit,) in by_model(records["warmup_stable_decay"]).values()]
    assert max(final) - min(final) < 0.002  # what the page says of the three cooldowns


INVERSE_SQRT = recipe_sections("inverse_sqrt", "setup", "schedule")["InverseSquareRoot"]


@pytest.mark.parametrize("case", [dict(num_warmup_steps=46), dict(num_warmup_steps=4000, timescale=10_000),
                                  dict(num_warmup_steps=0)], ids=str)
def test_inverse_square_root_is_transformers_inverse_sqrt(case):
    steps = np.arange(200_000)
    expected = [0.01 * inverse_sqrt_factor(int(t), **case) for t in steps]
    _assert_close("InverseSquareRoot", _values(INVERSE_SQRT(0.01, **case), steps), expected)


def test_inverse_sqrt_run_and_the_papers_formula(records):
    (fit,) = records["inverse_sqrt"].fits
    _assert_close("InverseSquareRoot (recorded)", fit.learning_rate,
                  [0.01 * inverse_sqrt_factor(t, 46) for t in fit.steps])
    difference = records["inverse_sqrt"].stdout.split("largest relative difference ")[1].split()[0]
    assert printed_at_least(difference) <= RELATIVE  # the page's claim: it is the paper's formula


CONSTANT_WARMUP = recipe_sections("constant_with_warmup", "setup", "schedule")["ConstantWithWarmup"]


@pytest.mark.parametrize("warmup", [46, 1, 1000])
def test_constant_with_warmup_is_transformers_and_optax(warmup):
    steps = np.arange(5000)
    ours = _values(CONSTANT_WARMUP(0.2, warmup), steps)
    _assert_close("ConstantWithWarmup", ours, [0.2 * constant_with_warmup_factor(int(t), warmup) for t in steps])
    reference = optax.warmup_constant_schedule(init_value=0.0, peak_value=0.2, warmup_steps=warmup)
    _assert_close("ConstantWithWarmup", ours, np.asarray(reference(steps), np.float64))


def test_constant_with_warmup_run_and_what_the_page_says(records):
    fits = by_model(records["constant_with_warmup"])
    (warm,), (cold,) = fits["warmup"], fits["no_warmup"]
    _assert_close("ConstantWithWarmup (recorded)", warm.learning_rate,
                  [0.2 * constant_with_warmup_factor(t, 46) for t in warm.steps])
    # what the page says: never below 1.1 without warmup; with it, its lowest loss by the fourth epoch
    # (the page quotes it), then up again in the fifth
    assert min(cold.val_loss) > 1.1 and warm.val_loss[3] == min(warm.val_loss[:4]) < min(cold.val_loss)
    assert warm.val_loss[4] > warm.val_loss[3]


CHAINING = recipe_sections("chaining_schedules", "setup", "schedules", "every_builtin")


def test_sequential_schedule_is_optax_join_schedules():
    """Joined exactly as optax joins (each schedule evaluated at its own step, bit for bit), and
    with Keras' built-ins inside, as close to optax as the built-ins are (their own float32 bounds)."""
    steps = np.arange(3000)
    schedules = keras.optimizers.schedules
    parts = [schedules.PolynomialDecay(0.0, 46, 0.01), schedules.CosineDecay(0.01, 184),
             schedules.ExponentialDecay(0.001, 100, 0.5)]
    ours = _values(CHAINING["SequentialSchedule"](parts, boundaries=[46, 230]), steps)
    joined = np.where(steps < 46, _values(parts[0], steps),
                      np.where(steps < 230, _values(parts[1], np.maximum(steps - 46, 0)),
                               _values(parts[2], np.maximum(steps - 230, 0))))
    np.testing.assert_array_equal(ours, joined)
    reference = optax.join_schedules([optax.linear_schedule(0.0, 0.01, 46), optax.cosine_decay_schedule(0.01, 184),
                                      optax.exponential_decay(0.001, 100, 0.5)], boundaries=[46, 230])
    reference = np.asarray(reference(steps), np.float64)
    for part, start, end in zip(parts, [0, 46, 230], [46, 230, 3000]):  # each piece within its built-in's bound
        np.testing.assert_allclose(ours[start:end], reference[start:end],
                                   **builtin_schedule(type(part).__name__, part.get_config(), steps[start:end] - start))


@pytest.mark.parametrize("name", ["ExponentialDecay", "PiecewiseConstantDecay", "CosineDecay", "InverseTimeDecay",
                                  "PolynomialDecay", "CosineDecayRestarts"])
def test_warmup_in_front_of_every_builtin_counts_the_builtins_steps_from_its_start(name):
    """The page's figure: each built-in, after 200 warmup steps, is the built-in shifted by 200."""
    builtin = CHAINING["builtins"][name]
    warmup = keras.optimizers.schedules.PolynomialDecay(0.0, decay_steps=200, end_learning_rate=0.1)
    steps = np.arange(2000)
    chained = _values(CHAINING["SequentialSchedule"]([warmup, builtin], boundaries=[200]), steps)
    np.testing.assert_array_equal(chained[200:], _values(builtin, steps[:1800]))  # the built-in, from its step 0
    described = {"class": type(builtin).__name__, "config": builtin.get_config()}
    expected = np.where(steps < 200, 0.1 * steps / 200, closed_form(described, np.maximum(steps - 200, 0)))
    np.testing.assert_allclose(chained[:200], expected[:200],
                               **builtin_schedule("PolynomialDecay", warmup.get_config(), steps[:200]))
    np.testing.assert_allclose(chained[200:], expected[200:],
                               **builtin_schedule(described["class"], described["config"], steps[:1800]))


@pytest.mark.parametrize("case", [("linear", {46: 1.0, 138: 0.1, 184: 0.1}), ("linear", {4: 0.1, 8: 0.01}),
                                  ("cosine", {100: 0.5, 400: 0.1, 401: 2.0}), ("linear", {})], ids=str)
def test_piecewise_interpolate_is_optax_piecewise_interpolate_schedule(case):
    kind, boundaries_and_scales = case
    steps = np.arange(1000)
    ours = CHAINING["PiecewiseInterpolate"](0.01, boundaries_and_scales, interpolate_type=kind)
    reference = jax.vmap(optax.piecewise_interpolate_schedule(kind, 0.01, boundaries_and_scales))
    _assert_close("PiecewiseInterpolate", _values(ours, steps), np.asarray(reference(steps), np.float64))


def test_chaining_runs_applied_the_chained_rates(records):
    fits = by_model(records["chaining_schedules"])
    (cosine,), (piecewise,) = fits["warmup_cosine"], fits["piecewise"]
    steps = np.array(cosine.steps)
    reference = optax.join_schedules([optax.linear_schedule(0.0, 0.01, 46), optax.cosine_decay_schedule(0.01, 184)],
                                     [46])
    reference, rates, warming = np.asarray(reference(steps), np.float64), np.array(cosine.learning_rate), steps < 46
    linear = dict(initial_learning_rate=0.0, decay_steps=46, end_learning_rate=0.01, power=1.0, cycle=False)
    np.testing.assert_allclose(rates[warming], reference[warming],
                               **builtin_schedule("PolynomialDecay", linear, steps[warming]))
    decaying = dict(initial_learning_rate=0.01, decay_steps=184, alpha=0.0)
    np.testing.assert_allclose(rates[~warming], reference[~warming],
                               **builtin_schedule("CosineDecay", decaying, steps[~warming] - 46))
    reference = jax.vmap(optax.piecewise_interpolate_schedule("linear", 0.01, {46: 1.0, 138: 0.1, 184: 0.1}))
    _assert_close("PiecewiseInterpolate (recorded)", piecewise.learning_rate,
                  np.asarray(reference(np.array(piecewise.steps)), np.float64))


RANGE = recipe_sections("lr_range_test", "setup", "finder", "rules")


def test_exponential_range_is_fastais_and_the_run_followed_it(records):
    steps = np.arange(101)
    expected = 1e-7 * (10.0 / 1e-7) ** (steps / 100)
    _assert_close("ExponentialRange", _values(RANGE["ExponentialRange"](1e-7, 10.0, 100), steps), expected)
    fit = by_model(records["lr_range_test"])["range_test"][0]
    _assert_close("ExponentialRange (recorded)", fit.learning_rate, 1e-7 * 1e8 ** (np.array(fit.steps) / 100))


def test_range_test_stops_on_divergence_and_suggestions_follow_the_rules(records):
    record = records["lr_range_test"]
    fit = by_model(record)["range_test"][0]
    assert "weights restored: True" in record.stdout
    # the finder reset the metrics before every batch, so the recorded batch losses are each batch's own
    average, smoothed = 0.0, []
    for count, loss in enumerate(fit.batch_loss, start=1):
        average = 0.98 * average + 0.02 * loss
        smoothed.append(average / (1 - 0.98**count))
    assert len(fit.steps) < 100 and smoothed[-1] > 4 * min(smoothed)  # stopped because it diverged
    rates = fit.learning_rate
    trimmed = (rates[10:-5], smoothed[10:-5])
    suggested = {"valley": RANGE["valley"](*trimmed), "steep": RANGE["steep"](*trimmed),
                 "minimum": RANGE["minimum"](*trimmed), "steepest gradient": RANGE["steepest_gradient"](rates, smoothed)}
    for rule, rate in suggested.items():
        assert f"{rule:17s} suggests {rate:.2e}" in record.stdout
    # valley sits on the falling part, before the lowest loss; the steeper rules pick about ten times more
    lowest = rates[int(np.argmin(smoothed))]
    assert suggested["valley"] < lowest / 3
    assert all(3 * suggested["valley"] < suggested[rule] < 30 * suggested["valley"]
               for rule in ("steep", "minimum", "steepest gradient"))


def test_the_suggested_rate_against_ten_times_more_and_less(records):
    """What the page says of the check: the suggestion trains far better than a tenth of it; on this
    task ten times it is better still in 5 epochs (valley is the cautious rule)."""
    accuracy = {label: float(value) for label, value in re.findall(
        r"^(a tenth|suggested|ten times) +[\d.e+-]+: val_accuracy ([\d.]+)$", records["lr_range_test"].stdout, re.M)}
    assert accuracy["suggested"] > accuracy["a tenth"] + 0.1 and accuracy["suggested"] > 0.9
    assert accuracy["ten times"] >= accuracy["suggested"]


# -- every schedule: one vectorised call is the steps one by one; saved, reloaded, resumed at the same rate

def _instances():
    schedules = keras.optimizers.schedules
    return {
        "OneCycle": ONE_CYCLE["OneCycle"](max_lr=0.01, total_steps=40),
        "OneCycleMomentum": ONE_CYCLE["OneCycleMomentum"](total_steps=40, three_phase=True),
        "CyclicLR": CYCLIC(0.001, 0.01, step_size_up=5, mode="triangular2"),
        "WarmupStableDecay": WSD(0.01, num_warmup_steps=5, num_decay_steps=10, num_stable_steps=10,
                                 decay_type="1-sqrt"),
        "InverseSquareRoot": INVERSE_SQRT(0.01, num_warmup_steps=5),
        "ConstantWithWarmup": CONSTANT_WARMUP(0.01, num_warmup_steps=5),
        "SequentialSchedule": CHAINING["SequentialSchedule"](
            [schedules.PolynomialDecay(0.0, 5, 0.01), schedules.CosineDecay(0.01, 20)], boundaries=[5]),
        "PiecewiseInterpolate": CHAINING["PiecewiseInterpolate"](0.01, {5: 1.0, 20: 0.1}, "cosine"),
        "ExponentialRange": RANGE["ExponentialRange"](1e-4, 1.0, 30),
    }


@pytest.mark.parametrize("name", list(_instances()))
def test_a_tensor_of_steps_gives_the_steps_one_by_one(name):
    schedule = _instances()[name]
    steps = np.arange(0, 40)
    one_by_one = [float(keras.ops.convert_to_numpy(schedule(int(step)))) for step in steps]
    # TensorFlow's vectorised sin, exp, pow and rsqrt may round apart from the scalar ones; the
    # chained built-ins have their own bound (a cosine decayed towards 0: absolute, of its peak)
    if name == "SequentialSchedule":
        tolerance = loosest(*(differing_kernels(type(part).__name__, part.get_config(), steps)
                              for part in schedule.schedules))
    else:
        tolerance = dict(rtol=CUSTOM, atol=0)
    np.testing.assert_allclose(_values(schedule, steps), one_by_one, **tolerance)


@pytest.mark.parametrize("name", list(_instances()))
def test_saved_and_reloaded_the_schedule_continues_at_the_same_rate(name, tmp_path):
    """model.save -> keras.models.load_model in the middle of training, then both train on: same rates."""
    schedule = _instances()[name]
    namespace: dict = {}
    exec(TINY.replace("model.fit(x, y, epochs=2, batch_size=32, verbose=0)\n", ""), namespace)  # a model, data
    model, x, y = namespace["model"], namespace["x"], namespace["y"]
    if name == "OneCycleMomentum":  # a schedule of Adam's beta_1, through the recipe's optimizer
        optimizer = ONE_CYCLE["AdamWithBeta1Schedule"](learning_rate=0.01, beta_1=schedule)
    else:
        optimizer = keras.optimizers.Adam(learning_rate=schedule)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=6, batch_size=16, verbose=0)  # 24 steps: into the schedules' later parts
    model.save(tmp_path / "model.keras")
    restored = keras.models.load_model(tmp_path / "model.keras")
    assert json.dumps(restored.optimizer.get_config(), sort_keys=True, default=str) == \
        json.dumps(model.optimizer.get_config(), sort_keys=True, default=str)
    rates = []
    for candidate in (model, restored):
        record = []
        recorder = keras.callbacks.LambdaCallback(on_train_batch_begin=lambda batch, logs, m=candidate: record.append(
            (int(m.optimizer.iterations), float(m.optimizer.learning_rate),
             float(keras.ops.convert_to_numpy(m.optimizer.beta_1(m.optimizer.iterations)))
             if callable(m.optimizer.beta_1) else None)))
        candidate.fit(x, y, epochs=2, batch_size=16, callbacks=[recorder], verbose=0)
        rates.append(record)
    assert rates[0] == rates[1] and rates[0][0][0] == 24
