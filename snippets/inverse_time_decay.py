"""InverseTimeDecay ("time-based decay"): divide the learning rate by ``1 + decay_rate * t / decay_steps``.

Trains the same network on scikit-learn's digits twice, smooth and with
``staircase=True``; then once more with the Keras 2 way, ``SGD(decay=...)``,
which Keras 3 warns about and ignores. Run: ``python -m snippets.inverse_time_decay``.
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
schedule = keras.optimizers.schedules.InverseTimeDecay(
    initial_learning_rate=0.01,
    decay_steps=23,  # one epoch
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
    epochs=10, batch_size=64, verbose=2,
)
# --8<-- [end:recipe]

# --8<-- [start:staircase]
schedule = keras.optimizers.schedules.InverseTimeDecay(
    initial_learning_rate=0.01,
    decay_steps=23,
    decay_rate=0.5,
    staircase=True,  # t // decay_steps: constant within each epoch
)
model = build_model("staircase")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=schedule),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=10, batch_size=64, verbose=2,
)
# --8<-- [end:staircase]

# --8<-- [start:old_decay]
# Warns UserWarning: Keras 3 says it ignores `decay`, and trains at a constant rate.
model = build_model("old_decay")
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.01, decay=1e-4),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=3, batch_size=64, verbose=0,
)
# --8<-- [end:old_decay]
