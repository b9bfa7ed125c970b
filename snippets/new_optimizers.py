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


def train(name, optimizer):
    """Five epochs with batches of 64; the model and its validation losses."""
    model = build_model(name)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, batch_size=64, epochs=5, validation_data=(x_val, y_val), verbose=0)
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
def averaged_weights(model, optimizer):
    """The averaged point x that Schedule-Free evaluates. The model holds y, which the optimizer
    keeps at (1 - beta_1) z + beta_1 x, z being its ``momentum`` variables (one per trainable
    variable, made in the order of ``model.trainable_variables``)."""
    momenta = [v for v in optimizer.variables if v.path.endswith("_momentum")]
    return [(w.numpy() - (1 - optimizer.beta_1) * z.numpy()) / optimizer.beta_1
            for w, z in zip(model.trainable_variables, momenta, strict=True)]


print("rate    val loss with the model's weights (y), with the averaged ones (x)")
for rate in (0.01, 0.03, 0.1, 0.3):
    schedule_free = keras.optimizers.ScheduleFreeAdamW(learning_rate=rate, warmup_steps=23)  # one epoch
    model, history = train(f"schedule_free_{rate:g}", schedule_free)
    y_loss = model.evaluate(x_val, y_val, verbose=0)[0]
    for variable, value in zip(model.trainable_variables, averaged_weights(model, schedule_free)):
        variable.assign(value)
    print(f"{rate:<7g} {y_loss:.3f}, {model.evaluate(x_val, y_val, verbose=0)[0]:.3f}")
print(f"learning_rate after training: {float(schedule_free.learning_rate):.2f}",
      "(the warmup is applied inside the step, not to learning_rate)")
# --8<-- [end:schedule_free]
