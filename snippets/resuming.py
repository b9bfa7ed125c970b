"""Resuming exactly: a run of ten epochs, and the same run stopped after five, saved, and
continued in a new process, give the same rate at every step and the same weights.

The training script is a file, ``train.py``, run in new processes as a reader runs
it; then the silent bugs of resuming are run here, one by one. Run:
``python -m snippets.resuming``.
"""

# --8<-- [start:script]
import os
import subprocess
import sys
import tempfile

TRAIN_PY = '''\
"""python train.py NAME START STOP: train epochs START to STOP-1, from NAME_START.keras if
START > 0, and save NAME_STOP.keras."""
import sys

import keras
import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()  # 1,797 8x8 images that ship with scikit-learn
x, y = digits.data[:1472] / 16.0, digits.target[:1472]  # 23 batches of 64


class EpochOrder(keras.utils.PyDataset):
    """Batches of 64, shuffled by the epoch number alone: a resumed run sees the same batches."""

    def __init__(self, epoch):
        super().__init__()
        self.epoch = epoch

    def __len__(self):
        return len(x) // 64

    def __getitem__(self, index):
        rows = np.random.default_rng(self.epoch).permutation(len(x))[index * 64:(index + 1) * 64]
        return x[rows], y[rows]

    def on_epoch_end(self):
        self.epoch += 1


def build_model(name):
    """The same initial weights every time."""
    keras.utils.set_random_seed(42)
    return keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(64, activation="relu"),
                             keras.layers.Dense(10, activation="softmax")], name=name)


def compile_model(model, learning_rate=None):
    """Adam with a cosine over the ten epochs' 230 steps, unless another rate is given."""
    rate = learning_rate or keras.optimizers.schedules.CosineDecay(0.01, decay_steps=230)
    model.compile(optimizer=keras.optimizers.Adam(rate), loss="sparse_categorical_crossentropy")
    return model


if __name__ == "__main__":
    name, start, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    # the whole model: weights, optimizer variables and step count
    model = keras.models.load_model(f"{name}_{start}.keras") if start else compile_model(build_model(name))
    # EpochOrder shuffles; fit's own shuffling of the batches would use this process's random state
    model.fit(EpochOrder(start), initial_epoch=start, epochs=stop, shuffle=False, verbose=0)
    model.save(f"{name}_{stop}.keras")
    model.save_weights(f"{name}_{stop}.weights.h5")
    print(f"{name}: epochs {start}-{stop - 1}, step count {int(model.optimizer.iterations)}")
'''

folder = tempfile.mkdtemp()
with open(os.path.join(folder, "train.py"), "w") as file:
    file.write(TRAIN_PY)


def train(*arguments):
    """Run ``python train.py ARGUMENTS`` in a new process in the folder, and show what it printed."""
    done = subprocess.run([sys.executable, "train.py", *map(str, arguments)], cwd=folder,
                          capture_output=True, text=True)
    print(done.stdout, end="")
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
# --8<-- [end:script]


# --8<-- [start:split]
import keras
import numpy as np

train("continuous", 0, 10)  # ten epochs in one process
train("split", 0, 5)  # five epochs, save, exit
train("split", 5, 10)  # a new process: load, five more epochs
continuous, split = (keras.models.load_model(os.path.join(folder, f"{name}_10.keras"))
                     for name in ("continuous", "split"))
difference = max(float(np.max(np.abs(a - b))) for a, b in zip(continuous.get_weights(), split.get_weights()))
print(f"largest weight difference, continuous and split: {difference}")
# --8<-- [end:split]

# --8<-- [start:fresh_optimizer]
# the script's functions, without running its main block
sys.path.insert(0, folder)
import train

# the weights after epoch 5 with a fresh optimizer: the schedule starts again from step 0,
# whatever initial_epoch says
fresh = train.compile_model(train.build_model("fresh_optimizer"))
fresh.set_weights(keras.models.load_model(os.path.join(folder, "split_5.keras")).get_weights())
fresh.fit(train.EpochOrder(5), initial_epoch=5, epochs=10, shuffle=False, verbose=0)
print(f"fresh_optimizer: step count {int(fresh.optimizer.iterations)},",
      f"last rate {float(fresh.optimizer.learning_rate):.2e} (continuous: 0.00e+00)")
# --8<-- [end:fresh_optimizer]

# --8<-- [start:weights_before_compile]
weights = os.path.join(folder, "split_5.weights.h5")  # save_weights keeps the optimizer's variables too
before = train.build_model("weights_before_compile")
before.load_weights(weights)  # no optimizer yet: its saved variables are dropped without a word
train.compile_model(before)
after = train.compile_model(train.build_model("weights_after_build"))
after.optimizer.build(after.trainable_variables)  # the optimizer's variables exist now
after.load_weights(weights)
for model in (before, after):
    print(f"{model.name}: step count {int(model.optimizer.iterations)} after loading")
    model.fit(train.EpochOrder(5), initial_epoch=5, epochs=10, shuffle=False, verbose=0)
# --8<-- [end:weights_before_compile]

# --8<-- [start:unbuilt]
# Warns UserWarning: compiled but not built, the optimizer has 1 variable of the 9 saved
unbuilt = train.compile_model(train.build_model("weights_unbuilt"))
unbuilt.load_weights(weights)
print(f"weights_unbuilt: step count {int(unbuilt.optimizer.iterations)} after loading")
# --8<-- [end:unbuilt]

# --8<-- [start:plateau]
import json


class ResumableReduceLROnPlateau(keras.callbacks.ReduceLROnPlateau):
    """ReduceLROnPlateau whose best value, wait and cooldown outlive a fit: ``state()`` is
    what to save next to the checkpoint, ``restore=`` what to go on from."""

    def __init__(self, restore=None, **kwargs):
        super().__init__(**kwargs)
        self.restore = restore

    def on_train_begin(self, logs=None):
        super().on_train_begin(logs)  # resets the best value, the wait and the cooldown
        if self.restore:
            self.best, self.wait, self.cooldown_counter = (
                self.restore[key] for key in ("best", "wait", "cooldown_counter"))

    def state(self):
        best = None if self.best is None else float(self.best)
        return {"best": best, "wait": self.wait, "cooldown_counter": self.cooldown_counter}


def plateau_run(name, parts, carry):
    """Adam at 0.01 and ReduceLROnPlateau, trained in parts, the callback's state carried or not."""
    model = train.compile_model(train.build_model(name), learning_rate=0.01)
    state, rates = None, []
    for start, stop in parts:
        callback = ResumableReduceLROnPlateau(restore=state if carry else None, monitor="loss",
                                              factor=0.5, patience=2, min_delta=0.02)
        history = model.fit(train.EpochOrder(start), initial_epoch=start, epochs=stop, shuffle=False,
                            verbose=0, callbacks=[callback])
        state = json.loads(json.dumps(callback.state()))  # what a side file next to the checkpoint holds
        rates += history.history["learning_rate"]
    print(f"{name:18s}", " ".join(f"{rate:.4f}" for rate in rates))


plateau_run("plateau_continuous", [(0, 10)], carry=False)
plateau_run("plateau_split", [(0, 5), (5, 10)], carry=False)
plateau_run("plateau_carried", [(0, 5), (5, 10)], carry=True)
# --8<-- [end:plateau]
