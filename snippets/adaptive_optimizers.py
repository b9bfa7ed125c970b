"""Adaptive optimizers (AdaGrad, RMSprop, Adam, AdamW): per-parameter step sizes, and the rate each one wants.

Trains the same network on scikit-learn's digits with each optimizer at three
learning rates for 2 epochs. Draws the validation loss each reached (the rate each one
wants) and, at the default rate of 0.001, the distribution of how far each
single weight moved over the last epoch, per step and divided by the learning rate.
Run: ``python -m snippets.adaptive_optimizers``.
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
import numpy as np

optimizers = {
    "AdaGrad": keras.optimizers.Adagrad,
    "RMSprop": keras.optimizers.RMSprop,
    "Adam": keras.optimizers.Adam,
    "AdamW": keras.optimizers.AdamW,
}
rates = [0.001, 0.01, 0.1]
final_val_loss = {}  # (optimizer, rate) -> validation loss after 2 epochs
per_parameter_steps = {}  # optimizer -> |change of each weight over the last epoch| / 23 steps / rate


def weights(model):
    return np.concatenate([w.numpy().ravel() for w in model.trainable_weights])


for name, optimizer_class in optimizers.items():
    for rate in rates:
        keras.utils.set_random_seed(42)
        model = build_model(f"{name}_{rate}")
        model.compile(optimizer=optimizer_class(learning_rate=rate),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        snapshot = {}
        remember = keras.callbacks.LambdaCallback(  # the weights as the last epoch begins
            on_epoch_begin=lambda epoch, logs: snapshot.update({epoch: weights(model)}))
        model.fit(x_train, y_train, epochs=2, batch_size=64, callbacks=[remember], verbose=0)
        # one eager forward pass: cheaper than tracing a validation step for each of 12 models
        loss = keras.losses.sparse_categorical_crossentropy(y_val, model(x_val))
        final_val_loss[name, rate] = float(keras.ops.mean(loss))
        if rate == 0.001:
            per_parameter_steps[name] = np.abs(weights(model) - snapshot[1]) / rate / 23  # 23 batches
    best = min(rates, key=lambda r: final_val_loss[name, r])
    print(f"{name:8s} val_loss " + "  ".join(
        f"lr={r:g}: {final_val_loss[name, r]:.3f}" for r in rates) + f"  -> best {best:g}")
for name, steps in per_parameter_steps.items():
    print(f"{name:8s} at 0.001, median step / learning rate: {np.median(steps):.2g}")
# --8<-- [end:recipe]

# --8<-- [start:figures]
import matplotlib.pyplot as plt

figure, axis = plt.subplots(figsize=(7.5, 3.5))
for name in optimizers:
    axis.plot(rates, [final_val_loss[name, r] for r in rates], marker="o", label=name)
axis.set_xscale("log")
axis.set_xlabel("learning rate")
axis.set_ylabel("validation loss after 2 epochs")
axis.legend()
figure.tight_layout()

figure, axis = plt.subplots(figsize=(7.5, 3.5))
bins = np.logspace(-4, 1, 60)
for name, steps in per_parameter_steps.items():
    axis.hist(steps[steps > 0], bins=bins, histtype="step", linewidth=1.5, label=name)
axis.set_xscale("log")
axis.set_xlabel("|weight change over the last epoch| / 23 steps / learning rate")
axis.set_ylabel("weights")
axis.legend()
figure.tight_layout()
# --8<-- [end:figures]
