"""InverseTimeDecay as in its recipe: 0.01 / (1 + 0.5 * step / steps per epoch), smooth."""
import keras

from comparison.task import STEPS_PER_EPOCH, compare

compare(lambda: keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.InverseTimeDecay(
    initial_learning_rate=0.01, decay_steps=STEPS_PER_EPOCH, decay_rate=0.5)))
