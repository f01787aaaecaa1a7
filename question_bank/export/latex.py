"""LaTeX on the standard ``exam`` class: answers in ``solution`` environments and ``\\printanswers`` for the
key; ctex (with Noto CJK) for Chinese; compiled by ``latexmk -xelatex`` (``question_bank.typeset.pdf``)."""

from __future__ import annotations

from collections.abc import Sequence

from question_bank.export.common import context
from question_bank.export.sheet import Sheet
from question_bank.model import Question
from question_bank.typeset.env import environment


def export(questions: Sequence[Question], lang: str, title: str, answers: str, sheet: Sheet | None = None) -> str:
    return environment().get_template("exam.tex.j2").render(**context(questions, lang, title, answers, sheet))
