"""A model answer in the course's style, made from a verified derivation: 3–8 lines in the differential
style (``df = … = Tr(Gᵀ dX)``, the result boxed), each line one idea with a short zh/en note, beside
the full trace of every step, and a marking scheme (which lines earn which points).

The course's own answers (the softmax and the conv-residual proofs of the lecture notes) are the model:
the mechanical steps (take the differential, linearity, a scalar is its own trace) are merged into the
line of the idea they lead to (``derivations.rules.ideas`` says which is which); an engine line is
written as a person writes it (``derivations.display.tidy``) and then checked again numerically with the
derivation's own ``StepChecker``: a line that fails that check is shown as the engine wrote it, and a
line that was not checked is never called verified.

>>> from derivations.catalog import get
>>> entry = get("softmax-cross-entropy-gradient")
>>> answer = for_part(entry, entry.parts[0])
>>> len(answer.lines) <= MAX_LINES, all(l.verified for l in answer.lines), answer.lines[-1].latex
(True, True, '\\\\boxed{\\\\nabla_{z} f = a - e_{y}}')
>>> sum(m.points for m in answer.marking)
10
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterable

from checker.language import ast as A
from checker.language.errors import DlprepError
from derivations.check import TOLERANCE
from derivations.rules.ideas import Idea, ideas

Text = dict[str, str]
MAX_LINES = 8  # the most lines a model answer has (issue 19)
TARGET_LINES = 7  # mechanical lines are merged until a derivation fits in this many
CLOSING = ("idea", "trace", "collect")  # kinds of step that end a model line
WEIGHT = {"setup": 1, "definition": 1, "line": 2, "collect": 2, "result": 3}  # marking weights, scaled to the points


@dataclass(frozen=True)
class Line:
    """One line: its LaTeX (``\\mathrm{d}f = …``, ``\\phantom{\\mathrm{d}f} = …`` continuing it, the result
    ``\\boxed{…}``), the idea it uses (zh/en markup), and whether it was checked numerically."""

    latex: str
    note: Text
    verified: bool
    stated: bool = False  # a definition or a given: stated, not claimed
    role: str = "line"  # setup | definition | line | collect | result (for the marking)
    unicode: str = ""  # the line for a terminal (lhs = expression in Unicode), when it has one
    tree: Any = field(default=None, compare=False, repr=False)  # an engine line's expression, as shown


@dataclass(frozen=True)
class MarkLine:
    """What earns points: ``MarkLine({"en": "line 2: chain rule", …}, 2)``."""

    text: Text
    points: int


@dataclass(frozen=True)
class ModelAnswer:
    lines: tuple[Line, ...]  # the model answer, course style
    trace: tuple[Line, ...]  # every step of the derivation
    marking: tuple[MarkLine, ...] = field(default=())

    @property
    def verified(self) -> bool:
        return bool(self.lines) and all(line.verified or line.stated for line in self.lines)


# ------------------------------------------------------------------ notes
def note_of(found: Iterable[Idea], fallback: str = "") -> Text:
    """The names of the ideas, joined as each language joins a list (；and ;); one idea alone with the
    identity it uses (迹的循环性质：$\operatorname{Tr}(ABC) = \operatorname{Tr}(CAB)$)."""
    found = list(found)
    if len(found) == 1 and found[0].formula:
        one = found[0]
        return {"en": f"{one.note['en']}: ${one.formula}$", "zh": f"{one.note['zh']}：${one.formula}$"}
    en = "; ".join(i.note["en"] for i in found) or fallback
    zh = "；".join(i.note["zh"] for i in found if i.note["zh"])
    return {"en": en, "zh": zh}


def _visible(step_rule: str, cosmetic: bool) -> list[Idea]:
    """The ideas of a step; a step that changes only brackets shows none (no label on a step that
    does not do what its label says)."""
    return [] if cosmetic else ideas(step_rule)


def _bare(node: A.Node) -> str:
    from checker.language.printing import to_text

    return re.sub(r"[\s()]", "", to_text(node))


# ------------------------------------------------------------------ left sides
def lhs_latex(lhs: str, names: set[str], wrt: str | None = None) -> str:
    """A step's left side (``f``, ``df``, ``∇_W^(l) f``, ``∂f/∂zᵀ``, ``δ^(l)``; ``grad`` and ``jac`` with
    the part's variable) in LaTeX."""
    if lhs == "grad" and wrt:
        return f"\\nabla_{{{_math(wrt, names | {wrt})}}} f"
    if lhs == "jac" and wrt:
        return f"\\frac{{\\partial f}}{{\\partial {_math(wrt, names | {wrt})}^{{\\top}}}}"
    if lhs in ("f", "grad", "jac"):
        return {"f": "f", "grad": "\\nabla f", "jac": "\\frac{\\partial f}{\\partial x^{\\top}}"}[lhs]
    if lhs == "df":
        return "\\mathrm{d}f"
    m = re.fullmatch(r"∇_(\S+) f", lhs)
    if m:
        return f"\\nabla_{{{_math(m.group(1), names)}}} f"
    m = re.fullmatch(r"∂f/∂(\S+?)ᵀ", lhs)
    if m:
        return f"\\frac{{\\partial f}}{{\\partial {_math(m.group(1), names)}^{{\\top}}}}"
    m = re.fullmatch(r"df/d(\S+)", lhs)
    if m:
        return f"\\frac{{\\mathrm{{d}}f}}{{\\mathrm{{d}}{_math(m.group(1), names)}}}"
    m = re.fullmatch(r"d([A-Za-z]\S*)", lhs)
    if m and lhs not in names:
        try:
            return f"\\mathrm{{d}}{_math(m.group(1), names)}"
        except DlprepError:
            pass
    return _name_or_text(lhs, names)


def _math(expr: str, names: set[str]) -> str:
    from checker.language.parser import parse
    from checker.language.printing import to_latex

    return to_latex(parse(expr, names=names))


def _name_or_text(lhs: str, names: set[str]) -> str:
    try:
        return _math(lhs, names) if lhs else ""
    except DlprepError:
        return "\\text{" + re.sub(r"([\\{}_^&%$#])", r"\\\1", lhs) + "}"


def _lhs_unicode(lhs: str, wrt: str | None) -> str:
    """A hand-written line's label for a terminal: ``grad`` → ∇_z f, ``jac`` → ∂f/∂zᵀ (with the part's variable)."""
    from checker.language import ast as A
    from checker.language.printing import to_unicode

    x = to_unicode(A.Sym(wrt)) if wrt else "x"
    sub = f"{{{x}}}" if "_" in x else x  # ∇_{z_l} f, not ∇_z_l f
    return {"grad": f"∇_{sub} f", "jac": f"∂f/∂{x}ᵀ"}.get(lhs, lhs)


def _joined(lhs: str, body: str, first: bool) -> str:
    return f"{lhs} = {body}" if first else f"\\phantom{{{lhs}}} = {body}"


# ------------------------------------------------------------------ marking
def plain_note(note: str) -> str:
    """A note for a terminal: its inline math in Unicode (read by the expression parser; as written,
    without backslashes, where the parser does not read it)."""
    from checker.language.parser import parse
    from checker.language.printing import to_unicode

    def unicode(m: re.Match[str]) -> str:
        try:
            return to_unicode(parse(m.group(1)))
        except DlprepError:
            return m.group(1).replace("\\", "")

    return re.sub(r"\$([^$]*)\$", unicode, note)


def marking(lines: tuple[Line, ...], points: int) -> tuple[MarkLine, ...]:
    """Points per line, by weight (a result more than a step, a definition least), summing to ``points``
    (largest remainders); lines that earn nothing at this total are left out."""
    weights = [WEIGHT.get(line.role, 2) for line in lines]
    total = sum(weights) or 1
    shares = [points * w / total for w in weights]
    given = [int(s) for s in shares]
    for i in sorted(range(len(lines)), key=lambda i: shares[i] - given[i], reverse=True)[: points - sum(given)]:
        given[i] += 1
    out = []
    for number, (line, got) in enumerate(zip(lines, given), start=1):
        if got:
            named = {k: re.sub(r"[:：]\s*\$[^$]*\$$", "", v) for k, v in line.note.items()}  # the name, not the identity
            if named.get("en", "").startswith("write $"):  # abbreviations: their names may be the lines' own
                named = {"en": "abbreviations", "zh": "引入记号"}
            what = {"en": named.get("en") or "the step", "zh": named.get("zh") or "该步"}
            if line.role == "result":
                what = {"en": "the result", "zh": "结果"}
            out.append(MarkLine({"en": f"line {number}: {what['en']}", "zh": f"第{number}行：{what['zh']}"}, got))
    return tuple(out)


# ------------------------------------------------------------------ from the engine
def from_derivation(d: Any, names: set[str], *, result: str = "gradient", abbreviations: str | None = None,
                    points: int = 10) -> ModelAnswer:
    """The model answer of an engine derivation (``derivations.derive``); ``result`` is what the part
    asks (gradient, jacobian, differential, derivative): its line is boxed."""
    from checker.language.printing import to_latex, to_unicode

    wrt = d.wrt
    local = names | {wrt}
    cosmetic = _cosmetic(d.steps)
    trace = tuple(Line(_joined(lhs_latex(s.lhs, local), to_latex(_with_d(s.expr, wrt)), True),
                       note_of(_visible(s.rule, bare)), s.verified, role="line",
                       unicode=f"{s.lhs} = {to_unicode(_with_d(s.expr, wrt))}") for s, bare in zip(d.steps, cosmetic))
    f_steps = [s for s in d.steps if s.lhs == "f"]
    df_steps = [s for s in d.steps if s.lhs == "df"]
    ends = [s for s in d.steps if s.lhs not in ("f", "df")]
    lines: list[Line] = []
    if len(f_steps) > 1:  # f restated: norms as inner products, abbreviations
        s = f_steps[-1]
        lines.append(_line(d, s.expr, "f", "function", note_of(ideas(s.rule)) if "write with" not in s.rule
                           else _abbreviation_note(abbreviations, s.expr, local), local, True, "setup", s.verified))
    groups = _groups(df_steps, TARGET_LINES - len(lines) - 1)
    boxed_collect = result == "differential"
    kept: list[Idea] = []
    for k, group in enumerate(groups):
        last = group[-1]
        found = _group_ideas(group, df_steps)
        role = "collect" if any(i.kind == "collect" for i in found) else "line"
        boxed = boxed_collect and k == len(groups) - 1
        line = _line(d, last.expr, "df", "differential", note_of(found), local, k == 0, "result" if boxed else role,
                     last.verified, boxed=boxed)
        if k and _body(line) == _body(lines[-1]):  # the same line twice once tidied: one line, both ideas
            found = list({i.key: i for i in kept + found}.values())
            line = replace(line, latex=line.latex.replace("\\phantom{\\mathrm{d}f}", "\\mathrm{d}f") if len(lines) == 1 or
                           lines[-2].role == "setup" else line.latex, note=note_of(found))
            lines.pop()
        kept = found
        lines.append(line)
    firsts = [k for k, line in enumerate(lines) if line.latex.startswith("\\mathrm{d}f = ")]
    if len(groups) and sum(line.role in ("line", "collect") for line in lines) == 1 and firsts:
        lines = _with_expanded_differential(d, lines, firsts[0], groups[0], df_steps, local)
    if not boxed_collect:
        end = _result_step(ends, result)
        if end is not None:
            against = _against(d, end.lhs)
            lines.append(_line(d, end.expr, end.lhs, against, note_of(ideas(end.rule)), local, True, "result",
                               end.verified, boxed=True))
    lines_t = _abbreviated(tuple(lines), local)
    return ModelAnswer(lines_t, trace, marking(lines_t, points))


# ------------------------------------------------------------------ abbreviations of long lines
LONG = 300  # a model answer with a line longer than this (LaTeX characters) gets abbreviations
LETTERS = ("h", "r", "u", "v", "s", "q")  # names for them, the first that the problem does not use


def _abbreviated(lines: tuple[Line, ...], names: set[str]) -> tuple[Line, ...]:
    """Long lines as a teacher writes them: a subexpression that recurs (σ(Wx + b), Wᵀh + c − x) named
    once, on a first line that states it, and written by its name everywhere. The lines were checked
    in full; naming equal subtrees does not change what they say."""
    from checker.language import ast as A
    from checker.language.printing import to_latex, to_unicode

    if not any(line.tree is not None and len(line.latex) > LONG for line in lines):
        return lines
    trees = [line.tree for line in lines]
    free = [n for n in LETTERS if n not in names and not any(
        isinstance(x, A.Sym) and x.name == n for t in trees if t is not None for x in t.walk())]
    defs: list[tuple[str, A.Node]] = []
    for name in free[:2]:
        best = _recurring(trees)
        if best is None:
            break
        defs.append((name, best))
        trees = [None if t is None else _substitute(t, best, A.Sym(name)) for t in trees]
    if not defs:
        return lines
    out = [Line(", \\; ".join(f"{to_latex(A.Sym(n))} = {to_latex(v)}" for n, v in defs),
                {"en": "notation", "zh": "记号"}, False, True, "definition",
                ", ".join(f"{n} = {to_unicode(v)}" for n, v in defs))]
    for line, tree in zip(lines, trees):
        if tree is None:
            out.append(line)
            continue
        head = line.latex.removeprefix("\\boxed{").partition(" = ")[0]
        text = f"{head} = {to_latex(tree)}"
        boxed = line.latex.startswith("\\boxed{")
        out.append(replace(line, latex=f"\\boxed{{{text}}}" if boxed else text, tree=tree,
                           unicode=f"{line.unicode.partition(' = ')[0]} = {to_unicode(tree)}"))
    return tuple(out)


def _recurring(trees: list[Any]) -> Any:
    """The recurring subexpression without a differential whose name saves the most (a call, or a sum
    of more than two symbols), or None."""
    from checker.language import ast as A

    counts: dict[Any, int] = {}
    for t in trees:
        if t is None:
            continue
        for node in t.walk():
            if isinstance(node, (A.Func, A.Add)) and not any(isinstance(x, A.Differential) for x in node.walk()):
                counts[node] = counts.get(node, 0) + 1
    whole = {t for t in trees if t is not None}  # a line's whole right side is never named (∇f = u says nothing)
    sizes = {n: sum(1 for _ in n.walk()) for n, c in counts.items() if c >= 2 and n not in whole}
    big = [n for n, size in sizes.items() if size >= (4 if isinstance(n, A.Func) else 5)]
    return max(big, key=lambda n: ((sizes[n] - 1) * (counts[n] - 1), sizes[n]), default=None)  # what naming it saves


def _substitute(tree: Any, old: Any, new: Any) -> Any:
    from checker.language import ast as A

    if tree == old:
        return new
    children = tree.children()
    return A.rebuild(tree, [_substitute(c, old, new) for c in children]) if children else tree


def _with_expanded_differential(d: Any, lines: list[Line], at: int, group: list[Any], steps: list[Any],
                                names: set[str]) -> list[Line]:
    """A derivation of one line (df = Tr(BA dX)) shows the differential first (df = Tr(A dX B)): the step
    before the first idea, when there is one after taking the differential."""
    cosmetic = dict(zip(map(id, steps), _cosmetic(steps)))
    first = next((k for k, s in enumerate(group) if any(i.kind in CLOSING for i in _visible(s.rule, cosmetic[id(s)]))), 0)
    if first < 2:
        return lines
    step = group[first - 1]
    found = _group_ideas(group[:first], steps)
    early = _line(d, step.expr, "df", "differential", note_of(found), names, True, "line", step.verified)
    if _body(early) == _body(lines[at]):
        return lines
    later = replace(lines[at], latex=lines[at].latex.replace("\\mathrm{d}f = ", "\\phantom{\\mathrm{d}f} = ", 1),
                    unicode=" = " + lines[at].unicode.partition(" = ")[2])
    return lines[:at] + [early, later] + lines[at + 1:]


def _body(line: Line) -> str:
    """A line's right side (what follows its first =)."""
    return line.latex.removeprefix("\\boxed{").partition(" = ")[2].removesuffix("}")


def _with_d(node: A.Node, wrt: str) -> A.Node:
    """The symbol d<x> the engine prints in its last steps as the differential d x."""
    if isinstance(node, A.Sym) and node.name == "d" + wrt:
        return A.Differential(A.Sym(wrt))
    children = node.children()
    return A.rebuild(node, [_with_d(c, wrt) for c in children]) if children else node


def _line(d: Any, expr: A.Node, lhs: str, against: str, note: Text, names: set[str], first: bool, role: str,
          engine_verified: bool, boxed: bool = False) -> Line:
    """A kept engine line, tidied and checked again; the engine's own form where the tidy one fails."""
    from checker.language.printing import to_latex, to_unicode
    from derivations.display import tidy

    expr = _with_d(expr, d.wrt)
    shown, verified = expr, engine_verified
    if d.checker is not None:
        tidied = tidy(expr)
        try:
            error = d.checker.tree_error(tidied, against)
        except (DlprepError, ValueError, KeyError):
            error = None
        if error is not None and error <= TOLERANCE:
            shown, verified = tidied, True
    text = _joined(lhs_latex(lhs, names), to_latex(shown), first or boxed)
    return Line(f"\\boxed{{{text}}}" if boxed else text, note, verified, role=role,
                unicode=f"{lhs if first or boxed else ''} = {to_unicode(shown)}", tree=shown)


def _against(d: Any, lhs: str) -> str:
    if lhs.startswith("∇"):
        return "gradient"
    if lhs.startswith("∂"):
        return "jacobian"
    if lhs.startswith("df/d"):
        from checker.language.dims import is_scalar

        return "gradient" if is_scalar(d.checker.f.shape) else "jacobian"
    return "differential" if lhs == "df" else "function"


def _result_step(ends: list[Any], result: str) -> Any:
    """The step that answers the part: the Jacobian row for a Jacobian, else the gradient (or the last)."""
    if not ends:
        return None
    if result == "jacobian":
        return next((s for s in ends if s.lhs.startswith("∂")), ends[-1])
    return next((s for s in reversed(ends) if not s.lhs.startswith("∂")), ends[-1])


def _abbreviation_note(abbreviations: str | None, expr: A.Node, names: set[str]) -> Text:
    """"write a = softmax(z)" for the abbreviations the line uses."""
    used = {n.name for n in expr.walk() if isinstance(n, A.Sym)}
    shown = []
    for piece in (abbreviations or "").split(";"):
        name, _, value = piece.partition("=")
        if name.strip() in used and value.strip():
            try:
                shown.append(f"${_math(name.strip(), names | {name.strip()})} = {_math(value.strip(), names | {name.strip()})}$")
            except DlprepError:
                continue
    if not shown:
        return {"en": "abbreviations", "zh": "引入记号"}
    return {"en": "write " + ", ".join(shown), "zh": "记 " + "，".join(shown)}


def _cosmetic(steps: list[Any]) -> list[bool]:
    """Whether each step changes only brackets or spacing of the one before."""
    out, prev = [], None
    for s in steps:
        bare = _bare(s.expr)
        out.append(prev is not None and bare == prev)
        prev = bare
    return out


def _groups(steps: list[Any], budget: int) -> list[list[Any]]:
    """Steps grouped into model lines: each group ends at a step that uses an idea; runs of trace
    manipulations make one line; then the shortest-lived lines merge until ``budget`` lines remain."""
    if not steps:
        return []
    cosmetic = dict(zip(map(id, steps), _cosmetic(steps)))
    groups: list[list[Any]] = []
    current: list[Any] = []
    for s in steps:
        current.append(s)
        if any(i.kind in CLOSING for i in _visible(s.rule, cosmetic[id(s)])):
            groups.append(current)
            current = []
    if current:
        if groups:
            groups[-1].extend(current)
        else:
            groups.append(current)
    merged: list[list[Any]] = []
    for g in groups:
        if merged and _only_trace(g, cosmetic) and _only_trace(merged[-1], cosmetic):
            merged[-1].extend(g)
        else:
            merged.append(g)
    if len(merged) == 1:  # a short derivation still shows the differential before the trace form
        first = next((k for k, s in enumerate(merged[0]) if any(
            i.kind in CLOSING for i in _visible(s.rule, cosmetic[id(s)]))), 0)
        if first >= 2:
            merged = [merged[0][:first], merged[0][first:]]
    while len(merged) > max(budget, 2):
        # merge a line into the next: first one that only applied the product rule, then the longest
        # (never the last, which reaches the form Tr(Gᵀ dX))
        k = max(range(len(merged) - 1), key=lambda i: (_closing(merged[i], cosmetic) == {"named"}, len(_bare(merged[i][-1].expr))))
        merged[k:k + 2] = [merged[k] + merged[k + 1]]
    return merged


def _closing(group: list[Any], cosmetic: dict[int, bool]) -> set[str]:
    """The kinds of the ideas of a group's last step (what ends its line)."""
    return {i.kind for i in _visible(group[-1].rule, cosmetic[id(group[-1])])}


def _only_trace(group: list[Any], cosmetic: dict[int, bool]) -> bool:
    kinds = {i.kind for s in group for i in _visible(s.rule, cosmetic[id(s)])}
    return "trace" in kinds and not kinds & {"idea", "collect"}


def _group_ideas(group: list[Any], steps: list[Any]) -> list[Idea]:
    """The ideas a line names: its visible ideas; a mechanical one (the product rule, then taking the
    differential) only when the line has nothing else."""
    cosmetic = dict(zip(map(id, steps), _cosmetic(steps)))
    found: dict[str, Idea] = {}
    for s in group:
        for i in _visible(s.rule, cosmetic[id(s)]):
            found.setdefault(i.key, i)
    for kinds in (("idea", "trace", "collect", "result", "setup", "definition"), ("named",)):
        strong = [i for i in found.values() if i.kind in kinds]
        if strong:
            return strong
    return list(found.values())[:1]


# ------------------------------------------------------------------ from hand-written lines
def from_lines(rows: list[tuple[str, str, str, bool, str]], names: set[str], *, wrt: str | None = None,
               points: int = 10) -> ModelAnswer:
    """The model answer of a proof or hand-written derivation (rows of lhs, LaTeX, rule, verified):
    its lines kept (they are a person's already), notes named by idea, the read-off line boxed."""
    lines: list[Line] = []
    last_lhs = None
    for n, (lhs, latex, rule, verified, unicode) in enumerate(rows):
        lhs = lhs or last_lhs or ""  # a line that continues the one before
        found = ideas(rule)
        stated = any(i.kind == "definition" for i in found) and not verified
        role = ("result" if any(i.kind == "result" for i in found) or n == len(rows) - 1 else
                "definition" if any(i.kind == "definition" for i in found) else "line")
        text = _joined(lhs_latex(lhs, names, wrt), latex, lhs != last_lhs)
        shown = f"{_lhs_unicode(lhs, wrt) if lhs != last_lhs else ''} = {unicode}"
        last_lhs = lhs
        lines.append(Line(f"\\boxed{{{text}}}" if role == "result" else text, note_of(found, rule), verified,
                          stated, role, shown))
    out = tuple(lines)
    return ModelAnswer(out, out, marking(out, points))


def from_worked(rows: list[tuple[str, Text, bool | None]], *, points: int = 10) -> ModelAnswer:
    """The model answer of a worked record (LaTeX, note, True/False = its check, None = stated): the
    record's lines as they are, its last verified claim boxed."""
    last = max((k for k, (_, _, ok) in enumerate(rows) if ok), default=len(rows) - 1)
    lines = tuple(Line(f"\\boxed{{{latex}}}" if k == last else latex, note, bool(ok), ok is None,
                       "result" if k == last else "definition" if ok is None else "line")
                  for k, (latex, note, ok) in enumerate(rows))
    return ModelAnswer(lines, lines, marking(lines, points))


# ------------------------------------------------------------------ a catalog part
@lru_cache(maxsize=None)
def _cached(entry_id: str, part_name: str, points: int, asked: str | None) -> ModelAnswer:
    from checker.language.shapes import parse_shapes
    from derivations.catalog import get
    from derivations.catalog.steps import part_steps

    entry = get(entry_id)
    part = next(p for p in entry.parts if p.name == part_name)
    names = set(parse_shapes(entry.symbols)) | set(entry.aliases) | ({part.wrt} if part.wrt else set())
    if part.derivation == "engine":
        from derivations.engine import derive_once

        d = derive_once(part.function, part.wrt, entry.symbols, part.abbreviations)  # type: ignore[arg-type]
        kind = {"value": "derivative"}.get(part.kind, part.kind)
        return named(from_derivation(d, names, result=kind, abbreviations=part.abbreviations, points=points), asked)
    found = part_steps(entry, part)
    rows = [(line["lhs"], line["latex"] or line["expr"], line["rule"] or "", bool(line["verified"]),
             line.get("unicode") or line["expr"]) for line in found.lines]
    return named(from_lines(rows, names | _network_names(part), wrt=part.wrt, points=points), asked)


def _network_names(part: Any) -> set[str]:
    """The names of the part's own network variables (z^(l+1), a^(l)), for the left sides."""
    return {line.split("=")[0].strip() for line in part.network if "=" in line}


def for_part(entry: Any, part: Any, points: int = 10, asked: str | None = None) -> ModelAnswer:
    """The model answer of a catalog part, as ``Part.derivation`` declares it (engine, proof, hand-written);
    ``asked`` is what the question asks, in LaTeX (``\\nabla_{z} \\ell``, ``\\delta^{(l)} = \\partial J /
    \\partial z^{(l)}``): the lines then use the question's names (``named``)."""
    return _cached(entry.id, part.name, points, asked)


def objective(asked: str) -> str | None:
    """The function a question differentiates, from what it asks: J in ``\\partial J / \\partial W``,
    ℓ in ``\\nabla_{z} \\ell``; None when it does not say (σ'(z))."""
    m = re.search(r"\\nabla_\{[^{}]*\}\s*(.+)$", asked) or re.search(r"\\partial\s+(.+?)\s*/\s*\\partial", asked)
    return m.group(1).strip() if m else None


def named(answer: ModelAnswer, asked: str | None) -> ModelAnswer:
    """The lines with the question's names: f becomes its objective (dJ, ∇_ω J, dℓ) and the boxed
    result says what was asked (δ^{(l)} = ∂J/∂z^{(l)} = …). Only left sides change: every check stands."""
    if not asked:
        return answer
    name = objective(asked)
    f = re.compile(r"(?<![A-Za-z\\])f(?![A-Za-z'])")

    def rename(line: Line) -> Line:
        boxed = line.latex.startswith("\\boxed{")
        head, eq, body = line.latex.removeprefix("\\boxed{").partition(" = ")
        if not eq:
            return line
        if boxed:
            body = body.removesuffix("}")
            return replace(line, latex=f"\\boxed{{{asked} = {body}}}")
        return replace(line, latex=f"{f.sub(lambda _: name, head)} = {body}") if name else line

    return replace(answer, lines=tuple(map(rename, answer.lines)))
