"""ReduceLROnPlateau as in its recipe: Adam from 0.01, x0.3 after 2 epochs without a 0.01 gain in val_loss."""
import keras

from comparison.task import compare

compare(lambda: keras.optimizers.Adam(learning_rate=0.01),
        lambda: [keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.3, patience=2, min_delta=0.01,
                                                   min_lr=0.0003)])
