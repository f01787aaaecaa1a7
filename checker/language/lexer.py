"""Tokens of the expression language, from plain text, LaTeX or Unicode, with their columns.

LaTeX is read directly (no pre-processing that would lose columns): commands map to the same tokens
as their plain spellings, meaningless wrappers (``\\mathbf{}``, ``\\left``, spacing) vanish, and
braces group like parentheses.

>>> [t.text for t in tokenize(r"2\\mathbf{A}^\\top(\\mathbf{A}x-b)")]
['2', '{', 'A', '}', '^', '⊤', '(', '{', 'A', '}', 'x', '-', 'b', ')']
>>> [t.text for t in tokenize("W^{(l)} .* f'(z)")]
['W', '^', '{', '(', 'l', ')', '}', '.*', 'f', "'", '(', 'z', ')']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from checker.language.errors import InputError, LimitExceeded
from checker.language.functions import TEX_WORDS
from checker.language.keyboard import normalize_keyboard
from checker.language.messages import message
from checker.language.limits import MAX_DECIMAL_EXPONENT, MAX_INPUT_CHARS, MAX_LITERAL_DIGITS
from checker.language.names import canonical_name
from checker.language.vocabulary import CONV_MODES, FUNCTION_ALIASES, GREEK, GREEK_WORDS

NUM, IDENT, OP, STRING, DIFF, END = "num", "ident", "op", "string", "diff", "end"


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    col: int  # 1-based column of the token's first character in the source
    space_before: bool = False


# ---- LaTeX commands, as data
_SKIP = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
         "biggr", "Biggl", "Biggr", "quad", "qquad", "enspace", "thinspace", "medspace",
         "thickspace", "displaystyle", "textstyle", "limits", "nolimits", "mathop", "nonumber", "notag"}
_SKIP_WITH_ARG = {"begin", "end", "tag", "label"}
_WRAPPERS = {"mathbf", "boldsymbol", "bm", "mathrm", "mathit", "mathsf", "mathnormal", "text", "textrm",
             "textit", "textbf", "operatorname", "vec", "mathbfit"}
_OPS = {"cdot": "*", "times": "*", "ast": "*", "circ": "∘", "odot": "∘", "oslash": "./", "otimes": "⊗",
        "top": "⊤", "intercal": "⊤", "|": "‖", "lVert": "‖", "rVert": "‖", "Vert": "‖", "vert": "|",
        "lvert": "|", "rvert": "|", "mid": "|", "ge": ">=", "geq": ">=", "geqslant": ">=", "le": "<=",
        "leq": "<=", "leqslant": "<=", "ne": "!=", "neq": "!=", "gt": ">", "lt": "<", "frac": "frac",
        "dfrac": "frac", "tfrac": "frac", "{": "(", "}": ")", "lbrack": "[", "rbrack": "]",
        "langle": "(", "rangle": ")"}
_UNSUPPORTED_HINT = {
    "sum": "write sums with sum(...) or with 1^T x",
    "partial": "write the derivative itself (the gradient or Jacobian), not ∂f/∂x",
    "nabla": "write the gradient itself, not ∇f",
    "prod": "products over an index are not supported",
    "int": "integrals are not supported",
}

# ---- Unicode, as data
_UNICODE_OPS = {"ᵀ": "ᵀ", "⊤": "⊤", "∘": "∘", "⊙": "∘", "⊗": "⊗", "⊘": "./", "·": "*", "×": "*",
                "⋅": "*", "−": "-", "–": "-", "‖": "‖", "≥": ">=", "≤": "<=", "≠": "!="}
_ASCII_OPS = ("**", ".*", "./", ".^", "||", ">=", "<=", "==", "!=", "+", "-", "*", "/", "@", "(", ")",
              "[", "]", "{", "}", ",", ";", "=", "^", "_", "'", "|", ">", "<", "!", ":")

_SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# scientific notation needs the exponent glued on and nothing name-like after it: 1e-3, 2.5E+2;
# 2e_y, 2e^{-1} and 2 e3 keep their old readings
_NUMBER = re.compile(r"(\d+(?:\.\d+)?|\.\d+)(?:[eE]([+-]?\d+)(?![A-Za-z0-9_'.]))?")
# matrix environments: \begin{bmatrix} … \end{bmatrix} read as [ … ], with & → ',' and \\ → ';'
MATRIX_ENVIRONMENTS = {"bmatrix", "pmatrix", "matrix", "Bmatrix", "smallmatrix"}
_LAST_ROW_BREAK = re.compile(r"\s*\\end\s*\{")
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_STRING = re.compile(r"'(valid|full|same|fro|inf)'|\"(valid|full|same|fro|inf)\"")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_BRACED = re.compile(r"\s*\{([^{}]*)\}")
_ACCENT_CMDS = {"hat", "tilde", "bar", "widehat", "widetilde"}


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; raises InputError at the first character it cannot read."""
    if len(text) > MAX_INPUT_CHARS:
        raise LimitExceeded(f"the input is {len(text)} characters long; the limit is {MAX_INPUT_CHARS}")
    return list(_Lexer(text).run())


class _Lexer:
    def __init__(self, text: str) -> None:
        self.source = text  # as typed: errors show it; columns are the same in both (one char for one)
        self.text = normalize_keyboard(text)
        self.pos = 0
        self.space = False
        self.matrix_depth = 0  # inside \begin{bmatrix} … \end{bmatrix}

    def tok(self, kind: str, value: str, start: int) -> Token:
        token = Token(kind, value, start + 1, self.space)
        self.space = False
        return token

    def error(self, message: str, at: int, expected: str | None = None) -> InputError:
        return InputError(message, text=self.source, column=at + 1, expected=expected)

    def run(self) -> Iterator[Token]:
        text = self.text
        while self.pos < len(text):
            ch, start = text[self.pos], self.pos
            if ch == "&" and self.matrix_depth:
                self.pos += 1
                yield self.tok(OP, ",", start)
                continue
            if ch in " \t\n\r~&$":
                self.pos += 1
                self.space = True
                continue
            if ch == "\\":
                yield from self.command()
                continue
            if m := _NUMBER.match(text, start):
                digits = m.group(1).replace(".", "")
                if len(digits) > MAX_LITERAL_DIGITS:
                    raise LimitExceeded(f"the number at column {start + 1} has more than {MAX_LITERAL_DIGITS} digits")
                if m.group(2) is not None and abs(int(m.group(2))) > MAX_DECIMAL_EXPONENT:
                    raise LimitExceeded(f"the exponent of the number at column {start + 1} is beyond ±{MAX_DECIMAL_EXPONENT}")
                self.pos = m.end()
                yield self.tok(NUM, m.group(), start)
                continue
            if m := _IDENT.match(text, start):
                self.pos = m.end()
                yield self.tok(IDENT, m.group(), start)
                continue
            if m := _STRING.match(text, start):
                self.pos = m.end()
                yield self.tok(STRING, m.group(1) or m.group(2), start)
                continue
            if text.startswith(("⁻¹", "⁻ᵀ"), start):
                self.pos += 2
                yield self.tok(OP, text[start : start + 2], start)
                continue
            if m := _SUPERSCRIPT.match(text, start):
                self.pos = m.end()
                yield self.tok(OP, m.group(), start)
                continue
            if ch in GREEK:
                self.pos += 1
                yield self.tok(IDENT, GREEK[ch], start)
                continue
            if ch in _UNICODE_OPS:
                self.pos += 1
                yield self.tok(OP, _UNICODE_OPS[ch], start)
                continue
            if ch == "𝟏" or ch == "𝟙":
                self.pos += 1
                yield self.tok(NUM, "1", start)
                continue
            if ch.isalpha() and canonical_name(ch) != ch:  # ŷ and friends
                self.pos += 1
                yield self.tok(IDENT, canonical_name(ch), start)
                continue
            if text.startswith(".T", start) and not (start + 2 < len(text) and (text[start + 2].isalnum() or text[start + 2] == "_")):
                self.pos += 2
                yield self.tok(OP, "ᵀ", start)
                continue
            for op in _ASCII_OPS:
                if text.startswith(op, start):
                    self.pos += len(op)
                    yield self.tok(OP, {"**": "^", "||": "‖", "==": "="}.get(op, op), start)
                    break
            else:
                typed = self.source[start]
                shown = repr(typed) if typed.isprintable() else f"U+{ord(typed):04X}"
                raise self.error(message("error.unexpected-character", char=shown), start, message("error.a-name-number-operator"))

    def braced(self, cmd: str, start: int) -> str:
        m = _BRACED.match(self.text, self.pos)
        if not m:
            raise self.error(f"\\{cmd} needs an argument in braces", self.pos, "{...}")
        self.pos = m.end()
        return m.group(1)

    def command(self) -> Iterator[Token]:
        start = self.pos
        m = _COMMAND.match(self.text, start)
        if not m:
            raise self.error("a lone backslash", start, "a LaTeX command")
        name = m.group(1)
        self.pos = m.end()
        if name in ",;:! " or name in _SKIP:
            self.space = True
            return
        if name in "[]()":
            return  # \[ \] \( \) display delimiters
        if name == "\\":
            if self.matrix_depth and not _LAST_ROW_BREAK.match(self.text, self.pos):
                yield self.tok(OP, ";", start)
            self.space = True
            return
        if name in ("begin", "end"):
            yield from self.environment(name, start)
            return
        if name in _SKIP_WITH_ARG:
            self.braced(name, start)
            return
        if name in _OPS:
            yield self.tok(OP, _OPS[name], start)
            return
        if name in TEX_WORDS or name == "infty":
            yield self.tok(IDENT, "inf" if name == "infty" else name, start)
            return
        if name in GREEK_WORDS or name.removeprefix("var") in GREEK_WORDS:
            yield self.tok(IDENT, name.removeprefix("var") if name != "varepsilon" else "epsilon", start)
            return
        if name in _ACCENT_CMDS:
            inner = self.braced(name, start) if _BRACED.match(self.text, self.pos) else self.next_word(name)
            yield self.tok(IDENT, canonical_name(f"\\{name}{{{inner}}}"), start)
            return
        if name == "mathbb":
            inner = self.braced(name, start).strip()
            if inner in ("1", "I"):
                yield self.tok(NUM if inner == "1" else IDENT, inner, start)
                return
            if inner == "R":
                raise self.error("\\mathbb{R} is a set, not a value", start, "an expression")
            raise self.error(f"unknown symbol \\mathbb{{{inner}}}", start, "\\mathbb{I} or \\mathbb{1}")
        if name in _WRAPPERS:
            m2 = _BRACED.match(self.text, self.pos)
            if m2:
                inner = m2.group(1).strip()
                if inner == "d":
                    self.pos = m2.end()
                    yield self.tok(DIFF, "d", start)
                    return
                if inner.strip("'") in CONV_MODES:
                    self.pos = m2.end()
                    yield self.tok(STRING, inner.strip("'"), start)
                    return
                if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*'?", inner) and (inner in FUNCTION_ALIASES or name in ("operatorname", "text", "textrm")):
                    self.pos = m2.end()
                    yield self.tok(IDENT, inner, start)
                    return
            return  # a wrapper without meaning: its braces group like parentheses
        hint = _UNSUPPORTED_HINT.get(name)
        raise self.error(f"unsupported LaTeX command \\{name}", start, hint or "an expression")

    def environment(self, name: str, start: int) -> Iterator[Token]:
        """``\\begin{bmatrix}`` → '[', ``\\end{bmatrix}`` → ']'; other environments (aligned, …) vanish."""
        env = self.braced(name, start).strip()
        if env == "vmatrix" or env == "Vmatrix":
            raise self.error(f"\\{name}{{{env}}} (a determinant) is not supported", start, "det(\\begin{bmatrix}…\\end{bmatrix})")
        if env not in MATRIX_ENVIRONMENTS:
            return
        if name == "begin":
            self.matrix_depth += 1
            yield self.tok(OP, "[", start)
        else:
            self.matrix_depth = max(0, self.matrix_depth - 1)
            yield self.tok(OP, "]", start)

    def next_word(self, cmd: str) -> str:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1
        m = _COMMAND.match(self.text, self.pos) if self.text.startswith("\\", self.pos) else _IDENT.match(self.text, self.pos)
        if not m:
            raise self.error(f"\\{cmd} needs a letter", self.pos, "a letter")
        self.pos = m.end()
        return m.group()
