"""``python -m hipcoach``."""

from hipcoach.cli import main

main()
