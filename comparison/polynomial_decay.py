"""PolynomialDecay as in its recipe: from 0.01 to 0.0005 along a square over the first half, then held."""
import keras

from comparison.task import TOTAL_STEPS, compare

compare(lambda: keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.PolynomialDecay(
    initial_learning_rate=0.01, decay_steps=TOTAL_STEPS // 2, end_learning_rate=0.0005, power=2.0)))
