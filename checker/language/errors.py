"""The project's own errors: one clear line (what, where, what was expected), never a traceback.

>>> err = InputError("unexpected ')'", text="2A^T(Ax-b))", column=11, expected="an operator or the end")
>>> print(err.render())
error: unexpected ')' at column 11; expected an operator or the end
  2A^T(Ax-b))
            ^
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.language.messages import LANG, message


class DlprepError(Exception):
    """Base class: every error a user can provoke. Rendered as one line; the CLI exits with 2."""

    def render(self) -> str:
        return message("error.line", text=self)


@dataclass
class InputError(DlprepError):
    """Bad user input, with an optional position (1-based column) in `text` and what was expected."""

    message: str
    text: str | None = None
    column: int | None = None
    expected: str | None = None
    lang: str = field(default_factory=LANG.get, compare=False)  # the language it was raised in: its frame follows

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        text = message("error.at", self.lang, message=self.message, column=self.column) if self.column is not None else self.message
        return message("error.expected", self.lang, text=text, expected=self.expected) if self.expected else text

    def render(self) -> str:
        line = message("error.line", self.lang, text=self)
        if self.text is not None and self.column is not None and len(self.text) <= 200:
            shown = self.text.replace("\n", " ").replace("\t", " ")
            shown = "".join(ch if ch.isprintable() else "?" for ch in shown)
            line += f"\n  {shown}\n  {' ' * (self.column - 1)}^"
        return line


class ShapeError(InputError):
    """Shapes that do not fit: names the sub-expression and both shapes."""


class UnknownSymbolError(InputError):
    """A name that was not declared; the message lists the declared ones."""


class LimitExceeded(DlprepError):
    """Input or work beyond the bounds (length, depth, literal size, exponent, wall-clock time)."""


class UnsupportedError(DlprepError):
    """A well-formed expression the engine cannot handle; names the unsupported operation."""
