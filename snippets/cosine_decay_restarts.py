"""CosineDecayRestarts (SGDR): cosine decays that restart, each one longer and lower.

Trains on scikit-learn's digits for 15 epochs: the first cosine lasts 46 steps,
each next one twice as long (``t_mul``) and starting at 70% of the previous
peak (``m_mul``). Run: ``python -m snippets.cosine_decay_restarts``.
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
schedule = keras.optimizers.schedules.CosineDecayRestarts(
    initial_learning_rate=0.01,
    first_decay_steps=46,  # 2 epochs of 23 batches
    t_mul=2.0,  # each period is twice as long: 46, 92, 184 steps
    m_mul=0.7,  # each restart peaks at 70% of the previous peak
    alpha=0.0,
)
model = build_model("sgdr")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=schedule),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=15, batch_size=64, verbose=2,
)
# --8<-- [end:recipe]
