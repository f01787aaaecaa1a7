"""The shape of a catalog entry: a result of the course with its symbols, parts and typical slips.

Entries hold expressions as text in the expression language, so reading the registry costs no SymPy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from checker.grading.problem import MalRule  # the one MalRule; the catalog writes expr as text, message as Text

Text = dict[str, str]  # {"en": ..., "zh": ...}


@dataclass(frozen=True)
class Part:
    """A checkable part: its reference answer (computed from the symbols) and how to judge it."""

    name: str
    shape: str
    reference: str
    kind: str = "value"  # gradient | jacobian | differential | value
    where: str | None = None
    up_to_factor: bool = False
    kink_aware: bool = False
    malrules: tuple[MalRule, ...] = ()
    function: str | None = None  # the scalar f a derivation of this part starts from
    wrt: str | None = None  # its variable
    steps: tuple[tuple[str, str], ...] = ()  # hand-written derivation: (line, rule), where the engine cannot derive f


@dataclass(frozen=True)
class Entry:
    id: str
    topic: str
    title: Text
    statement: Text
    asked: tuple[str, ...]
    symbols: str  # a --shapes declaration, distinct letters for distinct sizes
    parts: tuple[Part, ...]
    aliases: dict[str, str] = field(default_factory=dict)  # spelling -> canonical symbol (w -> omega)
    convention: Text | None = None
    core: bool = False
    identities: tuple[str, ...] = ()  # equations that must hold for all inputs (checked by `dlprep verify`)
    checks: tuple[Callable[[], tuple[float, float]], ...] = ()  # numeric checks: (max relative error, tolerance)
    verified_against: str = ""  # the reference network or NumPy function of the numeric checks
