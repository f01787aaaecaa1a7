"""Numbers of the numeric drills as answer text, expression-language literals and LaTeX.

>>> import numpy as np
>>> literal(np.array([[0.1, 0.2], [0.3, 0.4]]))
'[0.1, 0.2; 0.3, 0.4]'
>>> literal(np.array([1/3, 2/3]))
'[0.333333; 0.666667]'
>>> latex(np.array([[1.0, -0.25]]))
'\\\\begin{bmatrix}1 & -0.25\\\\end{bmatrix}'
>>> num(2.0), num(0.123456789)
('2', '0.1235')
>>> num(0.00921534), num(-1e-17), num(1234.5678)
('0.009215', '0', '1235')
>>> sig(0.171, 4), sig(0.5, 4), sig(24192.4, 4), sig(-0.000123456, 3), sig(0, 4)
('0.1710', '0.5000', '24190', '-0.000123', '0')
>>> text(np.array([0.171, 2.0]), exact=False), text(24192.0, exact=True)
('[0.1710; 2.000]', '24192')
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

DIGITS = 4  # printed answers: 4 significant digits
RTOL = 1e-3  # stated on every numeric question: answers rounded to 4 significant digits pass


def num(x: float, digits: int = DIGITS) -> str:
    """A number as printed: ``digits`` significant digits, no exponent for course-sized numbers, no ``-0``."""
    value = float(x)
    if abs(value) < 1e-12:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        text = f"{value:.{digits + 4}f}".rstrip("0").rstrip(".")
    return text


def sig(x: float, digits: int = DIGITS) -> str:
    """Exactly ``digits`` significant figures, trailing zeros kept (0.1710), no exponent, no ``-0``."""
    value = float(x)
    if abs(value) < 1e-12:
        return "0"
    rounded = float(f"{value:.{digits - 1}e}")  # rounding may carry into the next power of ten
    exponent = int(np.floor(np.log10(abs(rounded))))
    decimals = digits - 1 - exponent
    if decimals >= 0:
        return f"{rounded:.{decimals}f}"
    return str(int(round(rounded)))


def whole(x: float) -> str:
    """An exact answer (an integer, or a short exact decimal) as written: ``24192``, ``0.25``."""
    value = float(x)
    if value == int(value):
        return str(int(value))
    return num(value, 12)


def _exact(x: float) -> str:
    text = f"{float(x):.6g}"
    return "0" if text == "-0" else text


def _matrix(value: np.ndarray | float, entry: Callable[[Any], str], open_: str, rows: str, cols: str, close: str) -> str:
    """A number or an array written entry by entry; vectors are columns."""
    a = np.asarray(value, dtype=float)
    if a.ndim == 0:
        return entry(a)
    if a.ndim == 1:
        a = a.reshape(-1, 1)
    return open_ + rows.join(cols.join(entry(x) for x in row) for row in a) + close


def literal(value: np.ndarray | float) -> str:
    """The expression-language literal of a reference: rows by ``;``, entries by ``,`` (6 significant digits)."""
    return _matrix(value, _exact, "[", "; ", ", ", "]")


def _entry(exact: bool | None) -> Callable[[Any], str]:
    """Given numbers (``None``) shortest; exact answers as they are; rounded answers to DIGITS figures."""
    return num if exact is None else whole if exact else sig


def text(value: np.ndarray | float, exact: bool | None = None) -> str:
    """As a student would type it: givens shortest, answers to 4 significant figures (or exact)."""
    return _matrix(value, _entry(exact), "[", "; ", ", ", "]")


def latex(value: np.ndarray | float, exact: bool | None = None) -> str:
    """As a bmatrix: givens shortest, answers to 4 significant figures (or exact)."""
    return _matrix(value, _entry(exact), r"\begin{bmatrix}", r" \\ ", " & ", r"\end{bmatrix}")


def cross_check(first: np.ndarray | float, second: np.ndarray | float, what: str, rtol: float = 1e-9,
                atol: float = 1e-12) -> None:
    """Two independent computations of one answer must agree, or the question is not made (a bug of ours)."""
    if not np.allclose(np.asarray(first, float), np.asarray(second, float), rtol=rtol, atol=atol):
        raise AssertionError(f"cross-check failed for {what}: {first!r} vs {second!r}")
