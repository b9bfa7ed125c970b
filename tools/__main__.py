"""``python -m tools``: see :mod:`tools.cli`."""

from tools.cli import main

if __name__ == "__main__":
    main()
