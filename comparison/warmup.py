"""CosineDecay with a warmup, as in the warmup recipe: from 0 to 0.01 over 2 epochs, then a cosine to 0."""
import keras

from comparison.task import STEPS_PER_EPOCH, TOTAL_STEPS, compare

compare(lambda: keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=0.0, warmup_target=0.01, warmup_steps=2 * STEPS_PER_EPOCH,
    decay_steps=TOTAL_STEPS - 2 * STEPS_PER_EPOCH)))
