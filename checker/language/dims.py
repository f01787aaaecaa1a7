"""Dimensions and shapes.

A dimension is an integer-linear form in size letters: ``n``, ``m``, ``n_{l-1}``, ``M-K+1``, ``3``.
Letters starting with ``?`` are unknowns that shape inference solves (the size of a ``1`` or ``I``).
A shape is a pair of dimensions; a column vector of length n is (n, 1), a scalar (1, 1).

>>> Dim.parse("M-K+1")
Dim('M - K + 1')
>>> Dim.parse("n_{l-1}") == Dim.atom("n_{l-1}")
True
>>> str(Dim.parse("2")), Dim.parse("1").is_one
('2', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from checker.language.errors import InputError

_ATOM = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_(?:\{[^{}]*\}|[A-Za-z0-9]+))?")
_TOKEN = re.compile(r"\s*(?:(?P<num>\d+)|(?P<atom>[A-Za-z][A-Za-z0-9]*(?:_(?:\{[^{}]*\}|[A-Za-z0-9]+))?|\?\d+)|(?P<op>[+-]))")


@dataclass(frozen=True)
class Dim:
    """``const + Σ coef·atom``, kept canonical (sorted atoms, no zero coefficients)."""

    terms: tuple[tuple[str, int], ...] = ()
    const: int = 0

    # ---- construction
    @staticmethod
    def atom(name: str) -> Dim:
        return Dim(((name, 1),), 0)

    @staticmethod
    def num(value: int) -> Dim:
        return Dim((), int(value))

    @staticmethod
    def parse(text: str) -> Dim:
        """Parse ``n``, ``3``, ``M-K+1``, ``n_{l-1}``, ``2n``; raises InputError."""
        src = text.strip()
        if src.startswith("(") and src.endswith(")"):
            src = src[1:-1]
        pos, sign, total = 0, 1, Dim()
        expect_term = True
        while pos < len(src):
            m = _TOKEN.match(src, pos)
            if not m or m.end() == pos:
                raise InputError(f"cannot read the size '{text.strip()}'", expected="a size such as n, 3 or M-K+1")
            pos = m.end()
            if m.group("op"):
                if not expect_term and m.group("op") in "+-":
                    sign = 1 if m.group("op") == "+" else -1
                    expect_term = True
                    continue
                sign = -sign if m.group("op") == "-" else sign
                continue
            if not expect_term:
                raise InputError(f"cannot read the size '{text.strip()}'", expected="+ or - between terms")
            if m.group("num"):
                from checker.language.limits import LIMITS  # here: limits imports the tree, which imports dims

                LIMITS["literal_digits"].check(len(m.group("num")), f"(digits of the size '{text.strip()[:40]}')")
                if re.match(r"[eE][+-]?\d", src[pos:]):
                    raise InputError(f"cannot read the size '{text.strip()[:40]}'", expected="a whole number such as 1000 (no scientific notation)")
                coef = int(m.group("num"))
                nxt = _TOKEN.match(src, pos)
                if nxt and nxt.group("atom"):  # 2n
                    pos = nxt.end()
                    total = total + Dim.atom(nxt.group("atom")).scale(sign * coef)
                else:
                    total = total + Dim.num(sign * coef)
            else:
                total = total + Dim.atom(m.group("atom")).scale(sign)
            sign, expect_term = 1, False
            if src[pos:].strip() == "":
                break
        if expect_term:
            raise InputError(f"cannot read the size '{text.strip()}'", expected="a size such as n, 3 or M-K+1")
        return total

    # ---- algebra
    def __add__(self, other: Dim) -> Dim:
        acc: dict[str, int] = dict(self.terms)
        for a, c in other.terms:
            acc[a] = acc.get(a, 0) + c
        return Dim(tuple(sorted((a, c) for a, c in acc.items() if c)), self.const + other.const)

    def __sub__(self, other: Dim) -> Dim:
        return self + other.scale(-1)

    def scale(self, k: int) -> Dim:
        return Dim(tuple((a, c * k) for a, c in self.terms if c * k), self.const * k)

    def substitute(self, mapping: Mapping[str, Dim]) -> Dim:
        out = Dim.num(self.const)
        for a, c in self.terms:
            out = out + (mapping[a].scale(c) if a in mapping else Dim(((a, c),), 0))
        return out

    def evaluate(self, sizes: Mapping[str, int]) -> int:
        """The integer size under ``sizes`` (unknown ``?`` atoms count as 1)."""
        return self.const + sum(c * sizes.get(a, 1) for a, c in self.terms)

    # ---- queries
    @property
    def atoms(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.terms)

    @property
    def is_one(self) -> bool:
        return not self.terms and self.const == 1

    @property
    def is_unknown(self) -> bool:
        return any(a.startswith("?") for a in self.atoms)

    def __str__(self) -> str:
        if not self.terms:
            return str(self.const)
        parts: list[str] = []
        for a, c in sorted(self.terms, key=lambda t: t[1] < 0):
            mag = "" if abs(c) == 1 else str(abs(c))
            parts.append(("- " if c < 0 else "+ ") + mag + a)
        if self.const:
            parts.append(("- " if self.const < 0 else "+ ") + str(abs(self.const)))
        s = " ".join(parts)
        return s[2:] if s.startswith("+ ") else "-" + s[2:]

    def __repr__(self) -> str:
        return f"Dim({str(self)!r})"


Shape = tuple[Dim, Dim]

ONE = Dim.num(1)
SCALAR: Shape = (ONE, ONE)


def column(n: Dim) -> Shape:
    """Shape of a column vector of length n."""
    return (n, ONE)


def is_scalar(shape: Shape) -> bool:
    return shape[0].is_one and shape[1].is_one


def is_vector(shape: Shape) -> bool:
    return shape[1].is_one and not shape[0].is_one


def format_shape(shape: Shape) -> str:
    """``m×n``, ``n`` for a column, ``1×n`` for a row, ``scalar``.

    >>> format_shape((Dim.atom("m"), Dim.atom("n"))), format_shape(column(Dim.atom("n"))), format_shape(SCALAR)
    ('m×n', 'n', 'scalar')
    """
    rows, cols = shape
    if is_scalar(shape):
        return "scalar"
    if cols.is_one:
        return _paren(rows)
    return f"{_paren(rows)}×{_paren(cols)}"


def _paren(d: Dim) -> str:
    s = str(d)
    return f"({s})" if len(d.terms) + (1 if d.const else 0) > 1 else s
