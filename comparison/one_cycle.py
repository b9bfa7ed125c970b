"""OneCycle as in its recipe (its classes): Adam with the rate up to 0.01 and down, beta_1 the other way."""
from comparison.task import TOTAL_STEPS, compare
from tools.sections import recipe_sections

recipe = recipe_sections("one_cycle", "setup", "schedule", "optimizer")
compare(lambda: recipe["AdamWithBeta1Schedule"](
    learning_rate=recipe["OneCycle"](max_lr=0.01, total_steps=TOTAL_STEPS),
    beta_1=recipe["OneCycleMomentum"](total_steps=TOTAL_STEPS)))
