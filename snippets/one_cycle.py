"""One-cycle policy: the learning rate rises to a peak and then falls far below where it began,
while momentum moves the other way.

``OneCycle`` is PyTorch's ``OneCycleLR`` as a Keras schedule, with its parameter
names; ``OneCycleMomentum`` is its ``cycle_momentum``, given to Adam as ``beta_1``.
Trains scikit-learn's digits for 10 epochs with both, and the same network at a
constant rate for comparison, then saves and reloads the one-cycle model.
Run: ``python -m snippets.one_cycle``.
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


# --8<-- [start:schedule]
import math

from keras import ops


@keras.saving.register_keras_serializable(package="lr_cookbook")
class OneCycle(keras.optimizers.schedules.LearningRateSchedule):
    """PyTorch's ``OneCycleLR``: from ``max_lr / div_factor`` up to ``max_lr`` over the first
    ``pct_start`` of ``total_steps``, then down to ``max_lr / div_factor / final_div_factor``,
    along a cosine (``anneal_strategy="cos"``) or a line (``"linear"``). With
    ``three_phase=True`` it comes back to the start symmetrically, then falls to the end.
    Past ``total_steps`` (where PyTorch raises an error) it stays at the last step's value.
    """

    def __init__(self, max_lr, total_steps, pct_start=0.3, anneal_strategy="cos",
                 div_factor=25.0, final_div_factor=1e4, three_phase=False, name="OneCycle"):
        self.max_lr = max_lr
        self.total_steps = total_steps
        self.pct_start = pct_start
        self.anneal_strategy = anneal_strategy
        self.div_factor = div_factor
        self.final_div_factor = final_div_factor
        self.three_phase = three_phase
        self.name = name

    def phase_values(self):
        """The value at the start of the cycle and at the end of each phase."""
        initial = self.max_lr / self.div_factor
        final = initial / self.final_div_factor
        return [initial, self.max_lr, initial, final] if self.three_phase else [initial, self.max_lr, final]

    def __call__(self, step):
        # the phases end at the same (fractional) steps as in PyTorch
        ends = [self.pct_start * self.total_steps - 1]
        if self.three_phase:
            ends.append(2 * self.pct_start * self.total_steps - 2)
        ends.append(self.total_steps - 1)
        values = self.phase_values()
        step = ops.minimum(ops.cast(step, "float32"), self.total_steps - 1)
        value = None
        for phase in reversed(range(len(ends))):  # the earliest phase that the step has not passed
            start = 0.0 if phase == 0 else ends[phase - 1]
            done = (step - start) / (ends[phase] - start)  # from 0 where the phase starts to 1 where it ends
            left = (ends[phase] - step) / (ends[phase] - start)  # 1 - done, without the rounding
            if self.anneal_strategy == "cos":  # PyTorch's weights (1 -/+ cos(pi * done)) / 2, in a precise form
                done, left = ops.square(ops.sin(math.pi / 2 * done)), ops.square(ops.sin(math.pi / 2 * left))
            annealed = values[phase] * left + values[phase + 1] * done
            value = annealed if value is None else ops.where(step <= ends[phase], annealed, value)
        return value

    def get_config(self):
        return {"max_lr": self.max_lr, "total_steps": self.total_steps, "pct_start": self.pct_start,
                "anneal_strategy": self.anneal_strategy, "div_factor": self.div_factor,
                "final_div_factor": self.final_div_factor, "three_phase": self.three_phase, "name": self.name}


@keras.saving.register_keras_serializable(package="lr_cookbook")
class OneCycleMomentum(OneCycle):
    """PyTorch's ``cycle_momentum``: from ``max_momentum`` down to ``base_momentum`` while the
    rate rises, and back up while it falls (the same phases as :class:`OneCycle`)."""

    def __init__(self, total_steps, pct_start=0.3, anneal_strategy="cos", base_momentum=0.85,
                 max_momentum=0.95, three_phase=False, name="OneCycleMomentum"):
        super().__init__(None, total_steps, pct_start, anneal_strategy, three_phase=three_phase, name=name)
        self.base_momentum = base_momentum
        self.max_momentum = max_momentum

    def phase_values(self):
        high, low = self.max_momentum, self.base_momentum
        return [high, low, high, high] if self.three_phase else [high, low, high]

    def get_config(self):
        return {"total_steps": self.total_steps, "pct_start": self.pct_start,
                "anneal_strategy": self.anneal_strategy, "base_momentum": self.base_momentum,
                "max_momentum": self.max_momentum, "three_phase": self.three_phase, "name": self.name}
# --8<-- [end:schedule]


# --8<-- [start:optimizer]
@keras.saving.register_keras_serializable(package="lr_cookbook")
class AdamWithBeta1Schedule(keras.optimizers.Adam):
    """Adam whose ``beta_1`` may be a schedule of the step, as its ``learning_rate`` may be."""

    def update_step(self, gradient, variable, learning_rate):
        schedule = self.beta_1
        if not callable(schedule):
            return super().update_step(gradient, variable, learning_rate)
        self.beta_1 = schedule(self.iterations)  # this step's value, inside the compiled step
        try:
            super().update_step(gradient, variable, learning_rate)
        finally:
            self.beta_1 = schedule

    def get_config(self):
        config = super().get_config()
        if callable(self.beta_1):
            config["beta_1"] = keras.saving.serialize_keras_object(self.beta_1)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        if isinstance(config.get("beta_1"), dict):
            config["beta_1"] = keras.saving.deserialize_keras_object(config["beta_1"], custom_objects)
        return super().from_config(config, custom_objects)
# --8<-- [end:optimizer]


# --8<-- [start:recipe]
epochs, steps_per_epoch = 10, 23  # 1,437 training images in batches of 64
total_steps = epochs * steps_per_epoch
model = build_model("one_cycle")
model.compile(
    optimizer=AdamWithBeta1Schedule(
        learning_rate=OneCycle(max_lr=0.01, total_steps=total_steps),
        beta_1=OneCycleMomentum(total_steps=total_steps),
    ),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
history = model.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=epochs, batch_size=64, verbose=0,
)
print(f"one-cycle:        val_accuracy {history.history['val_accuracy'][-1]:.4f}, "
      f"val_loss {history.history['val_loss'][-1]:.4f}")
# --8<-- [end:recipe]

# --8<-- [start:constant]
keras.utils.set_random_seed(42)  # the same initial weights as the one-cycle model
constant = build_model("constant")
constant.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.001),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
baseline = constant.fit(
    x_train, y_train, validation_data=(x_val, y_val),
    epochs=epochs, batch_size=64, verbose=0,
)
print(f"constant (0.001): val_accuracy {baseline.history['val_accuracy'][-1]:.4f}, "
      f"val_loss {baseline.history['val_loss'][-1]:.4f}")
# --8<-- [end:constant]

# --8<-- [start:save]
import os
import tempfile

path = os.path.join(tempfile.mkdtemp(), "one_cycle.keras")
model.save(path)
restored = keras.models.load_model(path)
for name, optimizer in (("saved", model.optimizer), ("restored", restored.optimizer)):
    rate = float(optimizer.learning_rate)
    beta_1 = float(optimizer.beta_1(optimizer.iterations))
    print(f"{name:8s} step {int(optimizer.iterations)}: learning rate {rate:.3e}, beta_1 {beta_1:.4f}")
# --8<-- [end:save]

# --8<-- [start:sgd]
# Raises ValueError: Keras' SGD takes a float for momentum, not a schedule.
keras.optimizers.SGD(
    learning_rate=OneCycle(max_lr=0.1, total_steps=total_steps),
    momentum=OneCycleMomentum(total_steps=total_steps),
)
# --8<-- [end:sgd]
