"""Read a step file as students write it: plain lines, or Markdown/LaTeX blocks in the course's notation.

A file is cut into rows (plain lines; ``$$…$$``/``\\[…\\]`` blocks split at ``\\\\``), rows into
statements (``J = …, \\nabla_x = …``), statements into a label and a chain of ``=``-separated steps.
Everything is table-driven:

* :data:`REWRITES` — LaTeX the expression language does not need (``&``, ``\\begin{aligned}``,
  ``\\boxed``, ``\\in \\mathbb{R}^n``) and the course's spellings (``\\delta^{(l+1)T}`` →
  ``\\delta^{(l+1)}^T``, ``d(E; z)`` → ``d(E)``); arrows (``\\leftarrow``, ``←``, ``\\gets``, ``:=``,
  ``\\triangleq``) become :data:`ARROW`, an update or a definition;
* :data:`PARTIALS` — ``\\frac{\\partial u}{\\partial v}``, ``\\frac{du}{dv}``, ``∂u/∂v``, ``\\nabla_v u``,
  ``\\partial_v u``, ``D[u; v]`` and the operator forms ``\\frac{\\partial}{\\partial v}(u)``,
  ``\\frac{\\partial}{\\partial v} = …`` (u empty: the problem's function) become placeholder names
  ``partial_k`` whose meaning (u, v, form) is kept in :class:`Partial`, so grading can give them values
  (:mod:`checker.grading.chain`);
* :func:`_label` and :data:`LABELS` — what a label says the step is, as candidate kinds: the objective
  (:func:`is_loss`: J, L_t, ℓ, E, J(W, b)), its differential, ∇/∂ of it (the gradient: shape of the
  variable) or D[J; x] (the Jacobian row), δ with any layer or time label (the answer), gradient and
  Jacobian words, a name of the network (an aside, checked against its value), a definition.
  :class:`Reading` is what the reader knows of the problem (its names, answer labels, function).

>>> [(s.line, s.kinds, s.text) for s in read_steps("df = 2(Ax-b)^T A dx\\nJ = 2(Ax-b)^T A, grad = 2A^T(Ax-b)").steps]
[(1, ('differential',), '2(Ax-b)^T A dx'), (2, ('function', 'jacobian'), '2(Ax-b)^T A'), (2, ('gradient',), '2A^T(Ax-b)')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from checker.language.errors import InputError
from checker.language.keyboard import normalize_keyboard
from checker.language.names import canonical_name

LOSSES = ("f", "J", "L", "l", "ℓ", "C", "E", "Omega")  # letters a step file uses for the function being differentiated
# a loss as written: J, L_t, J_{sparse}, J(W, b), C(W, b), \ell(y, ŷ) (the arguments and the subscript are labels)
LOSS_SPELLING = re.compile(r"^\s*(?P<x>" + "|".join(LOSSES) + r")(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?\s*(?:\((?:[^()]|\([^()]*\))*\))?\s*$")


def is_loss(text: str, names: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether ``text`` names the function being differentiated (and is not a declared symbol).

    >>> [is_loss(t) for t in ("J", "L_t", "J(W, b)", "C(W,b)", "E", "f", "z", "f(z)")]
    [True, True, True, True, True, True, False, False]
    """
    text = text.strip()
    if not text or (text in names and text not in LOSSES):
        return False
    m = LOSS_SPELLING.match(text) or LOSS_SPELLING.match(canonical_name(text))  # Ω, \\Omega
    return m is not None and not (m["x"] == "f" and "(" in text)  # f(z) is the activation of the course


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
ARROW = "≔"  # ←, \\leftarrow, \\gets, :=, \\triangleq: an update or a definition (see :func:`_label`)

def _drop(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], str]:
    return re.compile(pattern, flags), ""


CJK = "\u3000-\u303f\u4e00-\u9fff"  # Chinese letters and punctuation (。、「」)
REWRITES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    # ＝ （ ） ， ： are = ( ) , :, and Chinese prose around a step ("解：", ", 因此", a line of words) is not a step
    (re.compile(r"[\uff01-\uff5e]"), lambda m: chr(ord(m.group()) - 0xFEE0)),
    (re.compile(r"\u3000"), " "),
    (re.compile(rf"^\s*[{CJK}][{CJK}\s]*:?"), ""),
    (re.compile(rf"[{CJK}][{CJK}\s]*$"), ""),
    _drop(r"\\(?:begin|end)\{(?:aligned|align\*?|split|gathered|gather\*?|equation\*?|array)\}(?:\{[lcr]*\})?"),
    _drop(r"&&.*$"),  # a comment column: x &= … && \text{because …}
    (re.compile(r"&"), ""),
    _drop(r"\\(?:in|subseteq)\s*\\mathbb\{R\}.*$"),  # … \in \mathbb{R}^{M_l}
    (re.compile(r"\\(?:triangleq|coloneqq|leftarrow|gets|longleftarrow)(?![A-Za-z])|:=|←|⟵|≔|≜"), f" {ARROW} "),
    (re.compile(r"\\(?:equiv|doteq)(?![A-Za-z])"), "="),
    (re.compile(r"\\boxed\s*\{(.*)\}\s*$"), r"\1"),
    (re.compile(r"\\(?:tag|label)\{[^{}]*\}"), ""),
    (re.compile(r"\\ell\b|ℓ"), "l"),
    # \mathbf{s}\mathbf{s}^T is s sᵀ (two symbols), \mathbf{z}_{k+1} is z_{k+1}
    (re.compile(r"(\\(?:mathbf|boldsymbol|bm|vec)\s*\{[^{}]*\})(?=\\(?:mathbf|boldsymbol|bm|vec)(?![A-Za-z]))"), r"\1 "),
    (re.compile(r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\mathcal\s*\{([A-Za-z])\}"), r"\1"),
    (re.compile(r"\\(?:mathrm|operatorname|text)\s*\{\s*(Tr|tr|diag|softmax|sigmoid|tanh|exp|log|det|sparsemax|relu|grad|gradient|Jacobian|jacobian|jac)\s*\}"), r"\1"),
    # a transpose inside a label's superscript: \delta^{(l+1)T}, a^{(l-1)\top}
    (re.compile(r"\^\{\s*\(([^{}()]*)\)\s*(?:T|\\top|\\intercal|⊤|ᵀ)\s*\}"), r"^{(\1)}^T"),
    (re.compile(r"\^\(([^()]*)\)(?:T|ᵀ)(?![A-Za-z0-9])"), r"^(\1)^T"),
    # f'_l(z) (the layer's activation) is f'(z)
    (re.compile(r"\b([fg])'_\{?[A-Za-z0-9]\}?\s*\("), r"\1'("),
    (re.compile(r"\b([fg])_\{?[A-Za-z0-9]\}?'\s*\("), r"\1'("),
)


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
_SIGN = r"(?:\\partial|∂|\\mathrm\{d\}|\\text\{d\}|d(?![a-z]{2}))"  # ∂ or an upright/plain d (not \det, not diag)


def _operand(text: str, at: int) -> tuple[str, int]:
    """What an operator ``\\frac{∂}{∂x}`` or ``∂_x`` applies to: the text up to a top-level ``=`` or ``,``."""
    depth, k = 0, at
    while k < len(text):
        ch = text[k]
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth < 0 or (depth == 0 and ch in "=,"):
            break
        k += 1
    return text[at:k].strip(), k


def _frac_partial(text: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    """``\\frac{∂u}{∂v}``, ``\\frac{du}{dv}``, and the operator ``\\frac{∂}{∂v}(u)`` / ``\\frac{∂}{∂v} = …`` (u: the problem's)."""
    num = _braced(text, m.end())
    if num is None or not re.match(r"\s*" + _SIGN, num[0]):
        return None
    den = _braced(text, num[1])
    if den is None or not re.match(r"\s*" + _SIGN, den[0]):
        return None
    strip = lambda s: re.sub(r"^\s*" + _SIGN + r"\s*", "", s, count=1).strip()  # noqa: E731
    top, bottom = strip(num[0]), strip(den[0])
    if not bottom:
        return None
    if top:
        return top, bottom, den[1]
    operand, end = _operand(text, den[1])
    return operand, bottom, end


def _unicode_partial(text: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    if m.group(1):
        return m.group(1), m.group(2), m.end()
    operand, end = _operand(text, m.end())  # ∂/∂x (…): the operator form
    return operand, m.group(2), end


def _subscript(text: str, rest: int) -> tuple[str, int] | None:
    """The variable of ``\\nabla_x``, ``\\nabla_{\\mathbf{z}}``, ``\\partial_{W^{(l)}}``: its text and the index after it."""
    sub = _braced(text, rest) if text[rest:].lstrip().startswith("{") else None
    if sub is not None:
        return sub
    word = re.match(r"\s*(\\?[A-Za-z]+(?:\^\{?\([^()]*\)\}?)?)", text[rest:])
    return (word.group(1), rest + word.end()) if word else None


def _nabla(text: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    """``∇_x f``, ``∂_x f``, ``∂_x (…)``: what follows up to ``=`` or ``,`` is the function (empty: the problem's)."""
    found = _subscript(text, m.end())
    if found is None:
        return None
    den, rest = found
    num, end = _operand(text, rest)
    return num, den, end


def _capital_d(text: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    close, semi = _matching(text, m.end() - 1, ";")
    if close is None or semi is None:
        return None
    return text[m.end() : semi], text[semi + 1 : close], close + 1


PARTIALS: tuple[tuple[str, re.Pattern[str], Callable[[str, re.Match[str]], tuple[str, str, int] | None]], ...] = (
    ("partial", re.compile(r"\\[dt]?frac(?=\s*\{\s*" + _SIGN + r")"), _frac_partial),
    ("partial", re.compile(r"∂\s*([^\s/∂=,()]+(?:\([^()]*\))?)?\s*/\s*∂\s*([^\s=,()∂]+(?:\([^()]*\))?)"), _unicode_partial),
    ("nabla", re.compile(r"(?:\\nabla|∇)\s*_"), _nabla),
    ("partial", re.compile(r"(?:\\partial|∂)\s*_"), _nabla),
    ("D", re.compile(r"(?<![A-Za-z\\])D\s*\["), _capital_d),
)


def _lift_partials(text: str, table: dict[str, Partial]) -> str:
    for form, pattern, read in PARTIALS:
        start = 0
        while (m := pattern.search(text, start)) is not None:
            found = read(text, m)
            if found is None:
                if read is _frac_partial:
                    start = m.end()  # a fraction that is not a derivative (d in \\frac{dx}{2})
                    continue
                raise InputError(f"cannot read the derivative notation '{text[m.start():m.start() + 30]}'",
                                 expected=r"\frac{\partial J}{\partial W}, ∂J/∂W, \nabla_x f or D[J; z]")
            num, den, end = found
            name = f"partial{len(table)}"
            num = _strip_loss_arguments(num)
            table[name] = Partial(name, num.strip(), den.strip(), form, " ".join(text[m.start():end].split()))
            text = text[: m.start()] + f" {name} " + text[end:]
    return text


def _strip_loss_arguments(num: str) -> str:
    """``C(W, b)`` → ``C``, ``\\mathcal{L}(y, ŷ)`` → ``L``; ``f(z)`` (an activation) stays."""
    num = num.strip()
    if num.startswith("(") and _matching(num, 0)[0] == len(num) - 1:
        num = num[1:-1].strip()
    return num.split("(", 1)[0].strip() if is_loss(num) else num


# ------------------------------------------------------------------ labels (data)
@dataclass(frozen=True)
class Reading:
    """What the reader knows of the problem: its names, the labels of its answer, and how to tell the
    function being differentiated (``is_objective``: J, L_t, the output p of sparsemax) and its variable."""

    names: frozenset[str] = frozenset()
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # δ^(l) when δ is asked
    first_kind: str = "gradient"
    given: frozenset[str] = frozenset()  # names the problem's function and answer use (δ^(l+1) in the δ recursion)
    network: frozenset[str] = frozenset()  # names the network defines (z^(l+1) = …): a line naming one is checked
    scalar: bool = True  # the function being differentiated is a scalar (∂J/∂x is a gradient) or not (a Jacobian)
    is_objective: Callable[[str], bool] = is_loss
    is_wrt: Callable[[str], bool] = lambda text: True  # noqa: E731


NAME = re.compile(r"[A-Za-z]+(?:_[A-Za-z0-9]+|_\{[^{}]+\})?(?:\^\([^()]*\))?")
DELTA = re.compile(r"^(?:delta|Delta)(?:$|[_^])")  # δ^(L), δ_{t,k}, Δ: a residual, named by its layer or time
_D = r"(?:d|\\mathrm\{d\})\s*"


def _loss_kinds(letter: str) -> tuple[str, ...]:
    return ("function", "jacobian") if letter.strip().startswith("J") else ("function",)


def _differential_of_loss(text: str, reading: Reading) -> bool:
    """``dJ``, ``dL_t``, ``d\\ell``, ``dJ(W, b)``, ``d(J)``, ``\\mathrm{d}E``."""
    m = re.match(_D + r"(.+)$", text)
    if m is None:
        return False
    inner = m.group(1).strip()
    if inner.startswith("(") and _matching(inner, 0)[0] == len(inner) - 1:
        inner = inner[1:-1]
    return is_loss(inner, reading.names)


# (pattern, kinds, lhs to check) — one line per way of naming a step; the first match wins
LABELS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[tuple[str, ...], str | None]]], ...] = (
    (re.compile(r"^(?:grad|gradient|g|G|梯度|(?:\\nabla|∇)\s*(?:" + "|".join(LOSSES) + r")?)$"), lambda m: (("gradient",), None)),
    (re.compile(r"^(?:jac|Jac|jacobian|Jacobian|J_[a-z]|雅可比矩阵|雅可比|雅克比矩阵)$"), lambda m: (("jacobian",), None)),
    (re.compile(r"^" + _D + r"(?P<e>\(.*\))$"), lambda m: (("differential",), "d" + m["e"])),
    (re.compile(r"^" + _D + r"(?P<e>\\?[^\s(].*)$"), lambda m: (("differential",), f"d({m['e']})")),
)


def _partial_kinds(p: Partial, reading: Reading) -> tuple[str, ...]:
    """∇ and ∂ of a scalar: the gradient (shape of the variable); D[J; x], and any derivative of a vector: the Jacobian."""
    if p.form == "D" or not reading.scalar:
        return ("jacobian",)
    return ("gradient",)


def _label(lhs: str, partials: dict[str, Partial], reading: Reading,
           arrow: bool = False) -> tuple[tuple[str, ...], str | None, str] | None:
    """(kinds, lhs expression to check, role) of a label, or None when ``lhs`` is not a label.

    Roles: "chain" (the derivation itself), "aside" (``z^(l+1) = …``, ``∂J/∂z^(l+1) = δ^(l+1)``: checked
    against the value of its own left side), "definition" (``s := 1ᵀexp(z)``, ``W ← …`` for a name the
    problem does not define: read, not judged)."""
    compact = lhs.strip()
    names = reading.names
    name = canonical_name(compact) if "(" not in compact.replace("^{(", "").replace("^(", "") else ""
    if NAME.fullmatch(name):
        if name in reading.answers:
            return reading.answers[name], None, "chain"
        if DELTA.match(name) and name not in reading.given:
            return (reading.first_kind,), None, "chain"
        if is_loss(name, names):
            return _loss_kinds(name), None, "chain"
        if arrow and name not in reading.network:
            return ("value",), name, "definition"
        if name in names:
            return ("value",), compact, "aside"
    if is_loss(compact, names):
        return _loss_kinds(compact), None, "chain"
    if re.fullmatch(r"partial\d+", compact):
        p = partials[compact]
        if reading.is_objective(p.num) and reading.is_wrt(p.den):
            return _partial_kinds(p, reading), None, "chain"
        return ("value",), compact, "aside"
    if _differential_of_loss(compact, reading):
        return ("differential",), None, "chain"
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
            head = re.split(r"[=" + ARROW + "]", rest, maxsplit=1)[0] if re.search(r"[=" + ARROW + "]", rest) else None
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
               answers: dict[str, tuple[str, ...]] | None = None, reading: Reading | None = None) -> StepFile:
    """Split a step file into steps with their candidate kinds (:data:`LABELS`) and its partials."""
    reading = reading or Reading(names=names, answers=answers or {}, first_kind=first_kind)
    partials: dict[str, Partial] = {}
    steps: list[Step] = []
    kinds: tuple[str, ...] | None = None
    all_rows = _rows(normalize_keyboard(content))  # a Chinese keyboard's ，；（）＝ read as ASCII
    for position, (number, raw) in enumerate(all_rows):
        row = _clean(_rewrite(raw))
        if not row or row.startswith(("#", "%")):
            continue
        first_step = len(steps)
        row = _split_differentials(_lift_partials(row, partials), reading.names)
        for statement in _statements(row):
            arrow = ARROW in statement
            parts = [_clean(p) for p in split_chain(statement.replace(ARROW, "="))]
            head, rest = parts[0], parts[1:]
            if not head and rest:  # "= …" continues the chain
                if kinds is None:
                    raise InputError(f"line {number} continues a derivation that has not started",
                                     expected="a first line such as df = …")
                for p in rest:
                    _add(steps, number, p, kinds)
                continue
            label = _label(head, partials, reading, arrow) if rest else None
            if label is None:
                kinds = kinds or (("differential",) if re.search(r"(^|[^a-z])d[A-Za-z(\\]", head) else (reading.first_kind,))
                for p in parts:
                    _add(steps, number, p, kinds)
                continue
            label_kinds, lhs, role = label
            if role == "definition":  # s := 1ᵀexp(z): later lines may use s; an equal chain after it is checked
                _add(steps, number, rest[0], label_kinds, role="definition", lhs=lhs)
                reading = replace(reading, names=reading.names | {lhs})  # type: ignore[arg-type]
                for p in rest[1:]:
                    _add(steps, number, p, label_kinds, role="aside", lhs=lhs)
                continue
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
