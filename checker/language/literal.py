"""Matrix and vector literals, the answers of numeric questions: a sub-parser of the expression language.

Spellings (all give one :class:`checker.language.ast.Matrix`):

* ``[1, 2; 3, 4]`` — entries separated by ``,``, rows by ``;`` (MATLAB with commas);
* ``[[1, 2], [3, 4]]`` — a list of rows (NumPy); ``[[1], [2]]`` is a column;
* ``[1; 2; 3]`` — a column (n×1), ``[1, 2, 3]`` — a row (1×n), ``[1, 2, 3]^T`` — a column again;
* ``\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}`` (also pmatrix, matrix) — the lexer turns it into
  ``[1, 2; 3, 4]``.

A bracket is a literal when a ``,`` or ``;`` stands at its top level; ``[x + 1]`` stays a grouping.
An entry is a constant scalar: a number (``-0.25``, ``1e-3``, ``2.5E+2``), a fraction ``1/3``, or a
constant expression of numbers with ``+ - * / ^`` and scalar functions (``sqrt(2)/2``, ``e^{-1}``,
``exp(-1)``, ``log(2)``, ``sigmoid(0.5)``); a lone ``e`` is Euler's number. Names are refused: an
answer key is numbers. Entries are bounded in count and length (:mod:`checker.language.limits`).

>>> from checker.language.parser import parse
>>> m = parse("[1, 2; 3, 4]")
>>> (m.rows, m.cols), parse("[[1, 2], [3, 4]]") == m, parse(r"\\begin{bmatrix}1 & 2\\\\ 3 & 4\\end{bmatrix}") == m
((2, 2), True, True)
>>> (parse("[1; 2; 3]").rows, parse("[1, 2, 3]").rows)
(3, 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from checker.language import ast as A
from checker.language.errors import InputError, LimitExceeded
from checker.language.functions import FUNCTIONS
from checker.language.lexer import END, NUM, OP, Token
from checker.language.limits import MAX_ENTRY_CHARS, MAX_MATRIX_ENTRIES

SEPARATORS = (",", ";")
RANDOM_FUNCTIONS = ("f", "f'")  # bound to a random function per instance: never a constant
ENTRY_NODES = (A.Num, A.Neg, A.Add, A.Mul, A.Div, A.Pow, A.Func)
_CLOSERS = {")", "]", "}"}
_OPENERS = {"(", "[", "{"}


def starts_literal(tokens: list[Token], i: int) -> bool:
    """Is the '[' at ``tokens[i]`` a literal, i.e. is there a ',' or ';' at its top level?"""
    depth = 0
    for t in tokens[i:]:
        if t.kind == END:
            return False
        if t.kind == OP and t.text in _OPENERS:
            depth += 1
        elif t.kind == OP and t.text in _CLOSERS:
            depth -= 1
            if depth == 0:
                return False
        elif depth == 1 and t.kind == OP and t.text in SEPARATORS:
            return True
    return False


def parse_literal(p: Any) -> A.Matrix:
    """At a '[' that :func:`starts_literal`: the whole literal, up to its ']'. ``p`` is the parser."""
    opening = p.advance()
    p.enter()
    rows: list[list[A.Node]] = [[]]
    starts = [p.tok.col]  # column of each row's first entry, to point at a short or long row
    nested: list[bool] = []
    count = 0
    items: list[int] = []  # column of every item (a nested row's '[')
    while True:
        items.append(p.tok.col)
        if _nested_row_ahead(p):
            nested.append(True)
            rows[-1].append(_nested_row(p))
        else:
            nested.append(False)
            rows[-1].append(parse_entry(p))
        count += 1
        if count > MAX_MATRIX_ENTRIES:
            raise LimitExceeded(f"the matrix at column {opening.col} has more than {MAX_MATRIX_ENTRIES} entries")
        if p.at(","):
            p.advance()
        elif p.at(";"):
            p.advance()
            rows.append([])
            starts.append(p.tok.col)
        else:
            break
        if p.at("]"):
            raise p.error("expected an entry after the separator", p.tok)
    p.leave()
    p.expect("]", f"',', ';' or the closing ']' of the matrix at column {opening.col}")
    if any(nested):
        return _stack(p, opening, rows, nested, items)
    return _build(p, rows, starts)


def parse_entry(p: Any) -> A.Node:
    """One entry: a constant scalar expression, checked (names, spaces between numbers, length)."""
    first = p.i
    if p.tok.kind == OP and p.tok.text in SEPARATORS + ("]",):
        raise p.error("expected a matrix entry (a number)", p.tok)
    plain = _plain_number(p)
    if plain is not None:
        return plain
    entry = p.sum()
    tokens = p.tokens[first : p.i]
    end = p.tok.col
    if end - tokens[0].col > MAX_ENTRY_CHARS:
        raise LimitExceeded(f"the matrix entry at column {tokens[0].col} is longer than {MAX_ENTRY_CHARS} characters")
    _check_spacing(p, tokens)
    return _constant(p, entry, tokens[0])


def _plain_number(p: Any) -> A.Node | None:
    """The common entry, a signed number alone (``-0.25`` then ``,``), without the full grammar."""
    sign = 1 if p.tok.kind == OP and p.tok.text in ("+", "-") else 0
    number, after = p.peek(sign), p.peek(sign + 1)
    if number.kind != NUM or not (after.kind == END or (after.kind == OP and after.text in SEPARATORS + ("]",))):
        return None
    negative = sign and p.tok.text == "-"
    p.i += sign + 1
    node = A.Num(Fraction(number.text))
    return A.Neg(node) if negative else node


def _check_spacing(p: Any, tokens: list[Token]) -> None:
    """MATLAB's ``[1 2]`` and ``[1 -2]`` would silently read as 1·2 and 1 − 2: refuse them."""
    for k in range(1, len(tokens)):
        t, before = tokens[k], tokens[k - 1]
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if t.kind == NUM and t.space_before and (before.kind == NUM or before.text in _CLOSERS):
            raise p.error("two numbers side by side in a matrix entry", t,
                          "',' between entries (or '&' in bmatrix): [1, 2; 3, 4]")
        if t.kind == OP and t.text in "+-" and t.space_before and after is not None and not after.space_before and (before.kind == NUM or before.text in _CLOSERS):
            raise p.error(f"'{before.text} {t.text}{after.text}' is ambiguous in a matrix", t,
                          f"'{before.text}, {t.text}{after.text}' for two entries or '{before.text} {t.text} {after.text}' for one")


def _constant(p: Any, entry: A.Node, token: Token) -> A.Node:
    """The entry with a lone ``e`` read as Euler's number; anything but a constant is refused."""
    if isinstance(entry, A.Sym) and entry.name == "e":
        return A.Func("exp", (A.Num.of(1),))
    if isinstance(entry, A.Func) and not entry_function(entry.name):
        raise p.error(f"a matrix entry must be a number, not {entry.name}(…)", token,
                      "a number such as 1/3, -0.25, 1e-3 or sqrt(2)/2")
    if isinstance(entry, A.Matrix):
        raise p.error("a matrix inside a matrix entry", token, "numbers, or rows written [[1, 2], [3, 4]]")
    if not isinstance(entry, ENTRY_NODES):
        what = f"the name '{entry.name}'" if isinstance(entry, A.Sym) else f"'{_describe(entry)}'"
        raise p.error(f"a matrix entry must be a number, not {what}", token,
                      "a number such as 1/3, -0.25, 1e-3 or sqrt(2)/2")
    children = [_constant(p, c, token) for c in entry.children()]
    return A.rebuild(entry, children) if children else entry


def entry_function(name: str) -> bool:
    """May an entry apply ``name`` to numbers? Elementwise functions and max/min, not the random f.

    >>> entry_function("sqrt"), entry_function("sigmoid'"), entry_function("tr"), entry_function("f")
    (True, True, False, False)
    """
    record = FUNCTIONS.get(name)
    return record is not None and name not in RANDOM_FUNCTIONS and (record.elementwise or name in ("max", "min"))


def _describe(node: A.Node) -> str:
    from checker.language.printing import to_text

    return to_text(node)


def _nested_row_ahead(p: Any) -> bool:
    """A '[' whose group is the whole item (followed by ',', ';' or ']'): a row of [[1, 2], [3, 4]]."""
    if not p.at("["):
        return False
    group = p.group_tokens()
    after = p.peek(len(group))
    return after.kind == OP and after.text in SEPARATORS + ("]",)


def _nested_row(p: Any) -> A.Matrix:
    opening = p.advance()
    p.enter()
    entries = [parse_entry(p)]
    while p.at(","):
        p.advance()
        entries.append(parse_entry(p))
    p.leave()
    if p.at(";"):
        raise p.error("a ';' inside a nested row", p.tok, "rows written [[1, 2], [3, 4]] or [1, 2; 3, 4]")
    p.expect("]", f"',' or the closing ']' of the row at column {opening.col}")
    return A.Matrix(tuple(entries), 1, len(entries))


def _stack(p: Any, opening: Token, rows: list[list[A.Node]], nested: list[bool], items: list[int]) -> A.Matrix:
    """``[[1, 2], [3, 4]]``: every item a row, one list of them."""
    if not all(nested) or len(rows) > 1:
        k = next((k for k, flag in enumerate(nested) if flag != nested[0]), len(rows[0]))
        raise InputError("a matrix mixes nested rows [[…], […]] with plain entries or ';'", text=p.text,
                         column=items[k], expected="[[1, 2], [3, 4]] or [1, 2; 3, 4]")
    return _build(p, [list(row.entries) for row in rows[0]], items)  # type: ignore[attr-defined]


def _build(p: Any, rows: list[list[A.Node]], starts: list[int]) -> A.Matrix:
    widths = [len(row) for row in rows]
    if len(set(widths)) > 1:
        bad = next(k for k, w in enumerate(widths) if w != widths[0])
        raise InputError(f"row {bad + 1} of the matrix has {widths[bad]} entr{'y' if widths[bad] == 1 else 'ies'}, "
                         f"row 1 has {widths[0]}", text=p.text, column=starts[bad],
                         expected="the same number of entries in every row")
    return A.Matrix(tuple(e for row in rows for e in row), len(rows), widths[0])


def is_constant(node: A.Node) -> bool:
    """No symbols, no random parts (e_y, f, differentials): the value is the same on every instance.

    >>> from checker.language.parser import parse
    >>> is_constant(parse("[1/3, 2; sqrt(2)/2, e^{-1}]")), is_constant(parse("[1, 2] x"))
    (True, False)
    """
    return not any(isinstance(n, (A.Sym, A.OneHot, A.Differential)) or (isinstance(n, A.Func) and n.name in RANDOM_FUNCTIONS)
                   for n in node.walk())
