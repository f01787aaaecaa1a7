"""Numeric answers judged entry by entry: which entries are wrong, and whether the whole matrix is
negated, transposed or scaled (what STACK, Numbas and PrairieLearn do not say about a matrix).

An entry a of the answer agrees with the reference entry r when |a − r| ≤ rtol·|r| + ATOL (NumPy's
``isclose`` with the problem's relative tolerance; ATOL only absorbs rounding noise around 0).
Indices are 1-based, (row, column), as a student reads them.

>>> wrong_entries(np.array([[1, 0.52], [0.5, 4]]), np.array([[1, 0.25], [0.5, 4]]), 1e-3)
[(1, 2, 0.25, 0.52)]
>>> print(describe([(1, 2, 0.25, 0.52)], (2, 2)))
Entry (1,2) is wrong: expected 0.25, got 0.52. The other entries are right.
>>> whole_matrix(np.array([[1.0], [2.0]]).T, np.array([[1.0], [2.0]]), 1e-6)[0]
'transpose'
>>> whole_matrix(2 * np.eye(2) + 1, np.eye(2) + 0.5, 1e-6)
('scale', 'Your answer is 2 times the right one: every entry is off by the same factor.')
"""

from __future__ import annotations

import numpy as np

from checker.grading.messages import message, number

ATOL = 1e-12
SHOWN = 5  # wrong entries spelled out in a message; the rest are counted
Entry = tuple[int, int, float, float]  # (row, column, expected, got), 1-based


def entries_close(answer: np.ndarray, reference: np.ndarray, rtol: float) -> bool:
    """Same shape and every entry within the relative tolerance."""
    return answer.shape == reference.shape and bool(np.all(np.abs(answer - reference) <= rtol * np.abs(reference) + ATOL))


def wrong_entries(answer: np.ndarray, reference: np.ndarray, rtol: float) -> list[Entry]:
    """The entries outside the tolerance, row by row (the answer must have the reference's shape)."""
    bad = np.argwhere(np.abs(answer - reference) > rtol * np.abs(reference) + ATOL)
    return [(int(i) + 1, int(j) + 1, float(reference[i, j]), float(answer[i, j])) for i, j in bad]


def whole_matrix(answer: np.ndarray, reference: np.ndarray, rtol: float) -> tuple[str, str] | None:
    """(code, message) when the whole answer is −R, Rᵀ (a row for a column) or c·R; else None."""
    if not np.any(np.abs(reference) > ATOL):
        return None
    if entries_close(answer, -reference, rtol):
        return "sign", message("numeric-sign")
    if answer.shape == reference.T.shape and entries_close(answer, reference.T, rtol) and not entries_close(answer, reference, rtol):
        rows, cols = reference.shape
        if cols == 1:
            return "transpose", message("row-for-column", n=rows)
        if rows == 1:
            return "transpose", message("column-for-row", n=cols)
        return "transpose", message("numeric-transpose")
    if answer.shape == reference.shape and reference.size > 1:  # any wrong number is a multiple of the right one
        factor = float(np.sum(answer * reference) / np.sum(reference * reference))
        if abs(factor - 1) > rtol and abs(factor) > rtol and entries_close(answer, factor * reference, rtol):
            return "scale", message("numeric-scale", factor=nice_factor(factor, rtol))
    return None


def nice_factor(c: float, rtol: float) -> str:
    """2, 1/2, -3/4 when c is that within the tolerance; else 4 significant digits."""
    for den in (1, 2, 3, 4):
        num = round(c * den)
        if num and abs(c - num / den) <= max(rtol, 1e-9) * abs(c):
            return str(num) if den == 1 else f"{num}/{den}"
    return number(c)


def describe(wrong: list[Entry], shape: tuple[int, int]) -> str:
    """One message naming the wrong entries: all of them up to SHOWN, then the first SHOWN and a count."""
    if not wrong:
        return ""
    vector = shape[0] == 1 or shape[1] == 1
    shown = wrong[:SHOWN]
    details = _join_details([message("entry-detail", where=_where(e, vector), expected=_pair(e)[0], got=_pair(e)[1]) for e in shown])
    total = shape[0] * shape[1]
    if total == 1:
        return message("value-wrong", expected=_pair(wrong[0])[0], got=_pair(wrong[0])[1])
    if len(wrong) == 1:
        e = wrong[0]
        return message("entry-wrong", where=_where(e, vector), expected=_pair(e)[0], got=_pair(e)[1])
    if len(wrong) <= SHOWN:
        return message("entries-wrong", wheres=_join_places([_where(e, vector) for e in wrong]), details=details)
    return message("entries-wrong-many", count=len(wrong), total=total, shown=len(shown), details=details)


def _where(e: Entry, vector: bool) -> str:
    return str(max(e[0], e[1])) if vector else f"({e[0]},{e[1]})"


def _pair(e: Entry) -> tuple[str, str]:
    """Expected and got with just enough digits to tell them apart (4 to 12 significant)."""
    for digits in range(4, 13):
        a, b = number(e[2], digits), number(e[3], digits)
        if a != b:
            return a, b
    return f"{e[2]!r}", f"{e[3]!r}"


def _join_places(places: list[str]) -> str:
    return places[0] if len(places) == 1 else message("list-sep").join(places[:-1]) + message("list-and") + places[-1]


def _join_details(details: list[str]) -> str:
    return message("detail-sep").join(details)
