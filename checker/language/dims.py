"""Dimensions and shapes.

A dimension is an integer polynomial in size letters: ``n``, ``m``, ``n_{l-1}``, ``M-K+1``, ``3``, and
the products kron makes, ``m*p``.
Letters starting with ``?`` are unknowns that shape inference solves (the size of a ``1`` or ``I``).
A shape is a pair of dimensions; a column vector of length n is (n, 1), a scalar (1, 1).

>>> Dim.parse("M-K+1")
Dim('M - K + 1')
>>> Dim.parse("n_{l-1}") == Dim.atom("n_{l-1}")
True
>>> str(Dim.parse("2")), Dim.parse("1").is_one
('2', True)
>>> Dim.parse("3*n") == Dim.atom("n").scale(3), Dim.atom("m") * Dim.parse("p + 1")
(True, Dim('m + m*p'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from checker.language.errors import InputError

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+)|(?P<atom>[A-Za-z][A-Za-z0-9]*(?:_(?:\{[^{}]*\}|[A-Za-z0-9]+))?|\?\d+)|(?P<op>[-+*()]))")

Monomial = tuple[str, ...]  # a product of size atoms, sorted: ("m", "n") is m·n, ("n",) is n


@dataclass(frozen=True)
class Dim:
    """``const + Σ coef·monomial``, kept canonical (sorted monomials, no zero coefficients); a monomial
    is a product of size atoms, so kron's m·p and conv's sizes are terms, not text parsed back."""

    terms: tuple[tuple[Monomial, int], ...] = ()
    const: int = 0

    # ---- construction
    @staticmethod
    def atom(name: str) -> Dim:
        return Dim((((name,), 1),), 0)

    @staticmethod
    def num(value: int) -> Dim:
        return Dim((), int(value))

    @staticmethod
    def parse(text: str) -> Dim:
        """Parse ``n``, ``3``, ``M-K+1``, ``n_{l-1}``, ``2n``, ``3*n``, ``m*n + 1``, ``2*(m + 1)``; raises InputError."""
        reader = _Reader(text)
        total = reader.sum()
        if reader.pos != len(reader.src):
            raise reader.error("+, - or * between terms")
        return total

    # ---- algebra
    def __add__(self, other: Dim) -> Dim:
        acc: dict[Monomial, int] = dict(self.terms)
        for a, c in other.terms:
            acc[a] = acc.get(a, 0) + c
        return Dim(tuple(sorted((a, c) for a, c in acc.items() if c)), self.const + other.const)

    def __sub__(self, other: Dim) -> Dim:
        return self + other.scale(-1)

    def __mul__(self, other: Dim) -> Dim:
        """(Σ aᵢ)(Σ bⱼ), monomials multiplied: (m + 1)·p = m·p + p."""
        out = Dim.num(self.const * other.const)
        for a, c in self.terms:
            out = out + Dim((((a), c * other.const),) if other.const else (), 0)
            for b, d in other.terms:
                out = out + Dim(((tuple(sorted(a + b)), c * d),), 0)
        for b, d in other.terms:
            out = out + Dim(((b, d * self.const),) if self.const else (), 0)
        return out

    def scale(self, k: int) -> Dim:
        return Dim(tuple((a, c * k) for a, c in self.terms if c * k), self.const * k)

    def substitute(self, mapping: Mapping[str, Dim]) -> Dim:
        out = Dim.num(self.const)
        for mono, c in self.terms:
            term = Dim.num(c)
            for a in mono:
                term = term * (mapping[a] if a in mapping else Dim.atom(a))
            out = out + term
        return out

    def divide(self, mono: Monomial, c: int) -> Dim | None:
        """self / (c·mono) when every term is a multiple of it (``2m*p / m`` = ``2p``), else None."""
        out = Dim()
        if self.const:
            if mono or self.const % c:
                return None
            out = Dim.num(self.const // c)
        for a, k in self.terms:
            rest = list(a)
            for atom in mono:
                if atom not in rest:
                    return None
                rest.remove(atom)
            if k % c:
                return None
            out = out + (Dim(((tuple(rest), k // c),), 0) if rest else Dim.num(k // c))
        return out

    def evaluate(self, sizes: Mapping[str, int]) -> int:
        """The integer size under ``sizes`` (unknown ``?`` atoms count as 1)."""
        total = self.const
        for mono, c in self.terms:
            value = c
            for a in mono:
                value *= sizes.get(a, 1)
            total += value
        return total

    # ---- queries
    @property
    def atoms(self) -> tuple[str, ...]:
        """The size atoms it reads, each once, in order."""
        return tuple(dict.fromkeys(a for mono, _ in self.terms for a in mono))

    @property
    def is_linear(self) -> bool:
        return all(len(mono) == 1 for mono, _ in self.terms)

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
            mag = "" if abs(c) == 1 else str(abs(c)) + ("*" if len(a) > 1 else "")
            parts.append(("- " if c < 0 else "+ ") + mag + "*".join(a))
        if self.const:
            parts.append(("- " if self.const < 0 else "+ ") + str(abs(self.const)))
        s = " ".join(parts)
        return s[2:] if s.startswith("+ ") else "-" + s[2:]

    def __repr__(self) -> str:
        return f"Dim({str(self)!r})"


class _Reader:
    """sum := term (± term)*; term := factor (* factor | juxtaposed atom)*; factor := number | atom | (sum)."""

    def __init__(self, text: str) -> None:
        self.text, self.src, self.pos = text.strip(), text.strip(), 0

    def error(self, expected: str) -> InputError:
        return InputError(f"cannot read the size '{self.text}'", expected=expected)

    def peek(self) -> re.Match[str] | None:
        m = _TOKEN.match(self.src, self.pos)
        return m if m and m.end() > self.pos else None

    def sum(self) -> Dim:
        sign, total = 1, Dim()
        m = self.peek()
        while m and m.group("op") in ("+", "-"):  # leading signs
            sign = -sign if m.group("op") == "-" else sign
            self.pos = m.end()
            m = self.peek()
        total = self.term().scale(sign)
        while (m := self.peek()) and m.group("op") in ("+", "-"):
            self.pos = m.end()
            sign = 1 if m.group("op") == "+" else -1
            while (n := self.peek()) and n.group("op") in ("+", "-"):
                sign = -sign if n.group("op") == "-" else sign
                self.pos = n.end()
            total = total + self.term().scale(sign)
        return total

    def term(self) -> Dim:
        value = self.factor()
        while (m := self.peek()) and (m.group("op") == "*" or m.group("atom") or m.group("op") == "("):
            if m.group("op") == "*":
                self.pos = m.end()
            value = value * self.factor()
        return value

    def factor(self) -> Dim:
        m = self.peek()
        if m is None or m.group("op") in ("+", "-", "*", ")"):
            raise self.error("a size such as n, 3 or M-K+1")
        self.pos = m.end()
        if m.group("num"):
            return Dim.num(int(m.group("num")))
        if m.group("atom"):
            return Dim.atom(m.group("atom"))
        inner = self.sum()
        close = self.peek()
        if close is None or close.group("op") != ")":
            raise self.error("a closing )")
        self.pos = close.end()
        return inner


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
