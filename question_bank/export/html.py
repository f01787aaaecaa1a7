"""HTML: one self-contained page, math as MathML (Chromium renders it natively; no script, no network),
answers behind a ``<details>`` reveal, a layout that reads on a phone."""

from __future__ import annotations

from collections.abc import Sequence

from question_bank.export.common import context
from question_bank.export.sheet import Sheet
from question_bank.model import Question
from question_bank.typeset.env import environment


def export(questions: Sequence[Question], lang: str, title: str, answers: str, sheet: Sheet | None = None) -> str:
    return environment().get_template("exam.html.j2").render(**context(questions, lang, title, answers, sheet))
