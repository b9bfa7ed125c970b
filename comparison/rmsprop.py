"""RMSprop at 0.01, constant: its best rate in the adaptive optimizers recipe."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.RMSprop(learning_rate=0.01))
