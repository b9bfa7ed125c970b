"""ReduceLROnPlateau: cut the learning rate when the validation loss stops improving.

Trains on scikit-learn's digits with a deliberately high starting rate, so the
validation loss stalls, the callback cuts the rate several times, and the rate
ends held at ``min_lr``. Run: ``python -m snippets.reduce_lr_on_plateau``.
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

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ],
    name="plateau",
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
# --8<-- [end:setup]

# --8<-- [start:recipe]
reduce_lr = keras.callbacks.ReduceLROnPlateau(
    monitor="val_loss",
    factor=0.3,
    patience=2,
    min_delta=0.01,  # smaller gains count as "no improvement"
    min_lr=0.0003,
    verbose=1,
)
history = model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=24, batch_size=64, callbacks=[reduce_lr], verbose=2,
)
print("learning rate per epoch:", history.history["learning_rate"])
# --8<-- [end:recipe]
