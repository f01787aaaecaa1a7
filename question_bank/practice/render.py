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
    out = math_to_html(latex, display).replace('fence="true"', 'fence="true" lspace="0" rspace="0"')
    return _ARG.sub(lambda m: f"<mo>arg{m.group(1) and '&#x2009;' + m.group(1)}</mo>" if m.group(1) else '<mi mathvariant="normal">arg</mi>', out)


_ARG = re.compile(r"<mi>\\arg</mi>(?:<mo>(min|max)</mo>)?")
_SENTENCE = re.compile(r"^(.{6,}?(?:[.?!:](?=\s|$)|[。？！：]))")
_MATRIX = re.compile(r"\\begin\{[bp]?matrix\}.*?\\end\{[bp]?matrix\}", re.S)
LETTERS = "ABCDEFGH"


def to_html(text: str) -> str:
    """Bank markup (prose, ``$…$``, ``$$…$$``, blank-line paragraphs) as HTML paragraphs."""
    body = convert(text, prose=html.escape, math=math, display=lambda m: f'<div class="display">{math(m, True)}</div>',
                   par="</p><p>")
    return f"<p>{body}</p>"


def title(text: str) -> str:
    r"""A question's first sentence (at most ~80 characters), for the retry list.

    >>> title(r"Gradient of log det X. Let $f = \log\det X$ with $X$ invertible.")
    'Gradient of log det X.'
    """
    first = text.strip().split("\n\n")[0]
    match = _SENTENCE.match(first)
    first = _MATRIX.sub(r"[\\dots]", match.group(1) if match else first)  # a list entry stays one line high
    out, size = "", 0
    for k, piece in enumerate(re.split(r"(\$[^$]*\$)", first)):  # math pieces kept whole
        size += len(piece) // 3 if k % 2 else len(piece)
        if size > 80 and out:
            return out.rstrip(" ,，") + "…"
        out += piece if k % 2 or size <= 80 else piece[: 80 - size + len(piece)].rsplit(" ", 1)[0] + "…"
    return out


def question_json(q: Question) -> dict[str, Any]:
    """What the page shows before an answer: the prompt in both languages, each part with what it asks
    and its points, the options of a choice question (not which is right), the mode it opens in."""
    steps = [b.check.catalog is not None or b.check.kind in ("gradient", "jacobian", "differential") for b in q.blanks]
    return {
        "id": q.id, "family": q.family, "topic": q.topic, "type": q.type,
        "type_name": TYPES[q.type], "points": q.points,
        "prompt_html": {lang: to_html(text) for lang, text in q.prompt.items()},
        "title_html": {lang: to_html(title(text)) for lang, text in q.prompt.items()},
        "blanks": [{"label": b.label, "kind": b.check.kind, "shapes": b.check.shapes, "steps": step,
                    "what_html": {lang: to_html(text) for lang, text in b.what.items()} if b.what else None,
                    "points": b.points}
                   for b, step in zip(q.blanks, steps)],
        "choices": [{"letter": LETTERS[k], "html": {lang: to_html(text) for lang, text in c.text.items()}}
                    for k, c in enumerate(q.choices)],
        "checkable": q.checkable or bool(q.choices),
        "mode": "steps" if q.type in ("proof", "derivation") and any(steps) else "answer",
        "has_steps": bool(q.steps),
    }


_PART_ONLY = re.compile(r"^\(\w+\)\s*\$[^$]*\$\s*[.。]?$")


def _without_parts(text: str) -> str:
    """The model answer without its "(1) $value$" paragraphs: each part's value is shown once, beside its label."""
    return "\n\n".join(p for p in text.split("\n\n") if not _PART_ONLY.match(p.strip()))


def solution_json(q: Question) -> dict[str, Any]:
    """The model answer: text, each blank's answer, the verified steps, key points."""
    return {
        "id": q.id,
        "answer_html": {lang: to_html(_without_parts(text) if q.blanks else text) for lang, text in q.answer.items()},
        "blanks": [{"label": b.label, "text": b.answer_text, "html": math(b.answer_latex, True)} for b in q.blanks],
        "steps": [{"html": math(s.latex), "rule": s.rule, "verified": s.verified} for s in q.steps],
        "trace": [{"html": math(s.latex), "rule": s.rule, "verified": s.verified} for s in q.trace],
        "marking": [{"html": {lang: to_html(t) for lang, t in m.text.items()}, "points": m.points} for m in q.marking],
        "choice": next((LETTERS[k] for k, c in enumerate(q.choices) if c.correct), None),
        "verified": all(s.verified for s in q.steps) if q.steps else None,
        "key_points": [{lang: to_html(t) for lang, t in point.items()} for point in q.key_points],
    }
