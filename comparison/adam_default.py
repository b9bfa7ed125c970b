"""Adam at Keras' default rate, 0.001, constant: the baseline."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.Adam(learning_rate=0.001))
