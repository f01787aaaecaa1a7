"""The one helper families build their questions with: a numeric blank from a computed value.

>>> import numpy as np
>>> b = numeric_blank("1", np.array([0.5, 0.25]))
>>> b.check.reference, b.check.rtol, b.answer_text
('[0.5; 0.25]', 0.001, '[0.5; 0.25]')
"""

from __future__ import annotations

from typing import Any

import numpy as np

from question_bank import numbers
from question_bank.model import Blank, Check, Question, Text


def numeric_blank(label: str, value: np.ndarray | float) -> Blank:
    """A blank whose reference is the literal of ``value`` (6 significant digits), rtol stated."""
    return Blank(label, Check(reference=numbers.literal(value), rtol=numbers.RTOL), numbers.text(value), numbers.latex(value))


def catalog_blank(label: str, entry_id: str, part_name: str, answer: tuple[str, str] | None = None) -> Blank:
    """A blank checked against a catalog part (any equivalent expression is right); ``answer`` = (text, LaTeX)
    when the model answer is written in another form than the part's reference."""
    from checker.language.parser import parse
    from checker.language.printing import to_latex
    from checker.language.shapes import parse_shapes
    from derivations.catalog import get

    entry = get(entry_id)
    part = next(p for p in entry.parts if p.name == part_name)
    names = set(parse_shapes(entry.symbols)) | set(entry.aliases) | {"a", "s"}
    latex = to_latex(parse(part.reference, names=names))
    text = part.reference
    if answer is not None:
        text, latex = answer
    return Blank(label, Check(reference=part.reference, shapes=entry.symbols, kind=part.kind, where=part.where,
                              catalog=(entry_id, part_name)), text, latex)


ROUNDING: Text = {"en": "Give numbers to 4 significant digits (relative tolerance 0.1%).",
                  "zh": "数值保留 4 位有效数字（相对误差 0.1%）。"}


def labelled(blanks: tuple[Blank, ...], lang: str) -> str:
    """The model answer listing each blank: ``(1) $…$``, one per paragraph."""
    return "\n\n".join(f"({b.label}) ${b.answer_latex}$" for b in blanks)


def question(family: str, seed: int, topic: str, type_: str, prompt: Text, blanks: tuple[Blank, ...], *,
             explain: Text | None = None, params: dict[str, Any] | None = None, points: int = 5,
             catalog_id: str | None = None, numeric: bool = True) -> Question:
    """A Question whose answer lists the blanks' computed values, after an optional explanation."""
    answer = {}
    for lang in ("en", "zh"):
        head = explain[lang] + "\n\n" if explain else ""
        answer[lang] = head + labelled(blanks, lang)
    if numeric:
        prompt = {lang: prompt[lang] + " " + ROUNDING[lang] for lang in ("en", "zh")}
    return Question(id=f"{family}.{seed}", family=family, topic=topic, type=type_, prompt=prompt, answer=answer,
                    seed=seed, blanks=blanks, points=points, catalog_id=catalog_id, params=params or {})
