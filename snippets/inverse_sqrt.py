"""Inverse square root decay with warmup, the schedule of "Attention Is All You Need".

``InverseSquareRoot`` is Hugging Face transformers' ``get_inverse_sqrt_schedule``
as a Keras schedule, with its parameter names: a linear warmup over
``num_warmup_steps``, then the rate falls as one over the square root of the
step. With ``learning_rate = d_model ** -0.5 * num_warmup_steps ** -0.5`` it is
the paper's formula. Trains scikit-learn's digits with it.
Run: ``python -m snippets.inverse_sqrt``.
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
class InverseSquareRoot(keras.optimizers.schedules.LearningRateSchedule):
    """transformers' ``get_inverse_sqrt_schedule``: ``learning_rate * step / num_warmup_steps``
    during the warmup, then ``learning_rate / sqrt((step + shift) / timescale)`` with
    ``shift = timescale - num_warmup_steps`` (``timescale`` defaults to ``num_warmup_steps``).
    """

    def __init__(self, learning_rate, num_warmup_steps, timescale=None, name="InverseSquareRoot"):
        self.learning_rate = learning_rate
        self.num_warmup_steps = num_warmup_steps
        self.timescale = timescale
        self.name = name

    def __call__(self, step):
        step = ops.cast(step, "float32")
        timescale = self.timescale or self.num_warmup_steps or 10_000
        warming = step / max(1, self.num_warmup_steps)
        decaying = ops.rsqrt((step + timescale - self.num_warmup_steps) / timescale)
        return self.learning_rate * ops.where(step < self.num_warmup_steps, warming, decaying)

    def get_config(self):
        return {"learning_rate": self.learning_rate, "num_warmup_steps": self.num_warmup_steps,
                "timescale": self.timescale, "name": self.name}
# --8<-- [end:schedule]


# --8<-- [start:recipe]
schedule = InverseSquareRoot(learning_rate=0.01, num_warmup_steps=46)  # 2 epochs of warmup
model = build_model("inverse_sqrt")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=schedule),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=10, batch_size=64, verbose=2,
)
# --8<-- [end:recipe]

# --8<-- [start:paper]
import numpy as np

d_model, warmup_steps = 512, 4000
paper = InverseSquareRoot(learning_rate=d_model**-0.5 * warmup_steps**-0.5, num_warmup_steps=warmup_steps)
steps = np.arange(1, 100_001)  # the paper counts steps from 1
formula = d_model**-0.5 * np.minimum(steps**-0.5, steps * warmup_steps**-1.5)
ours = keras.ops.convert_to_numpy(paper(steps))
print(f"paper's formula vs InverseSquareRoot, steps 1 to 100,000: "
      f"largest relative difference {np.max(np.abs(ours - formula) / formula):.1e}")
print(f"peak at step {warmup_steps}: {formula[warmup_steps - 1]:.3e}")
# --8<-- [end:paper]
