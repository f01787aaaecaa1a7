"""Name the mistake in a wrong answer, by testing it against transformed references and repairs.

Two families of candidates, each a registry of plain functions:

* reference variants: what the answer equals if the student made mistake X — ``−R`` (sign),
  ``Rᵀ`` (transpose), ``R`` without one term (missing-term), a problem's own mal-rules;
* numeric problems (a constant reference, :mod:`checker.grading.entries`): the whole matrix negated,
  transposed (a row for a column) or scaled, else the wrong entries by (row, column);
* answer repairs: what the answer becomes if mistake X is undone — swap one ``∘`` and product
  (hadamard-vs-matmul), add or drop one transpose, flip or unflip a kernel (kernel-flip), drop one
  term (extra-term). A repair that makes the answer right names the mistake and where it is.

The first candidate that equals the answer on every instance wins; a common factor gives `scale`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from checker.language import ast as A
from checker.language.errors import DlprepError
from checker.grading.entries import Entry, describe, nice_factor, whole_matrix, wrong_entries
from checker.grading.messages import message
from checker.language.printing import to_unicode as shown  # sub-expressions in messages: Aᵀ, δ, ∘
from checker.grading.problem import Problem, common_factor


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    entries: tuple[Entry, ...] = ()  # numeric problems: the wrong entries (row, column, expected, got), 1-based


# ------------------------------------------------------------------ reference variants
Variant = tuple[str, str, Callable[[np.ndarray], np.ndarray] | A.Node]


def _sign(problem: Problem) -> Iterator[Variant]:
    yield "sign", message("sign"), lambda r: -r


def _transpose(problem: Problem) -> Iterator[Variant]:
    shape = problem.expected_shape
    code = "transpose"
    if shape is not None and problem.kind == "gradient" and shape[1].is_one and not shape[0].is_one:
        code = "jacobian-for-gradient"
    elif shape is not None and problem.kind == "jacobian" and shape[0].is_one and not shape[1].is_one:
        code = "gradient-for-jacobian"
    yield code, message(code), lambda r: r.T


def expand_terms(node: A.Node, limit: int = 12) -> list[A.Node]:
    """The reference written as a sum of products: 2Aᵀ(Ax − b) → [2AᵀAx, 2Aᵀ(−b)]."""
    if isinstance(node, A.Add):
        out = [t for term in node.terms for t in expand_terms(term, limit)]
    elif isinstance(node, A.Neg):
        out = [A.Neg(t) for t in expand_terms(node.arg, limit)]
    elif isinstance(node, (A.Mul, A.Hadamard)):
        build = type(node)
        out = [build(a, b) for a in expand_terms(node.children()[0], limit) for b in expand_terms(node.children()[1], limit)]
    elif isinstance(node, A.Transpose):
        out = [A.Transpose(t) for t in expand_terms(node.arg, limit)]
    else:
        out = [node]
    return out if len(out) <= limit else [node]


def _flipped(problem: Problem) -> Iterator[Variant]:
    """A convolution result rotated by 180°: the formula of the other convention."""
    ref = problem.reference
    if ref is not None and any(isinstance(n, A.Func) and n.name in ("conv2", "rot180", "rot90") for n in ref.walk()):
        yield "kernel-flip", message("flipped-result"), lambda r: r[::-1, ::-1]


def _missing_term(problem: Problem) -> Iterator[Variant]:
    ref = problem.reference
    if ref is None:
        return
    terms = expand_terms(ref)
    if len(terms) > 1:
        for i, term in enumerate(terms):
            rest = tuple(terms[:i] + terms[i + 1 :])
            node = rest[0] if len(rest) == 1 else A.Add(rest)
            yield "missing-term", message("missing-term", term=shown(term)), node
    if isinstance(ref, A.Hadamard):
        for kept, dropped in ((ref.left, ref.right), (ref.right, ref.left)):
            yield "missing-term", message("missing-factor", term=shown(dropped)), kept


def _malrules(problem: Problem) -> Iterator[Variant]:
    for rule in problem.malrules:
        yield rule.code, rule.message, rule.expr


REFERENCE_VARIANTS: tuple[Callable[[Problem], Iterator[Variant]], ...] = (_malrules, _sign, _transpose, _flipped, _missing_term)


# ------------------------------------------------------------------ answer repairs
Repair = tuple[str, str, A.Node]


def _positions(node: A.Node, path: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], A.Node]]:
    yield path, node
    for i, child in enumerate(node.children()):
        yield from _positions(child, path + (i,))


def _replace(node: A.Node, path: tuple[int, ...], new: A.Node) -> A.Node:
    if not path:
        return new
    children = list(node.children())
    children[path[0]] = _replace(children[path[0]], path[1:], new)
    return A.rebuild(node, children)


def _factors(node: A.Node) -> list[A.Node]:
    return _factors(node.left) + _factors(node.right) if isinstance(node, A.Mul) else [node]


def _swap_products(answer: A.Node) -> Iterator[Repair]:
    """One product in a chain a·b·c read as a Hadamard product at each split: a ∘ (b·c), (a·b) ∘ c."""
    for path, node in _positions(answer):
        if isinstance(node, A.Mul):
            factors = _factors(node)
            for k in range(1, len(factors)):
                left, right = A.chain(A.Mul, factors[:k]), A.chain(A.Mul, factors[k:])
                if any(isinstance(f, A.Ones) or f == A.Num.of(1) for f in factors):
                    break  # with a 1 in the chain, 1 ∘ X = X: "∘ for a product" would explain nothing (issue 13)
                where = f"{shown(left)} · {shown(right)}"
                yield "hadamard-vs-matmul", message("matmul-for-hadamard", sub=where), _replace(answer, path, A.Hadamard(left, right))
        elif isinstance(node, A.Hadamard):
            yield "hadamard-vs-matmul", message("hadamard-for-matmul", sub=shown(node)), _replace(answer, path, A.Mul(node.left, node.right))


def _toggle_transpose(answer: A.Node) -> Iterator[Repair]:
    for path, node in _positions(answer):
        if isinstance(node, A.Transpose):
            yield "transpose", message("extra-transpose", sub=shown(node)), _replace(answer, path, node.arg)
        elif isinstance(node, (A.Sym, A.Mul, A.Func)):
            yield "transpose", message("missing-transpose", sub=shown(node)), _replace(answer, path, A.Transpose(node))


def _toggle_flip(answer: A.Node) -> Iterator[Repair]:
    for path, node in _positions(answer):
        if isinstance(node, A.Func) and node.name == "rot180":
            yield "kernel-flip", message("extra-flip", sub=shown(node)), _replace(answer, path, node.args[0])
        elif isinstance(node, A.Func) and node.name == "conv2":
            for k, arg in enumerate(node.args):
                flipped = list(node.args)
                flipped[k] = A.Func("rot180", (arg,))
                yield "kernel-flip", message("missing-flip", sub=shown(arg)), _replace(answer, path, A.Func("conv2", tuple(flipped), node.option))


def _drop_term(answer: A.Node) -> Iterator[Repair]:
    for path, node in _positions(answer):
        if isinstance(node, A.Add):
            for i, term in enumerate(node.terms):
                rest = node.terms[:i] + node.terms[i + 1 :]
                yield "extra-term", message("extra-term", term=shown(term)), _replace(answer, path, rest[0] if len(rest) == 1 else A.Add(rest))


def _negate_term(answer: A.Node) -> Iterator[Repair]:
    for path, node in _positions(answer):
        if isinstance(node, A.Add):
            for i, term in enumerate(node.terms):
                flipped = term.arg if isinstance(term, A.Neg) else A.Neg(term)
                terms = node.terms[:i] + (flipped,) + node.terms[i + 1 :]
                yield "sign", message("term-sign", term=shown(term)), _replace(answer, path, A.Add(terms))


ANSWER_REPAIRS: tuple[Callable[[A.Node], Iterator[Repair]], ...] = (
    _swap_products, _toggle_transpose, _toggle_flip, _drop_term, _negate_term,
)
MAX_REPAIRS = 400


# ------------------------------------------------------------------ the search
def diagnose(problem: Problem, answer: A.Node, answer_values: list[np.ndarray] | None) -> Finding:
    """The most specific explanation of why ``answer`` is wrong (``answer_values`` None: it does not type-check)."""
    reference = problem.reference_values()
    if problem.numeric and answer_values is not None:
        return _numeric(problem, answer_values[0], reference[0])
    if answer_values is not None:
        for family in REFERENCE_VARIANTS:
            for code, text, variant in family(problem):
                if _matches(problem, variant, reference, answer_values):
                    return Finding(code, text)
        factor = common_factor(answer_values, reference)
        if factor is not None and not np.isclose(factor, 1.0):
            return Finding("scale", message("scale", factor=nice_factor(factor, 1e-9)))
    found = _repair(problem, answer, reference)
    if found is not None:
        return found
    return Finding("unknown", message("unknown"))


def _numeric(problem: Problem, answer: np.ndarray, reference: np.ndarray) -> Finding:
    """A numeric answer: a mal-rule, the whole matrix negated/transposed/scaled, or the wrong entries."""
    for code, text, variant in _malrules(problem):
        if _matches(problem, variant, [reference], [answer]):
            return Finding(code, text)
    wrong = tuple(wrong_entries(answer, reference, problem.rtol)) if answer.shape == reference.shape else ()
    whole = whole_matrix(answer, reference, problem.rtol)
    if whole is not None:
        return Finding(whole[0], whole[1], wrong)
    if wrong:
        return Finding("wrong-entries", describe(list(wrong), reference.shape), wrong)
    return Finding("unknown", message("unknown"))


def _matches(problem: Problem, variant: Callable[[np.ndarray], np.ndarray] | A.Node, reference: list[np.ndarray], answer_values: list[np.ndarray]) -> bool:
    if isinstance(variant, A.Node):
        try:
            values = problem.values(problem.typed(variant))
        except DlprepError:
            return False
        return values is not None and problem.agrees(answer_values, values)
    return problem.agrees(answer_values, [variant(r) for r in reference])


def _repair(problem: Problem, answer: A.Node, reference: list[np.ndarray]) -> Finding | None:
    tried = 0
    for family in ANSWER_REPAIRS:
        for code, text, repaired in family(answer):
            tried += 1
            if tried > MAX_REPAIRS:
                return None
            try:
                typed = problem.typed(repaired)
            except DlprepError:
                continue
            values = problem.values(typed)
            if values is not None and problem.agrees(values, reference):
                return Finding(code, text)
    return None
