"""A catalog entry's part as a gradable :class:`checker.grading.problem.Problem`.

Reads the registry (symbols, the part's reference expression, abbreviations, mal-rules), so a new
catalog entry is checkable with no change elsewhere.
"""

from __future__ import annotations

from checker.grading.messages import LANG
from checker.grading.problem import Problem, parse_where
from checker.language.evaluate import has_kinks
from checker.language.errors import InputError
from checker.language.parser import parse
from checker.language.shapes import parse_shapes
from derivations.catalog import get


def from_catalog(entry_id: str, part: str | None = None, *, seed: int = 0) -> Problem:
    """The problem of catalog entry ``entry_id``, part ``part`` (default: the entry's first part)."""
    entry = get(entry_id)
    parts = list(entry.parts)
    if not parts:
        raise InputError(f"{entry_id} has no typed answer to check yet; see `dlprep show {entry_id}`")
    name = part or parts[0].name
    chosen = next((p for p in parts if p.name == name), None)
    if chosen is None:
        raise InputError(f"{entry_id} has no part '{name}'", expected="one of: " + ", ".join(p.name for p in parts))
    decls = parse_shapes(entry.symbols)
    aliases = {alias: parse(target, names=set(decls)) for alias, target in entry.aliases.items()}
    abbreviations = {**aliases, **parse_where(chosen.where, set(decls))}
    names = set(decls) | set(abbreviations)
    reference = parse(chosen.reference, names=names)
    lang = LANG.get()
    malrules = tuple(rule.resolved(names, lang) for rule in chosen.malrules)
    return Problem(
        decls,
        reference=reference,
        where=abbreviations,
        kind=chosen.kind,
        up_to_factor=chosen.up_to_factor,
        kink_aware=chosen.kink_aware or has_kinks(reference),
        malrules=malrules,
        function=parse(chosen.function, names=names) if chosen.function else None,
        wrt=chosen.wrt,
        seed=seed,
    )

