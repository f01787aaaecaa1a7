"""The blank of a catalog part, shared by the families whose answers are course formulas.

>>> catalog_blank("1", "least-squares-gradient", "gradient").check.catalog
('least-squares-gradient', 'gradient')
"""

from __future__ import annotations

from question_bank.model import Blank, Check


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
