"""The head-to-head comparison: every technique of the cookbook that trains a model, on one task,
with the same budget and several seeds (``docs/comparison.md``). Each module but ``task`` is one
technique, run and cached by the build like a snippet; ``tools/comparison.py`` turns their records
into the page's table and plots."""
