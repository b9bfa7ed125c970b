"""Muon at 0.03, constant, the output layer left to AdamW: its best rate in the new optimizers recipe."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.Muon(learning_rate=0.03, exclude_layers=["output"]))
