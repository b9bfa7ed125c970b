"""CosineDecayRestarts as in its recipe: 0.01, a first period of 2 epochs, each twice as long, peaks x0.7."""
import keras

from comparison.task import STEPS_PER_EPOCH, compare

compare(lambda: keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.CosineDecayRestarts(
    initial_learning_rate=0.01, first_decay_steps=2 * STEPS_PER_EPOCH, t_mul=2.0, m_mul=0.7)))
