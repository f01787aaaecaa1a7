"""Derivation and proof questions from a catalog entry: the model answer is the engine's verified step list.

One module serves every catalog entry that has a derivation (the registry's ``derive-<id>`` families):
the seed picks the part; a part whose steps did not verify is never asked (principle 1).
Derivation: the result is asked. Proof: the result is given and the steps are asked.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from question_bank.model import Blank, Check, Question, Step
from question_bank.topics import SECTION

_WHAT = {
    "gradient": ("the gradient $\\nabla_{{{x}}} f$", "梯度 $\\nabla_{{{x}}} f$"),
    "jacobian": ("the Jacobian $\\partial f / \\partial {x}$", "雅可比矩阵 $\\partial f / \\partial {x}$"),
    "differential": ("the differential $\\mathrm{{d}}f$ in terms of $\\mathrm{{d}}{x}$", "微分 $\\mathrm{{d}}f$（用 $\\mathrm{{d}}{x}$ 表示）"),
    "value": ("the derivative with respect to ${x}$", "对 ${x}$ 的导数"),
}


def _latex(expr: str, names: set[str]) -> str:
    from checker.language.parser import parse
    from checker.language.printing import to_latex

    return to_latex(parse(expr, names=names))


def lhs_latex(lhs: str, names: set[str]) -> str:
    """A step's left side (``f``, ``df``, ``∇_W^(l) f``, ``∂f/∂zᵀ``) in LaTeX."""
    if lhs in ("f", "grad", "jac"):
        return {"f": "f", "grad": "\\nabla f", "jac": "J"}[lhs]
    if lhs == "df":
        return "\\mathrm{d}f"
    m = re.fullmatch(r"∇_(\S+) f", lhs)
    if m:
        return f"\\nabla_{{{_latex(m.group(1), names)}}} f"
    m = re.fullmatch(r"∂f/∂(\S+?)ᵀ", lhs)
    if m:
        return f"\\partial f / \\partial {{{_latex(m.group(1), names)}}}^{{\\top}}"
    m = re.fullmatch(r"df/d(\S+)", lhs)
    if m:
        return f"\\mathrm{{d}}f / \\mathrm{{d}}{_latex(m.group(1), names)}"
    return _name_or_text(lhs, names)


def _name_or_text(lhs: str, names: set[str]) -> str:
    """A label that is an expression (``δ^(l)``, ``dJ``) as math; anything else as escaped text."""
    from checker.language.errors import DlprepError
    from question_bank.typeset.latex import escape

    try:
        return _latex(lhs, names) if lhs else ""
    except DlprepError:
        return f"\\text{{{escape(lhs)}}}"


def shapes_latex(symbols: str, exprs: list[str], names: set[str]) -> str:
    """``W^{(l)} \\in \\mathbb{R}^{n_l \\times n_{l-1}}, …`` for the declared symbols the expressions use."""
    from checker.language import ast as A
    from checker.language.dims import is_scalar
    from checker.language.parser import parse
    from checker.language.shapes import parse_shapes

    decls = parse_shapes(symbols)
    used: set[str] = set()
    for expr in exprs:
        used |= set(A.symbols(parse(expr, names=names)))
    out = []
    for name, decl in decls.items():
        if name not in used:
            continue
        rows, cols = (f"({d})" if any(c in str(d) for c in "+-") else str(d) for d in decl.shape)
        space = "\\mathbb{R}" if is_scalar(decl.shape) else (
            f"\\mathbb{{R}}^{{{rows}}}" if decl.shape[1].is_one else f"\\mathbb{{R}}^{{{rows} \\times {cols}}}")
        out.append(f"{_latex(name, names)} \\in {space}")
    return ", ".join(out)


DERIVED_KINDS = ("gradient", "jacobian", "differential", "derivative", "derivation", "proof")


def asks(entry_id: str) -> dict[str, tuple[str, ...]]:
    """The asked kinds of the entry this family asks: its results are derived step by step."""
    return {entry_id: tuple(k for k in _asked(entry_id) if k in DERIVED_KINDS)}


@lru_cache(maxsize=None)
def verified_parts(entry_id: str) -> tuple[tuple[str, tuple[Step, ...]], ...]:
    """(part name, steps) of every part whose derivation verified and matches the part's answer."""
    from checker.language.shapes import parse_shapes
    from derivations.catalog import get
    from derivations.catalog.steps import part_steps

    entry = get(entry_id)
    names = set(parse_shapes(entry.symbols)) | set(entry.aliases)
    out = []
    for part in entry.parts:
        if not (part.steps or (part.function and part.wrt)):
            continue
        found = part_steps(entry, part)
        if not (found.verified and found.matches_answer and found.lines):
            continue
        local = names | ({part.wrt} if part.wrt else set())
        d_in, d_out = "", ""
        if part.wrt:  # the differential d<x> is printed as a name (dz, domega): write it as \mathrm{d}x
            from checker.language import ast as A
            from checker.language.printing import to_latex

            d_in, d_out = to_latex(A.Sym("d" + part.wrt)), "\\mathrm{d}" + to_latex(A.Sym(part.wrt))
        steps = []
        for line in found.lines:
            body = line["latex"] or _latex(line["expr"], local | {"d" + (part.wrt or "")})
            if d_in:
                body = re.sub(re.escape(d_in) + r"(?![A-Za-z])", lambda _: d_out, body)
            rule = line["rule"] or ""
            steps.append(Step(f"{lhs_latex(line['lhs'], local)} = {body}", {"en": rule, "zh": rule}, bool(line["verified"])))
        out.append((part.name, tuple(steps)))
    return tuple(out)


def make(rng: np.random.Generator, seed: int, entry_id: str) -> Question:
    parts = verified_parts(entry_id)
    if not parts:
        raise AssertionError(f"{entry_id}: no verified derivation to ask")
    name, steps = parts[int(rng.integers(len(parts)))]
    asked = _asked(entry_id)
    proof = "proof" in asked and ("derivation" not in asked or bool(rng.integers(2)))
    prompt, answer, blank = _texts(entry_id, name, proof)
    family = "derive-" + entry_id
    return Question(id=f"{family}.{seed}", family=family, topic=SECTION[entry_id], type="proof" if proof else "derivation",
                    prompt=prompt, answer=answer, seed=seed, blanks=(blank,), steps=steps, points=10,
                    catalog_id=entry_id, params={"entry": entry_id, "part": name, "proof": proof})


def _asked(entry_id: str) -> tuple[str, ...]:
    from derivations.catalog import get

    return get(entry_id).asked


@lru_cache(maxsize=None)
def _texts(entry_id: str, name: str, proof: bool) -> tuple[dict[str, str], dict[str, str], Blank]:
    """Prompt, answer and blank of one part (they depend on the part only: computed once)."""
    from checker.language.shapes import parse_shapes
    from derivations.catalog import get

    entry = get(entry_id)
    part = next(p for p in entry.parts if p.name == name)
    names = set(parse_shapes(entry.symbols)) | set(entry.aliases) | ({part.wrt} if part.wrt else set())
    x = _latex(part.wrt, names) if part.wrt else "x"
    what_en, what_zh = (w.format(x=x) for w in _WHAT.get(part.kind, _WHAT["value"]))
    f = _latex(part.function, names) if part.function else None
    result = _latex(part.reference, names)
    if part.where:
        result_where = ", ".join(_latex(w.strip(), names | {"a", "s", "h"}) for w in part.where.split(";") if w.strip())
    else:
        result_where = ""
    used = [e for e in (part.function, part.reference, *(line.split("=", 1)[1] for line in part.network)) if e]
    shapes = "$" + shapes_latex(entry.symbols, used, names | {line.split("=", 1)[0].strip() for line in part.network}) + "$"
    net_names = names | {line.split("=", 1)[0].strip() for line in part.network}
    net = ", ".join(_latex(line, net_names) for line in part.network)  # the network f goes through (z_{k+1} = U h_k + …)
    given_en = (f"Let $f = {f}$" + (f" through ${net}$" if net else "")) if f else "With the definitions of the lecture"
    given_zh = (f"设 $f = {f}$" + (f"，网络为 ${net}$" if net else "")) if f else "按课上的定义"
    where_en = f" (where ${result_where}$)" if result_where else ""
    where_zh = f"（其中 ${result_where}$）" if result_where else ""
    title = entry.title
    if proof:
        prompt = {"en": f"{title['en']}. {given_en}, with {shapes}. Prove, step by step with the differential "
                        f"method, that {what_en} is $${result}$${where_en}",
                  "zh": f"{title['zh']}。{given_zh}，其中 {shapes}。用微分法逐步证明 {what_zh} 为 $${result}$${where_zh}"}
    else:
        prompt = {"en": f"{title['en']}. {given_en}, with {shapes}. Derive {what_en}, step by step with the "
                        f"differential method{where_en}.",
                  "zh": f"{title['zh']}。{given_zh}，其中 {shapes}。用微分法逐步推导 {what_zh}{where_zh}。"}
    answer = {"en": f"Each step below was checked numerically on random matrices of distinct sizes. Result: $${result}$$",
              "zh": f"下面每一步都在不同尺寸的随机矩阵上做过数值验证。结果：$${result}$$"}
    check = Check(reference=part.reference, shapes=entry.symbols, kind=part.kind, where=part.where, catalog=(entry.id, part.name))
    blank = Blank("1", check, part.reference, result)
    return prompt, answer, blank
