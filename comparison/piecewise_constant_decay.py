"""PiecewiseConstantDecay as in its recipe: 0.01, 0.003, 0.001, each for a third of the training."""
import keras

from comparison.task import TOTAL_STEPS, compare

compare(lambda: keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.PiecewiseConstantDecay(
    boundaries=[TOTAL_STEPS // 3, 2 * TOTAL_STEPS // 3], values=[0.01, 0.003, 0.001])))
