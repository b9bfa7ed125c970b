"""The LR Cookbook build tool.

The pipeline reads top to bottom in its module names::

    discover -> cache -> execute (worker + capture) -> plot -> inject -> site

Each stage hands typed records (:mod:`tools.records`) to the next.
"""

__version__ = "0.1.0"
