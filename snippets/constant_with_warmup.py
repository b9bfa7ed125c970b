"""A constant learning rate after a linear warmup.

``ConstantWithWarmup`` is Hugging Face transformers' ``get_constant_schedule_with_warmup``
(and optax's ``warmup_constant_schedule`` from 0) as a Keras schedule: the rate
rises linearly from 0 over ``num_warmup_steps``, then stays at ``learning_rate``.
Trains scikit-learn's digits at a high rate, with and without the warmup.
Run: ``python -m snippets.constant_with_warmup``.
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
from keras import ops


@keras.saving.register_keras_serializable(package="lr_cookbook")
class ConstantWithWarmup(keras.optimizers.schedules.LearningRateSchedule):
    """transformers' ``get_constant_schedule_with_warmup``: ``learning_rate * step / num_warmup_steps``
    during the warmup, then ``learning_rate``."""

    def __init__(self, learning_rate, num_warmup_steps, name="ConstantWithWarmup"):
        self.learning_rate = learning_rate
        self.num_warmup_steps = num_warmup_steps
        self.name = name

    def __call__(self, step):
        step = ops.cast(step, "float32")
        warming = step / max(1, self.num_warmup_steps)
        return self.learning_rate * ops.where(step < self.num_warmup_steps, warming, 1.0)

    def get_config(self):
        return {"learning_rate": self.learning_rate, "num_warmup_steps": self.num_warmup_steps, "name": self.name}
# --8<-- [end:schedule]


# --8<-- [start:recipe]
for name, learning_rate in (("warmup", ConstantWithWarmup(learning_rate=0.2, num_warmup_steps=46)),
                            ("no_warmup", 0.2)):
    keras.utils.set_random_seed(42)  # the same initial weights for both
    model = build_model(name)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val),
        epochs=6, batch_size=64, verbose=0,
    )
    print(f"{name:9s} val_loss per epoch: " + " ".join(f"{loss:.3f}" for loss in history.history["val_loss"]))
# --8<-- [end:recipe]
