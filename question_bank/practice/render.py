"""Questions and solutions as the page's JSON: bank markup → HTML with MathML (no script, no network).

Math is typeset on the server by the bank's typesetter (latex2mathml, pure Python) and drawn by the
browser's own MathML; prose is HTML-escaped. LaTeX it cannot read is shown as code, never dropped.

>>> to_html("Let $x^2$ be & <b>")
'<p>Let <math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math> be &amp; &lt;b&gt;</p>'
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

from question_bank.markup import convert
from question_bank.model import TYPES, Question

_FENCE = re.compile(r"\\(?:left|right)\s*(\(|\)|\[|\]|\\\{|\\\}|\\[lr]Vert|\\[lr]vert|\|)")


@functools.lru_cache(maxsize=4096)
def math(latex: str, display: bool = False) -> str:
    """MathML for ``latex`` by the bank's typesetter (``question_bank.typeset``); brackets around flat
    content are plain, so they hug it instead of taking a stretchy operator's spacing."""
    from question_bank.typeset import math_to_html

    if not any(tall in latex for tall in ("\\frac", "\\begin", "\\sum", "\\int", "\\left.", "\\right.")):
        latex = _FENCE.sub(lambda m: m.group(1), latex)
    return math_to_html(latex, display).replace('fence="true"', 'fence="true" lspace="0" rspace="0"')


def to_html(text: str) -> str:
    """Bank markup (prose, ``$…$``, ``$$…$$``, blank-line paragraphs) as HTML paragraphs."""
    body = convert(text, prose=html.escape, math=math, display=lambda m: f'<div class="display">{math(m, True)}</div>',
                   par="</p><p>")
    return f"<p>{body}</p>"


def _options(q: Question, lang: str) -> str:
    """A choice question's options A–D (answered by their letter)."""
    if not q.choices:
        return ""
    items = "".join(f"<li>{to_html(c.text[lang])}</li>" for c in q.choices)
    return f'<ol class="choices" type="A">{items}</ol>'


def question_json(q: Question) -> dict[str, Any]:
    """What the page shows before an answer: the prompt in both languages, the blanks' expected shapes."""
    return {
        "id": q.id, "family": q.family, "topic": q.topic, "type": q.type,
        "type_name": TYPES[q.type], "points": q.points,
        "prompt_html": {lang: to_html(text) + _options(q, lang) for lang, text in q.prompt.items()},
        "blanks": [{"label": b.label, "kind": b.check.kind, "shapes": b.check.shapes,
                    "steps": b.check.catalog is not None or b.check.kind in ("gradient", "jacobian", "differential")}
                   for b in q.blanks],
        "checkable": q.checkable,
        "has_steps": bool(q.steps),
    }


def solution_json(q: Question) -> dict[str, Any]:
    """The model answer: text, each blank's answer, the verified steps, key points."""
    return {
        "id": q.id,
        "answer_html": {lang: to_html(text) for lang, text in q.answer.items()},
        "blanks": [{"label": b.label, "text": b.answer_text, "html": math(b.answer_latex, True)} for b in q.blanks],
        "steps": [{"html": math(s.latex), "rule": s.rule, "verified": s.verified} for s in q.steps],
        "verified": all(s.verified for s in q.steps) if q.steps else None,
        "key_points": [{lang: to_html(t) for lang, t in point.items()} for point in q.key_points],
    }
