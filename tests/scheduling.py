"""How ``make test`` hands the tests to its processes (pytest-xdist's ``--dist loadfile``, adjusted).

Whole files go to one process each, in the order of the collection (which
``tests/conftest.py`` sets: the browser tests first, then what needs no run), not
in xdist's default order (the files with the most tests first); files named in
``SAME_PROCESS`` go with another file, so that a session fixture they share is
made once.
"""

from __future__ import annotations

from xdist.scheduler import LoadFileScheduling

# test_published reads the deploy of test_browser's `published` fixture (two site builds and two mike deploys)
SAME_PROCESS = {"tests/test_published.py": "tests/test_browser.py"}


class FilesInOrder(LoadFileScheduling):
    """``--dist loadfile`` with the collection's order kept and the files of ``SAME_PROCESS`` together."""

    def __init__(self, config, log=None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False  # read by schedule(): hand the files out in collection order

    def _split_scope(self, nodeid: str) -> str:
        file = super()._split_scope(nodeid)
        return SAME_PROCESS.get(file, file)
