"""Build a :class:`checker.problem.Problem` from the three forms of `dlprep check`.

* a catalog problem: ``from_catalog(id, part)`` reads the registry of :mod:`derivations.catalog`
  (symbols, the part's reference expression, abbreviations, mal-rules), so a new catalog entry is
  checkable with no change here;
* any expression: ``from_expression(f, wrt, shapes, where, kind)``; the reference is the derivative
  of f by fourth-order finite differences, so no algebra is trusted and SymPy stays unloaded.
"""

from __future__ import annotations

from typing import Any

from checker import ast as A
from checker.dims import Shape, is_scalar
from checker.errors import InputError, UnsupportedError
from checker.messages import LANG
from checker.numeric import directional, gradient, jacobian
from checker.parser import parse
from checker.problem import MalRule, Problem
from checker.shapes import parse_shapes

KINDS = ("gradient", "jacobian", "differential")


def parse_where(text: str | None, names: set[str]) -> dict[str, A.Node]:
    """``"a = softmax(z); h = tanh(W x)"`` → {'a': softmax(z), 'h': tanh(W x)}."""
    out: dict[str, A.Node] = {}
    if not text:
        return out
    for piece in text.replace(";", "\n").splitlines():
        if not piece.strip():
            continue
        tree = parse(piece, names=names | set(out))
        if not (isinstance(tree, A.Equation) and len(tree.sides) == 2 and isinstance(tree.sides[0], A.Sym)):
            raise InputError(f"cannot read the abbreviation '{piece.strip()}'", expected="name = expression, e.g. a = softmax(z)")
        name, value = tree.sides[0].name, tree.sides[1]
        out[name] = _substitute(value, out)
    return out


def _substitute(node: A.Node, where: dict[str, A.Node]) -> A.Node:
    if isinstance(node, A.Sym) and node.name in where:
        return where[node.name]
    children = [_substitute(c, where) for c in node.children()]
    return A.rebuild(node, children) if children else node


def from_expression(expr: str, wrt: str, shapes: str, *, where: str | None = None, kind: str | None = None, seed: int = 0) -> tuple[Problem, A.Node]:
    """The derivative of ``expr`` with respect to ``wrt``; returns the problem and f (typed)."""
    decls = parse_shapes(shapes)
    abbreviations = parse_where(where, set(decls))
    if wrt not in decls:
        raise InputError(f"--wrt {wrt} is not a declared symbol", expected=", ".join(sorted(decls)))
    probe = Problem(decls, where=abbreviations)
    f_tree = parse(expr, names=probe.names)
    f = probe.typed(f_tree)
    x_shape = decls[wrt].shape
    kind = kind or ("gradient" if is_scalar(f.shape) else "jacobian")
    if kind not in KINDS:
        raise InputError(f"unknown --kind {kind}", expected=" | ".join(KINDS))
    if kind == "gradient" and not is_scalar(f.shape):
        raise InputError("a gradient needs a scalar function; this one is not scalar", expected="--kind jacobian")
    reference, shape = _numeric_reference(kind, f, wrt, x_shape)
    direction = probe.typed(A.Differential(A.Sym(wrt)))
    problem = Problem(decls, numeric_reference=reference, where=abbreviations, expected_shape=shape, kind=kind,
                      kink_aware=_has_kinks(f), extra_nodes=(f, direction), seed=seed)
    return problem, f_tree


def _numeric_reference(kind: str, f: A.Node, wrt: str, x_shape: Shape) -> tuple[Any, Shape | None]:
    if kind == "gradient":
        return (lambda inst: gradient(f, inst, wrt)), x_shape
    if kind == "differential":
        return (lambda inst: directional(f, inst, wrt, inst.values["d" + wrt])), f.shape
    if not (f.shape[1].is_one and x_shape[1].is_one):
        raise UnsupportedError("the Jacobian of a matrix with respect to a matrix is a 4th-order tensor; "
                               "ask for the gradient of a scalar, or the differential")
    return (lambda inst: jacobian(f, inst, wrt)), (f.shape[0], x_shape[0])


def _has_kinks(node: A.Node) -> bool:
    return any(
        isinstance(n, A.Indicator) or (isinstance(n, A.Func) and n.name in ("relu", "relu'", "abs", "sign", "max", "min", "sparsemax", "floor", "ceil"))
        for n in node.walk()
    )


def from_catalog(entry_id: str, part: str | None = None, *, seed: int = 0) -> Problem:
    """The problem of catalog entry ``entry_id``, part ``part`` (default: the entry's first part)."""
    try:
        from derivations.catalog import get
    except ImportError:
        raise UnsupportedError("the course catalog is not available in this version; use --expr or --identity") from None

    entry = get(entry_id)
    parts = list(entry.parts)
    if not parts:
        raise InputError(f"{entry_id} has no typed answer to check yet; see `dlprep show {entry_id}`")
    name = part or parts[0].name
    chosen = next((p for p in parts if p.name == name), None)
    if chosen is None:
        raise InputError(f"{entry_id} has no part '{name}'", expected="one of: " + ", ".join(p.name for p in parts))
    decls = parse_shapes(entry.symbols)
    aliases = {alias: parse(target, names=set(decls)) for alias, target in entry.aliases.items()}
    abbreviations = {**aliases, **parse_where(chosen.where, set(decls))}
    names = set(decls) | set(abbreviations)
    reference = parse(chosen.reference, names=names)
    lang = LANG.get()
    malrules = tuple(MalRule(rule.code, parse(rule.expr, names=names), _in_language(rule.message, lang)) for rule in chosen.malrules)
    return Problem(
        decls,
        reference=reference,
        where=abbreviations,
        kind=chosen.kind,
        up_to_factor=chosen.up_to_factor,
        kink_aware=chosen.kink_aware or _has_kinks(reference),
        malrules=malrules,
        function=parse(chosen.function, names=names) if chosen.function else None,
        wrt=chosen.wrt,
        seed=seed,
    )


def _in_language(text: Any, lang: str) -> str:
    if isinstance(text, dict):
        return text.get(lang) or text.get("en") or next(iter(text.values()))
    return str(text)
