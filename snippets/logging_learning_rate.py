"""Read and log the learning rate: History, TensorBoard, and a callback that prints it.

Trains on scikit-learn's digits with an ExponentialDecay schedule. A small
callback notes the rate each epoch trains with, puts it in the logs (so
``history.history`` gets it) and prints it. TensorBoard ignores that value: it
reads the optimizer's rate itself at the end of each epoch, as the event file
read back afterwards shows. Run: ``python -m snippets.logging_learning_rate``.
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


# --8<-- [start:callback]
class LearningRateLogger(keras.callbacks.Callback):
    """Adds the rate an epoch trained with to the logs as `learning_rate`, and prints it."""

    def on_epoch_begin(self, epoch, logs=None):
        # read at the start: with a schedule, the value read at the end is the next step's rate
        self.rate = float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))

    def on_epoch_end(self, epoch, logs=None):
        logs["learning_rate"] = self.rate
        print(f"epoch {epoch + 1}: learning rate {self.rate:.6f}")
# --8<-- [end:callback]


# --8<-- [start:recipe]
import os
import tempfile

log_dir = tempfile.mkdtemp()
schedule = keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=46, decay_rate=0.5)
model = build_model("logged")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=schedule),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
history = model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=6, batch_size=64, verbose=0,
    # History gets the logger's value; TensorBoard reads optimizer.learning_rate itself
    callbacks=[LearningRateLogger(), keras.callbacks.TensorBoard(log_dir)],
)
print("history:", [round(rate, 6) for rate in history.history["learning_rate"]])
# --8<-- [end:recipe]

# --8<-- [start:tensorboard]
import tensorflow as tf

events = [
    os.path.join(root, name)
    for root, _, names in os.walk(os.path.join(log_dir, "train"))
    for name in names
]
scalars = [
    round(float(tf.make_ndarray(value.tensor)), 6)
    for record in tf.data.TFRecordDataset(events[0])
    for value in tf.compat.v1.Event.FromString(record.numpy()).summary.value
    if value.tag == "epoch_learning_rate"
]
print("TensorBoard epoch_learning_rate:", scalars)
# --8<-- [end:tensorboard]
