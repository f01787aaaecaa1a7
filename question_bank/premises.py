"""A question states everything its answer uses (issue 24): the symbols of the answer, its blanks and its
marking scheme must all appear in the prompt's math or in the exam's stated conventions.

The check reads LaTeX: a symbol is a Latin letter or a Greek letter command, with its subscript or
superscript label when it has one (``W^{(l)}`` and ``W^{(l+1)}`` are different symbols, ``z_l`` and
``z_{l+1}`` too); function names (``\\operatorname{…}``, ``\\log``, ``\\mathrm{d}``) and text are not
symbols. ``registry.generate`` calls :func:`require` on every question, so a question whose answer
uses a symbol its prompt never defines is a bug that stops generation.

>>> sorted(symbols("\\\\delta^{(l)} = f'(z^{(l)}) \\\\circ W^{(l+1)\\\\top} \\\\delta^{(l+1)}"))
['W^{(l+1)}', '\\\\delta^{(l)}', '\\\\delta^{(l+1)}', 'f', 'z^{(l)}']
"""

from __future__ import annotations

import re

from question_bank.markup import segments
from question_bank.model import Question

# the exam's stated conventions (CATALOG.md "Conventions"): 1 the ones column, I the identity, e Euler's
# number and e_y one-hot columns, T the transpose, d the differential, indices i, j, k, n, m
CONVENTIONS = {"I", "T", "d", "e", "i", "j", "k", "\\top", "\\circ", "\\partial", "\\nabla", "\\infty", "\\cdot", "\\sum"}
_WORDS = re.compile(r"\\(operatorname|mathrm|text|mathbb|mathcal|mathbf|left|right|frac|sqrt|lVert|rVert|log|exp|max|min|tanh|"
                    r"det|tr|diag|sum|lfloor|rfloor|quad|qquad|underline|in|le|ge|ne|leftarrow|Rightarrow|iff|dots|ldots|"
                    r"begin|end|bmatrix|top|circ|partial|nabla|cdot|times|arg|mid|Vert|hat|tilde|bar|overline|infty|not|"
                    r"to|approx|equiv|forall|lim|prod|int|boldsymbol|displaystyle|,|;|!| )(?![A-Za-z])")
_SYMBOL = re.compile(r"(\\[A-Za-z]+|(?<![A-Za-z\\])[A-Za-z](?![A-Za-z]))(\s*(?:_\{[^{}]*\}|_[A-Za-z0-9]|\^\{\([^{}]*\)(?:\\top)?\}))?")
_ARGUMENTS = re.compile(r"\\(operatorname|mathrm|text|begin|end)\{[^{}]*\}")
GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "lambda", "mu", "nu", "xi", "pi", "rho",
         "sigma", "tau", "phi", "chi", "psi", "omega", "Delta", "Sigma", "ell", "mathcal"}


def symbols(latex: str) -> set[str]:
    """The symbols a LaTeX formula uses (letters with their layer/time labels; no function names)."""
    text = _ARGUMENTS.sub(" ", latex)
    text = re.sub(r"\\mathcal\{([A-Za-z])\}", r"\\cal\1", text)
    out = set()
    for m in _SYMBOL.finditer(text):
        head, label = m.group(1), (m.group(2) or "").strip()
        if head.startswith("\\") and head[1:] not in GREEK and not head.startswith("\\cal"):
            continue
        label = label.replace("\\top", "")
        out.add(head + label)
    return out - CONVENTIONS


def math_of(text: str) -> list[str]:
    """The LaTeX of the inline and display math of bank markup."""
    return [content for kind, content in segments(text) if kind in ("math", "display")]


def _base(symbol: str) -> str:
    return re.split(r"[_^]", symbol, maxsplit=1)[0]


def undefined(question: Question, lang: str = "en") -> set[str]:
    """Symbols the answer, blanks and marking use that the prompt never states (empty: the question is complete).

    A labelled symbol (``W^{(l+1)}``) counts as stated when the prompt states it or its family with a
    general label (``W^{(l)}`` for every layer): both are checked by their letter and by the label."""
    stated: set[str] = set()
    for latex in math_of(question.prompt[lang]):
        stated |= symbols(latex)
    used: set[str] = set()
    if question.type == "concept":  # an explanation may introduce its own notation; its options are letters
        return set()
    lines = [b.answer_latex for b in question.blanks] + [m for mark in question.marking for m in math_of(mark.text[lang])]
    if not question.family.startswith("derive-"):  # the engine's lines are named by derivations.model_answer (answers)
        lines += [s.latex for s in question.steps]
    for latex in lines:
        used |= symbols(latex)
    bases = {_base(s) for s in stated}
    return {s for s in used if s not in stated and _base(s) not in bases}


def require(question: Question) -> Question:
    """The question, or an AssertionError naming what its answer uses and its prompt never states."""
    for lang in ("en", "zh"):
        missing = undefined(question, lang)
        if missing:
            raise AssertionError(f"{question.id} ({lang}): the answer uses {sorted(missing)}, which the question never states")
    return question
