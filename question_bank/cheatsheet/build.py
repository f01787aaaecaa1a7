"""Build the sheet: every formula's LaTeX computed from the catalog or the engine now, and every
formula re-verified now; the first that fails stops the build with one line naming it.

>>> sheet = build(topics=["traces"])
>>> [f.key for f in sheet.formulas][:1], all(f.verification.ok for f in sheet.formulas)
(['trace-cyclic/identity-0'], True)
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from checker.language.errors import DlprepError, InputError
from question_bank.cheatsheet.model import BuiltSection, Formula, Item, Line, Sheet, Spec, Verification

LANGS = ("en", "zh")


class FormulaFailed(DlprepError):
    """A formula of the sheet did not check out: the sheet is not built."""


def resolve_topics(topics: Iterable[str] | None) -> list[str]:
    """Section keys for ``--topics`` (names or aliases, comma-separated allowed); None = all."""
    from question_bank.cheatsheet.content import KEYS, TOPIC_ALIASES

    if not topics:
        return list(KEYS)
    wanted = []
    for raw in topics:
        for name in filter(None, (t.strip().lower() for t in raw.split(","))):
            key = TOPIC_ALIASES.get(name, name)
            if key not in KEYS:
                raise InputError(f"unknown topic '{name}'", expected="one of: " + ", ".join(KEYS))
            if key not in wanted:
                wanted.append(key)
    return [k for k in KEYS if k in wanted]


def build(topics: Iterable[str] | None = None) -> Sheet:
    """The verified sheet for these topics (section keys or aliases); raises FormulaFailed."""
    from question_bank.cheatsheet.content import CONVENTION, sections

    start = time.perf_counter()
    keys = resolve_topics(topics)
    done: dict[str, Verification] = {}
    built = []
    for section in sections():
        if section.key in keys:
            built.append(BuiltSection(section.key, section.title, tuple(_line(item, done) for item in section.items), section.boxed))
    return Sheet(tuple(built), CONVENTION, seconds=time.perf_counter() - start)


def _line(item: Item, done: dict[str, Verification]) -> Line:
    if item.spec is not None:
        return Line(formula=_formula(item.spec, done))
    if item.plot is not None:
        return Line(plot=item.plot, row=tuple(_formula(spec, done) for spec in item.row))
    return Line(note=item.note)


def _formula(spec: Spec, done: dict[str, Verification]) -> Formula:
    try:
        latex = {lang: spec.latex(lang) for lang in LANGS}
        verification = done.get(spec.key) or spec.check()
    except DlprepError as exc:
        raise FormulaFailed(f"cheat sheet formula {spec.key} (catalog {spec.source}) could not be checked: {exc}") from exc
    done[spec.key] = verification
    if not verification.ok:
        raise FormulaFailed(f"cheat sheet formula {spec.key} (catalog {spec.source}) failed its check "
                            f"({verification.method}): {verification.detail}")
    extra = getattr(spec, "counterexample", lambda: None)()
    message = {lang: spec.message(lang) for lang in LANGS} if hasattr(spec, "message") else None
    return Formula(spec.key, spec.source, spec.origin, latex, spec.label, verification, message=message, counterexample=extra)
