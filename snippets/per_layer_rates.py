"""Per-layer learning rates with MultiOptimizer: a small rate for a pretrained body, a large one
for a new head, a rate per layer, a schedule per group, and the callbacks that set rates.

A body is first trained on a related task (digits 0-4, since nothing is
downloaded), then fine-tuned with a new head on digits 5-9: Keras 3's
``MultiOptimizer`` and ``OptimizerMap`` give each group of variables its own
optimizer and rate. Run: ``python -m snippets.per_layer_rates``.
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
first, second = y_train < 5, y_val < 5  # task A: digits 0-4; task B: digits 5-9
task_a = (x_train[first], y_train[first], x_val[second], y_val[second])
task_b = (x_train[~first], y_train[~first] - 5, x_val[~second], y_val[~second] - 5)


def build_model(body, name):
    """The body's features, then a new head for five classes."""
    inputs = keras.Input(shape=(64,))
    outputs = keras.layers.Dense(5, activation="softmax", name="head")(body(inputs))
    return keras.Model(inputs, outputs, name=name)
# --8<-- [end:setup]


# --8<-- [start:pretrain]
def build_body():
    """Two hidden layers, in a model named "body": its variables' paths start with body/."""
    return keras.Sequential(
        [keras.Input(shape=(64,)),
         keras.layers.Dense(64, activation="relu", name="hidden_1"),
         keras.layers.Dense(32, activation="relu", name="hidden_2")],
        name="body",
    )


body = build_body()
pretrained = build_model(body, "pretrain_on_0_4")
pretrained.compile(optimizer=keras.optimizers.Adam(0.003), loss="sparse_categorical_crossentropy",
                   metrics=["accuracy"])
x, y, x_check, y_check = task_a
pretrained.fit(x, y, validation_data=(x_check, y_check), epochs=4, batch_size=64, verbose=0)
pretrained_weights = body.get_weights()  # what each fine-tuning below starts from
print("variables:", [v.path for v in build_model(body, "paths").trainable_variables])
# --8<-- [end:pretrain]

# --8<-- [start:discriminative]
def fine_tune(name, optimizer, callbacks=()):
    """Fine-tune the pretrained body with a new head on 60 images of digits 5-9."""
    keras.utils.set_random_seed(0)  # the same new head for every variant
    body.set_weights(pretrained_weights)
    model = build_model(body, name)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    x, y, x_check, y_check = task_b
    history = model.fit(x[:60], y[:60], validation_data=(x_check, y_check), validation_freq=5,
                        epochs=15, batch_size=16, verbose=0, callbacks=list(callbacks))
    print(f"{name:16s} val_accuracy {history.history['val_accuracy'][-1]:.4f}")
    return history


def head_and_body():
    """The new head at ten times the body's rate; variables are matched by their path."""
    return keras.optimizers.MultiOptimizer(keras.optimizers.OptimizerMap(
        default_optimizer=keras.optimizers.Adam(0.03, name="head"),
        optimizer_map={"body/.*": keras.optimizers.Adam(0.003, name="body")},
    ))


fine_tune("discriminative", head_and_body())
fine_tune("one_rate", keras.optimizers.Adam(0.003))  # the body's rate everywhere, for comparison
# --8<-- [end:discriminative]

# --8<-- [start:layer_wise]
# each layer's peak a factor 0.5 below the layer above it (fastai's slice, timm's layer_decay),
# and a schedule per group: every optimizer warms up and decays along its own cosine
schedules = keras.optimizers.schedules


def cosine(peak):
    return schedules.CosineDecay(0.0, decay_steps=48, warmup_target=peak, warmup_steps=12)


layer_wise = keras.optimizers.OptimizerMap(default_optimizer=keras.optimizers.Adam(cosine(0.03), name="head"))
for depth, layer in enumerate(["body/hidden_2", "body/hidden_1"], start=1):  # from the head down
    layer_wise[f"{layer}/.*"] = keras.optimizers.Adam(cosine(0.03 * 0.5**depth), name=layer.split("/")[-1])
fine_tune("layer_wise", keras.optimizers.MultiOptimizer(layer_wise))
# --8<-- [end:layer_wise]

# --8<-- [start:callbacks]
# callbacks that set the rate act on every sub-optimizer, and log each one's rate
history = fine_tune(
    "with_callbacks",
    head_and_body(),
    callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.9),
               keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_delta=0.05, verbose=1)],
)
print("history keys:", sorted(history.history))
for name in ("body", "head"):
    print(f"learning_rate_{name}:", " ".join(f"{rate:.2e}" for rate in history.history[f"learning_rate_{name}"]))
# --8<-- [end:callbacks]

# --8<-- [start:save]
# Raises ValueError: in Keras 3.15.1 a model saved with an OptimizerMap does not load back.
import os
import tempfile

path = os.path.join(tempfile.mkdtemp(), "model.keras")
history.model.save(path)
keras.models.load_model(path)
# --8<-- [end:save]

# --8<-- [start:resume]
# Without its optimizer, the saved model loads back. To keep the optimizer's state, save
# the weights, then build the model and the MultiOptimizer again in code
import numpy as np

loaded = keras.models.load_model(path, compile=False)
same = all(np.array_equal(a, b) for a, b in zip(loaded.get_weights(), history.model.get_weights()))
print("load_model(compile=False), same weights:", same)

weights_path = os.path.join(os.path.dirname(path), "model.weights.h5")
history.model.save_weights(weights_path)
resumed = build_model(build_body(), "resumed")  # paths body/..., as in training
resumed.compile(optimizer=head_and_body(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
resumed.optimizer.build(resumed.trainable_variables)  # so that load_weights fills its state
resumed.load_weights(weights_path)
for before, after in zip(history.model.optimizer.optimizers, resumed.optimizer.optimizers):
    print(f"{after.name}: step count {int(after.iterations)} (saved {int(before.iterations)}), "
          f"rate {float(after.learning_rate):.2e} (saved {float(before.learning_rate):.2e})")
# --8<-- [end:resume]
