"""Bounds on user input and work, as data, in one place; checks applied at the door; a deadline.

Every bound is one :class:`Limit` record in :data:`LIMITS`; a refusal is one line that names the
limit and the value (``LimitExceeded``), raised before any work is done, never a hang or a crash.

>>> LIMITS["dimension"].check(100_000, "in 'A: 100000 x 100000'")
Traceback (most recent call last):
...
checker.language.errors.LimitExceeded: 100000 is over the limit dimension = 1000 (one declared size) in 'A: 100000 x 100000'
>>> check_dimension(-3, "in 'A: -3 x n'")
Traceback (most recent call last):
...
checker.language.errors.InputError: the size -3 in 'A: -3 x n' is not positive; expected a size of at least 1
"""

from __future__ import annotations

import math
from fractions import Fraction
import signal
import threading
import time
from dataclasses import dataclass

from checker.language import ast as A
from checker.language.errors import InputError, LimitExceeded


@dataclass(frozen=True)
class Limit:
    """One bound: ``value`` is the largest accepted amount of ``what``."""

    name: str
    value: float
    what: str

    def check(self, amount: float, where: str = "") -> None:
        """Raise LimitExceeded when ``amount`` is above the limit."""
        if amount > self.value:
            raise self.refuse(amount, where)

    def refuse(self, amount: object, where: str = "") -> LimitExceeded:
        shown = _short(str(amount), 40)
        return LimitExceeded(f"{shown} is over the limit {self.name} = {self.value:g} ({self.what})" + (f" {where}" if where else ""))


LIMITS: dict[str, Limit] = {limit.name: limit for limit in (
    Limit("text_chars", 10_000, "characters in one expression, declaration or option"),
    Limit("literal_digits", 30, "digits in one numeric literal"),
    Limit("decimal_exponent", 300, "|k| in scientific notation 1e-k"),
    Limit("matrix_entries", 400, "entries of one matrix literal [1, 2; 3, 4]"),
    Limit("entry_chars", 60, "characters of one entry of a matrix literal"),
    Limit("nesting", 60, "levels of brackets and function calls"),
    Limit("tree_depth", 300, "levels of the parsed tree"),
    Limit("nodes", 5_000, "parts of one parsed expression"),
    Limit("exponent", 64, "|k| of a constant exponent"),
    Limit("symbols", 100, "declared symbols"),
    Limit("dimension", 1_000, "one declared size"),
    Limit("elements", 1_000_000, "entries of one matrix"),
    Limit("steps", 500, "lines of one derivation"),
    Limit("step_file_bytes", 200_000, "bytes of one step file"),
    Limit("batch_line_chars", 100_000, "characters in one batch line"),
    Limit("seconds", 5.0, "seconds of one request"),
    Limit("derive_seconds", 30.0, "seconds of one derivation"),
    Limit("worker_memory_mb", 2_048, "MiB of memory of one request's worker"),
)}

# the names the lexer, parser and evaluator import (derived from the table, never set twice)
MAX_INPUT_CHARS = int(LIMITS["text_chars"].value)
MAX_LITERAL_DIGITS = int(LIMITS["literal_digits"].value)
MAX_DECIMAL_EXPONENT = int(LIMITS["decimal_exponent"].value)
MAX_MATRIX_ENTRIES = int(LIMITS["matrix_entries"].value)
MAX_ENTRY_CHARS = int(LIMITS["entry_chars"].value)
MAX_DEPTH = int(LIMITS["nesting"].value)
MAX_TREE_DEPTH = int(LIMITS["tree_depth"].value)
MAX_NODES = int(LIMITS["nodes"].value)
MAX_EXPONENT = int(LIMITS["exponent"].value)
MAX_DIMENSION = int(LIMITS["dimension"].value)
DEFAULT_SECONDS = LIMITS["seconds"].value
EVALUATION_SIZE = 12  # declared constant sizes above this are drawn as distinct small stand-ins when evaluating


def _short(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters (a 20 KB option is never echoed whole)."""
    return text if len(text) <= width else f"{text[:width]}… ({len(text)} characters)"


def short(text: str, width: int = 60) -> str:
    """User text quoted in a message: at most ``width`` characters, control characters shown as ?."""
    return "".join(ch if ch.isprintable() else "?" for ch in _short(text, width))


def check_text(text: str, what: str) -> str:
    """Refuse text longer than the text_chars limit; returns ``text``."""
    LIMITS["text_chars"].check(len(text), f"(the length of {what})")
    return text


def check_dimension(size: int, where: str) -> None:
    """A declared constant size must be at least 1 and at most the dimension limit."""
    if size < 1:
        raise InputError(f"the size {_short(str(size), 40)} {where} is not positive", expected="a size of at least 1")
    LIMITS["dimension"].check(size, where)


def check_exponents(node: A.Node) -> None:
    """Refuse constant exponents beyond the exponent limit (``2^(10^10)``), before anything is computed."""
    for n in node.walk():
        if isinstance(n, (A.Pow, A.ElemPow)):
            size = _log10_abs(n.exponent)
            if size is not None and size > math.log10(MAX_EXPONENT):
                shown = f"{10 ** size:.0f}" if size < 15 else f"{10 ** size:.3g}" if size < 300 else f"10^{size:.3g}"
                raise LIMITS["exponent"].refuse(shown, "in a power")


def _log10_abs(node: A.Node) -> float | None:
    """log10 of |value| of a constant sub-expression (None when not constant, -inf for 0), never computed exactly."""
    if isinstance(node, A.Num):
        if not node.value:
            return -math.inf
        value = Fraction(node.value)  # log10 of numerator and denominator apart: exact values of any size
        return math.log10(abs(value.numerator)) - math.log10(value.denominator)
    if isinstance(node, A.Neg):
        return _log10_abs(node.arg)
    if isinstance(node, A.Mul):
        left, right = _log10_abs(node.left), _log10_abs(node.right)
        return None if left is None or right is None else left + right
    if isinstance(node, A.Div):
        left, right = _log10_abs(node.num), _log10_abs(node.den)
        return None if left is None or right is None or right == -math.inf else left - right
    if isinstance(node, A.Pow):
        base, exponent = _log10_abs(node.base), _constant(node.exponent)
        if base is None or exponent is None:
            return None
        return base * float(exponent) if base != -math.inf else -math.inf
    return None


def _constant(node: A.Node) -> float | None:
    """The value of a constant exponent, approximately (sign kept only for plain literals)."""
    if isinstance(node, A.Num):
        return float(node.value)
    if isinstance(node, A.Neg):
        inner = _constant(node.arg)
        return None if inner is None else -inner
    size = _log10_abs(node)
    return None if size is None else 10.0 ** min(size, 300.0)


REPEAT_SECONDS = 0.05  # once a deadline has passed, its alarm repeats this often


class deadline:  # noqa: N801 - used as a function: ``with deadline(5): ...``
    """Raise LimitExceeded if the block runs longer than ``seconds`` (main thread only; else a no-op).

    Nestable: an inner deadline never outlives the outer one (the outer's alarm fires first when it is
    sooner), and the outer timer goes on with its remaining time when the inner block ends. Once
    passed, the alarm repeats every REPEAT_SECONDS, so a LimitExceeded absorbed by code that treats
    errors as data (the step checker marks one step and goes on) still reaches the caller.

    The timer never outlives its block: an alarm that arrives while a deadline is being set up or
    torn down (a frame of ``__enter__``/``__exit__`` on the stack) does not raise there, so the
    tear-down always runs to its end; the alarm, if still due, fires again after it (the outer
    timer is re-armed with what is left of it, at least 1 ms).

    Python code is interrupted between bytecodes; a long NumPy or big-integer call is not, which is
    why the CLI runs a request in a worker process with a hard limit (:mod:`checker.language.worker`).
    """

    def __init__(self, seconds: float = DEFAULT_SECONDS) -> None:
        self.seconds, self.armed = seconds, False

    def _on_alarm(self, signum: int, frame: object) -> None:
        here = frame
        while here is not None:
            if getattr(here, "f_code", None) in _QUIET:
                return  # inside a deadline's set-up or tear-down: it completes, and re-arms what is due
            here = getattr(here, "f_back", None)
        raise LimitExceeded(f"the work took longer than {self.seconds:g} s (the time limit)")

    def __enter__(self) -> "deadline":
        if self.seconds <= 0 or threading.current_thread() is not threading.main_thread():
            return self
        self.started = time.monotonic()
        self.outer_left, self.outer_repeat = signal.getitimer(signal.ITIMER_REAL)
        self.previous = signal.signal(signal.SIGALRM, self._on_alarm)
        self.armed = True
        outer_first = 0 < self.outer_left < self.seconds and callable(self.previous)
        if outer_first:
            signal.signal(signal.SIGALRM, self.previous)
        signal.setitimer(signal.ITIMER_REAL, self.outer_left if outer_first else self.seconds, REPEAT_SECONDS)
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.armed:
            return
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)
        if self.outer_left > 0:
            left = self.outer_left - (time.monotonic() - self.started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), self.outer_repeat or REPEAT_SECONDS)


_QUIET = {deadline.__enter__.__code__, deadline.__exit__.__code__}  # where an alarm never raises
