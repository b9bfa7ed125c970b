"""CyclicLR as in its recipe (its class): SGD with momentum 0.9, triangles from 0.005 to 0.1 of 2 epochs."""
import keras

from comparison.task import STEPS_PER_EPOCH, compare, recipe_sections

CyclicLR = recipe_sections("cyclical", "setup", "schedule")["CyclicLR"]
compare(lambda: keras.optimizers.SGD(
    learning_rate=CyclicLR(base_lr=0.005, max_lr=0.1, step_size_up=STEPS_PER_EPOCH), momentum=0.9))
