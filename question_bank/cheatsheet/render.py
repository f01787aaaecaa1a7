"""Render a built sheet: one Jinja template per format under ``question_bank/templates/cheatsheet/``,
one file per language, plots beside them (``plots/<name>.pdf`` for LaTeX, ``.svg`` for Markdown,
inlined in the HTML so it opens offline as one file).

Formats: ``tex`` (A4, three ``multicols`` columns, ctex), ``pdf`` (that LaTeX through latexmk -xelatex),
``html`` (MathML, CSS columns, @page A4), ``md`` (``$…$`` math).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from pathlib import Path

from checker.language.errors import DlprepError
from question_bank.cheatsheet.model import Sheet

FORMATS = ("pdf", "tex", "html", "md")
FORMAT_ALIASES = {"latex": "tex", "markdown": "md", "htm": "html"}
TEMPLATE = "cheatsheet/sheet.{}.j2"

WORDS = {
    "title": {"en": "Deep learning: matrix calculus & backprop", "zh": "深度学习：矩阵微积分与反向传播"},
    "subtitle": {"en": "dlprep cheat sheet · COUNT formulas, each re-verified numerically when built",
                 "zh": "dlprep 速查表 · COUNT 条公式，生成时逐条数值验证"},
    "counterexample": {"en": "counterexample", "zh": "反例"},
    "colon": {"en": ": ", "zh": "："},
    "footer": {"en": "Made by dlprep cheatsheet from the course catalog: all COUNT formulas checked when built (finite "
                     "differences, random matrices of distinct sizes, reference networks); --json lists each check.",
               "zh": "由 dlprep 根据课程目录生成：COUNT 条公式在生成时均已数值验证（有限差分、不同尺寸的随机矩阵、"
                     "参考网络）；--json 列出每条验证。"},
}


def formats(names: Iterable[str]) -> list[str]:
    """``--format`` values (comma-separated allowed, aliases) in a fixed order; unknown ones refused."""
    wanted = set()
    for raw in names:
        for name in filter(None, (n.strip().lower() for n in raw.split(","))):
            name = FORMAT_ALIASES.get(name, name)
            if name not in FORMATS:
                raise DlprepError(f"unknown format '{name}' (expected one of: {', '.join(FORMATS)})")
            wanted.add(name)
    return [f for f in FORMATS if f in wanted]


def _plot_names(sheet: Sheet) -> list[str]:
    return [line.plot for s in sheet.sections for line in s.lines if line.plot]


def _context(sheet: Sheet, lang: str, plots: dict[str, str]) -> dict:  # type: ignore[type-arg]
    return {"sections": sheet.sections, "lang": lang, "words": WORDS, "count": len(sheet.formulas),
            "convention": sheet.convention[lang], "plots": plots}


def render_tex(sheet: Sheet, lang: str) -> str:
    from question_bank.cheatsheet.latex import breakable
    from question_bank.typeset import render

    return render(TEMPLATE.format("tex"), breakable=breakable, **_context(sheet, lang, {}))


def render_html(sheet: Sheet, lang: str) -> str:
    from question_bank.cheatsheet.plots import plot
    from question_bank.typeset import render

    uris = {name: "data:image/svg+xml;base64," + base64.b64encode(plot(name, "svg")).decode("ascii") for name in _plot_names(sheet)}
    from question_bank.cheatsheet.latex import pieces

    def html_pieces(latex: str) -> list[str]:
        """latex2mathml sets a one-letter \\mathrm in italic (the d of dX stays upright as text) and a
        prime as a superscript of a superscript glyph (σ ′ floats): the prime is written as the glyph."""
        return [piece.replace(r"\mathrm{d}", r"\text{d}").replace("'", "′") for piece in pieces(latex)]

    return render(TEMPLATE.format("html"), pieces=html_pieces, **_context(sheet, lang, uris))


def render_md(sheet: Sheet, lang: str) -> str:
    from question_bank.typeset import render

    return render(TEMPLATE.format("md"), **_context(sheet, lang, {n: f"plots/{n}.svg" for n in _plot_names(sheet)}))


def write_all(sheet: Sheet, langs: Iterable[str], fmts: Iterable[str], out: Path) -> list[Path]:
    """Write every (language, format) file into ``out``; returns the paths written, in order."""
    from question_bank.cheatsheet.plots import plot
    from question_bank.typeset import compile_pdf, write

    fmts = list(fmts)
    written: list[Path] = []
    names = _plot_names(sheet)
    pdf_plots = {f"plots/{n}.pdf": plot(n, "pdf") for n in names} if {"tex", "pdf"} & set(fmts) else {}
    if "tex" in fmts:
        written += [write(out / name, data) for name, data in pdf_plots.items()]
    if "md" in fmts:
        written += [write(out / f"plots/{n}.svg", plot(n, "svg")) for n in names]
    for lang in langs:
        tex = render_tex(sheet, lang) if {"tex", "pdf"} & set(fmts) else ""
        for fmt in fmts:
            target = out / f"cheatsheet.{lang}.{fmt}"
            if fmt == "pdf":
                written.append(compile_pdf(tex, target, files=pdf_plots))
            elif fmt == "tex":
                written.append(write(target, tex))
            elif fmt == "html":
                written.append(write(target, render_html(sheet, lang)))
            else:
                written.append(write(target, render_md(sheet, lang)))
    return written
