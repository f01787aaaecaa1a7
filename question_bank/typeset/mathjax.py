r"""HTML for hosts that typeset math themselves (Moodle's and Anki's MathJax): math as ``\(…\)``/``\[…\]``.

Prose and math are both HTML-escaped (a ``<`` in a formula would otherwise open a tag); MathJax reads
the entities back. Used by the Moodle and Anki exporters.

>>> markup_to_mathjax("a < b: $x^{(l)}^{T} < 1$\n\n$$y$$")
'a &lt; b: \\({x^{(l)}}^{T} &lt; 1\\)</p><p>\\[y\\]'
>>> text_html({"en": "E & $x$", "zh": "中 $x$"}, "both")
'<div lang="zh"><p>中 \\(x\\)</p></div><div lang="en"><p>E &amp; \\(x\\)</p></div>'
"""

from __future__ import annotations

import html

from question_bank.markup import convert
from question_bank.model import Question
from question_bank.typeset.latex import repair_math

_LABELS = {
    "answer": {"en": "Model answer", "zh": "参考答案"},
    "steps": {"en": "Verified steps", "zh": "已验证的步骤"},
    "points": {"en": "Grading key points", "zh": "评分要点"},
    "result": {"en": "Result", "zh": "结果"},
    "checked": {"en": "checked numerically", "zh": "已数值验证"},
    "unchecked": {"en": "NOT verified", "zh": "未验证"},
}

LANG_ORDER = {"en": ("en",), "zh": ("zh",), "both": ("zh", "en")}  # "both": zh first (export/__init__)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def markup_to_mathjax(text: str) -> str:
    """Bank markup → HTML fragment (paragraph breaks as ``</p><p>``: wrap it in ``<p>…</p>``)."""
    return convert(text, prose=_esc, math=lambda m: "\\(" + _esc(repair_math(m)) + "\\)",
                   display=lambda m: "\\[" + _esc(repair_math(m)) + "\\]", par="</p><p>")


def latex_html(latex: str, display: bool = True) -> str:
    """One LaTeX formula (a step line, a blank's answer) as escaped MathJax source."""
    body = _esc(repair_math(latex))
    return f"\\[{body}\\]" if display else f"\\({body}\\)"


def text_html(text: dict[str, str], lang: str) -> str:
    """A bilingual text field in the languages asked, one ``<div lang>`` each."""
    return "".join(f'<div lang="{code}"><p>{markup_to_mathjax(text[code])}</p></div>' for code in LANG_ORDER[lang])


def plain(text: dict[str, str], lang: str, sep: str = " / ") -> str:
    """A bilingual label as plain text (names, tags), not escaped; a text equal in both languages once."""
    return sep.join(dict.fromkeys(text[code] for code in LANG_ORDER[lang]))


def _label(key: str, lang: str) -> str:
    return html.escape(plain(_LABELS[key], lang))


def solution_html(q: Question, lang: str) -> str:
    """Model answer, blanks' answers, verified steps and key points, as HTML (feedback / grader info)."""
    out = [f"<h4>{_label('answer', lang)}</h4>", text_html(q.answer, lang)]
    if q.blanks:
        out.append(f"<h4>{_label('result', lang)}</h4><ul>")
        out += [f"<li>({html.escape(b.label)}) {latex_html(b.answer_latex, display=False)}</li>" for b in q.blanks]
        out.append("</ul>")
    if q.steps:
        out.append(f"<h4>{_label('steps', lang)}</h4><ol>")
        for s in q.steps:
            mark = _label("checked" if s.verified else "unchecked", lang)
            rule = html.escape(plain(s.rule, lang)) if any(s.rule.values()) else ""
            out.append(f"<li>{latex_html(s.latex)} <small>{rule} ({mark})</small></li>")
        out.append("</ol>")
    if q.key_points:
        out.append(f"<h4>{_label('points', lang)}</h4><ol>")
        out += [f"<li>{text_html(k, lang)}</li>" for k in q.key_points]
        out.append("</ol>")
    return "".join(out)
