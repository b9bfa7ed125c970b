"""Mixed precision and the learning rate: where the rate lives when Keras wraps the optimizer in a
``LossScaleOptimizer``, how to read and set it, a schedule through the wrapper, and what the loss
scale does to the steps.

Trains on scikit-learn's digits in ``mixed_float16``: float16 computations,
float32 weights. Run: ``python -m snippets.mixed_precision``.
"""

# --8<-- [start:setup]
import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()  # 1,797 8x8 images that ship with scikit-learn
x_train, x_val, y_train, y_val = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.2, random_state=42
)


def build_model(name):
    """A small dense classifier; its last activation computes in float32, as Keras advises."""
    keras.utils.set_random_seed(42)
    return keras.Sequential(
        [keras.Input(shape=(64,)), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10),
         keras.layers.Activation("softmax", dtype="float32")],
        name=name,
    )


def cosine():
    """A cosine from 0.01 to 0 over five epochs of 23 batches."""
    return keras.optimizers.schedules.CosineDecay(0.01, decay_steps=115)
# --8<-- [end:setup]


# --8<-- [start:policy]
keras.mixed_precision.set_global_policy("mixed_float16")  # every layer built from now on
model = build_model("mixed_float16")
dense = model.layers[0]
print("weights", dense.kernel.dtype, "| computations", dense.compute_dtype)

adam = keras.optimizers.Adam(cosine())
model.compile(optimizer=adam, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print("model.optimizer is", type(model.optimizer).__name__, "wrapping", type(model.optimizer.inner_optimizer).__name__,
      "| the same Adam:", model.optimizer.inner_optimizer is adam)
# --8<-- [end:policy]

# --8<-- [start:train]
model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=5, batch_size=64, verbose=0)
wrapper = model.optimizer
print(f"rate {float(wrapper.learning_rate):.2e} is Adam's {float(adam.learning_rate):.2e}",
      f"| steps {int(wrapper.iterations)} | loss scale {float(wrapper.dynamic_scale):.0f}")
# --8<-- [end:train]

# --8<-- [start:set_rate]
# with a float rate, setting it through the wrapper sets the inner optimizer's rate,
# so LearningRateScheduler and ReduceLROnPlateau work unchanged
model = build_model("constant_then_set")
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
model.optimizer.learning_rate = 0.003
print("after setting:", f"{float(model.optimizer.inner_optimizer.learning_rate):.4f}")
# --8<-- [end:set_rate]

# --8<-- [start:overflow]
# a loss scale too large for float16: every step whose gradients overflow is skipped,
# and the schedule, which counts applied steps, falls behind the batches
model = build_model("scale_2_to_40")
wrapper = keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam(cosine()), initial_scale=2.0**40)
model.compile(optimizer=wrapper, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=5, batch_size=64, verbose=0)
print(f"batches 115 | steps {int(wrapper.iterations)} | loss scale {float(wrapper.dynamic_scale):.0f}",
      f"| final rate {float(wrapper.learning_rate):.2e}")
keras.mixed_precision.set_global_policy("float32")  # back to the default for what follows
# --8<-- [end:overflow]
