"""CosineDecay: lower the learning rate along half a cosine, down to ``alpha`` times the start.

Trains on scikit-learn's digits for 12 epochs with a cosine decay over the
first 10 (230 steps); after that the rate stays at its floor.
Run: ``python -m snippets.cosine_decay``.
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
schedule = keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=0.01,
    decay_steps=230,  # 10 epochs of 23 batches
    alpha=0.1,  # the floor: 10% of the initial rate
)
model = build_model("cosine")
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
