"""Allow ``python -m tifa``."""

from tifa.cli import main

main()
