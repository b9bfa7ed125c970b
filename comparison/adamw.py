"""AdamW at 0.01, constant: its best rate in the adaptive and new optimizers recipes."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.AdamW(learning_rate=0.01))
