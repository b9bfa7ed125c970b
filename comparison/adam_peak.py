"""Adam at 0.01, constant: the peak of the Adam schedules and callbacks, never lowered."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.Adam(learning_rate=0.01))
