"""Bounds on user input and work, in one place, and a wall-clock deadline.

Every bound answers with :class:`checker.language.errors.LimitExceeded`, never a hang or a crash.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from checker.language.errors import LimitExceeded

MAX_INPUT_CHARS = 10_000  # characters in one expression
MAX_LITERAL_DIGITS = 30  # digits in one numeric literal
MAX_DECIMAL_EXPONENT = 300  # |k| in scientific notation 1e-k
MAX_MATRIX_ENTRIES = 400  # entries of one matrix literal [1, 2; 3, 4]
MAX_ENTRY_CHARS = 60  # characters of one entry of a matrix literal
MAX_DEPTH = 60  # nesting of brackets and function calls while parsing (Python recursion stays shallow)
MAX_TREE_DEPTH = 300  # depth of the parsed tree (long juxtaposed products nest to the left)
MAX_NODES = 5_000  # nodes in one parsed tree
MAX_EXPONENT = 64  # |k| in a matrix power X^k
DEFAULT_SECONDS = 5.0  # wall-clock bound of one check


@contextmanager
def deadline(seconds: float = DEFAULT_SECONDS) -> Iterator[None]:
    """Raise LimitExceeded if the block runs longer than ``seconds`` (main thread only; else a no-op)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise LimitExceeded(f"the check took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
