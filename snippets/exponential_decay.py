"""ExponentialDecay: multiply the learning rate by `decay_rate` every `decay_steps` steps.

Trains the same small network on scikit-learn's digits twice: once with the
smooth curve and once with ``staircase=True``. Run: ``python -m snippets.exponential_decay``.
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


# --8<-- [start:recipe]
schedule = keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate=0.01,
    decay_steps=46,  # 2 epochs of 23 batches
    decay_rate=0.5,
)
model = build_model("smooth")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=schedule),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=12, batch_size=64, verbose=2,
)
# --8<-- [end:recipe]

# --8<-- [start:staircase]
staircase = keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate=0.01,
    decay_steps=46,
    decay_rate=0.5,
    staircase=True,  # integer division: the rate drops in steps
)
stepped = build_model("staircase")
stepped.compile(
    optimizer=keras.optimizers.Adam(learning_rate=staircase),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
stepped.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=12, batch_size=64, verbose=2,
)
# --8<-- [end:staircase]
