"""Read a step file as students write it: plain lines, or Markdown/LaTeX blocks in the course's notation.

A file is cut into rows (plain lines; ``$$…$$``/``\\[…\\]`` blocks split at ``\\\\``), rows into
statements (``J = …, \\nabla_x = …``), statements into a label and a chain of ``=``-separated steps.
Everything is table-driven:

* :data:`REWRITES` — LaTeX the expression language does not need (``&``, ``\\begin{aligned}``,
  ``\\boxed``, ``\\in \\mathbb{R}^n``, ``\\triangleq``) and the course's spellings
  (``\\delta^{(l+1)T}`` → ``\\delta^{(l+1)}^T``, ``d(E; z)`` → ``d(E)``);
* :data:`PARTIALS` — ``\\frac{\\partial u}{\\partial v}``, ``∂u/∂v``, ``\\nabla_v u``, ``D[u; v]``
  become placeholder names ``partial_k`` whose meaning (u, v, form) is kept in :class:`Partial`,
  so grading can give them values (:mod:`checker.grading.chain`);
* :data:`LABELS` — what a label says the step is, as candidate kinds (``J`` may be the loss or the
  Jacobian: grading decides by what fits).

>>> [(s.line, s.kinds, s.text) for s in read_steps("df = 2(Ax-b)^T A dx\\nJ = 2(Ax-b)^T A, grad = 2A^T(Ax-b)").steps]
[(1, ('differential',), '2(Ax-b)^T A dx'), (2, ('function', 'jacobian'), '2(Ax-b)^T A'), (2, ('gradient',), '2A^T(Ax-b)')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from checker.language.errors import InputError
from checker.language.keyboard import normalize_keyboard
from checker.language.names import canonical_name

LOSSES = ("f", "J", "L", "l", "ℓ", "C", "E")  # letters a step file uses for the function being differentiated


@dataclass
class Step:
    """One step: its line, its text (a plain expression), the kinds it may be, and its role.

    ``role`` is "chain" (compared with the step before it) or "aside" (``∂z^(l+1)/∂z^(l) = …``:
    compared with the value of its own label, ``lhs``, and not part of the chain)."""

    line: int
    text: str
    kinds: tuple[str, ...]
    role: str = "chain"
    lhs: str | None = None
    tree: object = None
    row: int | None = None  # the row of a LaTeX block when several rows share one line of the file

    @property
    def where(self) -> str:
        return f"line {self.line}" + (f" (row {self.row})" if self.row else "")

    @property
    def kind(self) -> str:
        return self.kinds[0]


@dataclass(frozen=True)
class Partial:
    """``∂u/∂v`` (form "partial"), ``∇_v u`` ("nabla") or ``D[u; v]`` ("D"), written as ``name``."""

    name: str
    num: str
    den: str
    form: str
    source: str = ""  # as written, for display


@dataclass
class StepFile:
    steps: list[Step]
    partials: dict[str, Partial] = field(default_factory=dict)


# ------------------------------------------------------------------ text rewrites (data)
def _drop(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], str]:
    return re.compile(pattern, flags), ""


REWRITES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    _drop(r"\\(?:begin|end)\{(?:aligned|align\*?|split|gathered|gather\*?|equation\*?|array)\}(?:\{[lcr]*\})?"),
    _drop(r"&&.*$"),  # a comment column: x &= … && \text{because …}
    (re.compile(r"&"), ""),
    _drop(r"\\(?:in|subseteq)\s*\\mathbb\{R\}.*$"),  # … \in \mathbb{R}^{M_l}
    (re.compile(r"\\(?:triangleq|coloneqq|equiv|doteq)|:="), "="),
    (re.compile(r"\\boxed\s*\{(.*)\}\s*$"), r"\1"),
    (re.compile(r"\\(?:tag|label)\{[^{}]*\}"), ""),
    (re.compile(r"\\ell\b|ℓ"), "l"),
    (re.compile(r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{([^{}]*)\}"), r"\1"),  # \mathbf{z}_{k+1} is z_{k+1}
    (re.compile(r"\\mathcal\s*\{([A-Za-z])\}"), r"\1"),
    (re.compile(r"\\(?:mathrm|operatorname|text)\s*\{\s*(Tr|tr|diag|softmax|sigmoid|tanh|exp|log|det|sparsemax|relu)\s*\}"), r"\1"),
    # a transpose inside a label's superscript: \delta^{(l+1)T}, a^{(l-1)\top}
    (re.compile(r"\^\{\s*\(([^{}()]*)\)\s*(?:T|\\top|\\intercal|⊤|ᵀ)\s*\}"), r"^{(\1)}^T"),
    (re.compile(r"\^\(([^()]*)\)(?:T|ᵀ)(?![A-Za-z0-9])"), r"^(\1)^T"),
    # f'_l(z) (the layer's activation) is f'(z)
    (re.compile(r"\b([fg])'_\{?[A-Za-z0-9]\}?\s*\("), r"\1'("),
    (re.compile(r"\b([fg])_\{?[A-Za-z0-9]\}?'\s*\("), r"\1'("),
)
_LOSS_CALL = re.compile(r"^\s*([A-Za-z])\s*\((?:[^()]|\([^()]*\))*\)\s*$")  # C(W, b), L(y, ŷ): the loss itself


def _rewrite(text: str) -> str:
    for pattern, repl in REWRITES:
        text = pattern.sub(repl, text)
    text = _differential_of_variable(text)
    return text


def _differential_of_variable(text: str) -> str:
    """``d(E; v)`` → ``d(E)``: the course's differential of E through v (the problem's variable)."""
    out, i = [], 0
    for m in re.finditer(r"(?<![A-Za-z\\])d\s*\(", text):
        if m.start() < i:
            continue
        close, semi = _matching(text, m.end() - 1, ";")
        if close is None or semi is None:
            continue
        out.append(text[i : m.end()] + text[m.end() : semi] + ")")
        i = close + 1
    out.append(text[i:])
    return "".join(out)


def _matching(text: str, open_at: int, split: str = "") -> tuple[int | None, int | None]:
    """Index of the bracket closing the one at ``open_at``, and of the first top-level ``split``."""
    depth, first = 0, None
    for k in range(open_at, len(text)):
        ch = text[k]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return k, first
        elif split and ch == split and depth == 1 and first is None:
            first = k
    return None, first


def _braced(text: str, at: int) -> tuple[str, int] | None:
    """The ``{…}`` group starting at ``at`` (after spaces): its inside and the index after it."""
    while at < len(text) and text[at] == " ":
        at += 1
    if at >= len(text) or text[at] != "{":
        return None
    close, _ = _matching(text, at)
    return (text[at + 1 : close], close + 1) if close is not None else None


# ------------------------------------------------------------------ partials (data: one reader per notation)
def _frac_partial(text: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    num = _braced(text, m.end())
    if num is None or not re.match(r"\s*\\partial", num[0]):
        return None
    den = _braced(text, num[1])
    if den is None or not re.match(r"\s*\\partial", den[0]):
        return None
    strip = lambda s: re.sub(r"^\s*\\partial\s*", "", s)  # noqa: E731
    return strip(num[0]), strip(den[0]), den[1]


def _unicode_partial(text: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    return m.group(1), m.group(2), m.end()


def _nabla(text: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    rest = m.end()
    sub = _braced(text, rest) if text[rest:].lstrip().startswith("{") else None
    if sub is not None:
        den, rest = sub
    else:
        word = re.match(r"\s*(\\?[A-Za-z]+(?:\^\{?\([^()]*\)\}?)?)", text[rest:])
        if word is None:
            return None
        den, rest = word.group(1), rest + word.end()
    # what follows up to '=' or ',' is the function (empty: the problem's own)
    tail = re.match(r"([^=,]*)", text[rest:])
    num = tail.group(1).strip() if tail else ""
    return num or "f", den, rest + (tail.end() if tail else 0)


def _capital_d(text: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    close, semi = _matching(text, m.end() - 1, ";")
    if close is None or semi is None:
        return None
    return text[m.end() : semi], text[semi + 1 : close], close + 1


PARTIALS: tuple[tuple[str, re.Pattern[str], Callable[[str, re.Match[str]], tuple[str, str, int] | None]], ...] = (
    ("partial", re.compile(r"\\frac(?=\s*\{\s*\\partial)"), _frac_partial),
    ("partial", re.compile(r"∂\s*([^\s/∂=,()]+(?:\([^()]*\))?)\s*/\s*∂\s*([^\s=,()∂]+(?:\([^()]*\))?)"), _unicode_partial),
    ("nabla", re.compile(r"(?:\\nabla|∇)\s*_"), _nabla),
    ("D", re.compile(r"(?<![A-Za-z\\])D\s*\["), _capital_d),
)


def _lift_partials(text: str, table: dict[str, Partial]) -> str:
    for form, pattern, read in PARTIALS:
        while (m := pattern.search(text)) is not None:
            found = read(text, m)
            if found is None:
                raise InputError(f"cannot read the derivative notation '{text[m.start():m.start() + 30]}'",
                                 expected=r"\frac{\partial J}{\partial W}, ∂J/∂W, \nabla_x f or D[J; z]")
            num, den, end = found
            name = f"partial{len(table)}"
            num = _LOSS_CALL.sub(r"\1", num).strip()
            table[name] = Partial(name, num.strip(), den.strip(), form, " ".join(text[m.start():end].split()))
            text = text[: m.start()] + f" {name} " + text[end:]
    return text


# ------------------------------------------------------------------ labels (data)
def _loss_kinds(letter: str) -> tuple[str, ...]:
    return ("function", "jacobian") if letter == "J" else ("function",)


LOSS = "|".join(re.escape(x) for x in LOSSES)
LABELS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[tuple[str, ...], str | None]]], ...] = (
    (re.compile(rf"^(?P<x>{LOSS})$"), lambda m: (_loss_kinds(m["x"]), None)),
    (re.compile(rf"^(?:d|\\mathrm\{{d\}})\s*(?:{LOSS})$"), lambda m: (("differential",), None)),
    (re.compile(rf"^(?:d|\\mathrm\{{d\}})\s*\(\s*(?:{LOSS})\s*\)$"), lambda m: (("differential",), None)),
    (re.compile(r"^(?:grad|gradient|g|G)$"), lambda m: (("gradient",), None)),
    (re.compile(r"^(?:jac|jacobian)$"), lambda m: (("jacobian",), None)),
    (re.compile(r"^(?:d|\\mathrm\{d\})\s*(?P<e>\(.*\))$"), lambda m: (("differential",), "d" + m["e"])),
    (re.compile(r"^(?:d|\\mathrm\{d\})\s*(?P<e>\\?[^\s(].*)$"), lambda m: (("differential",), f"d({m['e']})")),
)


def _label(lhs: str, partials: dict[str, Partial], answers: dict[str, tuple[str, ...]],
           names: frozenset[str]) -> tuple[tuple[str, ...], str | None, str] | None:
    """(kinds, lhs expression to check, role) of a label, or None when ``lhs`` is not a label.

    ``answers``: names that stand for the problem's answer (δ^(l) when δ is asked); another declared
    or defined name (``z^(l+1) = …``) makes the line an aside, checked against that name's value."""
    compact = lhs.strip()
    name = canonical_name(compact) if "(" not in compact.replace("^{(", "").replace("^(", "") else ""
    if re.fullmatch(r"[A-Za-z]+(?:_[A-Za-z0-9]+|_\{[^{}]+\})?(?:\^\([^()]*\))?", name):
        if name in answers:
            return answers[name], None, "chain"
        if name in names and name not in LOSSES:
            return ("value",), compact, "aside"
    if re.fullmatch(r"partial\d+", compact):
        p = partials[compact]
        if p.num in LOSSES or p.num == "f":
            return ("gradient", "jacobian"), None, "chain"
        return ("value",), compact, "aside"
    for pattern, read in LABELS:
        m = pattern.match(compact)
        if m:
            kinds, expr = read(m)
            return kinds, expr, "chain"
    return None


# ------------------------------------------------------------------ rows and statements
def _rows(content: str) -> list[tuple[int, str]]:
    blocks = [(content[: m.start()].count("\n") + 1, m.group(1) or m.group(2))
              for m in re.finditer(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]", content, re.S)]
    if not blocks:
        return [(n, text) for n, text in enumerate(content.splitlines(), start=1)]
    rows = []
    for start, block in blocks:
        line, offset = start, 0
        for piece in re.split(r"\\\\", block):
            lead = len(piece) - len(piece.lstrip())
            rows.append((line + block[: offset + lead].count("\n"), " ".join(piece.split())))
            offset += len(piece) + 2
    return rows


def _statements(row: str) -> list[str]:
    """``J = …, \\nabla_x = …`` → two statements: split at top-level commas that start a new label."""
    cuts, depth = [0], 0
    for k, ch in enumerate(row):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            rest = row[k + 1 :]
            head = rest.split("=", 1)[0] if "=" in rest else None
            if head is not None and head.strip() and "," not in head:
                cuts.append(k + 1)
    cuts.append(len(row) + 1)
    return [row[a : b - 1] if b - 1 > a else row[a:] for a, b in zip(cuts, cuts[1:])]


def split_chain(body: str) -> list[str]:
    depth, start, parts = 0, 0, []
    for i, ch in enumerate(body):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "=" and depth == 0 and body[i - 1 : i] not in ("<", ">", "!") and body[i + 1 : i + 2] != "=":
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def _clean(text: str) -> str:
    return text.strip().rstrip("\\").strip().rstrip(".,;。，；").strip()


def read_steps(content: str, *, first_kind: str = "gradient", names: frozenset[str] = frozenset(),
               answers: dict[str, tuple[str, ...]] | None = None) -> StepFile:
    """Split a step file into steps with their candidate kinds (:data:`LABELS`) and its partials."""
    partials: dict[str, Partial] = {}
    steps: list[Step] = []
    kinds: tuple[str, ...] | None = None
    all_rows = _rows(normalize_keyboard(content))  # a Chinese keyboard's ，；（）＝ read as ASCII
    for position, (number, raw) in enumerate(all_rows):
        row = _clean(_rewrite(raw))
        if not row or row.startswith(("#", "%")):
            continue
        first_step = len(steps)
        row = _split_differentials(_lift_partials(row, partials), names)
        for statement in _statements(row):
            parts = [_clean(p) for p in split_chain(statement)]
            head, rest = parts[0], parts[1:]
            if not head and rest:  # "= …" continues the chain
                if kinds is None:
                    raise InputError(f"line {number} continues a derivation that has not started",
                                     expected="a first line such as df = …")
                for p in rest:
                    _add(steps, number, p, kinds)
                continue
            label = _label(head, partials, answers or {}, names) if rest else None
            if label is None:
                kinds = kinds or (("differential",) if re.search(r"(^|[^a-z])d[A-Za-z(\\]", head) else (first_kind,))
                for p in parts:
                    _add(steps, number, p, kinds)
                continue
            label_kinds, lhs, role = label
            if role == "aside":
                for p in rest:
                    _add(steps, number, p, label_kinds, role="aside", lhs=lhs)
                continue
            kinds = label_kinds
            if lhs is not None:
                _add(steps, number, lhs, kinds)
            for p in rest:
                _add(steps, number, p, kinds)
        rows_here = sum(1 for n, _ in all_rows if n == number)
        if rows_here > 1:
            index = sum(1 for n, _ in all_rows[:position] if n == number) + 1
            for step in steps[first_step:]:
                step.row = index
    if not steps:
        raise InputError("the step file has no steps", expected="one step a line, e.g. df = 2(Ax-b)^T A dx")
    return StepFile(steps, partials)


def _add(steps: list[Step], line: int, text: str, kinds: tuple[str, ...], *, role: str = "chain", lhs: str | None = None) -> None:
    if text.strip():
        steps.append(Step(line, text.strip(), kinds, role, lhs))


def _split_differentials(text: str, names: frozenset[str]) -> str:
    """``Adx`` → ``A dx``: a word that ends in d + a declared name, after declared names."""
    def split(m: re.Match[str]) -> str:
        word = m.group(0)
        if word in names:
            return word
        k = word.rfind("d")
        while k > 0:
            head, tail = word[:k], word[k + 1 :]
            if tail in names and _covers(head, names):
                return f"{head} d{tail}"
            k = word.rfind("d", 0, k)
        return word
    return re.sub(r"(?<![\\A-Za-z])[A-Za-z]+[A-Za-z0-9]*", split, text)


def _covers(word: str, names: frozenset[str]) -> bool:
    if not word:
        return True
    return any(word.startswith(n) and _covers(word[len(n) :], names) for n in names if n and n.isalnum())


def shown(text: str, partials: dict[str, Partial]) -> str:
    """A step's text with its partials as the student wrote them."""
    return re.sub(r"partial\d+", lambda m: partials[m.group()].source if m.group() in partials else m.group(), text).strip()
