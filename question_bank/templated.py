"""Families written as Jinja templates (issue 24, item 7): a small ``draw`` computes, templates write.

A templated family is one module in ``question_bank/families/`` with

* ``TOPIC`` (a CATALOG.md section letter) and ``VARIANTS``, a tuple of :class:`Variant` — the
  genuinely different questions the family asks (a part, the reverse direction, a numeric instance);
  the seed picks one (``seed % len(VARIANTS)``), the rng draws its numbers;
* ``draw(rng, variant) -> dict``: the numbers, every answer computed and cross-checked
  (``numbers.cross_check``), the answers as :class:`Answer` under the key ``"answers"``;

and one template per language, ``templates/questions/<family>.<lang>.md.j2``, with the blocks
``prompt``, ``answer``, optionally ``what_<label>`` (what part <label> asks, e.g. ``$\\delta^{(2)} \\in
\\mathbb{R}^{2}$``) and ``marking`` (one line per mark: ``3 | text``). The context is the draw plus
``variant``; filters: ``latex`` (a given number or matrix), ``sig(4)`` (4 significant figures, trailing
zeros kept), ``exact`` (an exact answer), ``num`` (a given number, shortest).

Lines inside a paragraph are joined (by a space, or by nothing next to Chinese text); a blank line
is a paragraph break, as in the bank's markup (:mod:`question_bank.markup`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
import numpy as np

from question_bank import numbers
from question_bank.model import Blank, Check, Mark, Question, Step, Text

LANGS = ("en", "zh")
FOLDER = Path(__file__).resolve().parent / "templates" / "questions"
ROUNDING: Text = {"en": "Give numbers to 4 significant figures (relative tolerance 0.1%).",
                  "zh": "数值保留 4 位有效数字（相对误差 0.1%）。"}
EXACT_ONLY: Text = {"en": "Whole-number answers are graded exactly.", "zh": "整数结果须完全准确。"}
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Variant:
    """One kind of question a family asks: its key (stable, in params), type, catalog id and asked kinds."""

    key: str
    type: str  # a key of model.TYPES
    catalog: str  # the catalog id it asks about (one result at most once per exam)
    asks: tuple[str, ...] = ()  # CATALOG.md "asked" kinds this variant covers
    points: int = 0  # 0: the exam's default for the type


@dataclass(frozen=True)
class Answer:
    """A computed answer: ``exact`` ones (integers) are graded exactly, others to 4 significant figures."""

    label: str
    value: Any  # float or numpy array
    exact: bool = False
    points: int = 0
    catalog: tuple[str, str] | None = None  # a catalog part: any equivalent expression is right
    typed: tuple[str, str] | None = None  # (text, LaTeX) of a catalog answer written in another form
    check: Check | None = None  # an expression checked on random matrices (``typed`` gives its text and LaTeX)


@dataclass(frozen=True)
class Rendered:
    prompt: Text
    answer: Text
    what: dict[str, Text] = field(default_factory=dict)
    marking: tuple[Mark, ...] = ()


def _sig(value: Any, digits: int = numbers.DIGITS) -> str:
    """``{{ tau | sig(4) }}``: a number to ``digits`` significant figures; a matrix entry by entry (4 figures)."""
    a = np.asarray(value, float)
    return numbers.sig(float(a), digits) if a.ndim == 0 else numbers.latex(a, exact=False)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(FOLDER)), undefined=jinja2.StrictUndefined,
                             autoescape=False, trim_blocks=True, lstrip_blocks=True)
    env.globals["blank"] = "\\underline{\\qquad}"
    env.filters.update({
        "latex": lambda v: numbers.latex(v),
        "sig": _sig,
        "exact": lambda v: numbers.latex(v, exact=True),
        "num": lambda v: numbers.num(float(v)),
        "key": lambda v: numbers.latex(v, exact=False),
    })
    return env


def join_lines(text: str) -> str:
    """Paragraphs kept, the lines of a paragraph joined: nothing between Chinese and anything, else a space."""
    paragraphs = re.split(r"\n[ \t]*\n\s*", text.strip())
    out = []
    for para in paragraphs:
        lines = [line.strip() for line in para.splitlines() if line.strip()]
        joined = ""
        for line in lines:
            if joined and not (_CJK.match(line[0]) or _CJK.match(joined[-1])):
                joined += " "
            joined += line
        out.append(joined)
    return "\n\n".join(p for p in out if p)


def _block(template: jinja2.Template, name: str, context: dict[str, Any], raw: bool = False) -> str | None:
    if name not in template.blocks:
        return None
    text = "".join(template.blocks[name](template.new_context(context)))
    return text if raw else join_lines(text)


def render(family: str, context: dict[str, Any], labels: tuple[str, ...]) -> Rendered:
    """The family's templates in both languages with this context."""
    prompt, answer, what, marks = {}, {}, {}, {}
    for lang in LANGS:
        template = environment().get_template(f"{family}.{lang}.md.j2")
        prompt[lang] = _block(template, "prompt", context) or ""
        answer[lang] = _block(template, "answer", context) or ""
        for label in labels:
            text = _block(template, f"what_{label}", context)
            if text:
                what.setdefault(label, {})[lang] = text
        marks[lang] = [line.strip() for line in (_block(template, "marking", context, raw=True) or "").splitlines() if line.strip()]
    if len(marks["en"]) != len(marks["zh"]):
        raise AssertionError(f"{family}: the marking schemes of en and zh differ in length")
    marking = tuple(Mark({lang: marks[lang][i].split("|", 1)[1].strip() for lang in LANGS}, int(marks["en"][i].split("|", 1)[0]))
                    for i in range(len(marks["en"])))
    return Rendered(prompt, answer, what, marking)


def blank(a: Answer, what: Text) -> Blank:
    """The blank of a computed answer: its literal, exactly (rtol 1e-9) or to the stated 0.1 %."""
    if a.catalog is not None:
        from question_bank.build import catalog_blank

        b = catalog_blank(a.label, a.catalog[0], a.catalog[1], a.typed)
        return Blank(b.label, b.check, b.answer_text, b.answer_latex, what, a.points)
    if a.check is not None and a.typed is not None:
        return Blank(a.label, a.check, a.typed[0], a.typed[1], what, a.points)
    rtol = 1e-9 if a.exact else numbers.RTOL
    return Blank(a.label, Check(reference=numbers.literal(a.value), rtol=rtol), numbers.text(a.value, exact=a.exact),
                 numbers.latex(a.value, exact=a.exact), what, a.points)


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return value


def make(module: ModuleType, family: str, rng: np.random.Generator, seed: int) -> Question:
    """The Question of a templated family: variant by the seed, numbers by the rng, text by the templates."""
    variants: tuple[Variant, ...] = module.VARIANTS
    variant = variants[seed % len(variants)]
    context = dict(module.draw(rng, variant.key))
    answers: tuple[Answer, ...] = tuple(context.pop("answers", ()))
    steps = tuple(s if isinstance(s, Step) else Step(s[0], dict(s[1]), True)  # each line cross-checked
                  for s in context.pop("_steps", ()))
    params = {"variant": variant.key, **{k: _plain(v) for k, v in context.items() if not k.startswith("_")}}
    context["variant"] = variant.key
    labels = tuple(a.label for a in answers)
    text = render(family, context, labels)
    blanks = tuple(blank(a, text.what.get(a.label, {})) for a in answers)
    label = {"en": "({}) ", "zh": "（{}）"}
    listing = {lang: "\n\n".join(label[lang].format(b.label) + f"${b.answer_latex}$" for b in blanks) for lang in LANGS}
    answer = {lang: "\n\n".join(t for t in (text.answer[lang], listing[lang]) if t) for lang in LANGS}
    numeric = [a for a in answers if a.catalog is None and a.check is None]
    prompt = dict(text.prompt)
    if numeric:
        notes = [n for n, used in ((ROUNDING, any(not a.exact for a in numeric)), (EXACT_ONLY, any(a.exact for a in numeric))) if used]
        prompt = {lang: prompt[lang] + "".join((" " if lang == "en" else "") + n[lang] for n in notes) for lang in LANGS}
    if len(blanks) > 1 and not all(b.what for b in blanks):
        raise AssertionError(f"{family}: a multi-part question must say what each part asks (what_<label> blocks)")
    points = variant.points or getattr(module, "POINTS", {}).get(variant.type, 0) or sum(a.points for a in answers) or 5
    return Question(id=f"{family}.{seed}", family=family, topic=getattr(module, "TOPICS", {}).get(variant.key, module.TOPIC),
                    type=variant.type, prompt=prompt, answer=answer, seed=seed, blanks=blanks, steps=steps,
                    marking=text.marking, points=points, catalog_id=variant.catalog, params=params)


def asks(module: ModuleType) -> dict[str, tuple[str, ...]]:
    """Catalog id → asked kinds, from the variants (the coverage table)."""
    out: dict[str, tuple[str, ...]] = {}
    for v in module.VARIANTS:
        out[v.catalog] = tuple(dict.fromkeys(out.get(v.catalog, ()) + v.asks))
    return out
