"""RandomSearch with keras-tuner: learning rates drawn log-uniformly.

On scikit-learn's digits, 8 trials, each training the same network for 4
epochs. Run: ``python -m snippets.random_search``.
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


# --8<-- [start:hypermodel]
import tempfile

import keras_tuner


def build_trial(hp):
    """One trial's model: the same network, with the learning rate the tuner picks."""
    learning_rate = hp.Float("learning_rate", min_value=1e-4, max_value=1e-1, sampling="log")
    model = build_model("trial")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model
# --8<-- [end:hypermodel]

# --8<-- [start:recipe]
tuner = keras_tuner.RandomSearch(
    build_trial,
    objective="val_loss",
    max_trials=8,
    seed=42,
    directory=tempfile.mkdtemp(),
    project_name="random",
)
tuner.search(x_train, y_train, validation_data=(x_val, y_val), epochs=4, batch_size=64, verbose=0)
# --8<-- [end:recipe]

# --8<-- [start:report]
trials = tuner.oracle.get_best_trials(num_trials=len(tuner.oracle.trials))  # best first
best = trials[0]
print(f"{len(trials)} trials")
print("best:", {k: round(float(v), 6) for k, v in best.hyperparameters.values.items()},
      f"val_loss {best.score:.3f}",
      f"val_accuracy {best.metrics.get_best_value('val_accuracy'):.3f}")
# --8<-- [end:report]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

figure, axis = plt.subplots(figsize=(7.5, 3.5))
rates = [t.hyperparameters.values["learning_rate"] for t in trials]
scores = [t.score for t in trials]
axis.scatter(rates, scores, label="trial")
axis.scatter(rates[0], scores[0], s=250, marker="*", color="red", zorder=3, label="best trial")
axis.set_xscale("log")
axis.set_xlabel("learning rate")
axis.set_ylabel("best validation loss of the trial")
axis.legend()
figure.tight_layout()
# --8<-- [end:figure]
