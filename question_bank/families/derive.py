"""Derivation and proof questions from a catalog entry: the model answer is the engine's verified step list.

One module serves every catalog entry that has a derivation (the registry's ``derive-<id>`` families):
the seed picks the part; a part whose steps did not verify is never asked (principle 1).
Derivation: the result is asked. Proof: the result is given and the steps are asked.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np

from question_bank.model import Blank, Check, Mark, Question, Step, Text
from question_bank.topics import SECTION



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


def verified_parts(entry_id: str) -> tuple[tuple[str, tuple[Step, ...]], ...]:
    """(part name, model lines) of every part whose derivation verified and matches the part's answer."""
    return tuple((name, steps) for name, steps, _, _ in model_parts(entry_id))


def model_parts(entry_id: str) -> tuple[tuple[str, tuple[Step, ...], tuple[Step, ...], tuple[Mark, ...]], ...]:
    """(part name, model lines, every step, marking) of each part whose derivation verified and matches
    the part's answer; the lines are the course-style model answer (``derivations.model_answer``)."""
    from derivations.catalog import get

    return tuple((part.name, *found) for part in get(entry_id).parts if (found := model_part(entry_id, part.name)))


@lru_cache(maxsize=None)
def model_part(entry_id: str, name: str) -> tuple[tuple[Step, ...], tuple[Step, ...], tuple[Mark, ...]] | None:
    """One part's (model lines, every step, marking), or None when it has no derivation, or its derivation
    did not verify or does not end at the part's answer. Only the parts an exam asks are derived."""
    from derivations.catalog import get
    from derivations.catalog.steps import part_steps
    from derivations.model_answer import for_part

    entry = get(entry_id)
    part = next(p for p in entry.parts if p.name == name)
    if not (part.steps or part.proof or (part.function and part.wrt)):
        return None
    found = part_steps(entry, part)
    if not (found.verified and found.matches_answer and found.lines):
        return None
    return key_lines(for_part(entry, part, POINTS, ASKED.get(f"{entry_id}/{part.name}")))


def key_lines(answer: Any) -> tuple[tuple[Step, ...], tuple[Step, ...], tuple[Mark, ...]]:
    """A ``derivations.model_answer.ModelAnswer`` as the question's steps, trace and marking."""
    def step(line: Any) -> Step:
        return Step(line.latex, line.note, line.verified, line.stated)

    return (tuple(map(step, answer.lines)), tuple(map(step, answer.trace)),
            tuple(Mark(m.text, m.points) for m in answer.marking))


@lru_cache(maxsize=None)
def variants(entry_id: str) -> tuple[tuple[str, bool], ...]:
    """(part, proof?) of every part with a derivation: each asked as a derivation (find the result) and as a
    proof (the result given), so the seed walks genuinely different questions. Read from the catalog
    without running the engine (an exam plans from this list); ``make`` verifies the part it asks."""
    from derivations.catalog import get

    return tuple((p.name, proof) for p in get(entry_id).parts if p.steps or p.proof or (p.function and p.wrt)
                 for proof in (False, True))


def make(rng: np.random.Generator, seed: int, entry_id: str) -> Question:
    name, proof = variants(entry_id)[seed % len(variants(entry_id))]
    found = model_part(entry_id, name)
    if found is None:  # principle 1: a derivation that did not verify is never asked
        raise AssertionError(f"{entry_id} {name}: the derivation did not verify; the question is not made")
    steps, trace, marking = found
    prompt, answer, blank = _texts(entry_id, name, proof)
    family = "derive-" + entry_id
    return Question(id=f"{family}.{seed}", family=family, topic=SECTION[entry_id], type="proof" if proof else "derivation",
                    prompt=prompt, answer=answer, seed=seed, blanks=(blank,), steps=steps, trace=trace, marking=marking, points=POINTS,
                    catalog_id=entry_id, params={"entry": entry_id, "part": name, "proof": proof, "variant": f"{name}/{'proof' if proof else 'derivation'}"})


def _asked(entry_id: str) -> tuple[str, ...]:
    from derivations.catalog import get

    return get(entry_id).asked


# the asked quantity of parts whose prompt is written in the course's words (templates/questions/derive.*):
# the objective is J, the activation f, the residual δ, the kernel ω
ASKED: dict[str, str] = {
    "mlp-backprop/delta": "\\delta^{(l)} = \\partial J / \\partial z^{(l)}",
    "mlp-backprop/grad-W": "\\partial J / \\partial W^{(l)}",
    "mlp-backprop/grad-b": "\\partial J / \\partial b^{(l)}",
    "mlp-backprop/output-delta-mse": "\\delta^{(L)} = \\partial J / \\partial z^{(L)}",
    "mlp-backprop/output-delta-ce": "\\delta^{(L)} = \\partial J / \\partial z^{(L)}",
    "mlp-batch-backprop/grad-W": "\\partial J / \\partial W",
    "mlp-batch-backprop/grad-b": "\\partial J / \\partial b",
    "conv-residual/delta": "\\delta_{l} = \\partial J / \\partial z_{l}",
    "conv-residual/grad-kernel": "\\partial J / \\partial \\omega",
    "conv-residual/grad-bias": "\\partial J / \\partial b",
    "rnn-bptt/delta": "\\delta_{t,k} = \\partial \\mathcal{L}_t / \\partial z_{k}",
    "tied-autoencoder-gradient/gradient": "\\nabla_{W} J",
    "softmax-cross-entropy-gradient/gradient": "\\nabla_{z} \\ell",
    "logistic-regression-gradient/gradient": "\\nabla_{w} \\ell",
    "sigmoid-derivative/derivative": "\\sigma'(z)",
    "tanh-derivative/derivative": "f'(z)",
    "relu-derivative/derivative": "f'(z)",
    "leaky-relu-derivative/derivative": "f'(z)",
    "elu-derivative/derivative": "f'(z)",
    "sigmoid-derivative/jacobian": "\\partial \\sigma(z) / \\partial z",
    "tanh-derivative/jacobian": "\\partial f(z) / \\partial z",
    "sparse-autoencoder-penalty/derivative": "\\partial P / \\partial \\hat{\\rho}",
    "scaled-dot-product/jacobian": "\\partial \\alpha / \\partial z",
    "softmax-jacobian/jacobian": "\\partial a / \\partial z",
    "sparsemax-jacobian/jacobian": "\\partial p / \\partial z",
    "maxout-gradient/gradient": "\\nabla_{x} h",
}
ATTRS = {  # a symbol's declared domain, stated in the prompt exactly as the checks draw it
    "probability": "{n} \\ge 0, \\ \\mathbf{{1}}^{{\\top}} {n} = 1",
    "binary": "{n} \\in \\{{0, 1\\}}^{{{d}}}",
    "positive": "{n} > 0",
    "fraction": "0 < {n} < 1",
}
ATTR_WORDS = {"invertible": {"en": "{n} invertible", "zh": "{n} 可逆"}}
# what a prompt must contain for each declared domain of a symbol it uses (the claim is checked under it)
STATED = {"probability": "\\mathbf{{1}}^{{\\top}} {n} = 1", "binary": "{n} \\in \\{{0, 1\\}}", "positive": "{n} > 0",
          "fraction": "0 < {n} < 1", "invertible": "invertible"}


def general_shapes(symbols: str, drop: set[str]) -> str:
    """The declaration with the domains of the symbols in ``drop`` removed (they are drawn as general matrices)."""
    from checker.language.shapes import parse_shapes

    out = []
    for name, decl in parse_shapes(symbols).items():
        rows, cols = (str(d) for d in decl.shape)
        shape = "scalar" if rows == cols == "1" else rows if cols == "1" else f"{rows} x {cols}"
        attrs = "" if name in drop else " ".join(sorted(decl.attrs))
        out.append(f"{name}: {shape} {attrs}".strip())
    return ", ".join(out)


@lru_cache(maxsize=None)
def _holds(function: str, wrt: str, shapes: str, kind: str, where: str | None, reference: str) -> bool:
    from checker.grading.answer import check_answer
    from checker.grading.problem import from_expression

    problem, _ = from_expression(function, wrt, shapes, kind=kind, where=where)
    return check_answer(problem, reference).verdict == "correct"


def claim_holds(entry, part, unstated_symbols: set[str]) -> bool:  # type: ignore[no-untyped-def]
    """The part's result checked again on random matrices with every symbol drawn as generally as the prompt
    allows: a domain the prompt does not state is dropped (y a general vector unless it says 1ᵀy = 1)."""
    if not unstated_symbols:
        return True  # drawn exactly as declared: verified_parts checked it so
    return _holds(part.function, part.wrt, general_shapes(entry.symbols, unstated_symbols), part.kind, part.abbreviations,
                  part.reference)


def unstated(symbols: str, exprs: list[str], names: set[str], prompt: str) -> list[str]:
    """The declared domains (y a distribution, X invertible, …) of used symbols that ``prompt`` does not state."""
    from checker.language import ast as A
    from checker.language.parser import parse
    from checker.language.shapes import parse_shapes

    used: set[str] = set()
    for expr in exprs:
        used |= set(A.symbols(parse(expr, names=names)))
    return [f"{name}: {attr}" for name, decl in parse_shapes(symbols).items() if name in used
            for attr in sorted(decl.attrs) if attr in STATED and STATED[attr].format(n=_latex(name, names)) not in prompt]


def tidy(latex: str) -> str:
    """Course LaTeX for what the printer writes twice-raised or with dots: W^{(l)}^{\\top} → W^{(l)\\top}, \\tau \\cdot 1 → \\tau \\mathbf{1}."""
    latex = re.sub(r"\^\{([^{}]*)\}\^\{\\top\}", r"^{\1\\top}", latex)
    latex = latex.replace(" \\cdot 1 \\cdot 1^{\\top}", " \\mathbf{1}\\mathbf{1}^{\\top}").replace(" \\cdot 1", " \\mathbf{1}")
    return re.sub(r"(?<![\\w\\])1\^\{\\top\}", r"\\mathbf{1}^{\\top}", latex)


def premises(symbols: str, exprs: list[str], names: set[str]) -> Text:
    """The declared domains of the used symbols (y a distribution, s binary, X invertible), per language."""
    from checker.language import ast as A
    from checker.language.parser import parse
    from checker.language.shapes import parse_shapes

    used: set[str] = set()
    for expr in exprs:
        used |= set(A.symbols(parse(expr, names=names)))
    math, words = [], {"en": [], "zh": []}
    for name, decl in parse_shapes(symbols).items():
        if name not in used:
            continue
        n = _latex(name, names)
        for attr in sorted(decl.attrs):
            if attr in ATTRS:
                math.append(ATTRS[attr].format(n=n, d=str(decl.shape[0])))
            elif attr in ATTR_WORDS:
                for lang in words:
                    words[lang].append(ATTR_WORDS[attr][lang].format(n=f"${n}$"))
    return {lang: ", ".join([f"${m}$" for m in math] + words[lang]) for lang in ("en", "zh")}


@lru_cache(maxsize=None)
def _texts(entry_id: str, name: str, proof: bool) -> tuple[dict[str, str], dict[str, str], Blank]:
    """Prompt, answer and blank of one part (they depend on the part only: computed once), from the
    templates ``derive.<lang>.md.j2``: the course's premises (forward pass, J, δ) and the claim."""
    from checker.language.shapes import parse_shapes
    from derivations.catalog import get
    from question_bank.templated import environment, join_lines

    entry = get(entry_id)
    part = next(p for p in entry.parts if p.name == name)
    names = set(parse_shapes(entry.symbols)) | set(entry.aliases) | ({part.wrt} if part.wrt else set())
    x = _latex(part.wrt, names) if part.wrt else "x"
    key = f"{entry_id}/{name}"
    asked = ASKED.get(key) or {"gradient": f"\\nabla_{{{x}}} f", "jacobian": f"\\partial f / \\partial {x}",
                               "differential": "\\mathrm{d}f"}.get(part.kind, f"\\partial f / \\partial {x}")
    result = tidy(_latex(part.reference, names))
    where = ", ".join(tidy(_latex(w.strip(), names | {"a", "s", "h", "alpha"})) for w in (part.where or "").split(";") if w.strip())
    net_names = names | {line.split("=", 1)[0].strip() for line in part.network}
    exprs = [e for e in (part.function, part.reference, *(line.split("=", 1)[1] for line in part.network)) if e]
    net = ", ".join(tidy(_latex(line, net_names)) for line in part.network)  # the network f goes through
    context = {"key": key, "custom": key in ASKED, "proof": proof, "asked": asked, "result": result, "where": where, "kind": part.kind,
               "x": x, "f": tidy(_latex(part.function, names)) if part.function else "",
               "net": net, "shapes": tidy(shapes_latex(entry.symbols, exprs, net_names))}
    prompt, answer = {}, {}
    for lang in ("en", "zh"):
        context["premises"] = premises(entry.symbols, exprs, names)[lang]
        template = environment().get_template(f"derive.{lang}.md.j2")
        prompt[lang] = join_lines("".join(template.blocks["prompt"](template.new_context(context))))
        answer[lang] = join_lines("".join(template.blocks["answer"](template.new_context(context))))
    missing = unstated(entry.symbols, exprs, names, prompt["en"])
    if part.function and part.wrt and not claim_holds(entry, part, {m.split(":")[0] for m in missing}):
        raise AssertionError(f"derive-{entry_id} {name}: the claim is false under the stated premises (unstated: {missing})")
    check = Check(reference=part.reference, shapes=entry.symbols, kind=part.kind, where=part.where, catalog=(entry.id, part.name))
    blank = Blank("1", check, part.reference, result)
    return prompt, answer, blank
