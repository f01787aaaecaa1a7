"""The Jinja environment over ``question_bank/templates/``: templates are files, filters do the escaping.

Filters: ``tex`` (bank markup → LaTeX), ``tex_escape`` (plain text → LaTeX), ``tex_paper`` /
``tex_paper_text`` (the same for the exam paper: math characters in prose as math, small inline matrices), ``html`` (markup → HTML
with MathML), ``html_block`` (the same for a page: display math in a marked scroll container), ``mathml`` (one LaTeX formula → MathML), ``md`` (markup → Markdown, prose escaped), ``md_escape``.
Autoescaping is on for ``.html`` templates, so text that did not pass through a filter is escaped.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from question_bank.typeset.html import markup_to_html, markup_to_page, math_to_html, page_math
from question_bank.typeset.latex import escape, markup_to_latex, markup_to_paper, paper_text, repair_math
from question_bank.typeset.markdown import markup_to_md, md_escape

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=None)
def environment(extra: str | None = None) -> jinja2.Environment:
    """The shared environment; ``extra`` adds a template directory searched first (cheat sheet, web page)."""
    paths = ([extra] if extra else []) + [str(TEMPLATES)]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths), undefined=jinja2.StrictUndefined,
                             autoescape=jinja2.select_autoescape(["html", "html.j2"]), keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update({
        "tex": markup_to_latex,
        "tex_escape": escape,
        "tex_math": repair_math,
        "tex_paper": markup_to_paper,
        "tex_paper_text": paper_text,
        "html": lambda text: Markup(markup_to_html(text)),
        "html_block": lambda text: Markup(markup_to_page(text)),
        "mathml": lambda latex, display=False: Markup(math_to_html(latex, display)),
        "page_mathml": lambda latex, display=False: Markup(page_math(latex, display)),
        "md": markup_to_md,
        "md_escape": md_escape,
    })
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
