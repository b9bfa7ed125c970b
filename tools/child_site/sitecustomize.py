"""Imported at the start of every Python process a snippet starts while the build runs it
(``tools/children.py`` puts this directory on ``PYTHONPATH``): record its fits."""

import os

if os.environ.get("LR_COOKBOOK_CHILD_RECORDS"):
    from tools.children import record_this_process

    record_this_process(os.environ["LR_COOKBOOK_CHILD_RECORDS"])
