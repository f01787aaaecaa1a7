"""The verified cheat sheet (`dlprep cheatsheet`): sections of formulas drawn from the catalog and
the engine, every formula re-checked when the sheet is built, rendered as LaTeX/PDF, HTML and Markdown.

    content/   what the sheet says (sections of formula specs, grouped as a student revises)
    kinds.py   formula kinds: where a formula comes from, its LaTeX, how it is re-checked
    slips.py   the common-slips box, from the catalog's mal-rules (with a computed counterexample)
    build.py   specs → verified formulas; the first failure stops the build in one line
    plots.py   activation plots from checker.networks (PDF, SVG; byte-stable)
    render.py  Jinja templates under question_bank/templates/cheatsheet/, one per format
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checker.language.errors import DlprepError
from question_bank.cheatsheet.build import FormulaFailed, build, resolve_topics
from question_bank.cheatsheet.model import Sheet
from question_bank.cheatsheet.render import FORMATS, formats, write_all

LANGS = {"en": ("en",), "zh": ("zh",), "both": ("zh", "en")}


@dataclass
class Made:
    sheet: Sheet
    files: list[Path] = field(default_factory=list)


def make(lang: str = "both", fmts: tuple[str, ...] | list[str] = ("pdf", "html"), topics: list[str] | None = None,
         out: Path | None = None, force: bool = False) -> Made:
    """Build and verify the sheet, then write its files into ``out`` (None: build only)."""
    if lang not in LANGS:
        raise DlprepError(f"unknown language '{lang}' (expected one of: {', '.join(LANGS)})")
    chosen = formats(fmts)
    resolve_topics(topics)  # an unknown topic is refused before the (slower) build
    if out is not None and not force and out.exists() and any(out.iterdir()):
        raise DlprepError(f"{out} exists and is not empty; use --force to overwrite, or --out another directory")
    sheet = build(topics)
    files = write_all(sheet, LANGS[lang], chosen, out) if out is not None else []
    return Made(sheet, files)


__all__ = ["FORMATS", "FormulaFailed", "LANGS", "Made", "build", "make"]
