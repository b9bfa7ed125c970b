"""Many devices: MirroredStrategy on four devices, the rate scaled to the global batch by the
linear or the square-root rule with a warmup, and a schedule sized in the global batch's steps.

Devices are set before TensorFlow initializes them, so the training script is a file, ``train.py``,
run in a new process as a reader runs it; on a machine without GPUs it splits the CPU into
logical devices. Run: ``python -m snippets.many_devices``.
"""

# --8<-- [start:script]
import os
import subprocess
import sys
import tempfile

TRAIN_PY = '''\
"""python train.py RUN...: each RUN is REPLICAS:RULE (RULE: none, linear or sqrt), or
REPLICAS:RULE:per-device to size the schedule in one device's steps (the mistake)."""
import math
import sys

import tensorflow as tf

REPLICAS = 4
gpus = tf.config.list_physical_devices("GPU")
if len(gpus) < REPLICAS:  # split the CPU into logical devices, before TensorFlow initializes them
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * REPLICAS)
DEVICES = [device.name for device in tf.config.list_logical_devices("GPU" if len(gpus) >= REPLICAS else "CPU")]

import keras
from sklearn.datasets import load_digits

digits = load_digits()  # 1,797 8x8 images that ship with scikit-learn
x, y = digits.data / 16.0, digits.target
x_train, y_train, x_val, y_val = x[:1408], y[:1408], x[1408:], y[1408:]
PER_DEVICE_BATCH, BASE_RATE, EPOCHS = 32, 0.01, 10  # BASE_RATE: tuned for one device, batch 32


def scaled_rate(rule, replicas):
    """The base rate for a global batch ``replicas`` times larger: kept, times k, or times sqrt(k)."""
    return BASE_RATE * {"none": 1, "linear": replicas, "sqrt": math.sqrt(replicas)}[rule]


def train(replicas, rule, sized="global"):
    strategy = tf.distribute.MirroredStrategy(DEVICES[:replicas])
    global_batch = PER_DEVICE_BATCH * strategy.num_replicas_in_sync  # one step takes a batch per device
    steps_per_epoch = len(x_train) // (global_batch if sized == "global" else PER_DEVICE_BATCH)
    total, warmup = EPOCHS * steps_per_epoch, 2 * steps_per_epoch
    with strategy.scope():  # variables made here are mirrored on every device
        keras.utils.set_random_seed(42)
        model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(64, activation="relu"),
                                  keras.layers.Dense(10, activation="softmax")],
                                 name=f"{replicas}_{rule}" + ("_per_device" if sized != "global" else ""))
        # from the one-device rate up to the scaled rate in two epochs (Goyal et al. 2017), then a cosine
        schedule = keras.optimizers.schedules.CosineDecay(
            BASE_RATE, decay_steps=total - warmup, warmup_target=scaled_rate(rule, replicas), warmup_steps=warmup)
        model.compile(optimizer=keras.optimizers.SGD(schedule, momentum=0.9),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    data = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(len(x_train), seed=0)
    model.fit(data.batch(global_batch, drop_remainder=True), epochs=EPOCHS, verbose=0)
    validation = model.evaluate(x_val, y_val, verbose=0, return_dict=True)
    # the rate each replica computes from its own copy of the step count
    per_replica = strategy.experimental_local_results(strategy.run(lambda: model.optimizer.learning_rate))
    print(f"{model.name:17s} {replicas} x {PER_DEVICE_BATCH} = batch {global_batch:3d},",
          f"{int(model.optimizer.iterations.numpy()):3d} steps, rate after training on each device",
          [f"{float(rate):.2e}" for rate in per_replica],
          f"val loss {validation['loss']:.3f}, accuracy {validation['accuracy']:.3f}")


if __name__ == "__main__":
    for run in sys.argv[1:]:
        train(int(run.split(":")[0]), *run.split(":")[1:])
'''

folder = tempfile.mkdtemp()
with open(os.path.join(folder, "train.py"), "w") as file:
    file.write(TRAIN_PY)


def train(*runs):
    """Run ``python train.py RUNS`` in a new process in the folder, and show what it printed."""
    done = subprocess.run([sys.executable, "train.py", *runs], cwd=folder, capture_output=True, text=True)
    print(done.stdout, end="")
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
# --8<-- [end:script]


# --8<-- [start:scaling]
train("1:none", "4:none", "4:linear", "4:sqrt")
# --8<-- [end:scaling]

# --8<-- [start:per_device_steps]
train("4:linear:per-device")
# --8<-- [end:per_device_steps]

# --8<-- [start:mirrored_int]
# Raises TypeError: int() cannot read a variable made under a strategy's scope; .numpy() can.
import keras
import tensorflow as tf

with tf.distribute.MirroredStrategy().scope():  # this process's one device: still mirrored
    step_count = keras.Variable(0, dtype="int64", trainable=False)
print("step count with .numpy():", int(step_count.numpy()))
int(step_count)
# --8<-- [end:mirrored_int]

# --8<-- [start:multi_worker]
import json
import re
import socket

WORKER_PY = '''\
"""python worker.py: one worker of a MultiWorkerMirroredStrategy cluster, the one TF_CONFIG names."""
import keras
import tensorflow as tf
from sklearn.datasets import load_digits

strategy = tf.distribute.MultiWorkerMirroredStrategy()  # reads TF_CONFIG, waits for every worker
digits = load_digits()
with strategy.scope():
    model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")], name="multi_worker")
    model.compile(optimizer=keras.optimizers.SGD(0.02), loss="sparse_categorical_crossentropy")
data = tf.data.Dataset.from_tensor_slices((digits.data / 16.0, digits.target)).batch(64)
model.fit(data, epochs=1, verbose=0)
'''
with open(os.path.join(folder, "worker.py"), "w") as file:
    file.write(WORKER_PY)


def free_port():
    """A port of this machine that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# two workers on this machine; on real machines, each one's address instead of 127.0.0.1
cluster = {"worker": [f"127.0.0.1:{free_port()}" for _ in range(2)]}
workers = [subprocess.Popen([sys.executable, "worker.py"], cwd=folder, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(os.environ, TF_CONFIG=json.dumps(  # the cluster, and which worker this is
                                {"cluster": cluster, "task": {"type": "worker", "index": index}})))
           for index in range(2)]
for index, worker in enumerate(workers):
    _, errors = worker.communicate(timeout=300)
    raised = [line for line in errors.splitlines() if re.match(r"\w+(Error|Exception): ", line)]
    print(f"worker {index}: exit status {worker.returncode};", raised[-1][:60] if raised else "no error")
# --8<-- [end:multi_worker]
