"""Cyclical learning rates: the rate goes back and forth between two bounds.

``CyclicLR`` is PyTorch's ``CyclicLR`` as a Keras schedule, with its parameter
names and its three policies: ``triangular`` (the same triangle every cycle),
``triangular2`` (each cycle half as high as the one before) and ``exp_range``
(the height shrinks by ``gamma`` every step). Trains scikit-learn's digits with
each, one cycle every two epochs. Run: ``python -m snippets.cyclical``.
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
class CyclicLR(keras.optimizers.schedules.LearningRateSchedule):
    """PyTorch's ``CyclicLR``: up from ``base_lr`` towards ``max_lr`` in ``step_size_up`` steps,
    back down in ``step_size_down`` (default: the same), again and again. The height of each
    triangle is scaled by ``mode``: ``"triangular"`` 1, ``"triangular2"`` 1/2 per cycle,
    ``"exp_range"`` ``gamma`` to the power of the step.
    """

    def __init__(self, base_lr, max_lr, step_size_up=2000, step_size_down=None, mode="triangular",
                 gamma=1.0, name="CyclicLR"):
        if mode not in ("triangular", "triangular2", "exp_range"):
            raise ValueError(f"mode must be triangular, triangular2 or exp_range, not {mode!r}")
        self.base_lr = base_lr
        self.max_lr = max_lr
        self.step_size_up = step_size_up
        self.step_size_down = step_size_down
        self.mode = mode
        self.gamma = gamma
        self.name = name

    def __call__(self, step):
        step = ops.cast(step, "float32")
        up = float(self.step_size_up)
        down = float(self.step_size_down if self.step_size_down is not None else self.step_size_up)
        cycle = ops.floor(step / (up + down)) + 1  # the first cycle is cycle 1
        into = step - (cycle - 1) * (up + down)  # steps since this cycle began
        height = ops.where(into <= up, into / up, (up + down - into) / down)  # 0 -> 1 -> 0 over the cycle
        if self.mode == "triangular2":
            height = height / ops.power(2.0, cycle - 1)
        elif self.mode == "exp_range":  # gamma ** step, with gamma's logarithm taken in double precision
            height = height * ops.exp(step * math.log(self.gamma))
        return self.base_lr + (self.max_lr - self.base_lr) * height

    def get_config(self):
        return {"base_lr": self.base_lr, "max_lr": self.max_lr, "step_size_up": self.step_size_up,
                "step_size_down": self.step_size_down, "mode": self.mode, "gamma": self.gamma,
                "name": self.name}
# --8<-- [end:schedule]


# --8<-- [start:recipe]
for mode, gamma in (("triangular", 1.0), ("triangular2", 1.0), ("exp_range", 0.99)):
    keras.utils.set_random_seed(42)  # the same initial weights for the three policies
    model = build_model(mode)
    model.compile(
        optimizer=keras.optimizers.SGD(
            learning_rate=CyclicLR(base_lr=0.005, max_lr=0.1, step_size_up=23, mode=mode, gamma=gamma),
            momentum=0.9,
        ),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val),
        epochs=8, batch_size=64, verbose=0,
    )
    print(f"{mode:12s} val_accuracy {history.history['val_accuracy'][-1]:.4f}")
# --8<-- [end:recipe]
