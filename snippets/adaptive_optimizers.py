"""Adaptive optimizers (AdaGrad, RMSprop, Adam, AdamW): per-parameter step sizes, and the rate each one wants.

Trains the same network on scikit-learn's digits with each optimizer at three
learning rates. Draws the validation loss each reached (the rate each one
wants) and, at the default rate of 0.001, the distribution of how far each
single weight moved per step, divided by the learning rate.
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
final_val_loss = {}  # (optimizer, rate) -> validation loss after 4 epochs
per_parameter_steps = {}  # optimizer -> |change of each weight| / rate, over the last epoch

for name, optimizer_class in optimizers.items():
    for rate in rates:
        keras.utils.set_random_seed(42)
        model = build_model(f"{name}_{rate}")
        model.compile(optimizer=optimizer_class(learning_rate=rate),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(x_train, y_train, epochs=3, batch_size=64, verbose=0)
        before = np.concatenate([w.numpy().ravel() for w in model.trainable_weights])
        history = model.fit(x_train, y_train, validation_data=(x_val, y_val),
                            initial_epoch=3, epochs=4, batch_size=64, verbose=0)
        after = np.concatenate([w.numpy().ravel() for w in model.trainable_weights])
        final_val_loss[name, rate] = history.history["val_loss"][-1]
        if rate == 0.001:
            per_parameter_steps[name] = np.abs(after - before) / rate / 23  # per step
    best = min(rates, key=lambda r: final_val_loss[name, r])
    print(f"{name:8s} val_loss " + "  ".join(
        f"lr={r:g}: {final_val_loss[name, r]:.3f}" for r in rates) + f"  -> best {best:g}")
# --8<-- [end:recipe]

# --8<-- [start:figures]
import matplotlib.pyplot as plt

figure, axis = plt.subplots(figsize=(7.5, 3.5))
for name in optimizers:
    axis.plot(rates, [final_val_loss[name, r] for r in rates], marker="o", label=name)
axis.set_xscale("log")
axis.set_xlabel("learning rate")
axis.set_ylabel("validation loss after 4 epochs")
axis.legend()
figure.tight_layout()

figure, axis = plt.subplots(figsize=(7.5, 3.5))
bins = np.logspace(-4, 1, 60)
for name, steps in per_parameter_steps.items():
    axis.hist(steps[steps > 0], bins=bins, histtype="step", linewidth=1.5, label=name)
axis.set_xscale("log")
axis.set_xlabel("mean |weight change| per step / learning rate (one count per weight)")
axis.set_ylabel("weights")
axis.legend()
figure.tight_layout()
# --8<-- [end:figures]
