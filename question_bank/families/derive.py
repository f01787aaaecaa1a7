"""Derivation and proof questions from a catalog entry: the model answer is the engine's verified step list.

One module serves every catalog entry that has a derivation (the registry's ``derive-<id>`` families):
the seed picks the part; a part whose steps did not verify is never asked (principle 1).
Derivation: the result is asked. Proof: the result is given and the steps are asked.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from question_bank.model import Blank, Check, Mark, Question, Step
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


POINTS = 10  # a derivation or proof question's points
DERIVED_KINDS = ("gradient", "jacobian", "differential", "derivative", "derivation", "proof")


def asks(entry_id: str) -> dict[str, tuple[str, ...]]:
    """The asked kinds of the entry this family asks: its results are derived step by step."""
    return {entry_id: tuple(k for k in _asked(entry_id) if k in DERIVED_KINDS)}


@lru_cache(maxsize=None)
def verified_parts(entry_id: str) -> tuple[tuple[str, tuple[Step, ...], tuple[Step, ...], tuple[Mark, ...]], ...]:
    """(part name, model lines, every step, marking) of each part whose derivation verified and matches
    the part's answer; the lines are the course-style model answer (``derivations.model_answer``)."""
    from derivations.catalog import get
    from derivations.catalog.steps import part_steps
    from derivations.model_answer import for_part

    entry = get(entry_id)
    out = []
    for part in entry.parts:
        if not (part.steps or part.proof or (part.function and part.wrt)):
            continue
        found = part_steps(entry, part)
        if not (found.verified and found.matches_answer and found.lines):
            continue
        out.append((part.name, *key_lines(for_part(entry, part, POINTS))))
    return tuple(out)


def key_lines(answer: Any) -> tuple[tuple[Step, ...], tuple[Step, ...], tuple[Mark, ...]]:
    """A ``derivations.model_answer.ModelAnswer`` as the question's steps, trace and marking."""
    def step(line: Any) -> Step:
        return Step(line.latex, line.note, line.verified, line.stated)

    return (tuple(map(step, answer.lines)), tuple(map(step, answer.trace)),
            tuple(Mark(m.text, m.points) for m in answer.marking))


def make(rng: np.random.Generator, seed: int, entry_id: str) -> Question:
    parts = verified_parts(entry_id)
    if not parts:
        raise AssertionError(f"{entry_id}: no verified derivation to ask")
    name, steps, trace, marking = parts[int(rng.integers(len(parts)))]
    asked = _asked(entry_id)
    proof = "proof" in asked and ("derivation" not in asked or bool(rng.integers(2)))
    prompt, answer, blank = _texts(entry_id, name, proof)
    family = "derive-" + entry_id
    return Question(id=f"{family}.{seed}", family=family, topic=SECTION[entry_id], type="proof" if proof else "derivation",
                    prompt=prompt, answer=answer, seed=seed, blanks=(blank,), steps=steps, trace=trace, marking=marking, points=POINTS,
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
    shapes = "$" + shapes_latex(entry.symbols, [e for e in (part.function, part.reference) if e], names) + "$"
    given_en = f"Let $f = {f}$" if f else "With the definitions of the lecture"
    given_zh = f"设 $f = {f}$" if f else "按课上的定义"
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
    answer = {"en": f"$${result}$$", "zh": f"$${result}$$"}  # the result; the model lines below derive it
    check = Check(reference=part.reference, shapes=entry.symbols, kind=part.kind, where=part.where, catalog=(entry.id, part.name))
    blank = Blank("1", check, part.reference, result)
    return prompt, answer, blank
