"""SGD, SGD with momentum, and Nesterov momentum on the same data, model and seed.

Trains three copies of the same network on scikit-learn's digits with the same
learning rate and measures how far each update moves the weights, so the
effect of momentum on the effective step is visible.
Run: ``python -m snippets.momentum``.
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


# --8<-- [start:update_size]
import numpy as np


class UpdateSize(keras.callbacks.Callback):
    """Records the length of each weight update, divided by the learning rate."""

    def on_train_begin(self, logs=None):
        self.sizes = []

    def on_train_batch_begin(self, batch, logs=None):
        self.before = [w.numpy() for w in self.model.trainable_weights]

    def on_train_batch_end(self, batch, logs=None):
        moved = [w.numpy() - b for w, b in zip(self.model.trainable_weights, self.before)]
        length = np.sqrt(sum(float((m**2).sum()) for m in moved))
        self.sizes.append(length / float(self.model.optimizer.learning_rate))
# --8<-- [end:update_size]


# --8<-- [start:recipe]
optimizers = {
    "sgd": keras.optimizers.SGD(learning_rate=0.01),
    "momentum": keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
    "nesterov": keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True),
}
update_sizes = {}
for name, optimizer in optimizers.items():
    keras.utils.set_random_seed(42)  # the same initial weights for all three
    model = build_model(name)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    sizes = UpdateSize()
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val),
        epochs=8, batch_size=64, callbacks=[sizes], verbose=0,
    )
    update_sizes[name] = sizes.sizes
    print(f"{name:9s} final val_loss {history.history['val_loss'][-1]:.3f}, "
          f"mean update / learning rate {np.mean(sizes.sizes[-23:]):.2f}")
# --8<-- [end:recipe]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

figure, axis = plt.subplots(figsize=(7.5, 3.5))
for name, sizes in update_sizes.items():
    axis.plot(sizes, label=name, linewidth=1)
axis.set_xlabel("training step")
axis.set_ylabel("|weight update| / learning rate")
axis.set_yscale("log")
axis.legend()
figure.tight_layout()
# --8<-- [end:figure]
