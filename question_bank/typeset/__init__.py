"""The typeset layer shared by the exam, the cheat sheet and the practice page.

- :mod:`.latex`: LaTeX escaping of prose and bank markup → LaTeX (``to_latex``), double scripts repaired;
- :mod:`.html`: bank markup → HTML with MathML math (latex2mathml, no network, Chromium renders it);
- :mod:`.env`: the Jinja environment over ``question_bank/templates/`` with those filters;
- :mod:`.files`: atomic writes;
- :mod:`.pdf`: ``latexmk -xelatex``, one line when TeX is missing.
"""

from question_bank.typeset.env import environment, render
from question_bank.typeset.files import write
from question_bank.typeset.html import markup_to_html, math_to_html
from question_bank.typeset.latex import escape, markup_to_latex, repair_math
from question_bank.typeset.pdf import TeXMissing, compile_pdf

__all__ = ["TeXMissing", "compile_pdf", "environment", "escape", "markup_to_html", "markup_to_latex", "math_to_html",
           "render", "repair_math", "write"]
