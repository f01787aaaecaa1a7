"""`python -m dlprep` runs the console script."""

from dlprep.cli import main

if __name__ == "__main__":
    main()
