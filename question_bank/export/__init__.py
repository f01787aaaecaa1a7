"""Exporters: one module per format, one line per format in :data:`FORMATS`.

The interface every exporter implements (a plain function, no class)::

    def export(questions: Sequence[Question], lang: str, title: str, answers: str) -> str | bytes

- ``questions``: the exam's questions, in order (each holds both languages);
- ``lang``: ``"en"``, ``"zh"`` or ``"both"`` (both: the two languages one after the other, zh first);
- ``title``: the exam's title, user text: the exporter escapes it for its format;
- ``answers``: ``"none"`` (questions only), ``"inline"`` (each answer after its question) or ``"key"``
  (the answer key document of ``--answers separate``). Formats that always carry answers (Moodle,
  Anki) may ignore it; they are called once with ``"inline"``.

The page formats (``Format.sheet``: md, tex, html) take a keyword ``sheet`` (:class:`~question_bank.export.sheet.Sheet`:
paper size, answer space, duration, the copy's seed and its regeneration command).
It returns the whole file's content; the caller writes it atomically (``question_bank.typeset.write``).
Text fields are in the bank's markup: render them with ``question_bank.markup.convert``.

``FORMATS`` maps a format name to (module, file extension, always_answers); modules are imported lazily
so a format's dependencies (genanki, latex2mathml) load only when it is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Callable, NamedTuple

from question_bank.model import Question

Exporter = Callable[[Sequence[Question], str, str, str], "str | bytes"]

LANGS = ("en", "zh", "both")
ANSWERS = ("none", "inline", "key")


class Format(NamedTuple):
    module: str  # question_bank.export.<module> exposes export(questions, lang, title, answers)
    extension: str
    always_answers: bool  # one file holding the answers (Moodle, Anki): called once with "inline"
    binary: bool = False
    sheet: bool = False  # export(..., sheet=Sheet(...)): paper, answer space, duration, seed (export.sheet)


FORMATS: dict[str, Format] = {
    "md": Format("question_bank.export.markdown", ".md", False, sheet=True),
    "tex": Format("question_bank.export.latex", ".tex", False, sheet=True),
    "html": Format("question_bank.export.html", ".html", False, sheet=True),
    "moodle": Format("question_bank.export.moodle", ".moodle.xml", True),
    "anki": Format("question_bank.export.anki", ".apkg", True, binary=True),
}
ALIASES: dict[str, str] = {"markdown": "md", "latex": "tex", "xml": "moodle", "apkg": "anki", "htm": "html"}


def exporter(name: str) -> Exporter:
    """The export function of a format name (or alias)."""
    fmt = FORMATS[ALIASES.get(name, name)]
    return importlib.import_module(fmt.module).export


def available() -> list[str]:
    """The formats whose module is importable (Moodle and Anki land from issue-11-content)."""
    out = []
    for name, fmt in FORMATS.items():
        try:
            importlib.import_module(fmt.module)
        except ModuleNotFoundError as exc:
            if exc.name == fmt.module:
                continue
            raise
        out.append(name)
    return out
