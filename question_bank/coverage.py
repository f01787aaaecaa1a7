"""What the bank can ask, per catalog result (`dlprep bank`): catalog id × question type × families.

Each row: the result's CATALOG.md ``asked`` kinds, the kinds some family asks (``registry.coverage``)
and, per question type, the family variants that ask it (``registry.variants``), so a teacher sees what
an exam can hold and what is missing (a row whose ``missing`` is not empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from question_bank.model import COURSE_ORDER, TYPES


@dataclass
class Row:
    catalog: str
    asked: tuple[str, ...]  # CATALOG.md's asked column
    covered: tuple[str, ...]  # the asked kinds some family covers
    by_type: dict[str, list[str]] = field(default_factory=dict)  # question type → ["family:variant", …]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(k for k in self.asked if k not in self.covered)


def table() -> list[Row]:
    """One row per catalog entry, in catalog order."""
    from derivations.catalog import all_entries
    from question_bank.registry import coverage, families, variants

    kinds = coverage()
    rows = {e.id: Row(e.id, e.asked, tuple(k for k in e.asked if k in kinds.get(e.id, set()))) for e in all_entries()}
    for name in families():
        for slot in variants(name):
            if slot.catalog in rows:
                label = name if slot.count == 1 else f"{name}:{slot.key}"
                rows[slot.catalog].by_type.setdefault(slot.type, []).append(label)
    return list(rows.values())


def to_data(rows: list[Row]) -> list[dict]:
    return [{"catalog": r.catalog, "asked": list(r.asked), "covered": list(r.covered), "missing": list(r.missing),
             "types": {t: r.by_type.get(t, []) for t in COURSE_ORDER}} for r in rows]


HEAD = {"en": ("catalog id", "asked (CATALOG.md)", "missing"), "zh": ("目录编号", "考查方式（CATALOG.md）", "缺少")}


def render(rows: list[Row], lang: str = "en") -> str:
    """The table as Markdown: a column per question type with the number of variants and their families."""
    head = HEAD[lang]
    cols = [TYPES[t][lang] for t in COURSE_ORDER]
    lines = ["| " + " | ".join([head[0], head[1], *cols, head[2]]) + " |", "|" + "---|" * (len(cols) + 3)]
    for r in rows:
        cells = []
        for t in COURSE_ORDER:
            found = r.by_type.get(t, [])
            families = sorted({f.split(":")[0] for f in found})
            cells.append(f"{len(found)} ({', '.join(families)})" if found else "–")
        lines.append("| " + " | ".join([f"`{r.catalog}`", ", ".join(r.asked), *cells, ", ".join(r.missing) or "–"]) + " |")
    return "\n".join(lines)
