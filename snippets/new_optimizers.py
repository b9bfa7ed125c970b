"""Optimizers that change what the rate means: Lion's good rates against AdamW's, Muon's
two steps, and ScheduleFreeAdamW's warmup and averaged weights.

The same model, data and five epochs for all; the rates that work are found by
running a grid. Run: ``python -m snippets.new_optimizers``.
"""

# --8<-- [start:setup]
import keras
import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()  # 1,797 8x8 images that ship with scikit-learn
x, y = digits.data / 16.0, digits.target
x_train, y_train, x_val, y_val = x[:1472], y[:1472], x[1472:], y[1472:]  # 23 batches of 64


def build_model(name):
    """The same initial weights every time."""
    keras.utils.set_random_seed(42)
    return keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(64, activation="relu", name="hidden"),
                             keras.layers.Dense(10, activation="softmax", name="output")], name=name)


def train(name, optimizer, callbacks=()):
    """Five epochs with batches of 64; the model and its validation losses."""
    model = build_model(name)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, batch_size=64, epochs=5, validation_data=(x_val, y_val),
                        callbacks=list(callbacks), verbose=0)
    return model, history.history


RATES = (0.001, 0.003, 0.01, 0.03)
# --8<-- [end:setup]

# --8<-- [start:lion]
print("rate    AdamW val loss  Lion val loss (best epoch)")
for rate in RATES:
    losses = [min(train(f"{name}_{rate:g}", optimizer(learning_rate=rate))[1]["val_loss"])
              for name, optimizer in (("adamw", keras.optimizers.AdamW), ("lion", keras.optimizers.Lion))]
    print(f"{rate:<7g} {losses[0]:14.3f} {losses[1]:14.3f}")
# --8<-- [end:lion]

# --8<-- [start:muon]
for rate in RATES[1:] + (0.1,):
    # the hidden kernel takes Muon's step; the biases (1-D) and the excluded output layer AdamW's
    muon = keras.optimizers.Muon(learning_rate=rate, exclude_layers=["output"])
    model, history = train(f"muon_{rate:g}", muon)
    print(f"muon_{rate:<6g} val loss {min(history['val_loss']):.3f},",
          f"val accuracy {history['val_accuracy'][-1]:.3f}")
# --8<-- [end:muon]

# --8<-- [start:schedule_free]
class MomentumAverage(keras.callbacks.Callback):
    """The average, over the steps so far, of the optimizer's ``momentum`` variables z
    (Schedule-Free's x), and the largest |z| seen."""

    def on_train_begin(self, logs=None):
        self.total, self.steps, self.largest = None, 0, 0.0

    def on_train_batch_end(self, batch, logs=None):
        z = [v.numpy() for v in self.model.optimizer.variables if v.path.endswith("_momentum")]
        self.total = z if self.total is None else [total + value for total, value in zip(self.total, z)]
        self.steps += 1
        self.largest = max([self.largest] + [float(np.max(np.abs(value))) for value in z])

    def average(self):
        return [total / self.steps for total in self.total]


print("rate    val loss  largest |weight - average of z| / largest |z|")
for rate in (0.01, 0.03, 0.1, 0.3):
    schedule_free = keras.optimizers.ScheduleFreeAdamW(learning_rate=rate, warmup_steps=23)  # one epoch
    average = MomentumAverage()
    model, history = train(f"schedule_free_{rate:g}", schedule_free, callbacks=[average])
    gap = max(float(np.max(np.abs(w.numpy() - x))) for w, x in zip(model.trainable_variables, average.average()))
    print(f"{rate:<7g} {min(history['val_loss']):8.3f}  {gap / average.largest:.0e}")
print(f"learning_rate after training: {float(schedule_free.learning_rate):.2f}",
      "(the warmup is applied inside the step, not to learning_rate)")
# --8<-- [end:schedule_free]
