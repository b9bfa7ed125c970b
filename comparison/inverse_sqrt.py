"""InverseSquareRoot (its recipe's class): from 0 to 0.01 over 2 epochs, then down as 1 / sqrt(step)."""
import keras

from comparison.task import STEPS_PER_EPOCH, compare
from tools.sections import recipe_sections

InverseSquareRoot = recipe_sections("inverse_sqrt", "setup", "schedule")["InverseSquareRoot"]
compare(lambda: keras.optimizers.Adam(
    learning_rate=InverseSquareRoot(learning_rate=0.01, num_warmup_steps=2 * STEPS_PER_EPOCH)))
