"""LearningRateScheduler: a Python function of the epoch sets the learning rate.

Classic step decay on scikit-learn's digits: halve the rate every 3 epochs.
Run: ``python -m snippets.learning_rate_scheduler``.
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
def step_decay(epoch, learning_rate):
    """0.01 for epochs 0-2, 0.005 for 3-5, 0.0025 for 6-8, ..."""
    return 0.01 * 0.5 ** (epoch // 3)


model = build_model("step_decay")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
scheduler = keras.callbacks.LearningRateScheduler(step_decay, verbose=1)
history = model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=9, batch_size=64, callbacks=[scheduler], verbose=2,
)
print("learning rate per epoch:", history.history["learning_rate"])
# --8<-- [end:recipe]
