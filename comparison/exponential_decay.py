"""ExponentialDecay as in its recipe: from 0.01, halved every 2 epochs."""
import keras

from comparison.task import STEPS_PER_EPOCH, compare

compare(lambda: keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate=0.01, decay_steps=2 * STEPS_PER_EPOCH, decay_rate=0.5)))
