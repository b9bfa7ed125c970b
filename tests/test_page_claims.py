"""What the pages say about their runs in words ("beat", "far below", "a few images", "about
the same"), asserted on the build's records: numbers the pages quote are written in from the run
(tools/quotes.py); the sentences around them must stay true when a re-run changes those numbers.

Each test names the page and the sentence it holds.
"""

from __future__ import annotations

import re

import numpy as np

from tests.conftest import by_model


def _only(record, name):
    (fit,) = by_model(record)[name]
    return fit


def _printed(record, pattern, cast=float):
    """Each line the run printed that matches ``pattern``: its first group, by the group named ``key``."""
    return {match["key"]: cast(match["value"]) for match in re.finditer(pattern, record.stdout, re.M)}


def test_one_cycle_beat_the_constant_rate(records):
    """one_cycle: "here it beat a constant rate in the same 10 epochs" (front matter, the chooser)."""
    record = records["one_cycle"]
    one_cycle, constant = _only(record, "one_cycle"), _only(record, "constant")
    assert len(one_cycle.val_accuracy) == len(constant.val_accuracy) == 10
    assert one_cycle.val_accuracy[-1] > constant.val_accuracy[-1]


def _smoothed(losses, beta=0.98):
    average, smoothed = 0.0, []
    for count, loss in enumerate(losses, start=1):
        average = beta * average + (1 - beta) * loss
        smoothed.append(average / (1 - beta**count))
    return smoothed


def test_range_test_page_reads_its_curve_right(records):
    """lr_range_test: the smoothed loss printed (and quoted in the figure's alt text) is the curve's;
    `valley` lies "far below the rate with the lowest loss"; "ten times the suggestion, close to what
    the three other rules picked"."""
    record = records["lr_range_test"]
    fit = _only(record, "range_test")
    smoothed = _smoothed(fit.batch_loss)
    lowest = int(np.argmin(smoothed))
    assert (f"smoothed loss: {smoothed[0]:.2f} at first, lowest {smoothed[lowest]:.2f} "
            f"at rate {fit.learning_rate[lowest]:.2f}") in record.stdout
    rules = _printed(record, r"^(?P<key>valley|steep|minimum|steepest gradient) +suggests (?P<value>\S+)$")
    assert rules["valley"] < fit.learning_rate[lowest] / 10  # far below
    for rule in ("steep", "minimum", "steepest gradient"):
        assert 0.5 < rules[rule] / (10 * rules["valley"]) < 2, rule  # close to ten times valley


def test_per_layer_differences_are_a_few_images(records):
    """per_layer_rates: "Single runs on a small task: the differences are a few images of the 186
    checked"; and the load-back pitfall: the warnings, then what loads back."""
    record = records["per_layer_rates"]
    correct = {name: _only(record, name).val_accuracy[-1] * 186
               for name in ("discriminative", "one_rate", "layer_wise")}
    assert all(abs(count - round(count)) < 1e-3 for count in correct.values())  # 186 images were checked
    assert 0 < max(correct.values()) - min(correct.values()) <= 10
    assert record.stdout.count("UserWarning: Skipping variable loading for optimizer") == 2
    assert "load_model(compile=False), same weights: True" in record.stdout
    loaded = re.findall(r"^(body|head): step count (\d+) \(saved (\d+)\), rate (\S+) \(saved (\S+)\)$",
                        record.stdout, re.M)
    assert len(loaded) == 2 and all(steps == saved == "60" and rate == saved_rate
                                    for _, steps, saved, rate, saved_rate in loaded)


def test_accumulating_with_a_schedule_in_updates_wastes_83_updates(records):
    """gradient_accumulation: "the last 83 of its 110 updates applied a rate of 0"."""
    fit = _only(records["gradient_accumulation"], "accumulate_4")
    applied = [rate for batch, rate in zip(fit.steps, fit.learning_rate) if (batch + 1) % 4 == 0]
    assert len(applied) == 110
    zeros = len(applied) - next(i for i, rate in enumerate(applied) if rate == 0.0)
    assert zeros == 83 and set(applied[-83:]) == {0.0}


def test_momentum_and_nesterov_end_at_about_the_same_loss(records):
    """momentum: "(in the run below both end at about the same validation loss, ...)"."""
    record = records["momentum"]
    momentum, nesterov = _only(record, "momentum"), _only(record, "nesterov")
    assert abs(momentum.val_loss[-1] - nesterov.val_loss[-1]) < 0.01


def test_a_rate_of_0001_is_too_small_for_every_adaptive_optimizer(records):
    """adaptive_optimizers: "0.001 is too small for every optimizer and far too small for AdaGrad"."""
    losses = {match[1]: [float(match[i]) for i in (2, 3, 4)] for match in re.finditer(
        r"^(\w+) +val_loss lr=0\.001: (\S+)  lr=0\.01: (\S+)  lr=0\.1: (\S+)  -> best", records["adaptive_optimizers"].stdout,
        re.M)}
    assert set(losses) == {"AdaGrad", "RMSprop", "Adam", "AdamW"}
    assert all(line[0] == max(line) for line in losses.values())
    assert losses["AdaGrad"][0] > 2 * min(losses["AdaGrad"])


def test_resuming_unbuilt_optimizer_has_one_variable_where_the_file_holds_nine(records):
    """resuming: "Compiled but not built, the optimizer has one variable (its step count) where the
    file holds nine"."""
    assert re.search(r"because it has 1 variables whereas the saved optimizer has 9 variables",
                     records["resuming"].stdout)


def test_the_comparison_runs_each_optimizer_at_the_rate_its_recipe_found_best(records):
    """comparison: "RMSprop and AdamW at 0.01 and Adagrad at 0.1 in Adaptive optimizers; Lion at 0.003,
    Muon at 0.03 and ScheduleFreeAdamW at 0.1 in Lion, Muon and ScheduleFreeAdamW"."""
    best = _printed(records["adaptive_optimizers"], r"^(?P<key>\w+) +val_loss .* -> best (?P<value>\S+)$")
    grid = re.findall(r"^(0\.\d+) +(\d\.\d+) +(\d\.\d+)$", records["new_optimizers"].stdout, re.M)
    best["Lion"] = float(min(grid, key=lambda row: float(row[2]))[0])
    muon = re.findall(r"^muon_(\S+) +val loss ([\d.]+),", records["new_optimizers"].stdout, re.M)
    best["Muon"] = float(min(muon, key=lambda row: float(row[1]))[0])
    free = re.findall(r"^(0\.\d+) +(\d\.\d+) +\de-\d+$", records["new_optimizers"].stdout, re.M)
    best["ScheduleFreeAdamW"] = float(min(free, key=lambda row: float(row[1]))[0])
    for technique, optimizer in (("rmsprop", "RMSprop"), ("adamw", "AdamW"), ("adagrad", "AdaGrad"),
                                 ("lion", "Lion"), ("muon", "Muon"), ("schedule_free_adamw", "ScheduleFreeAdamW")):
        rates = {np.float32(fit.learning_rate[-1]) for fit in records[f"comparison-{technique}"].fits}
        assert rates == {np.float32(best[optimizer])}, technique
