"""Warmup-stable-decay (WSD): warm up, hold the rate, then cool down at the end.

``WarmupStableDecay`` is Hugging Face transformers' ``get_wsd_schedule`` as a
Keras schedule, with its parameter names: ``num_warmup_steps`` of warmup,
``num_stable_steps`` at the peak, and ``num_decay_steps`` of cooldown, linear,
cosine or 1-sqrt, down to ``min_lr_ratio`` times the peak. Trains
scikit-learn's digits with each cooldown. Run: ``python -m snippets.warmup_stable_decay``.
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


# --8<-- [start:schedule]
import math

from keras import ops


@keras.saving.register_keras_serializable(package="lr_cookbook")
class WarmupStableDecay(keras.optimizers.schedules.LearningRateSchedule):
    """transformers' ``get_wsd_schedule``: ``learning_rate`` (the peak, which transformers takes
    from the optimizer) times a factor that warms up from ``min_lr_ratio`` to 1 (``warmup_type``),
    stays at 1, then cools down to ``min_lr_ratio`` (``decay_type``: ``"linear"``, ``"cosine"``
    or ``"1-sqrt"``) and stays there. Give ``num_stable_steps`` or ``num_training_steps``.
    """

    def __init__(self, learning_rate, num_warmup_steps, num_decay_steps, num_training_steps=None,
                 num_stable_steps=None, warmup_type="linear", decay_type="cosine", min_lr_ratio=0.0,
                 num_cycles=0.5, name="WarmupStableDecay"):
        if num_stable_steps is None and num_training_steps is None:
            raise ValueError("give num_stable_steps or num_training_steps")
        for kind in (warmup_type, decay_type):
            if kind not in ("linear", "cosine", "1-sqrt"):
                raise ValueError(f"unknown warmup or decay type {kind!r}: linear, cosine or 1-sqrt")
        if num_stable_steps is None:
            num_stable_steps = num_training_steps - num_warmup_steps - num_decay_steps
        self.learning_rate = learning_rate
        self.num_warmup_steps = num_warmup_steps
        self.num_decay_steps = num_decay_steps
        self.num_stable_steps = num_stable_steps
        self.warmup_type = warmup_type
        self.decay_type = decay_type
        self.min_lr_ratio = min_lr_ratio
        self.num_cycles = num_cycles
        self.name = name

    def __call__(self, step):
        step = ops.cast(step, "float32")
        warmup, stable, decay = (float(max(1, self.num_warmup_steps)), self.num_stable_steps,
                                 float(max(1, self.num_decay_steps)))
        # each stage's factor, written so that float32 keeps its digits at both ends of the stage
        done = step / warmup  # the warmup's progress, 0 -> 1
        rising = {"linear": done,
                  "cosine": ops.square(ops.sin(math.pi / 2 * done)),  # (1 - cos(pi * done)) / 2
                  "1-sqrt": done / (1 + ops.sqrt(ops.maximum(1 - done, 0.0)))}[self.warmup_type]  # 1 - sqrt(1 - done)
        into = step - self.num_warmup_steps - stable  # steps into the cooldown
        progress = into / decay
        falling = {"linear": (decay - into) / decay,  # 1 - progress
                   "cosine": ops.square(ops.sin(math.pi / 2 * (decay - 2 * self.num_cycles * into) / decay)),
                   "1-sqrt": ((decay - into) / decay) / (1 + ops.sqrt(ops.maximum(progress, 0.0)))}[self.decay_type]
        factor = ops.where(step < self.num_warmup_steps, rising,
                           ops.where(into < 0, 1.0, ops.where(into < self.num_decay_steps, falling, 0.0)))
        return self.learning_rate * (factor * (1 - self.min_lr_ratio) + self.min_lr_ratio)

    def get_config(self):
        return {"learning_rate": self.learning_rate, "num_warmup_steps": self.num_warmup_steps,
                "num_decay_steps": self.num_decay_steps, "num_stable_steps": self.num_stable_steps,
                "warmup_type": self.warmup_type, "decay_type": self.decay_type,
                "min_lr_ratio": self.min_lr_ratio, "num_cycles": self.num_cycles, "name": self.name}
# --8<-- [end:schedule]


# --8<-- [start:recipe]
for decay_type in ("linear", "cosine", "1-sqrt"):
    keras.utils.set_random_seed(42)  # the same initial weights for the three cooldowns
    schedule = WarmupStableDecay(
        learning_rate=0.01,
        num_warmup_steps=23,  # 1 epoch
        num_stable_steps=115,  # 5 epochs
        num_decay_steps=46,  # 2 epochs
        decay_type=decay_type,
        min_lr_ratio=0.01,
    )
    model = build_model(decay_type.replace("-", "_"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=schedule),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val),
        epochs=8, batch_size=64, verbose=0,
    )
    print(f"{decay_type:6s} cooldown: val_loss {history.history['val_loss'][-1]:.4f}, "
          f"val_accuracy {history.history['val_accuracy'][-1]:.4f}")
# --8<-- [end:recipe]
