"""Stage 3b, inside a worker: record what every ``Model.fit`` call really did.

:func:`recording` patches ``keras.Model.fit`` for the duration of a ``with``
block, so that every fit the snippet makes gets a :class:`LearningRateRecorder`
appended to its callbacks. The snippet does not know it is being watched.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import time
from collections.abc import Iterator

import keras

from tools.records import FitRecord

_PLAIN = (bool, int, float, str, type(None))
# a directory made by ``tempfile.mkdtemp()``: its name is random (``/tmp/tmpk3j_x9a2``)
TEMPORARY_DIRECTORY = re.compile(re.escape(tempfile.gettempdir()) + r"/tmp[\w]{8}")


def _plain_settings(obj) -> dict:
    """The public attributes of a callback that are plain values (its settings and state).

    A path into a temporary directory (a checkpoint's or a TensorBoard log's) is kept
    without the directory's random name (``/tmp/tmp…/log``), so that two runs of a
    snippet give the same record.
    """
    return {k: TEMPORARY_DIRECTORY.sub(tempfile.gettempdir() + "/tmp…", v) if isinstance(v, str) else v
            for k, v in sorted(vars(obj).items()) if not k.startswith("_") and isinstance(v, _PLAIN)}


def inner(optimizer):
    """The optimizer that holds the rate: a ``LossScaleOptimizer``'s inner optimizer, or the optimizer itself."""
    return getattr(optimizer, "inner_optimizer", optimizer)


def accumulates(optimizer) -> bool:
    """Whether the optimizer applies an update every few batches (``gradient_accumulation_steps``)."""
    return bool(getattr(inner(optimizer), "gradient_accumulation_steps", None))


def schedule_step(optimizer) -> int:
    """The step a schedule is called with: ``optimizer.iterations``, or, with
    ``gradient_accumulation_steps``, the number of batches (Keras' ``_iterations``)."""
    if accumulates(optimizer):
        return int(inner(optimizer)._iterations.numpy())  # noqa: SLF001 - what Keras passes to the schedule
    return int(optimizer.iterations.numpy())


def applied_rates(optimizer) -> dict[str, float]:
    """The rate the next step applies, by optimizer name: one entry, or one per sub-optimizer of a
    ``MultiOptimizer`` (which has no ``learning_rate`` of its own); a warmup the optimizer applies
    in its own step included (:func:`warmup_factor`)."""
    optimizer = inner(optimizer)
    optimizers = getattr(optimizer, "optimizers", None) or [optimizer]
    return {sub.name: float(keras.ops.convert_to_numpy(sub.learning_rate)) * warmup_factor(sub) for sub in optimizers}


def warmup_factor(optimizer) -> float:
    """The factor an optimizer applies to its rate inside its own step: ``ScheduleFreeAdamW``'s
    warmup, min((iterations + 1) / warmup_steps, 1); 1 for every other optimizer."""
    warmup = getattr(optimizer, "warmup_steps", 0) if isinstance(optimizer, keras.optimizers.ScheduleFreeAdamW) else 0
    if not warmup:
        return 1.0
    return min((int(optimizer.iterations.numpy()) + 1) / warmup, 1.0)


def replica_rates(model) -> list[float] | None:
    """Under a distribution strategy with several replicas, the rate each replica computes for
    the next step (the optimizer's ``learning_rate`` read in each replica's context, from its
    copy of the step count; times :func:`warmup_factor`, as :func:`applied_rates`); None with
    one replica."""
    strategy = getattr(model, "distribute_strategy", None)  # TensorFlow's trainer: the default strategy when none
    if strategy is None or strategy.num_replicas_in_sync == 1:
        return None
    optimizer = inner(model.optimizer)
    rates = strategy.experimental_local_results(strategy.run(lambda: optimizer.learning_rate))
    return [float(keras.ops.convert_to_numpy(rate)) * warmup_factor(optimizer) for rate in rates]


def applied_momentum(optimizer) -> float | None:
    """The momentum the optimizer's next step applies: the Adam family's ``beta_1`` or SGD's ``momentum``.

    A ``beta_1`` given as a schedule of the step (an optimizer that accepts one, as
    the one-cycle recipe's does) is evaluated at the step about to be taken.
    None for an optimizer with neither.
    """
    optimizer = inner(optimizer)
    value = getattr(optimizer, "beta_1", getattr(optimizer, "momentum", None))
    if value is None:
        return None
    if callable(value):
        value = value(optimizer.iterations)
    return float(keras.ops.convert_to_numpy(value))


class LearningRateRecorder(keras.callbacks.Callback):
    """Reads the optimizer's learning rate before every batch, and the losses after.

    The rate is read in ``on_train_batch_begin``: at that moment
    ``optimizer.iterations`` is the step about to be taken (with gradient
    accumulation, the batch: :func:`schedule_step`) and
    ``optimizer.learning_rate`` is the rate that step applies (a schedule is
    evaluated at that step; a value set by a callback at an epoch end is seen).
    The momentum that step applies is read too (:func:`applied_momentum`). A
    ``LossScaleOptimizer`` is read through to the optimizer it wraps; a
    ``MultiOptimizer`` gives one rate per sub-optimizer (:func:`applied_rates`).
    Under a distribution strategy, the rate is also read on every replica
    (:func:`replica_rates`).
    """

    def __init__(self, record: FitRecord):
        super().__init__()
        self.record = record
        self._started = 0.0

    def on_train_begin(self, logs=None):
        self._started = time.perf_counter()

    def on_train_batch_begin(self, batch, logs=None):
        optimizer = self.model.optimizer
        self.record.steps.append(schedule_step(optimizer))
        if accumulates(optimizer):
            self.record.updates.append(int(optimizer.iterations.numpy()))
        rates = applied_rates(optimizer)
        self.record.learning_rate.append(next(iter(rates.values())))
        if len(rates) > 1 or self.record.groups:
            for name, rate in rates.items():
                self.record.groups.setdefault(name, []).append(rate)
        momentum = applied_momentum(optimizer)
        if momentum is not None:
            self.record.momentum.append(momentum)
        per_replica = replica_rates(self.model)
        if per_replica is not None:
            self.record.replica_rates.append(per_replica)

    def on_train_batch_end(self, batch, logs=None):
        self.record.batch_loss.append(float((logs or {}).get("loss", float("nan"))))

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.record.epochs.append(epoch)
        self.record.epoch_end_step.append(schedule_step(self.model.optimizer))
        self.record.loss.append(float(logs.get("loss", float("nan"))))
        if "val_loss" in logs:
            self.record.val_loss.append(float(logs["val_loss"]))
        if "val_accuracy" in logs:
            self.record.val_accuracy.append(float(logs["val_accuracy"]))
        if "learning_rate" in logs:
            self.record.logged_learning_rate.append(float(logs["learning_rate"]))

    def on_train_end(self, logs=None):
        self.record.seconds += time.perf_counter() - self._started


def _described(optimizer) -> str:
    """``Adam``, ``LossScaleOptimizer(Adam)``, ``MultiOptimizer(Adam, SGD)``."""
    wrapped = getattr(optimizer, "inner_optimizer", None) or getattr(optimizer, "optimizers", None)
    if not wrapped:
        return type(optimizer).__name__
    wrapped = wrapped if isinstance(wrapped, list) else [wrapped]
    return f"{type(optimizer).__name__}({', '.join(_described(sub) for sub in wrapped)})"


def _new_record(model, callbacks, model_id: int) -> FitRecord:
    optimizer = model.optimizer
    schedule = getattr(inner(optimizer), "_learning_rate", None)
    if isinstance(schedule, keras.optimizers.schedules.LearningRateSchedule):
        described = {"class": type(schedule).__name__, "config": schedule.get_config()}
    else:
        described = None
    return FitRecord(
        model=model.name,
        model_id=model_id,
        optimizer=_described(optimizer),
        schedule=described,
        callbacks=[{"class": type(c).__name__, **_plain_settings(c)} for c in callbacks or []],
    )


@contextlib.contextmanager
def recording() -> Iterator[list[FitRecord]]:
    """Within the block, every ``Model.fit`` call appends a :class:`FitRecord` to the yielded list."""
    fits: list[FitRecord] = []
    # id(model) -> (model, 0, 1, 2, ... in order of first fit). The model is kept alive until the
    # block ends: once collected, its id() could be given to a new model, whose fits would then
    # be drawn as the old model's curve.
    model_ids: dict[int, tuple[object, int]] = {}
    original_fit = keras.Model.fit
    model_defines_fit = "fit" in vars(keras.Model)

    def recorded_fit(model, *args, callbacks=None, **kwargs):
        if id(model) not in model_ids:  # a new model: the next id after every fit's so far (merged ones too)
            model_ids[id(model)] = (model, max((fit.model_id for fit in fits), default=-1) + 1)
        record = _new_record(model, callbacks, model_ids[id(model)][1])
        fits.append(record)
        callbacks = list(callbacks or []) + [LearningRateRecorder(record)]
        return original_fit(model, *args, callbacks=callbacks, **kwargs)

    keras.Model.fit = recorded_fit
    try:
        yield fits
    finally:
        if model_defines_fit:
            keras.Model.fit = original_fit
        else:
            del keras.Model.fit
