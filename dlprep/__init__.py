"""dlprep: exam-prep toolkit for a deep-learning course (console script and shared glue)."""

__version__ = "0.1.0"
