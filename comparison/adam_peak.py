"""Adam at 0.01, constant: the peak rate of the schedules below, never lowered."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.Adam(learning_rate=0.01))
