"""Warmup: start with a small learning rate and raise it before the decay begins.

Trains on scikit-learn's digits twice: with CosineDecay's built-in warmup, and
with a small LearningRateSchedule subclass that puts a linear warmup in front
of any schedule. The subclass implements ``get_config``, so a saved model
loads with the same schedule. Run: ``python -m snippets.warmup``.
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


# --8<-- [start:builtin]
builtin = keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=0.0,  # where the warmup starts
    warmup_target=0.01,  # where it ends, and the cosine starts
    warmup_steps=46,  # 2 epochs of 23 batches
    decay_steps=184,  # the cosine after the warmup: 8 epochs
)
model = build_model("cosine_warmup")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=builtin),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=10, batch_size=64, verbose=2,
)
# --8<-- [end:builtin]


# --8<-- [start:custom]
class LinearWarmup(keras.optimizers.schedules.LearningRateSchedule):
    """Rise linearly from `initial_learning_rate` to where `after` starts, then follow `after`."""

    def __init__(self, warmup_steps, after, initial_learning_rate=0.0):
        self.warmup_steps = warmup_steps
        self.after = after
        self.initial_learning_rate = initial_learning_rate

    def __call__(self, step):
        step = keras.ops.cast(step, "float32")
        target = self.after(0)
        warming = self.initial_learning_rate + (target - self.initial_learning_rate) * (
            step / self.warmup_steps
        )
        after = self.after(keras.ops.maximum(step - self.warmup_steps, 0.0))
        return keras.ops.where(step < self.warmup_steps, warming, after)

    def get_config(self):
        return {
            "warmup_steps": self.warmup_steps,
            "after": keras.saving.serialize_keras_object(self.after),
            "initial_learning_rate": self.initial_learning_rate,
        }

    @classmethod
    def from_config(cls, config):
        config = dict(config, after=keras.saving.deserialize_keras_object(config["after"]))
        return cls(**config)


schedule = LinearWarmup(
    warmup_steps=46,
    after=keras.optimizers.schedules.ExponentialDecay(
        initial_learning_rate=0.01, decay_steps=46, decay_rate=0.5
    ),
)
model = build_model("linear_warmup")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=schedule),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=10, batch_size=64, verbose=2,
)
# --8<-- [end:custom]

# --8<-- [start:roundtrip]
import os
import tempfile

path = os.path.join(tempfile.mkdtemp(), "warmup.keras")
model.save(path)
restored = keras.models.load_model(path, custom_objects={"LinearWarmup": LinearWarmup})
restored_schedule = restored.optimizer._learning_rate  # the schedule object itself
for step in (0, 23, 46, 92, 229):
    print(f"step {step:3d}: saved {float(schedule(step)):.6f}  "
          f"restored {float(restored_schedule(step)):.6f}")
# --8<-- [end:roundtrip]
