r"""Does a question give away another question's answer? (Issue 24: a concept question's options
printed the numeric answer of another question of the same exam.)

A question *leaks* when its prompt or its options, in either language, contain the answer of one of
``others``: a number of a numeric key (as a number token, not a subscript, exponent or digit of a
longer number; only distinctive numbers count: integers from 10 on, other numbers with at least
three significant digits, since 3, 0.5 or 0.25 are everyday sizes and entries), or a formula key (compared without spaces,
``\left``/``\right``, thin spaces, braces, ``\mathrm``; ``\top`` read as T), or the right option of another choice question. The
exam assembler calls it to keep such pairs apart.

>>> from question_bank.model import Blank, Check, Choice, Question
>>> numeric = Question(id="n.1", family="n", topic="F", type="fill-in", prompt={"en": "?", "zh": "？"},
...                    answer={}, seed=1, blanks=(Blank("1", Check("0.1713"), "0.1713", "0.1713"),))
>>> mc = Question(id="c.1", family="c", topic="F", type="concept", prompt={"en": "Pick one.", "zh": "选一项。"},
...               answer={}, seed=1, choices=(Choice({"en": "about $0.1713$", "zh": "约 $0.1713$"}, True),))
>>> leaks(mc, [numeric]), leaks(numeric, [mc])
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from question_bank.markup import segments
from question_bank.model import Question, Text

NUMBER = re.compile(r"(?<![\w.^_{\\])-?\d+(?:\.\d+)?(?:[eE]-?\d+)?(?!\w|\.\d)")
LITERAL = re.compile(r"[\s\[\];,\-+.\deE/]+")  # a numeric key: a number or a matrix literal
MIN_FORMULA = 3  # shorter formula keys (a, x) would match everything


def _shown(question: Question) -> list[str]:
    """What a student reads of ``question``: its prompt and its options, both languages."""
    texts: list[Text] = [question.prompt, *(c.text for c in question.choices)]
    return [t for text in texts for t in text.values()]


def _squash(latex: str) -> str:
    latex = latex.replace(r"\top", "T").replace(r"\intercal", "T").replace("ᵀ", "^T")
    for noise in (r"\operatorname", r"\mathrm", r"\left", r"\right", r"\,", r"\!", r"\;", r"\ ", "{", "}", " ", "\n", "\t"):
        latex = latex.replace(noise, "")
    return latex


def _numbers(text: str) -> list[float]:
    return [float(m.group()) for m in NUMBER.finditer(text)]


def _distinctive(token: str) -> bool:
    """``24192``, ``0.1713``, ``-1.25`` count; ``5``, ``0.5``, ``-0.25`` are too common.

    >>> [_distinctive(t) for t in ("24192", "0.1713", "-1.25", "5", "0.5", "-0.25", "1e-3")]
    [True, True, True, False, False, False, False]
    """
    mantissa = re.split(r"[eE]", token.lstrip("-"))[0]
    if "." not in mantissa:
        return int(mantissa) >= 10
    return len(mantissa.replace(".", "").strip("0")) >= 3


def _keys(other: Question) -> tuple[set[float], set[str], list[str]]:
    """The numbers and formulas of ``other``'s answer keys, and its right options."""
    numbers: set[float] = set()
    formulas: set[str] = set()
    for blank in other.blanks:
        if blank.check.kind == "choice":  # a letter: what it stands for is the right option below
            continue
        if LITERAL.fullmatch(blank.answer_text):
            numbers |= {float(m.group()) for m in NUMBER.finditer(blank.answer_text) if _distinctive(m.group())}
        else:
            formulas |= {s for s in (_squash(blank.answer_latex), _squash(blank.answer_text)) if len(s) >= MIN_FORMULA}
    options = [t.strip() for c in other.choices if c.correct for t in c.text.values() if len(t.strip()) >= 8]
    return numbers, formulas, options


def leaks(question: Question, others: Iterable[Question]) -> bool:
    """True when ``question``'s prompt or options contain the answer of one of ``others``."""
    shown = _shown(question)
    math = [_squash(piece) for text in shown for kind, piece in segments(text) if kind != "text"]
    plain = [_squash(text.replace("$", "")) for text in shown]
    found = {x for text in shown for x in _numbers(text)}
    for other in others:
        if other.id == question.id:
            continue
        numbers, formulas, options = _keys(other)
        if any(abs(x - y) <= 1e-9 * max(1.0, abs(y)) for x in found for y in numbers):
            return True
        if any(f in m for f in formulas for m in math + plain):
            return True
        if any(o in text for o in options for text in shown):
            return True
    return False
