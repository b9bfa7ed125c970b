"""The learning rate range test ("LR finder"): one short run with the rate rising exponentially,
the smoothed loss against the rate, and the rate to train at.

``ExponentialRange`` and ``LRFinder`` are fastai's ``lr_find``: the rate goes
from ``start_lr`` to ``end_lr`` over ``num_it`` batches, the loss is smoothed
(``beta=0.98``), the run stops when it is four times its best, and the weights
are put back. Four rules suggest a rate: fastai's ``valley``, ``steep`` and
``minimum``, and the steepest gradient per batch (PyTorch Lightning's rule up to
its version 2.5.2). Then the same network
trains at the suggestion, at ten times it and at a tenth of it.
Run: ``python -m snippets.lr_range_test``.
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


# --8<-- [start:finder]
import math

from keras import ops


@keras.saving.register_keras_serializable(package="lr_cookbook")
class ExponentialRange(keras.optimizers.schedules.LearningRateSchedule):
    """fastai's range-test schedule: ``start_lr * (end_lr / start_lr) ** (step / num_it)``."""

    def __init__(self, start_lr=1e-7, end_lr=10.0, num_it=100, name="ExponentialRange"):
        self.start_lr = start_lr
        self.end_lr = end_lr
        self.num_it = num_it
        self.name = name

    def __call__(self, step):
        # in float64, then rounded once: float32 would lose digits over eight orders of magnitude
        growth = ops.cast(step, "float64") * (math.log(self.end_lr / self.start_lr) / self.num_it)
        return ops.cast(self.start_lr * ops.exp(growth), "float32")

    def get_config(self):
        return {"start_lr": self.start_lr, "end_lr": self.end_lr, "num_it": self.num_it, "name": self.name}


class LRFinder(keras.callbacks.Callback):
    """Records the rate and the smoothed loss of every batch, stops after ``num_it`` batches or
    when the smoothed loss passes four times its best (``stop_div``), and restores the weights."""

    def __init__(self, num_it=100, stop_div=True, beta=0.98):
        super().__init__()
        self.num_it, self.stop_div, self.beta = num_it, stop_div, beta

    def on_train_begin(self, logs=None):
        self.weights = self.model.get_weights()
        self.rates, self.losses, self.average, self.best = [], [], 0.0, math.inf

    def on_train_batch_begin(self, batch, logs=None):
        self.model.reset_metrics()  # then the batch's logs hold its own loss, not the epoch's mean so far
        self.rates.append(float(self.model.optimizer.learning_rate))

    def on_train_batch_end(self, batch, logs=None):
        self.average = self.beta * self.average + (1 - self.beta) * logs["loss"]
        smoothed = self.average / (1 - self.beta ** (len(self.rates)))  # without the bias towards 0
        self.losses.append(smoothed)
        self.best = min(self.best, smoothed)
        if len(self.rates) >= self.num_it or (self.stop_div and smoothed > 4 * self.best):
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        self.model.set_weights(self.weights)  # the test trained the model; it is as it was
# --8<-- [end:finder]



# --8<-- [start:rules]
import numpy as np


def valley(rates, losses):
    """fastai: about half way along the longest decreasing sequence of losses."""
    lengths = [1] * len(losses)
    start = end = 0
    for i in range(1, len(losses)):
        for j in range(i):
            if losses[i] < losses[j] and lengths[i] < lengths[j] + 1:
                lengths[i] = lengths[j] + 1
            if lengths[end] < lengths[i]:
                end, start = i, i - lengths[i]
    sections = (end - start) / 3
    return rates[start + int(sections) + int(sections / 2)]


def steep(rates, losses):
    """fastai: where the loss falls fastest against the logarithm of the rate."""
    slopes = np.diff(losses) / np.diff(np.log(rates))
    return rates[int(np.argmin(slopes))]


def minimum(rates, losses):
    """fastai: a tenth of the rate with the lowest loss."""
    return rates[int(np.argmin(losses))] / 10


def steepest_gradient(rates, losses, skip_begin=10, skip_end=1):
    """PyTorch Lightning's suggestion up to 2.5.2: the most negative gradient of the loss, batch to batch."""
    gradients = np.gradient(np.array(losses[skip_begin:-skip_end]))
    return rates[skip_begin + int(np.argmin(gradients))]


# --8<-- [end:rules]

# --8<-- [start:test]
keras.utils.set_random_seed(42)
model = build_model("range_test")
initial_weights = model.get_weights()
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=ExponentialRange(start_lr=1e-7, end_lr=10.0, num_it=100)),
    loss="sparse_categorical_crossentropy",
)
finder = LRFinder(num_it=100)
model.fit(x_train, y_train, epochs=5, batch_size=64, callbacks=[finder], verbose=0)  # 5 epochs > 100 batches
print(f"range test: {len(finder.rates)} batches, from {finder.rates[0]:.1e} to {finder.rates[-1]:.2f}")
lowest = int(np.argmin(finder.losses))
print(f"smoothed loss: {finder.losses[0]:.2f} at first, "
      f"lowest {finder.losses[lowest]:.2f} at rate {finder.rates[lowest]:.2f}")
print("weights restored:", all((a == b).all() for a, b in zip(model.get_weights(), initial_weights)))

# fastai leaves out the first num_it // 10 batches and the last five before it suggests
trimmed = (finder.rates[100 // 10:-5], finder.losses[100 // 10:-5])
suggested = {"valley": valley(*trimmed), "steep": steep(*trimmed), "minimum": minimum(*trimmed),
             "steepest gradient": steepest_gradient(finder.rates, finder.losses)}
for rule, rate in suggested.items():
    print(f"{rule:17s} suggests {rate:.2e}")
# --8<-- [end:test]

# --8<-- [start:plot]
import matplotlib.pyplot as plt

figure, axis = plt.subplots(figsize=(7.5, 3.8))
axis.plot(finder.rates, finder.losses, color="C0")
for (rule, rate), color in zip(suggested.items(), ("C1", "C2", "C3", "C4")):
    loss = finder.losses[int(np.argmin(np.abs(np.log(finder.rates) - np.log(rate))))]
    axis.plot(rate, loss, "o", color=color, label=f"{rule}: {rate:.1e}")
axis.set_xscale("log")
axis.set_xlabel("learning rate")
axis.set_ylabel("smoothed training loss")
axis.legend()
figure.tight_layout()
# --8<-- [end:plot]

# --8<-- [start:check]
rate = suggested["valley"]
for label, factor in (("a tenth", 0.1), ("suggested", 1.0), ("ten times", 10.0)):
    model = build_model(f"{label.replace(' ', '_')}_{rate * factor:.0e}")
    model.set_weights(initial_weights)  # the same start for the three
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=rate * factor),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val),
        epochs=5, batch_size=64, verbose=0,
    )
    print(f"{label:9s} {rate * factor:.2e}: val_accuracy {history.history['val_accuracy'][-1]:.4f}")
# --8<-- [end:check]
