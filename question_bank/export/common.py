"""What the Markdown, LaTeX and HTML exporters share: languages, headings, the context of a template."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from question_bank.model import TYPES, Question
from question_bank.topics import TOPICS

WORDS: dict[str, dict[str, str]] = {
    "answer": {"en": "Answer", "zh": "答案"},
    "key": {"en": "Answer key", "zh": "答案"},
    "show": {"en": "Show answer", "zh": "显示答案"},
    "points": {"en": "points", "zh": "分"},
    "steps": {"en": "Model derivation (every claim checked numerically)", "zh": "参考推导（每个命题均经数值验证）"},
    "key_points": {"en": "Grading points", "zh": "评分要点"},
    "choices": {"en": "Choices", "zh": "选项"},
    "check": {"en": "Check your answer", "zh": "检查答案"},
    "seed": {"en": "seed", "zh": "种子"},
    "total": {"en": "Total", "zh": "总分"},
    "verified": {"en": "checked numerically", "zh": "已数值验证"},
    "unchecked": {"en": "definition or argument, not a numeric claim", "zh": "定义或论证，非数值命题"},
}


def languages(lang: str) -> list[str]:
    """``both`` is Chinese then English."""
    return ["zh", "en"] if lang == "both" else [lang]


def context(questions: Sequence[Question], lang: str, title: str, answers: str) -> dict[str, Any]:
    """The variables every exam template receives."""
    langs = languages(lang)
    seeds = sorted({q.params.get("exam_seed") for q in questions if q.params.get("exam_seed") is not None})
    return {
        "questions": list(questions), "langs": langs, "lang": langs[0], "title": title, "answers": answers,
        "show_answers": answers in ("inline", "key"), "key": answers == "key", "words": WORDS, "types": TYPES,
        "topics": TOPICS, "total": sum(q.points for q in questions), "seed": seeds[0] if seeds else None,
        "choice_letters": "ABCDEFGH",
    }
