"""ScheduleFreeAdamW at 0.1 with one epoch of warmup: its best rate in the new optimizers recipe."""
import keras

from comparison.task import STEPS_PER_EPOCH, compare

compare(lambda: keras.optimizers.ScheduleFreeAdamW(learning_rate=0.1, warmup_steps=STEPS_PER_EPOCH))
