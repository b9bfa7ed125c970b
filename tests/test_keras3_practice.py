"""The "Keras 3 in practice" recipes: what each page claims, checked against the build's run.

Gradient accumulation, mixed precision and resuming: the recorded steps and rates
against the schedule's closed form, and the printed comparisons the pages quote.
"""

from __future__ import annotations

import json
import re

import keras
import numpy as np

from tests.closed_forms import cosine_decay
from tests.conftest import by_model
from tools.sections import recipe_sections
from tools.capture import applied_rates
from tools.children import merge
from tools.records import FitRecord
from tests.tolerances import (ADAM_FLOAT64_STEP, FLOAT32, builtin_schedule, differing_kernels, half_unit_of,
                              printed_at_least, roundings, schedule_free_gap)


def _cosine(steps, decay_steps):
    return cosine_decay(np.array(steps, float), 0.01, decay_steps=decay_steps, alpha=0.0)


def _cosine_tolerance(steps, decay_steps, **warmup):
    """Keras' float32 CosineDecay against its float64 closed form (``tests/tolerances.py``)."""
    return builtin_schedule("CosineDecay", dict(initial_learning_rate=0.01, decay_steps=decay_steps, alpha=0.0,
                                                **warmup), steps)


def test_gradient_accumulation_calls_the_schedule_with_batches(records):
    record = records["gradient_accumulation"]
    (large,), (naive,), (per_update,) = (by_model(record)[name] for name in
                                         ("batch_64", "accumulate_4", "accumulate_4_per_update"))
    assert large.steps == list(range(110)) and not large.updates
    for fit in (naive, per_update):  # four batches per update: the schedule sees the batch
        assert fit.steps == list(range(440)) and fit.updates == [step // 4 for step in range(440)]
    np.testing.assert_allclose(naive.learning_rate, _cosine(naive.steps, 110), **_cosine_tolerance(naive.steps, 110))
    assert set(naive.learning_rate[110:]) == {0.0}  # the last 330 batches at a rate of 0
    updates = np.array(per_update.steps) // 4
    np.testing.assert_allclose(per_update.learning_rate, _cosine(updates, 110), **_cosine_tolerance(updates, 110))
    # each update applies the rate of its window's last batch: the batch of 64's rate, bit for bit
    assert per_update.learning_rate[3::4] == large.learning_rate
    accuracy = {name: float(value) for name, value in re.findall(
        r"^(\w+) +updates 110 +val_accuracy ([\d.]+)$", record.stdout, flags=re.M)}
    # "the same training, up to the rounding": the weights within a rounding noise of each other, far below
    # one update's size (a rate of 0.01), so that the two models classify the 360 validation images alike
    # but for one that might sit on a decision boundary (the rounding of the summation order can move it)
    difference = float(re.search(r"largest weight difference from batch_64: (\S+)", record.stdout)[1])
    assert difference < 1e-4
    assert abs(accuracy["accumulate_4_per_update"] - accuracy["batch_64"]) <= 1 / 360 + half_unit_of("0.0000")
    assert accuracy["batch_64"] > accuracy["accumulate_4"]  # the schedule in updates cost accuracy


def test_per_update_schedule_is_vectorised_and_serializable():
    PerUpdate = recipe_sections("gradient_accumulation", "setup", "per_update_schedule")["PerUpdate"]
    inner = keras.optimizers.schedules.CosineDecay(0.01, decay_steps=110)
    schedule = PerUpdate(inner, every=4)
    steps = np.arange(1000)
    together = keras.ops.convert_to_numpy(schedule(steps))
    one_by_one = np.array([float(schedule(int(step))) for step in steps[::37]])
    # the same float32 operations; only the cos kernel differs (Eigen's for a tensor, glibc's for a step)
    np.testing.assert_allclose(together[::37], one_by_one, **differing_kernels("CosineDecay", inner.get_config(),
                                                                               steps // 4))
    np.testing.assert_array_equal(together, keras.ops.convert_to_numpy(inner(steps // 4)))
    again = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(schedule))
    assert type(again) is PerUpdate and again.every == 4
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(again(steps)), together)


def test_mixed_precision_schedule_counts_applied_steps(records):
    record = records["mixed_precision"]
    (mixed,), (overflow,) = (by_model(record)[name] for name in ("mixed_float16", "scale_2_to_40"))
    for fit in (mixed, overflow):
        assert fit.optimizer == "LossScaleOptimizer(Adam)"
        np.testing.assert_allclose(fit.learning_rate, _cosine(fit.steps, 115), **_cosine_tolerance(fit.steps, 115))
    assert mixed.steps == list(range(115))
    # the first 21 batches and the 23rd overflow and are skipped; the other 93 apply a step
    assert overflow.steps == [0] * 22 + [1] * 2 + list(range(2, 93))
    assert "loss scale 32768" in record.stdout
    assert "batches 115 | steps 93 | loss scale 262144 | final rate 8.76e-04" in record.stdout
    assert "model.optimizer is LossScaleOptimizer wrapping Adam | the same Adam: True" in record.stdout
    assert "after setting: 0.0030" in record.stdout


def test_a_run_resumed_in_a_new_process_is_the_same_run(records):
    record = records["resuming"]
    fits = by_model(record)
    (continuous,), split = fits["continuous"], fits["split"]
    # the split run: two processes, recorded by the build, one model
    assert [fit.process for fit in split] == [2, 3] and continuous.process == 1
    assert len({fit.model_id for fit in split}) == 1 and split[0].model_id != continuous.model_id
    assert continuous.steps == list(range(230))
    assert split[0].steps + split[1].steps == continuous.steps
    assert split[0].learning_rate + split[1].learning_rate == continuous.learning_rate  # step by step
    # one curve per model, whether the worker or a started process trained it
    assert len({fit.model_id for fit in record.fits}) == len(fits)
    np.testing.assert_allclose(continuous.learning_rate, _cosine(continuous.steps, 230),
                               **_cosine_tolerance(continuous.steps, 230))
    assert "largest weight difference, continuous and split: 0.0\n" in record.stdout
    # the silent restarts, and the load that keeps the step count
    for name in ("fresh_optimizer", "weights_before_compile"):
        (fit,) = fits[name]
        assert fit.steps == list(range(115)) and fit.learning_rate == continuous.learning_rate[:115], name
    (after,) = fits["weights_after_build"]
    assert after.steps == list(range(115, 230)) and after.learning_rate == continuous.learning_rate[115:]
    assert "UserWarning: Skipping variable loading for optimizer" in record.stdout
    assert "weights_unbuilt: step count 0 after loading" in record.stdout
    # ReduceLROnPlateau: halved after epoch 6 unless a second fit forgets its state
    rates = dict(re.findall(r"^(plateau_\w+) +([\d. ]+)$", record.stdout, flags=re.M))
    assert rates["plateau_continuous"] == rates["plateau_carried"] == " ".join(["0.0100"] * 6 + ["0.0050"] * 4)
    assert rates["plateau_split"] == " ".join(["0.0100"] * 10)


def _fit(model: str, model_id: int) -> dict:
    return {"model": model, "model_id": model_id, "optimizer": "Adam", "schedule": None, "callbacks": [],
            "steps": [0], "learning_rate": [0.01]}


def test_fits_of_started_processes_merge_in_start_order_and_continue_models_by_name(tmp_path):
    here = [FitRecord(**_fit("in_worker", 0))]
    (tmp_path / "20-7.json").write_text(json.dumps([_fit("resumed", 0)]))
    (tmp_path / "10-9.json").write_text(json.dumps([_fit("resumed", 0), _fit("other", 1)]))
    merge(tmp_path, here)
    assert [(fit.model, fit.model_id, fit.process) for fit in here] == [
        ("in_worker", 0, 0), ("resumed", 1, 1), ("other", 2, 1), ("resumed", 1, 2)]
    assert not list(tmp_path.iterdir())  # each file merged once


def _warmup_cosine(steps, target, warmup, total):
    return cosine_decay(np.array(steps, float), 0.01, decay_steps=total - warmup, alpha=0.0,
                        warmup_target=target, warmup_steps=warmup)


def _warmup_cosine_tolerance(steps, target, warmup, total):
    return _cosine_tolerance(steps, total - warmup, warmup_target=target, warmup_steps=warmup)


def test_many_devices_apply_one_rate_on_every_replica_in_global_steps(records):
    record = records["many_devices"]
    fits = {name: fit for name, (fit, *others) in by_model(record).items() if name != "multi_worker" and not others}
    assert set(fits) == {"1_none", "4_none", "4_linear", "4_sqrt", "4_linear_per_device"}
    assert [fits[name].process for name in ("1_none", "4_none", "4_linear", "4_sqrt")] == [1] * 4
    assert fits["4_linear_per_device"].process == 2
    one = fits["1_none"]
    assert one.steps == list(range(440)) and not one.replica_rates  # one replica: nothing per replica
    np.testing.assert_allclose(one.learning_rate, _warmup_cosine(one.steps, 0.01, 88, 440),
                               **_warmup_cosine_tolerance(one.steps, 0.01, 88, 440))
    # four devices: 110 steps of the global batch, the warmup and the cosine counted in them
    for name, target in (("4_none", 0.01), ("4_linear", 0.04), ("4_sqrt", 0.01 * 4 ** 0.5)):
        fit = fits[name]
        assert fit.steps == list(range(110)), name
        np.testing.assert_allclose(fit.learning_rate, _warmup_cosine(fit.steps, target, 22, 110),
                                   **_warmup_cosine_tolerance(fit.steps, target, 22, 110))
    # the mistake: steps counted as on one device, 88 of warmup in a 440-step schedule cut at 110
    mistake = fits["4_linear_per_device"]
    assert mistake.steps == list(range(110))
    np.testing.assert_allclose(mistake.learning_rate, _warmup_cosine(mistake.steps, 0.04, 88, 440),
                               **_warmup_cosine_tolerance(mistake.steps, 0.04, 88, 440))
    # before every step, each of the four replicas computed the rate the recorder read from the optimizer
    for name in ("4_none", "4_linear", "4_sqrt", "4_linear_per_device"):
        fit = fits[name]
        assert len(fit.replica_rates) == 110 and all(
            rates == [rate] * 4 for rates, rate in zip(fit.replica_rates, fit.learning_rate)), name
    # what the page says of the printed results (it quotes the numbers): a quarter of the steps at the
    # same rate did not get as far; the linear rule came closest to one device; the mistaken schedule
    # ended slightly better, its rate far from 0
    printed = {name: (rates, float(loss), float(accuracy)) for name, rates, loss, accuracy in re.findall(
        r"^(\w+) +\d x 32 = .*?\[(.*)\] val loss ([\d.]+), accuracy ([\d.]+)$", record.stdout, flags=re.M)}
    one, none, linear, sqrt = (printed[name] for name in ("1_none", "4_none", "4_linear", "4_sqrt"))
    assert none[1] > one[1] and none[2] < one[2]
    assert abs(linear[1] - one[1]) < abs(sqrt[1] - one[1])
    mistake = printed["4_linear_per_device"]
    assert mistake[1] < linear[1] and mistake[1] > linear[1] - 0.1  # better, slightly
    assert mistake[0] == ", ".join(["'3.96e-02'"] * 4)  # the cosine at step 110 of 440: 0.04·(1 + cos(π·22/352))/2
    assert linear[0] == ", ".join(["'0.00e+00'"] * 4)
    assert "step count with .numpy(): 0\nTypeError: int() argument must be" in record.stdout


def _best(record, pattern):
    return {rate: losses for rate, *losses in re.findall(pattern, record.stdout, flags=re.M)}


def test_new_optimizers_rates_found_by_the_grid(records):
    record = records["new_optimizers"]
    fits = {name: fit for name, (fit,) in by_model(record).items()}
    for name, fit in fits.items():
        assert fit.steps == list(range(115)), name
        rate = float(name.rsplit("_", 1)[1])
        if name.startswith("schedule_free"):  # the warmup the optimizer applies in its step, recorded
            expected = rate * np.minimum((np.arange(115) + 1) / 23, 1.0)
        else:
            expected = np.full(115, rate)
        # the rate given, stored in float32 (times the warmup factor, in float64): one rounding
        np.testing.assert_allclose(fit.learning_rate, expected, **FLOAT32, err_msg=name)
    assert fits["lion_0.01"].optimizer == "Lion" and fits["muon_0.03"].optimizer == "Muon"
    # which rate of each grid was best, as the page says (it quotes the losses), and how they rank
    grid = _best(record, r"^(0\.\d+) +(\d\.\d+) +(\d\.\d+)$")
    adamw = {rate: float(losses[0]) for rate, losses in grid.items()}
    lion = {rate: float(losses[1]) for rate, losses in grid.items()}
    assert min(adamw, key=adamw.get) == "0.01" and min(lion, key=lion.get) == "0.003"
    muon = {rate: (float(loss), accuracy) for rate, loss, accuracy in re.findall(
        r"^muon_(\S+) +val loss ([\d.]+), val accuracy ([\d.]+)$", record.stdout, flags=re.M)}
    assert min(muon, key=lambda r: muon[r][0]) == "0.03"  # "at 0.1 it was worse" then follows
    schedule_free = {rate: (float(loss), gap) for rate, loss, gap in re.findall(
        r"^(0\.\d+) +(\d\.\d+) +(\de-\d+)$", record.stdout, flags=re.M)}
    assert set(schedule_free) == {"0.01", "0.03", "0.1", "0.3"}
    assert min(schedule_free, key=lambda r: schedule_free[r][0]) == "0.1"
    # "the lowest loss of the page"; ScheduleFreeAdamW "behind AdamW with a constant rate"
    assert muon["0.03"][0] < min(min(adamw.values()), min(lion.values()), min(s[0] for s in schedule_free.values()))
    assert schedule_free["0.1"][0] > adamw["0.01"]
    # on TensorFlow the weights are the running average of z (x), to float32 rounding: the largest gap, in
    # units of the largest |z|, within what 115 steps of Keras' update and of the snippet's sum can round
    assert max(printed_at_least(gap) for _, gap in schedule_free.values()) <= schedule_free_gap(115)
    assert "learning_rate after training: 0.30 (the warmup" in record.stdout


def test_recorded_schedule_free_rate_is_the_step_it_applies():
    """With a constant gradient of 1, Adam's denominator is 1: the change of ScheduleFreeAdamW's
    ``momentum`` variable at each step is the rate it applied, which the recorder must report."""
    weight = keras.Variable(np.zeros(3), dtype="float64")  # the step computed in float64: no rounding to hide
    optimizer = keras.optimizers.ScheduleFreeAdamW(learning_rate=0.1, warmup_steps=5, epsilon=0.0)
    optimizer.build([weight])
    momentum = [v for v in optimizer.variables if v.path.endswith("_momentum")][0]
    recorded, applied = [], []
    for _ in range(8):
        recorded.append(applied_rates(optimizer)[optimizer.name])
        before = momentum.numpy().copy()
        optimizer.apply_gradients([(keras.ops.ones(3, dtype="float64"), weight)])
        applied.append(float(before[0] - momentum.numpy()[0]))
    np.testing.assert_allclose(recorded, applied, rtol=ADAM_FLOAT64_STEP)
    # 0.1 stored in float32 (one rounding), through the float64 step
    np.testing.assert_allclose(applied, [0.02, 0.04, 0.06, 0.08, 0.1, 0.1, 0.1, 0.1],
                               rtol=roundings(1) + ADAM_FLOAT64_STEP)
    assert float(optimizer.learning_rate) == np.float32(0.1)  # the warmup is not in learning_rate


def test_fit_under_multi_worker_mirrored_strategy_fails_in_both_workers(records):
    """Two workers on 127.0.0.1 under TF_CONFIG: Keras 3.15.1's fit raises before the first step."""
    stdout = records["many_devices"].stdout
    for index in range(2):
        assert f"worker {index}: exit status 1; ValueError: Attempt to convert a value (PerReplica" in stdout
    # each worker's recorder saw its fit begin and take no step
    assert [fit.steps for fit in by_model(records["many_devices"])["multi_worker"]] == [[], []]
