"""Manual assignment: set ``optimizer.learning_rate`` yourself between training phases.

Trains on scikit-learn's digits at 0.01 for 6 epochs, then assigns 0.001 and
trains 6 more. Then runs the recipe many older articles give
(a ``tf.Variable`` plus ``tf.keras.backend.set_value``) to show what Keras 3
does with it. Run: ``python -m snippets.manual_assignment``.
"""

# --8<-- [start:setup]
import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

digits = load_digits()  # 1,797 8x8 images that ship with scikit-learn
x_train, x_val, y_train, y_val = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.2, random_state=42
)

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ],
    name="manual",
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
# --8<-- [end:setup]

# --8<-- [start:recipe]
model.fit(x_train, y_train, validation_data=(x_val, y_val),
          epochs=6, batch_size=64, verbose=2)

model.optimizer.learning_rate = 0.001  # takes effect at the next step
print("learning rate now:", float(model.optimizer.learning_rate))

model.fit(x_train, y_train, validation_data=(x_val, y_val),
          initial_epoch=6, epochs=12, batch_size=64, verbose=2)
# --8<-- [end:recipe]

# --8<-- [start:pitfall]
# Raises ValueError on Keras 3: an optimizer no longer takes a tf.Variable as its rate.
import tensorflow as tf

learning_rate = tf.Variable(0.001, trainable=False)
tf.keras.backend.set_value(learning_rate, 0.0001)  # this part still works
print("variable holds:", float(learning_rate.numpy()))

keras.optimizers.Adam(learning_rate=learning_rate)  # Keras 3 accepts a float, a schedule or a callable
# --8<-- [end:pitfall]
