"""SGD with momentum 0.9 at 0.01, constant, as in the momentum recipe."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9))
