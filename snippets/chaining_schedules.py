"""Chaining schedules: one after another at given steps, each counting from its own start;
and a rate interpolated linearly between points.

``SequentialSchedule`` is optax's ``join_schedules`` (PyTorch's ``SequentialLR``)
for Keras schedules; ``PiecewiseInterpolate`` is optax's
``piecewise_interpolate_schedule``. Trains scikit-learn's digits with a linear
warmup chained to ``CosineDecay``, and with a piecewise-linear rate, then draws
a warmup in front of every built-in schedule. Run: ``python -m snippets.chaining_schedules``.
"""

# --8<-- [start:setup]
import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

digits = load_digits()  # 1,797 8x8 images that ship with scikit-learn
x_train, x_val, y_train, y_val = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.2, random_state=42
)


def build_model(name):
    """A small dense classifier for the 64 pixel values of a digit."""
    return keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ],
        name=name,
    )
# --8<-- [end:setup]


# --8<-- [start:schedules]
import math

from keras import ops


@keras.saving.register_keras_serializable(package="lr_cookbook")
class SequentialSchedule(keras.optimizers.schedules.LearningRateSchedule):
    """optax's ``join_schedules``: ``schedules[0]`` until ``boundaries[0]``, then ``schedules[1]``
    evaluated at ``step - boundaries[0]``, and so on: each schedule counts from its own start."""

    def __init__(self, schedules, boundaries, name="SequentialSchedule"):
        if len(boundaries) != len(schedules) - 1:
            raise ValueError("give one boundary fewer than schedules")
        self.schedules = list(schedules)
        self.boundaries = list(boundaries)
        self.name = name

    def __call__(self, step):
        step = ops.cast(step, "float32")
        rate = ops.cast(self.schedules[0](step), "float32")
        for boundary, schedule in zip(self.boundaries, self.schedules[1:]):
            later = ops.cast(schedule(ops.maximum(step - boundary, 0.0)), "float32")
            rate = ops.where(step < boundary, rate, later)
        return rate

    def get_config(self):
        return {"schedules": [keras.saving.serialize_keras_object(s) for s in self.schedules],
                "boundaries": self.boundaries, "name": self.name}

    @classmethod
    def from_config(cls, config):
        schedules = [keras.saving.deserialize_keras_object(s) for s in config.pop("schedules")]
        return cls(schedules, **config)


@keras.saving.register_keras_serializable(package="lr_cookbook")
class PiecewiseInterpolate(keras.optimizers.schedules.LearningRateSchedule):
    """optax's ``piecewise_interpolate_schedule``: the rate is ``init_value`` at step 0 and, at each
    boundary, the previous boundary's rate times its scale; in between it is interpolated
    (``"linear"`` or ``"cosine"``), and after the last boundary it stays."""

    def __init__(self, init_value, boundaries_and_scales, interpolate_type="linear", name="PiecewiseInterpolate"):
        if interpolate_type not in ("linear", "cosine"):
            raise ValueError("interpolate_type is linear or cosine")
        pairs = sorted(boundaries_and_scales.items() if isinstance(boundaries_and_scales, dict)
                       else boundaries_and_scales)
        self.init_value = init_value
        self.boundaries_and_scales = [[int(b), float(s)] for b, s in pairs]  # a list: JSON keys are strings
        self.interpolate_type = interpolate_type
        self.name = name

    def __call__(self, step):
        step = ops.cast(step, "float32")
        points, value = [(0, self.init_value)], self.init_value
        for boundary, scale in self.boundaries_and_scales:
            value *= scale
            points.append((boundary, value))
        rate = ops.zeros_like(step) + points[-1][1]  # after the last boundary
        for (start, first), (end, last) in reversed(list(zip(points[:-1], points[1:]))):
            size = max(end - start, 1)
            done, left = (step - start) / size, (end - step) / size
            if self.interpolate_type == "cosine":  # optax's weights (1 -/+ cos(pi * done)) / 2
                done, left = ops.square(ops.sin(math.pi / 2 * done)), ops.square(ops.sin(math.pi / 2 * left))
            rate = ops.where((start <= step) & (step < end), first * left + last * done, rate)
        return rate

    def get_config(self):
        return {"init_value": self.init_value, "boundaries_and_scales": self.boundaries_and_scales,
                "interpolate_type": self.interpolate_type, "name": self.name}
# --8<-- [end:schedules]


# --8<-- [start:recipe]
schedules = keras.optimizers.schedules
warmup_then_cosine = SequentialSchedule(
    [schedules.PolynomialDecay(0.0, decay_steps=46, end_learning_rate=0.01),  # 0 -> 0.01, linear: a warmup
     schedules.CosineDecay(0.01, decay_steps=184)],  # counts its steps from 0 at step 46
    boundaries=[46],
)
piecewise = PiecewiseInterpolate(0.01, {46: 1.0, 138: 0.1, 184: 0.1})  # hold, then two linear falls
for name, schedule in (("warmup_cosine", warmup_then_cosine), ("piecewise", piecewise)):
    keras.utils.set_random_seed(42)  # the same initial weights for both
    model = build_model(name)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=schedule),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val),
        epochs=10, batch_size=64, verbose=0,
    )
    print(f"{name:13s} val_accuracy {history.history['val_accuracy'][-1]:.4f}")
# --8<-- [end:recipe]

# --8<-- [start:every_builtin]
import matplotlib.pyplot as plt
import numpy as np
from keras.optimizers import schedules

steps = np.arange(2000)
warmup = schedules.PolynomialDecay(0.0, decay_steps=200, end_learning_rate=0.1)
builtins = {
    "ExponentialDecay": schedules.ExponentialDecay(0.1, decay_steps=300, decay_rate=0.5),
    "PiecewiseConstantDecay": schedules.PiecewiseConstantDecay([600, 1200], [0.1, 0.03, 0.01]),
    "CosineDecay": schedules.CosineDecay(0.1, decay_steps=1800),
    "InverseTimeDecay": schedules.InverseTimeDecay(0.1, decay_steps=100, decay_rate=0.5),
    "PolynomialDecay": schedules.PolynomialDecay(0.1, decay_steps=1800, end_learning_rate=0.001, power=2.0),
    "CosineDecayRestarts": schedules.CosineDecayRestarts(0.1, first_decay_steps=300, t_mul=2.0, m_mul=0.8),
}
figure, axes = plt.subplots(2, 3, figsize=(9, 4.8), sharex=True, sharey=True)
for axis, (name, schedule) in zip(axes.flat, builtins.items()):
    chained = SequentialSchedule([warmup, schedule], boundaries=[200])
    axis.plot(steps, keras.ops.convert_to_numpy(chained(steps)), color="C1")  # one call for the whole curve
    axis.set_title(f"warmup + {name}", fontsize=9)
for axis in axes[-1]:
    axis.set_xlabel("step")
for axis in axes[:, 0]:
    axis.set_ylabel("learning rate")
figure.tight_layout()
# --8<-- [end:every_builtin]
