"""PolynomialDecay: go from the initial to the end learning rate along ``(1 - t / decay_steps) ** power``.

Trains on scikit-learn's digits twice: once decaying over 5 epochs and then
holding the end rate, once with ``cycle=True``, which stretches ``decay_steps``
to the next multiple of itself each time the step passes it: the rate jumps up,
but not back to the initial rate. Run: ``python -m snippets.polynomial_decay``.
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
schedule = keras.optimizers.schedules.PolynomialDecay(
    initial_learning_rate=0.01,
    decay_steps=115,  # 5 epochs of 23 batches
    end_learning_rate=0.0005,
    power=2.0,  # 1.0 is a straight line
)
model = build_model("polynomial")
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

# --8<-- [start:cycle]
schedule = keras.optimizers.schedules.PolynomialDecay(
    initial_learning_rate=0.01,
    decay_steps=115,
    end_learning_rate=0.0005,
    power=2.0,
    cycle=True,  # past step 115 the decay ends at step 230, then 345, ...: t keeps counting
)
model = build_model("cycle")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=schedule),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=10, batch_size=64, verbose=2,
)
# --8<-- [end:cycle]
