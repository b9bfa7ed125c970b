"""CosineDecay as in its recipe: from 0.01 to 0.001 over the first 10/12 of the training, then held."""
import keras

from comparison.task import TOTAL_STEPS, compare

compare(lambda: keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=0.01, decay_steps=TOTAL_STEPS * 10 // 12, alpha=0.1)))
