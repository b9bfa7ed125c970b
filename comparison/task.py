"""The comparison's task, its budget and its seeds, shared by every technique.

scikit-learn's digits with heavy noise: every pixel gets Gaussian noise of standard deviation 6
(on the 0-16 scale of the data), so that about a quarter of the validation images stay wrong and
the techniques have room to differ. A fixed split of 1,078 training and 719 validation images,
a dense network with two hidden layers of 128, 15 epochs in batches of 64 (255 steps), five seeds:
the seed sets the initial weights and the order of the batches, never the data.

The data goes to ``fit`` as ``tf.data`` datasets, already batched (the validation set cached),
which is faster here than the same arrays given as NumPy arrays: Keras turns those into a
pipeline that gathers each batch by index.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

EPOCHS = 15
BATCH_SIZE = 64
SEEDS = (0, 1, 2, 3, 4)
NOISE = 6.0  # standard deviation of the noise, in the data's units (pixels are 0 to 16)
TARGET_ACCURACY = 0.75  # "steps to reach": the first epoch that ends at or above this validation accuracy

_digits = load_digits()
_noisy = _digits.data + np.random.default_rng(0).normal(0.0, NOISE, _digits.data.shape)
x_train, x_val, y_train, y_val = train_test_split(
    _noisy / 16.0, _digits.target, test_size=0.4, random_state=0, stratify=_digits.target)
STEPS_PER_EPOCH = math.ceil(len(x_train) / BATCH_SIZE)
TOTAL_STEPS = EPOCHS * STEPS_PER_EPOCH
validation = tf.data.Dataset.from_tensor_slices((x_val.astype("float32"), y_val)).batch(BATCH_SIZE).cache()


def build_model(name: str) -> keras.Model:
    """The network every technique trains."""
    return keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax", name="output"),
    ], name=name)


def compare(make_optimizer: Callable[[], keras.optimizers.Optimizer],
            make_callbacks: Callable[[], list] = list) -> None:
    """Train the network once per seed, with a fresh optimizer (and callbacks) each time; the
    build's recorder keeps every run (model ``seed_N``): rates, losses, accuracies, seconds."""
    for seed in SEEDS:
        keras.utils.set_random_seed(seed)
        model = build_model(f"seed_{seed}")
        model.compile(optimizer=make_optimizer(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(batches(seed), validation_data=validation, epochs=EPOCHS, callbacks=make_callbacks(), verbose=0)


def batches(seed: int) -> tf.data.Dataset:
    """The training set in batches of 64, in a new order every epoch, the same orders for the same seed."""
    data = tf.data.Dataset.from_tensor_slices((x_train.astype("float32"), y_train))
    return data.shuffle(len(x_train), seed=seed, reshuffle_each_iteration=True).batch(BATCH_SIZE)
