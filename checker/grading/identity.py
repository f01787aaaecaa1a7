"""Does ``LHS = RHS`` hold for all inputs? Decided on random matrices, never by a scalar CAS.

Cookbook-style identities are checked with distinct sizes per letter, so a transposition error
cannot hide behind square shapes; a failure comes with a counterexample.
"""

from __future__ import annotations

from dataclasses import replace

from checker.language import ast as A
from checker.grading.equivalence import RTOL, compare
from checker.grading.messages import message, number
from checker.language.errors import InputError
from checker.language.parser import parse
from checker.language.printing import to_latex, to_text
from checker.language.shapes import Declaration, parse_shapes
from checker.grading.verdict import Verdict


def check_identity(text: str, shapes: str, *, seed: int = 0, instances: int = 5) -> Verdict:
    """Check an identity chain ``a = b [= c ...]``; every side must equal the first."""
    decls = parse_shapes(shapes)
    tree = parse(text, names=decls)
    if not isinstance(tree, A.Equation):
        raise InputError("an identity needs '='", text=text, expected="LHS = RHS")
    read_as, latex = to_text(tree), to_latex(tree)
    first = tree.sides[0]
    for k, side in enumerate(tree.sides[1:], start=2):
        result = compare(first, side, decls, n=instances, seed=seed)
        if not result.equal:
            return Verdict(
                "incorrect",
                message=message("identity.differs", k=k, error=number(result.max_rel_error)) + _only_if_symmetric(first, side, decls, seed),
                read_as=read_as,
                read_as_latex=latex,
                counterexample=result.counterexample,
                extra={"max_rel_error": result.max_rel_error},
            )
    return Verdict(
        "correct",
        message=message("identity.holds", n=instances, rtol=number(RTOL)),
        read_as=read_as,
        read_as_latex=latex,
    )


def _only_if_symmetric(lhs: A.Node, rhs: A.Node, decls: dict[str, Declaration], seed: int) -> str:
    """'; it holds only when A is symmetric' if making one square symbol symmetric repairs it."""
    for name, decl in decls.items():
        if decl.shape[0] != decl.shape[1] or decl.shape[0].is_one or "symmetric" in decl.attrs:
            continue
        trial = dict(decls)
        trial[name] = replace(decl, attrs=decl.attrs | {"symmetric"})
        if compare(lhs, rhs, trial, seed=seed).equal:
            return message("identity.symmetric-only", name=name)
    return ""
