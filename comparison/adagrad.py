"""Adagrad at 0.1, constant: its best rate in the adaptive optimizers recipe."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.Adagrad(learning_rate=0.1))
