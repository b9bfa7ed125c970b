"""A schedule and an LR callback on one optimizer: what Keras 3 does, and what works.

Trains on scikit-learn's digits with a combination that works: a float
rate, a multiplicative LearningRateScheduler and ReduceLROnPlateau. Then the
same with a LearningRateScheduler that sets an absolute rate, which undoes
every cut ReduceLROnPlateau makes. Then gives LearningRateScheduler, and then
ReduceLROnPlateau, an optimizer driven by a schedule: the last two cells raise
the TypeError Keras 3 raises (run as a script, it stops at the first).
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

# --8<-- [start:overwrites]
model = build_model("absolute_and_plateau")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
callbacks = [
    # sets 0.01 * 0.9 ** epoch whatever the current rate is: a cut made below lasts no step
    keras.callbacks.LearningRateScheduler(lambda epoch: 0.01 * 0.9**epoch),
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1, min_delta=0.01, verbose=1),
]
model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=12, batch_size=64, callbacks=callbacks, verbose=0,
)
# --8<-- [end:overwrites]


# --8<-- [start:error_scheduler]
# Raises TypeError on Keras 3: LearningRateScheduler cannot set a schedule-driven rate.
model = build_model("scheduler_with_schedule")
model.compile(
    optimizer=keras.optimizers.Adam(
        learning_rate=keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=46, decay_rate=0.5)
    ),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val), epochs=3, batch_size=64, verbose=0,
    callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.9)],
)
# --8<-- [end:error_scheduler]

# --8<-- [start:error_plateau]
# Raises TypeError on Keras 3: ReduceLROnPlateau cannot set a schedule-driven rate either.
model = build_model("plateau_with_schedule")
model.compile(
    optimizer=keras.optimizers.Adam(
        learning_rate=keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=46, decay_rate=0.5)
    ),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train, y_train, validation_data=(x_val, y_val), epochs=3, batch_size=64, verbose=0,
    # min_delta=1.0: no epoch improves that much, so the callback fires after epoch 2
    callbacks=[keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1, min_delta=1.0)],
)
# --8<-- [end:error_plateau]
