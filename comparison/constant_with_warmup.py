"""ConstantWithWarmup (its recipe's class): from 0 to 0.01 over 2 epochs, then constant."""
import keras

from comparison.task import STEPS_PER_EPOCH, compare
from tools.sections import recipe_sections

ConstantWithWarmup = recipe_sections("constant_with_warmup", "setup", "schedule")["ConstantWithWarmup"]
compare(lambda: keras.optimizers.Adam(
    learning_rate=ConstantWithWarmup(learning_rate=0.01, num_warmup_steps=2 * STEPS_PER_EPOCH)))
