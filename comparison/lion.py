"""Lion at 0.003, constant: its best rate in the new optimizers recipe."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.Lion(learning_rate=0.003))
