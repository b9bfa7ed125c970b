"""WarmupStableDecay (its recipe's class) in its recipe's proportions: 1/8 warmup to 0.01, 5/8 held,
2/8 linear cooldown to 1% of it."""
import keras

from comparison.task import TOTAL_STEPS, compare
from tools.sections import recipe_sections

WarmupStableDecay = recipe_sections("warmup_stable_decay", "setup", "schedule")["WarmupStableDecay"]
compare(lambda: keras.optimizers.Adam(learning_rate=WarmupStableDecay(
    learning_rate=0.01, num_warmup_steps=TOTAL_STEPS // 8, num_decay_steps=TOTAL_STEPS // 4,
    num_training_steps=TOTAL_STEPS, decay_type="linear", min_lr_ratio=0.01)))
