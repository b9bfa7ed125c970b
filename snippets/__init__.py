"""Runnable learning-rate recipes: one self-contained script per technique.

Every module here is a plain script that trains a small Keras model on data that
ships with scikit-learn. Run one with ``python -m snippets.<name>``. The lines
between ``# --8<-- [start:NAME]`` and ``# --8<-- [end:NAME]`` are the sections
the documentation pages include.
"""
