"""Markdown with ``$…$`` math; prose escaped for Markdown (``question_bank.typeset.markdown``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from question_bank.export.common import context
from question_bank.export.sheet import Sheet
from question_bank.model import Question
from question_bank.typeset.env import environment


_ITEM = re.compile(r"(- |\d+\. )")


def _blocks(text: str) -> str:
    """A blank line before every heading and after every list, so each block stands alone."""
    out: list[str] = []
    for line in text.splitlines():
        prev = out[-1] if out else ""
        if line and prev and (line.startswith("#") or (_ITEM.match(prev) and not _ITEM.match(line))):
            out.append("")
        out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def export(questions: Sequence[Question], lang: str, title: str, answers: str, sheet: Sheet | None = None) -> str:
    return _blocks(environment().get_template("exam.md.j2").render(**context(questions, lang, title, answers, sheet)))
