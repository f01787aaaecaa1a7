"""Does ``LHS = RHS`` hold for all inputs? Decided on random matrices, never by a scalar CAS.

Cookbook-style identities are checked with distinct sizes per letter, so a transposition error
cannot hide behind square shapes; a failure comes with a counterexample.
"""

from __future__ import annotations

from checker import ast as A
from checker.equivalence import compare
from checker.errors import InputError
from checker.parser import parse
from checker.printing import to_latex, to_text
from checker.shapes import parse_shapes
from checker.verdict import Verdict


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
                message=f"side {k} differs from side 1: {result.reason}",
                read_as=read_as,
                read_as_latex=latex,
                counterexample=result.counterexample,
                extra={"max_rel_error": result.max_rel_error},
            )
    return Verdict(
        "correct",
        message=f"holds on {instances} random instances (relative tolerance 1e-8)",
        read_as=read_as,
        read_as_latex=latex,
    )
