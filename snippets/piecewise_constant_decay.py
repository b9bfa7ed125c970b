"""PiecewiseConstantDecay: hold the learning rate constant between step boundaries.

Trains on scikit-learn's digits at 0.01, then 0.003 after step 69 (3 epochs),
then 0.001 after step 138. Run: ``python -m snippets.piecewise_constant_decay``.
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
schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
    boundaries=[69, 138],  # steps: 3 and 6 epochs of 23 batches
    values=[0.01, 0.003, 0.001],  # one more value than boundaries
)
model = build_model("piecewise")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=schedule),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=9, batch_size=64, verbose=2,
)
# --8<-- [end:recipe]
