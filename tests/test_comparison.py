"""The comparison page (``comparison/``, ``tools/comparison.py``): every technique ran its five seeds
with the same budget and applied the rate its settings give; the page's table and verdict are the
records' numbers (recomputed here with numpy and scipy's own Welch test); an edit to one technique
changes the cache key of that technique alone."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from html.parser import HTMLParser

import keras
import numpy as np
import pytest
from scipy import stats

from comparison import task
from tools.comparison import BASELINE, techniques
from tools.curves import full_curve
from tools.discover import TECHNIQUE_PREFIX, find_techniques
from tools.sections import recipe_sections
from tools.sandbox import copy_project
from tests.tolerances import CUSTOM, FLOAT32, U, differing_kernels, roundings, within

TECHNIQUES = [t.name for t in find_techniques()]
CUSTOM_CLASSES = {**recipe_sections("one_cycle", "setup", "schedule", "optimizer"),
                  **recipe_sections("cyclical", "setup", "schedule"),
                  **recipe_sections("warmup_stable_decay", "setup", "schedule"),
                  **recipe_sections("inverse_sqrt", "setup", "schedule"),
                  **recipe_sections("constant_with_warmup", "setup", "schedule")}


def test_every_technique_of_the_cookbook_that_trains_a_model_is_compared():
    assert len(TECHNIQUES) >= 20
    assert f"{TECHNIQUE_PREFIX}{BASELINE}" in TECHNIQUES


@pytest.mark.parametrize("name", TECHNIQUES)
def test_five_seeds_with_the_same_budget(records, name):
    fits = sorted(records[name].fits, key=lambda fit: fit.model)
    assert [fit.model for fit in fits] == [f"seed_{seed}" for seed in task.SEEDS]
    assert len(task.SEEDS) >= 5
    for fit in fits:
        assert fit.steps == list(range(task.TOTAL_STEPS)) and task.TOTAL_STEPS == 255
        assert len(fit.val_accuracy) == len(fit.val_loss) == task.EPOCHS
        assert fit.epoch_end_step == [task.STEPS_PER_EPOCH * (epoch + 1) for epoch in range(task.EPOCHS)]
    # different seeds, different runs (the data and its split stay the same)
    assert len({fit.val_loss[-1] for fit in fits}) == len(fits)


@pytest.mark.parametrize("name", TECHNIQUES)
def test_each_technique_applied_the_rate_its_settings_give(records, name):
    fits = records[name].fits
    for fit in fits:
        rates = np.array(fit.learning_rate)
        if fit.schedule:
            name = fit.schedule["class"]
            cls = CUSTOM_CLASSES.get(name) or getattr(keras.optimizers.schedules, name)
            expected = full_curve(cls.from_config(fit.schedule["config"]), np.array(fit.steps))
            # the same float32 operations, one step at a time in training and on a tensor here: only
            # the kernels (cos, pow, sin, rsqrt) differ
            tolerance = (dict(rtol=CUSTOM, atol=0.0) if name in CUSTOM_CLASSES
                         else differing_kernels(name, fit.schedule["config"], fit.steps))
            np.testing.assert_allclose(rates, expected, **tolerance)
        elif fit.callbacks and fit.callbacks[0]["class"] == "LearningRateScheduler":
            epochs = np.array(fit.steps) // task.STEPS_PER_EPOCH
            np.testing.assert_allclose(rates, 0.01 * 0.5 ** (epochs // 3), **FLOAT32)  # stored in float32
        elif fit.callbacks and fit.callbacks[0]["class"] == "ReduceLROnPlateau":
            per_epoch = rates.reshape(task.EPOCHS, task.STEPS_PER_EPOCH)
            assert (per_epoch == per_epoch[:, :1]).all()  # changed only between epochs
            cuts = per_epoch[1:, 0] / per_epoch[:-1, 0]  # 1 exactly, or the rate x 0.3 stored in float32
            floor = np.isclose(per_epoch[1:, 0], 0.0003, rtol=roundings(1), atol=0)  # cut to min_lr, stored
            assert np.all((cuts == 1) | np.isclose(cuts, 0.3, rtol=roundings(1), atol=0) | floor)
            assert within(rates[0], 0.01, **FLOAT32) and rates.min() >= 0.0003 * (1 - U)
        elif fit.optimizer == "ScheduleFreeAdamW":  # its warmup is inside its step
            warmup = np.minimum((np.array(fit.steps) + 1) / task.STEPS_PER_EPOCH, 1)
            np.testing.assert_allclose(rates, 0.1 * warmup, **FLOAT32)  # 0.1 stored, times the factor in float64
        else:
            assert (rates == rates[0]).all()


class _Table(HTMLParser):
    """The cells of the comparison table, row by row, as text."""

    def __init__(self):
        super().__init__()
        self.rows, self.inside = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "md-typeset__table lr-comparison") in attrs:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def test_the_table_and_the_verdict_are_the_records_numbers(built_site, records):
    parser = _Table()
    page = (built_site / "comparison" / "index.html").read_text()
    parser.feed(page)
    header, *rows = parser.rows
    found = techniques(records)
    assert len(rows) == len(found) == len(TECHNIQUES)
    final = {t.stem: np.array(t.final("val_accuracy")) for t in found}
    means = [final[t.stem].mean() for t in found]
    assert means == sorted(means, reverse=True)  # best first
    baseline = final[BASELINE]
    for row, technique in zip(rows, found):
        accuracy, losses = final[technique.stem], np.array(technique.final("val_loss"))
        assert row[0] == technique.label("en")
        assert row[1] == f"{100 * accuracy.mean():.1f} ± {100 * accuracy.std(ddof=1):.1f}"
        half = stats.t.ppf(0.975, 4) * accuracy.std(ddof=1) / np.sqrt(5)
        assert row[2] == f"[{100 * (accuracy.mean() - half):.1f}, {100 * (accuracy.mean() + half):.1f}]"
        assert row[3] == f"{losses.mean():.3f} ± {losses.std(ddof=1):.3f}"
        half = stats.t.ppf(0.975, 4) * losses.std(ddof=1) / np.sqrt(5)
        assert row[4] == f"[{losses.mean() - half:.3f}, {losses.mean() + half:.3f}]"
        seconds = np.array([fit.seconds for fit in technique.fits])
        assert row[6] == f"{seconds.mean():.1f} ± {seconds.std(ddof=1):.1f}"
        if technique.stem != BASELINE:
            p = stats.ttest_ind(accuracy, baseline, equal_var=False).pvalue
            marked = "▲" in row[7] or "▼" in row[7]
            assert marked == (p < 0.05), (technique.stem, p, row[7])
            assert row[7].startswith("+" if accuracy.mean() >= baseline.mean() else "−")
    for row, technique in zip(rows, found):  # the median of five seeds, one that never got there the slowest
        steps = [math.inf if step is None else step for step in technique.steps_to_target(task.TARGET_ACCURACY)]
        reached = sum(step != math.inf for step in steps)
        median = float(np.median(steps))
        assert row[5] == (f"{median:g} ({reached}/5)" if median != math.inf else f"never ({reached}/5)"), row[5]
    # the verdict names the best, and as many techniques within its noise as scipy's test finds
    best = final[found[0].stem]
    tied = [t for t in found[1:] if stats.ttest_ind(final[t.stem], best, equal_var=False).pvalue >= 0.05]
    assert f"is {found[0].label('en')}'s" in re.sub(r"<[^>]+>", "", page)
    assert f"p ≥ 0.05) are {len(tied)}:" in re.sub(r"<[^>]+>", "", page)


def test_an_edit_to_one_technique_changes_its_cache_key_alone(tmp_path):
    project = copy_project(tmp_path / "project")
    script = ("import json; from tools.discover import find_techniques; from tools.cache import cache_key; "
              "print(json.dumps({t.name: cache_key(t) for t in find_techniques()}))")

    def keys() -> dict[str, str]:
        result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True,
                                check=True)
        return __import__("json").loads(result.stdout)

    before = keys()
    with (project / "comparison" / "cosine_decay.py").open("a") as file:
        file.write("# an edit\n")
    after = keys()
    assert [name for name in before if before[name] != after[name]] == [f"{TECHNIQUE_PREFIX}cosine_decay"]
    with (project / "snippets" / "one_cycle.py").open("a") as file:  # the classes it takes from its recipe
        file.write("# an edit\n")
    again = keys()
    assert [name for name in after if after[name] != again[name]] == [f"{TECHNIQUE_PREFIX}one_cycle"]
    with (project / "comparison" / "task.py").open("a") as file:  # the task is every technique's
        file.write("# an edit\n")
    assert all(value != again[name] for name, value in keys().items())
