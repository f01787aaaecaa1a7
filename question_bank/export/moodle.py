r"""Moodle XML (the question-bank import format): one ``<question>`` per bank question, a category per topic.

Which Moodle type a question becomes (:func:`moodle_type`):

- concept questions: ``multichoice`` when they have distractors, ``essay`` otherwise;
- proofs, derivations and questions without blanks: ``essay``, the model answer, the verified steps
  and the key points as grader information;
- one blank whose reference is a number: ``numerical``, tolerance = the question's rtol × |value|;
- one blank with a short non-numeric answer: ``shortanswer``;
- several blanks, or a vector/matrix answer: ``cloze`` (one NUMERICAL field per entry).

Text is HTML in CDATA (a ``]]>`` inside is split across two sections), math as ``\(…\)``/``\[…\]`` for
Moodle's MathJax filter, everything else XML-escaped; UTF-8, the declaration on the first line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from question_bank.model import TYPES, Blank, Question
from question_bank.topics import TOPICS
from question_bank.typeset.mathjax import LANG_ORDER, plain, solution_html, text_html

SHORT = 60  # longest answer text that Moodle's string match can reasonably grade
PENALTY = "0.3333333"
_NUMBER = re.compile(r"^\s*-?\d+(\.\d*)?([eE][-+]?\d+)?\s*$|^\s*-?\d+\s*/\s*\d+\s*$")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # no XML 1.0 escape exists


def xml_chars(text: str) -> str:
    """Characters XML 1.0 cannot hold at all (C0 controls but tab and newlines, lone surrogates) as U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def x(text: str) -> str:
    """XML-escape text content and attribute values."""
    return html.escape(xml_chars(text), quote=True)


def cdata(content: str) -> str:
    """Content in CDATA; every ``]]>`` inside is split so the section cannot end early."""
    return "<![CDATA[" + xml_chars(content).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def number(text: str) -> float | None:
    """A plain number or fraction (``0.25``, ``-3``, ``1/3``), else None."""
    if not _NUMBER.match(text):
        return None
    return float(Fraction(text.replace(" ", ""))) if "/" in text else float(text)


def matrix(text: str) -> list[list[float]] | None:
    """A numeric matrix literal ``[a, b; c, d]`` (rows by ``;``) as rows of floats, else None."""
    s = text.strip()
    if not (s.startswith("[") and s.endswith("]")) or "[" in s[1:-1]:
        return None
    rows = [[number(e) for e in row.split(",")] for row in s[1:-1].split(";")]
    if not rows or any(v is None for row in rows for v in row) or len({len(r) for r in rows}) != 1:
        return None
    return rows  # type: ignore[return-value]


def moodle_type(q: Question) -> str:
    if q.type == "concept":
        return "multichoice" if q.choices else "essay"
    if q.type in ("proof", "derivation") or not q.blanks:
        return "essay"
    if len(q.blanks) == 1:
        b = q.blanks[0]
        if number(b.check.reference) is not None:
            return "numerical"
        if matrix(b.check.reference) is None and len(b.answer_text) <= SHORT and "\n" not in b.answer_text:
            return "shortanswer"
    return "cloze"


def tolerance(value: float, rtol: float) -> float:
    """Moodle's tolerance is absolute: the question's relative tolerance times |value| (rtol itself at 0)."""
    return rtol * abs(value) if value != 0 else rtol


def _fmt(v: float) -> str:
    """10 significant digits in positional notation (no exponent: Moodle's cloze reads plain decimals)."""
    text = format(Decimal(f"{v:.10g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _text(tag: str, content: str, fmt: str = "html") -> str:
    return f'<{tag} format="{fmt}"><text>{cdata(content)}</text></{tag}>'


def _cloze_text(text: str) -> str:
    """An answer inside a cloze field: Moodle's specials ``} # ~ / " \\`` escaped with a backslash."""
    return re.sub(r'([}#~/"\\])', r"\\\1", html.escape(text, quote=False))


def _cloze_field(b: Blank) -> str:
    rows = matrix(b.check.reference)
    value = number(b.check.reference)
    if value is not None:
        return f"{{1:NUMERICAL:={_fmt(value)}:{_fmt(tolerance(value, b.check.rtol))}}}"
    if rows is not None:
        cells = "".join("<tr>" + "".join(
            f"<td>{{1:NUMERICAL:={_fmt(v)}:{_fmt(tolerance(v, b.check.rtol))}}}</td>" for v in row) + "</tr>"
            for row in rows)
        return f'<table class="dlprep-matrix">{cells}</table>'
    return f"{{1:SHORTANSWER:={_cloze_text(b.answer_text)}}}"


def _answer(fraction: int, content: str, fmt: str = "moodle_auto_format", extra: str = "") -> str:
    body = cdata(content) if fmt == "html" else x(content)
    return (f'<answer fraction="{fraction}" format="{fmt}"><text>{body}</text>{extra}'
            f'<feedback format="html"><text></text></feedback></answer>')


def question_xml(q: Question, lang: str) -> str:
    kind = moodle_type(q)
    name = f"{q.id} · {plain(TYPES[q.type], lang)}"
    prompt = text_html(q.prompt, lang)
    solution = solution_html(q, lang)
    if kind == "cloze":
        prompt += "".join(f"<p>({html.escape(b.label)}) {_cloze_field(b)}</p>" for b in q.blanks)
    head = [f'<question type="{kind}">', f"<name><text>{x(name)}</text></name>",
            _text("questiontext", prompt),
            _text("generalfeedback", "" if kind == "essay" else solution),
            f"<defaultgrade>{q.points}</defaultgrade>", f"<penalty>{PENALTY}</penalty>", "<hidden>0</hidden>",
            f"<idnumber>{x(q.id)}</idnumber>"]
    body: list[str] = []
    if kind == "numerical":
        b = q.blanks[0]
        v = number(b.check.reference)
        assert v is not None
        body = [_answer(100, _fmt(v), extra=f"<tolerance>{_fmt(tolerance(v, b.check.rtol))}</tolerance>"),
                "<unitgradingtype>0</unitgradingtype><unitpenalty>0.1000000</unitpenalty>"
                "<showunits>3</showunits><unitsleft>0</unitsleft>"]
    elif kind == "shortanswer":
        text = q.blanks[0].answer_text
        variants = dict.fromkeys([text, re.sub(r"\s+", "", text)])
        body = ["<usecase>0</usecase>"] + [_answer(100, v) for v in variants]
    elif kind == "essay":
        body = ["<responseformat>editor</responseformat><responserequired>1</responserequired>"
                "<responsefieldlines>15</responsefieldlines><attachments>0</attachments>"
                "<attachmentsrequired>0</attachmentsrequired>",
                _text("graderinfo", solution), _text("responsetemplate", "")]
    elif kind == "multichoice":
        body = ["<single>true</single><shuffleanswers>true</shuffleanswers><answernumbering>abc</answernumbering>",
                _text("correctfeedback", ""), _text("partiallycorrectfeedback", ""), _text("incorrectfeedback", "")]
        body += [_answer(100 if c.correct else 0, text_html(c.text, lang), fmt="html") for c in q.choices]
    tags = f"<tags><tag><text>topic-{x(q.topic)}</text></tag><tag><text>{x(q.family)}</text></tag></tags>"
    return "\n".join(head + body + [tags, "</question>"])


def category_xml(title: str, topic: str, lang: str) -> str:
    """The category question that files the following questions under ``<title>/<topic>``."""
    path = "/".join(part.replace("/", "//") for part in
                    ("$course$", "top", title or "dlprep", f"{topic}. {plain(TOPICS[topic], lang, ' · ')}"))
    return (f'<question type="category">\n<category><text>{x(path)}</text></category>\n'
            f'<info format="html"><text></text></info>\n</question>')


def export(questions: Sequence[Question], lang: str, title: str, answers: str = "inline") -> str:
    """The quiz as Moodle XML (always with answers: ``answers`` is ignored)."""
    if lang not in LANG_ORDER:
        raise ValueError(f"unknown language {lang!r}")
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for topic in sorted({q.topic for q in questions}):
        out.append(category_xml(title, topic, lang))
        out += [question_xml(q, lang) for q in questions if q.topic == topic]
    out.append("</quiz>\n")
    return "\n".join(out)
