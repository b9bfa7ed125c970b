"""A Keras learning-rate schedule evaluated at many steps at once.

Calling a schedule once per step costs a few hundred microseconds of eager
TensorFlow each: a million steps take minutes. Every built-in schedule but one
is written with element-wise ops, so called once on a tensor of steps it gives
the whole curve in milliseconds. The exception is CosineDecay with warmup,
whose ``__call__`` picks warmup or decay with ``ops.cond`` on the step, which
needs a scalar; :func:`full_curve` evaluates both of its own branches on every
step and picks with ``ops.where`` instead, the same arithmetic element by element.
"""

from __future__ import annotations

import keras
import numpy as np
from keras import ops

CosineDecay = keras.optimizers.schedules.CosineDecay


def full_curve(schedule: keras.optimizers.schedules.LearningRateSchedule, steps: np.ndarray) -> np.ndarray:
    """The learning rate ``schedule`` gives at each of ``steps`` (integers), as float32, in one call."""
    step = ops.convert_to_tensor(np.asarray(steps, dtype=np.int64))
    if isinstance(schedule, CosineDecay) and schedule.warmup_target is not None:
        return ops.convert_to_numpy(_cosine_warmup_curve(schedule, step))
    return ops.convert_to_numpy(schedule(step))


def _cosine_warmup_curve(schedule: CosineDecay, step) -> object:
    """``CosineDecay.__call__`` with warmup, its ``ops.cond`` turned into an element-wise ``ops.where``."""
    initial = ops.convert_to_tensor(schedule.initial_learning_rate)
    dtype = initial.dtype
    decay_steps = ops.cast(schedule.decay_steps, dtype)
    warmup_target = ops.cast(schedule.warmup_target, dtype)
    warmup_steps = ops.cast(schedule.warmup_steps, dtype)
    step = ops.minimum(ops.cast(step, dtype), decay_steps + warmup_steps)
    return ops.where(
        step < warmup_steps,
        schedule._warmup_function(step, warmup_steps, warmup_target, initial),
        schedule._decay_function(step - warmup_steps, decay_steps, warmup_target, dtype),
    )
