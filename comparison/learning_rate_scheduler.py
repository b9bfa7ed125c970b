"""LearningRateScheduler as in its recipe: Adam at 0.01, halved every 3 epochs."""
import keras

from comparison.task import compare


def step_decay(epoch, learning_rate):
    return 0.01 * 0.5 ** (epoch // 3)


compare(lambda: keras.optimizers.Adam(learning_rate=0.01),
        lambda: [keras.callbacks.LearningRateScheduler(step_decay)])
