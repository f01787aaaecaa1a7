"""Markdown with ``$…$`` math; prose escaped for Markdown (``question_bank.typeset.markdown``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from question_bank.export.common import context
from question_bank.model import Question
from question_bank.typeset.env import environment


def export(questions: Sequence[Question], lang: str, title: str, answers: str) -> str:
    text = environment().get_template("exam.md.j2").render(**context(questions, lang, title, answers))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
