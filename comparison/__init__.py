"""The head-to-head comparison: each schedule, learning-rate callback and optimizer of the cookbook
(its recipe's main setting), on one task, with the same budget and several seeds (``docs/comparison.md``). Each module but ``task`` is one
technique, run and cached by the build like a snippet; ``tools/comparison.py`` turns their records
into the page's table and plots."""
