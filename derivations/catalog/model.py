"""The shape of a catalog entry: a result of the course with its symbols, parts and typical slips.

Entries hold expressions as text in the expression language, so reading the registry costs no SymPy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from checker.grading.problem import MalRule  # the one MalRule; the catalog writes expr as text, message as Text

Text = dict[str, str]  # {"en": ..., "zh": ...}
DERIVATIONS = ("proof", "engine", "hand-written", "none")


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
    network: tuple[str, ...] = ()  # the problem's own variables, in order: "a^(l) = f(z^(l))", "z^(l+1) = W^(l+1) a^(l) + b^(l+1)"
    labels: tuple[str, ...] = ()  # names a step file may use for the answer: "delta^(l)"
    proof: tuple[tuple[str, str], ...] = ()  # the course's proof from the definitions: (line, rule), shown before the engine's

    @property
    def abbreviations(self) -> str | None:
        """``where`` and the network as one --where text (for the engine and --expr problems)."""
        pieces = [p for p in (self.where, *self.network) if p]
        return "; ".join(pieces) if pieces else None

    derivation: str = ""  # how it is derived: "engine" | "hand-written" | "none" (see below)

    def __post_init__(self) -> None:
        """The one rule for a part that does not say: a proof from the definitions when it has one,
        hand-written when it has steps, the engine when it
        has a function to differentiate, else none (a value or a condition, checked numerically).
        ``dlprep verify``, ``dlprep show`` and the tests all read ``derivation``."""
        how = self.derivation or ("proof" if self.proof else "hand-written" if self.steps else "engine" if self.function and self.wrt else "none")
        needs = {"proof": bool(self.proof), "engine": bool(self.function and self.wrt), "hand-written": bool(self.steps), "none": True}
        if how not in needs or not needs[how]:
            raise ValueError(f"part {self.name}: derivation {how!r} needs "
                             + {"proof": "proof lines", "engine": "a function and wrt", "hand-written": "steps"}.get(how, "one of " + " | ".join(DERIVATIONS)))
        object.__setattr__(self, "derivation", how)


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
