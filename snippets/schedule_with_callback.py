"""A schedule and an LR callback on one optimizer: what Keras 3 does, and what works.

Trains on scikit-learn's digits. First gives ReduceLROnPlateau, then
LearningRateScheduler, an optimizer driven by a schedule, and prints the
errors Keras 3 raises. Then trains with a combination that works: a float
rate, a multiplicative LearningRateScheduler and ReduceLROnPlateau.
Run: ``python -m snippets.schedule_with_callback``.
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


# --8<-- [start:error]
for callback in (
    # min_delta=1.0: no epoch improves that much, so the callback fires after epoch 2
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1, min_delta=1.0),
    keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.9),
):
    schedule = keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=46, decay_rate=0.5)
    model = build_model(type(callback).__name__ + "_with_schedule")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=schedule),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    try:
        model.fit(
            x_train, y_train, validation_data=(x_val, y_val),
            epochs=3, batch_size=64, callbacks=[callback], verbose=0,
        )
    except TypeError as error:
        print(f"{type(callback).__name__} + schedule -> TypeError: {error}")
# --8<-- [end:error]

# --8<-- [start:works]
model = build_model("decay_and_plateau")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),  # a float: callbacks may set it
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
callbacks = [
    # multiply the current rate by 0.9 each epoch, so cuts made below persist
    keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.9),
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1, min_delta=0.01),
]
history = model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=12, batch_size=64, callbacks=callbacks, verbose=2,
)
# --8<-- [end:works]
