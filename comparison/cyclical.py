"""CyclicLR as in its recipe (its class): SGD with momentum 0.9, triangles from 0.005 to 0.1, four whole ones."""
import keras

from comparison.task import TOTAL_STEPS, compare
from tools.sections import recipe_sections

CyclicLR = recipe_sections("cyclical", "setup", "schedule")["CyclicLR"]
compare(lambda: keras.optimizers.SGD(
    learning_rate=CyclicLR(base_lr=0.005, max_lr=0.1, step_size_up=TOTAL_STEPS / 8), momentum=0.9))
