"""Gradient accumulation: which step a schedule sees when ``gradient_accumulation_steps`` is set,
and how to make four batches of 16 train exactly like one batch of 64.

Trains on scikit-learn's digits three times: with batches of 64; with batches of
16 and ``gradient_accumulation_steps=4`` and the same schedule; and with a small
schedule wrapper that counts in updates. Run: ``python -m snippets.gradient_accumulation``.
"""

# --8<-- [start:setup]
import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()  # 1,797 8x8 images that ship with scikit-learn
x_train, x_val, y_train, y_val = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.2, random_state=42
)
x_train, y_train = x_train[:1408], y_train[:1408]  # 22 batches of 64, or 88 batches of 16


def train(name, optimizer, batch_size):
    """Five epochs from the same initial weights and the same shuffling; returns the model."""
    keras.utils.set_random_seed(42)
    model = keras.Sequential(
        [keras.Input(shape=(64,)), keras.layers.Dense(64, activation="relu"),
         keras.layers.Dense(10, activation="softmax")],
        name=name,
    )
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=5,
                        batch_size=batch_size, verbose=0)
    print(f"{name:24s} updates {int(optimizer.iterations):3d}  val_accuracy {history.history['val_accuracy'][-1]:.4f}")
    return model


def cosine():
    """A cosine from 0.01 to 0 over the 110 updates of five epochs of 22 batches of 64."""
    return keras.optimizers.schedules.CosineDecay(0.01, decay_steps=110)
# --8<-- [end:setup]


# --8<-- [start:large_batch]
large_batch = train("batch_64", keras.optimizers.Adam(cosine()), batch_size=64)
# --8<-- [end:large_batch]

# --8<-- [start:accumulate]
# four batches of 16 per update: the optimizer counts 110 updates, but the schedule is called
# with the number of batches, so the cosine reaches 0 after 110 batches, a quarter of the run
naive = train("accumulate_4", keras.optimizers.Adam(cosine(), gradient_accumulation_steps=4),
              batch_size=16)
# --8<-- [end:accumulate]

# --8<-- [start:per_update_schedule]
from keras import ops


@keras.saving.register_keras_serializable(package="lr_cookbook")
class PerUpdate(keras.optimizers.schedules.LearningRateSchedule):
    """A schedule counted in updates: ``schedule(step // every)`` for an optimizer that applies
    an update every ``every`` batches (``gradient_accumulation_steps=every``)."""

    def __init__(self, schedule, every):
        self.schedule = schedule
        self.every = every

    def __call__(self, step):
        return self.schedule(ops.floor_divide(step, self.every))

    def get_config(self):
        return {"schedule": keras.saving.serialize_keras_object(self.schedule), "every": self.every}

    @classmethod
    def from_config(cls, config):
        return cls(keras.saving.deserialize_keras_object(config["schedule"]), config["every"])
# --8<-- [end:per_update_schedule]

# --8<-- [start:per_update]
per_update = train("accumulate_4_per_update",
                   keras.optimizers.Adam(PerUpdate(cosine(), every=4), gradient_accumulation_steps=4),
                   batch_size=16)
difference = max(float(np.max(np.abs(a - b)))
                 for a, b in zip(large_batch.get_weights(), per_update.get_weights()))
print(f"largest weight difference from batch_64: {difference:.1e}")
# --8<-- [end:per_update]
