"""What the Markdown, LaTeX and HTML exporters share: languages, headings, the context of a template."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from question_bank.export.sheet import Sheet, default_minutes, duration_text, space_cm
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
    "stated": {"en": "definition", "zh": "定义"},
    "unchecked": {"en": "argument, not a numeric claim", "zh": "论证，非数值命题"},
    # the printed paper: header, instructions, grade table, footer
    "course": {"en": "Deep Learning", "zh": "深度学习"},
    "key_title": {"en": "Answer key and marking scheme", "zh": "参考答案与评分标准"},
    "duration": {"en": "Time allowed", "zh": "考试时间"},
    "full_marks": {"en": "Full marks", "zh": "满分"},
    "name": {"en": "Name", "zh": "姓名"},
    "student_id": {"en": "Student ID", "zh": "学号"},
    "class": {"en": "Class", "zh": "班级"},
    "colon": {"en": ": ", "zh": "："},
    "instructions": {"en": "Instructions", "zh": "注意事项"},
    "rule_count": {"en": "This paper has {n} questions, {total} points in all; time allowed {duration}.",
                   "zh": "本试卷共 {n} 题，满分 {total} 分，考试时间 {duration}。"},
    "rule_space": {"en": "Write each answer in the box below its question; show the main steps of every proof and derivation.",
                   "zh": "请在每题下方的方框内作答；证明题与推导题须写出主要步骤。"},
    "rule_sheets": {"en": "Write your answers on the answer sheets; show the main steps of every proof and derivation.",
                    "zh": "请在答题纸上作答；证明题与推导题须写出主要步骤。"},
    "rule_notation": {"en": "Vectors are columns; $\\circ$ is the elementwise product; $J$ is the objective, $f$ the activation, $\\delta$ the residual.",
                      "zh": "向量均为列向量；$\\circ$ 表示逐元素乘积；$J$ 为目标函数，$f$ 为激活函数，$\\delta$ 为残差。"},
    "rule_key": {"en": "Each part and each marked line earns the points shown; an equivalent correct form earns them too.",
                 "zh": "每一小问与每一评分行按所注分值给分；与参考答案等价的正确形式同样给分。"},
    "g_question": {"en": "Question", "zh": "题号"},
    "g_points": {"en": "Points", "zh": "分值"},
    "g_score": {"en": "Score", "zh": "得分"},
    "g_total": {"en": "Total", "zh": "总分"},
    "page": {"en": "Page {page} of {pages}", "zh": "第 {page} 页，共 {pages} 页"},
    "parts": {"en": "Parts", "zh": "各小问答案"},
    "marking": {"en": "Marking scheme", "zh": "评分标准"},
    "correct_choice": {"en": "Correct choice", "zh": "正确选项"},
    "regenerate": {"en": "regenerate", "zh": "重新生成"},
    "n_points": {"en": "({n} points)", "zh": "（{n} 分）"},
}


def languages(lang: str) -> list[str]:
    """``both`` is Chinese then English."""
    return ["zh", "en"] if lang == "both" else [lang]


_PART_LINE = re.compile(r"[(（]([0-9a-z]+)[)）]\s*\$[^$]*\$\s*")  # (2) $…$, or in Chinese （2）$…$


def without_parts(text: str, q: Question) -> str:
    """The model answer without its paragraphs that only restate a part (``(2) $…$``), when the key lists
    the parts itself (:func:`has_parts`), so each result is printed once.

    >>> from question_bank.model import Blank, Check
    >>> q = Question("x.1", "x", "A", "numeric", {}, {}, 1, blanks=(Blank("1", Check("1"), "1", "1", points=2),))
    >>> without_parts("Forward: $a$.\\n\\n(1) $1$\\n\\n(7) $2$", q)
    'Forward: $a$.\\n\\n(7) $2$'
    """
    if not has_parts(q):
        return text
    labels = {b.label for b in q.blanks}
    paragraphs = re.split(r"\n[ \t]*\n", text)
    return "\n\n".join(p for p in paragraphs if not ((m := _PART_LINE.fullmatch(p.strip())) and m.group(1) in labels))


def has_parts(q: Question) -> bool:
    """The key lists the parts one by one (named, with points) once a producer has said what they ask."""
    return any(b.what or b.points for b in q.blanks)


def context(questions: Sequence[Question], lang: str, title: str, answers: str, sheet: Sheet | None = None) -> dict[str, Any]:
    """The variables every exam template receives."""
    langs = languages(lang)
    sheet = sheet or Sheet()
    total = sum(q.points for q in questions)
    duration = sheet.duration or f"{default_minutes(total)} min"
    show = answers in ("inline", "key")
    return {
        "questions": list(questions), "langs": langs, "lang": langs[0], "title": title, "answers": answers,
        "show_answers": show, "key": answers == "key", "words": WORDS, "types": TYPES,
        "topics": TOPICS, "total": total, "seed": sheet.seed, "choice_letters": "ABCDEFGH",
        "sheet": sheet, "duration": {code: duration_text(duration, code) for code in ("en", "zh")},
        "space": [0.0 if show else space_cm(q.points, sheet.space, bool(q.choices)) for q in questions],
        "parts": [has_parts(q) for q in questions],
        "answers_text": [{code: without_parts(q.answer.get(code, ""), q) for code in q.answer} for q in questions],
    }
