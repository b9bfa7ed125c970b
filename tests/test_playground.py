"""The playground's arithmetic (``docs/assets/playground.js``) in headless Chromium against Keras.

For every schedule and a grid of parameter sets with the edge cases (staircase boundaries,
``cycle``, ``alpha``, warmup, restarts with ``t_mul`` and ``m_mul``, each custom schedule's
options), the rate the script computes at 1,200 steps equals what the Keras class (or the
page's subclass) gives; the constructor call the script writes, run in Python, gives that curve;
and at the recipe's values the script's curve is the rate the build's run recorded, step by step.

Tolerance: the script rounds every operation to float32 as TensorFlow does, so the two differ only
where TensorFlow's float32 kernels (``cos``, ``sin``, ``exp``, ``pow``, ``rsqrt``: 2 to 3 ulps) and
the script's correctly rounded ``Math`` functions part, and in what the operations after them make of
that: :func:`tests.tolerances.differing_kernels` for Keras' schedules (relative, plus a number of
float32 spacings of the schedule's peak, as where a cosine falls towards zero one spacing of the
cosine is a large fraction of a tiny rate), ``tests.tolerances.CUSTOM`` (relative) for the pages'
own. ``tests/artifacts/playground-errors.json`` gets the measured maxima for each schedule.
"""

from __future__ import annotations

import json
import math

import keras
import numpy as np
import pytest
from playwright.sync_api import sync_playwright

from tools.sections import recipe_sections
from tests.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from tools.curves import full_curve
from tools.paths import DOCS_DIR
from tools.playground import SPECS
from tests.tolerances import CUSTOM as CUSTOM_RELATIVE
from tests.tolerances import differing_kernels

SCRIPT = (DOCS_DIR / "assets" / "playground.js").read_text()
STEPS = list(range(1200))
SECTIONS = {"OneCycle": ("one_cycle", "setup", "schedule"), "CyclicLR": ("cyclical", "setup", "schedule"),
            "WarmupStableDecay": ("warmup_stable_decay", "setup", "schedule"),
            "InverseSquareRoot": ("inverse_sqrt", "setup", "schedule"),
            "ConstantWithWarmup": ("constant_with_warmup", "setup", "schedule")}
CUSTOM = {name: recipe_sections(*sections)[name] for name, sections in SECTIONS.items()}


def _case(schedule: str, steps: list[int] | None = None, **values) -> tuple[str, dict, list[int]]:
    return schedule, values, steps or STEPS


_LONG = sorted({int(s) for s in np.linspace(0, 100_000, 1200)})
GRID = [
    _case("ExponentialDecay", initial_learning_rate=0.01, decay_steps=46, decay_rate=0.5, staircase=False),
    _case("ExponentialDecay", initial_learning_rate=0.01, decay_steps=46, decay_rate=0.5, staircase=True),
    _case("ExponentialDecay", initial_learning_rate=0.1, decay_steps=100, decay_rate=0.96, staircase=True),
    _case("ExponentialDecay", initial_learning_rate=1.0, decay_steps=7, decay_rate=0.9, staircase=False),
    _case("ExponentialDecay", initial_learning_rate=3e-4, decay_steps=1, decay_rate=0.999, staircase=False),
    _case("ExponentialDecay", _LONG, initial_learning_rate=0.1, decay_steps=10_000, decay_rate=0.5, staircase=True),
    _case("PiecewiseConstantDecay", boundaries=[69, 138], values=[0.01, 0.003, 0.001]),
    _case("PiecewiseConstantDecay", boundaries=[0], values=[1.0, 0.5]),
    _case("PiecewiseConstantDecay", boundaries=[100, 200, 300, 1000], values=[0.1, 0.05, 0.01, 0.005, 0.001]),
    _case("PiecewiseConstantDecay", boundaries=[1199], values=[0.2, 0.1]),
    _case("PolynomialDecay", initial_learning_rate=0.01, decay_steps=115, end_learning_rate=0.0005, power=2.0,
          cycle=False),
    _case("PolynomialDecay", initial_learning_rate=0.01, decay_steps=115, end_learning_rate=0.0005, power=2.0,
          cycle=True),
    _case("PolynomialDecay", initial_learning_rate=0.1, decay_steps=37, end_learning_rate=0.001, power=0.5, cycle=True),
    _case("PolynomialDecay", initial_learning_rate=0.1, decay_steps=1000, end_learning_rate=0.0, power=1.0,
          cycle=False),
    _case("PolynomialDecay", initial_learning_rate=1.0, decay_steps=400, end_learning_rate=0.01, power=3.0, cycle=True),
    _case("InverseTimeDecay", initial_learning_rate=0.01, decay_steps=23, decay_rate=0.5, staircase=False),
    _case("InverseTimeDecay", initial_learning_rate=0.01, decay_steps=23, decay_rate=0.5, staircase=True),
    _case("InverseTimeDecay", initial_learning_rate=0.1, decay_steps=1, decay_rate=0.01, staircase=False),
    _case("InverseTimeDecay", initial_learning_rate=1.0, decay_steps=100, decay_rate=3.0, staircase=True),
    _case("CosineDecay", initial_learning_rate=0.01, decay_steps=230, alpha=0.1, warmup_target=None, warmup_steps=0),
    _case("CosineDecay", initial_learning_rate=0.01, decay_steps=1000, alpha=0.0, warmup_target=None, warmup_steps=0),
    _case("CosineDecay", initial_learning_rate=1.0, decay_steps=37, alpha=0.5, warmup_target=None, warmup_steps=0),
    _case("CosineDecay", initial_learning_rate=0.1, decay_steps=1, alpha=0.0, warmup_target=None, warmup_steps=0),
    _case("CosineDecay", initial_learning_rate=0.0, decay_steps=184, alpha=0.0, warmup_target=0.01, warmup_steps=46),
    _case("CosineDecay", initial_learning_rate=1e-4, decay_steps=500, alpha=0.01, warmup_target=0.1, warmup_steps=200),
    _case("CosineDecay", initial_learning_rate=0.01, decay_steps=300, alpha=0.0, warmup_target=0.05, warmup_steps=0),
    _case("CosineDecay", _LONG, initial_learning_rate=0.0, decay_steps=90_000, alpha=0.1, warmup_target=0.001,
          warmup_steps=5_000),
    _case("CosineDecayRestarts", initial_learning_rate=0.01, first_decay_steps=46, t_mul=2.0, m_mul=0.7, alpha=0.0),
    _case("CosineDecayRestarts", initial_learning_rate=0.01, first_decay_steps=50, t_mul=1.0, m_mul=1.0, alpha=0.1),
    _case("CosineDecayRestarts", initial_learning_rate=0.1, first_decay_steps=30, t_mul=3.0, m_mul=0.5, alpha=0.0),
    _case("CosineDecayRestarts", initial_learning_rate=1.0, first_decay_steps=100, t_mul=1.5, m_mul=0.9, alpha=0.2),
    _case("CosineDecayRestarts", initial_learning_rate=0.01, first_decay_steps=7, t_mul=1.0, m_mul=0.8, alpha=0.0),
    _case("CosineDecayRestarts", initial_learning_rate=0.01, first_decay_steps=300, t_mul=0.5, m_mul=1.0, alpha=0.0),
    _case("ConstantWithWarmup", learning_rate=0.2, num_warmup_steps=46),
    _case("ConstantWithWarmup", learning_rate=0.001, num_warmup_steps=0),
    _case("ConstantWithWarmup", learning_rate=1.0, num_warmup_steps=1000),
    _case("InverseSquareRoot", learning_rate=0.01, num_warmup_steps=46, timescale=None),
    _case("InverseSquareRoot", learning_rate=0.01, num_warmup_steps=0, timescale=None),
    _case("InverseSquareRoot", learning_rate=1e-3, num_warmup_steps=100, timescale=500),
    _case("InverseSquareRoot", _LONG, learning_rate=512**-0.5 * 4000**-0.5, num_warmup_steps=4000, timescale=None),
    _case("OneCycle", max_lr=0.01, total_steps=230, pct_start=0.3, anneal_strategy="cos", div_factor=25.0,
          final_div_factor=1e4, three_phase=False),
    _case("OneCycle", max_lr=0.1, total_steps=1000, pct_start=0.25, anneal_strategy="linear", div_factor=25.0,
          final_div_factor=1e4, three_phase=False),
    _case("OneCycle", max_lr=0.01, total_steps=500, pct_start=0.3, anneal_strategy="cos", div_factor=25.0,
          final_div_factor=1e4, three_phase=True),
    _case("OneCycle", max_lr=1.0, total_steps=1200, pct_start=0.5, anneal_strategy="linear", div_factor=10.0,
          final_div_factor=100.0, three_phase=True),
    _case("WarmupStableDecay", learning_rate=0.01, num_warmup_steps=23, num_decay_steps=46, num_stable_steps=115,
          warmup_type="linear", decay_type="linear", min_lr_ratio=0.01),
    _case("WarmupStableDecay", learning_rate=0.01, num_warmup_steps=23, num_decay_steps=46, num_stable_steps=115,
          warmup_type="linear", decay_type="cosine", min_lr_ratio=0.01),
    _case("WarmupStableDecay", learning_rate=0.01, num_warmup_steps=23, num_decay_steps=46, num_stable_steps=115,
          warmup_type="linear", decay_type="1-sqrt", min_lr_ratio=0.01),
    _case("WarmupStableDecay", learning_rate=0.1, num_warmup_steps=100, num_decay_steps=300, num_stable_steps=500,
          warmup_type="cosine", decay_type="1-sqrt", min_lr_ratio=0.0),
    _case("WarmupStableDecay", learning_rate=0.1, num_warmup_steps=200, num_decay_steps=600, num_stable_steps=0,
          warmup_type="1-sqrt", decay_type="cosine", min_lr_ratio=0.1),
    _case("WarmupStableDecay", learning_rate=0.1, num_warmup_steps=0, num_decay_steps=0, num_stable_steps=600,
          warmup_type="linear", decay_type="linear", min_lr_ratio=0.0),
    _case("CyclicLR", base_lr=0.005, max_lr=0.1, step_size_up=23, step_size_down=None, mode="triangular", gamma=1.0),
    _case("CyclicLR", base_lr=0.005, max_lr=0.1, step_size_up=23, step_size_down=None, mode="triangular2", gamma=1.0),
    _case("CyclicLR", base_lr=0.005, max_lr=0.1, step_size_up=23, step_size_down=None, mode="exp_range", gamma=0.99),
    _case("CyclicLR", base_lr=0.001, max_lr=0.006, step_size_up=50, step_size_down=150, mode="exp_range",
          gamma=0.999),
    _case("CyclicLR", base_lr=0.0, max_lr=1.0, step_size_up=99, step_size_down=1, mode="triangular", gamma=1.0),
]


def keras_schedule(name: str, values: dict) -> keras.optimizers.schedules.LearningRateSchedule:
    """The Keras class (or the page's subclass) with these arguments; an empty optional one left out."""
    cls = CUSTOM.get(name) or getattr(keras.optimizers.schedules, name)
    return cls(**{key: value for key, value in values.items() if value is not None})


def tolerance(name: str, values: dict, steps) -> dict:
    """The script's rates against Keras' for schedule ``name`` with ``values`` at ``steps``: the same
    float32 operations, different kernels (the module's docstring)."""
    if name in CUSTOM:
        return dict(rtol=CUSTOM_RELATIVE, atol=0.0)
    return differing_kernels(name, {key: value for key, value in values.items() if value is not None}, steps)


def within_tolerance(actual: np.ndarray, expected: np.ndarray, name: str, values: dict,
                     steps) -> tuple[bool, float, float]:
    """Whether ``actual`` is within :func:`tolerance` of ``expected``, the largest relative error,
    and the largest error in float32 steps of the largest value."""
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    both_nan = np.isnan(actual) & np.isnan(expected)
    error = np.where(both_nan, 0.0, np.abs(actual - expected))
    peak_step = np.spacing(np.float32(np.nanmax(np.abs(expected)) or 1.0)).astype(np.float64)
    relative = np.where(error == 0, 0.0, error / np.maximum(np.abs(expected), np.finfo(np.float64).tiny))
    bound = tolerance(name, values, steps)
    ok = bool(np.all(error <= bound["atol"] + bound["rtol"] * np.where(both_nan, 0.0, np.abs(expected))))
    return ok, float(relative.max()), float((error / peak_step).max())


@pytest.fixture(scope="module")
def script_page():
    """A blank Chromium page with the playground's script loaded (no site needed)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(content=SCRIPT)
        yield page
        browser.close()


def in_browser(page, name: str, values: dict, steps: list[int]) -> tuple[list[float], str]:
    """The script's rates at ``steps`` and its constructor call, for the schedule of one page's spec."""
    spec = next(spec for spec in SPECS.values() if spec.schedule == name)
    spec_data = {"callable": spec.callable, "params": [{"name": p.name, "kind": p.kind} for p in spec.params]}
    rates, call = page.evaluate(
        "([name, values, steps, spec]) => [LRPlayground.evaluate(name, values, steps).map(v => "
        "Number.isNaN(v) ? 'nan' : v), LRPlayground.pythonCall(spec, values)]",
        [name, values, steps, spec_data])
    return [math.nan if r == "nan" else r for r in rates], call


def test_every_schedule_of_every_playground_is_in_the_grid():
    assert {spec.schedule for spec in SPECS.values()} == {case[0] for case in GRID}
    for spec in SPECS.values():
        for name, values, _ in GRID:
            if name == spec.schedule:
                assert list(values) == [param.name for param in spec.params], name


@pytest.fixture(scope="module")
def errors():
    """Largest errors per schedule over the grid, written for the closing note and the README."""
    found: dict[str, dict[str, float]] = {}
    yield found
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "playground-errors.json").write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")


@pytest.mark.parametrize("case", GRID, ids=[f"{i}-{case[0]}" for i, case in enumerate(GRID)])
def test_the_playground_computes_what_keras_computes(script_page, errors, case):
    name, values, steps = case
    ours, call = in_browser(script_page, name, values, steps)
    expected = full_curve(keras_schedule(name, values), np.array(steps))
    ok, relative, in_steps = within_tolerance(ours, expected, name, values, steps)
    worst = errors.setdefault(name, {"max_relative_error": 0.0, "max_error_in_peak_float32_steps": 0.0})
    worst["max_relative_error"] = max(worst["max_relative_error"], relative)
    worst["max_error_in_peak_float32_steps"] = max(worst["max_error_in_peak_float32_steps"], in_steps)
    assert ok, f"relative {relative:.2e}, {in_steps:.1f} float32 steps of the peak"

    # the call the reader copies builds the schedule whose curve the panel shows
    namespace = {"keras": keras, **CUSTOM}
    copied = eval(call, namespace)  # noqa: S307 - the script's own output, for this test
    assert copied.get_config() | {"name": None} == keras_schedule(name, values).get_config() | {"name": None}
    assert within_tolerance(ours, full_curve(copied, np.array(steps)), name, values, steps)[0]


@pytest.mark.parametrize("snippet", sorted(SPECS))
def test_at_the_recipes_values_the_playground_draws_the_recorded_curve(script_page, records, snippet):
    spec = SPECS[snippet]
    fits = [fit for fit in records[snippet].fits if fit.model == spec.model]
    config = fits[0].schedule["config"]
    assert fits[0].schedule["class"] == spec.schedule
    assert {name: config[name] for name in spec.values()} == spec.values()
    steps = [step for fit in fits for step in fit.steps]
    assert steps == list(range(spec.steps))  # the horizon the playground starts with is the run's
    recorded = [rate for fit in fits for rate in fit.learning_rate]
    ours, _ = in_browser(script_page, spec.schedule, spec.values(), steps)
    ok, relative, in_steps = within_tolerance(ours, recorded, spec.schedule, spec.values(), steps)
    assert ok, f"relative {relative:.2e}, {in_steps:.1f} float32 steps of the peak"


def test_a_playground_marker_for_a_page_without_a_spec_names_the_page_and_line(records):
    from tools.inject import MarkerError, replace_markers

    markdown = "# Momentum\n\ntext\n\n<!-- lr-playground: momentum -->\n"
    with pytest.raises(MarkerError, match=r"docs/momentum\.md:5: no playground for 'momentum'"):
        replace_markers(markdown, "momentum.md", "en", records)
    with pytest.raises(MarkerError, match=r"docs/momentum\.md:1: marker names unknown snippet 'nothing'"):
        replace_markers("<!-- lr-playground: nothing -->", "momentum.md", "en", records)
