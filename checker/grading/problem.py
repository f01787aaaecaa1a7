"""A checkable problem: what an answer is compared against, and on which random instances.

Built here from an expression of `dlprep check` (``from_expression(f, wrt, shapes, where, kind)``:
the reference is the derivative of f by fourth-order finite differences, so no algebra is trusted and
SymPy stays unloaded) or from a reference given as text, a question's answer key
(``from_reference("[0.2, 0.3; 0.5, 0.1]", rtol=1e-3)``: a constant reference makes a numeric problem,
judged entry by entry on one instance); a catalog problem is built on the catalog's side
(:mod:`derivations.catalog.problem`), so this layer never imports a higher one.

The reference is evaluated once per instance and every candidate (the answer, its repairs, the
mal-rules) is compared on the same instances: matrices with distinct sizes, domains respected,
instances near a kink (relu, max, indicator) redrawn when the problem asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

from checker.language import ast as A
from checker.language.dims import Shape, is_scalar
from checker.language.errors import DlprepError, InputError, ShapeError, UnsupportedError
from checker.grading.entries import entries_close
from checker.grading.equivalence import RTOL, all_close, close, common_factor  # noqa: F401 (re-exported)
from checker.language.evaluate import draw_instances, evaluate, has_kinks
from checker.language.keyboard import normalize_keyboard
from checker.language.literal import is_constant
from checker.language.numeric import directional, gradient, jacobian
from checker.language.parser import parse
from checker.language.shapes import Declaration, infer, parse_shapes



@dataclass(frozen=True)
class MalRule:
    """A typical wrong answer and what to tell the student (STACK's potential-response trees, Numbas's
    alternatives). The catalog writes ``expr`` as text and ``message`` as {"en": …, "zh": …};
    :meth:`resolved` reads them for one problem (its names, one language).

    >>> rule = MalRule("sign", "-A x", {"en": "the sign", "zh": "符号"}).resolved({"A", "x"}, "zh")
    >>> rule.expr, rule.message
    (Neg(arg=Mul(left=Sym(name='A'), right=Sym(name='x'))), '符号')
    """

    code: str
    expr: A.Node | str
    message: str | Mapping[str, str]

    def resolved(self, names: set[str], lang: str) -> "MalRule":
        expr = parse(self.expr, names=names) if isinstance(self.expr, str) else self.expr
        text = self.message
        if not isinstance(text, str):
            text = text.get(lang) or text.get("en") or next(iter(text.values()))
        return MalRule(self.code, expr, text)


@dataclass
class Problem:
    """Declarations, the reference answer (a tree, or a numeric function of an instance), and how to judge."""

    decls: Mapping[str, Declaration]
    reference: A.Node | None = None
    numeric_reference: Callable[[object], np.ndarray] | None = None
    where: Mapping[str, A.Node] = field(default_factory=dict)
    expected_shape: Shape | None = None
    kind: str = "value"  # gradient | jacobian | differential | value | equation
    up_to_factor: bool = False
    kink_aware: bool = False
    malrules: tuple[MalRule, ...] = ()
    extra_nodes: tuple[A.Node, ...] = ()  # nodes whose domains the instances must respect
    function: A.Node | None = None  # the f a derivation starts from (for step files)
    wrt: str | None = None  # the variable of f
    definitions: Mapping[str, A.Node] = field(default_factory=dict)  # the network as written: z^(l+1) = W^(l+1) a^(l) + b^(l+1)
    derived: Mapping[str, Callable[[object], np.ndarray]] = field(default_factory=dict)  # symbols computed from an instance
    answer_labels: tuple[str, ...] = ()  # names that stand for the answer in a step file (delta^(l))
    n: int = 5
    seed: int = 0
    rtol: float = RTOL  # relative tolerance; a numeric question states its own (the bank's Check.rtol)

    def __post_init__(self) -> None:
        self.typed_reference = infer(self.expand(self.reference), self.decls) if self.reference is not None else None
        if self.expected_shape is None and self.typed_reference is not None:
            self.expected_shape = self.typed_reference.shape
        if self.numeric:
            self.n = 1  # a constant reference ([0.2, 0.3; 0.5, 0.1]) has one value: one instance decides
        self._instances: list[object] | None = None
        self._values: list[np.ndarray] | None = None

    # -------------------------------------------------------------- abbreviations
    @property
    def names(self) -> set[str]:
        return set(self.decls) | set(self.where)

    def expand(self, node: A.Node) -> A.Node:
        """Replace the abbreviations of ``where`` (``a = softmax(z)``) by what they stand for."""
        if not self.where:
            return node
        if isinstance(node, A.Sym) and node.name in self.where:
            return self.where[node.name]
        children = [self.expand(c) for c in node.children()]
        return A.rebuild(node, children) if children else node

    def typed(self, node: A.Node, shape: Shape | None = None) -> A.Node:
        return infer(self.expand(node), self.decls, shape)

    def typed_answer(self, node: A.Node) -> A.Node:
        """An answer typed on its own, or else with the shape it must have, which sizes its 1s and Is
        (``tr(B) I``, ``kron(I, 1ᵀ) A kron(I, 1)``); the first error stands when neither fits."""
        try:
            typed = self.typed(node)
        except ShapeError as exc:
            typed, error = None, exc
        if self.expected_shape is not None and (typed is None or typed.shape != self.expected_shape):
            try:
                return self.typed(node, self.expected_shape)
            except ShapeError:
                pass
        if typed is None:
            raise error
        return typed

    @property
    def numeric(self) -> bool:
        """A numeric problem: the reference is a constant (a number or a matrix literal), judged entry by entry."""
        return self.typed_reference is not None and is_constant(self.typed_reference)

    def agrees(self, values: list[np.ndarray], reference: list[np.ndarray]) -> bool:
        """Equal within the problem's tolerance: entry by entry for a numeric problem, else as matrices."""
        if self.numeric:
            return len(values) == len(reference) and all(entries_close(v, r, self.rtol) for v, r in zip(values, reference))
        return all_close(values, reference, self.rtol)

    # -------------------------------------------------------------- instances
    def instances(self, extra: tuple[A.Node, ...] = ()) -> list[object]:
        if self._instances is None:
            nodes = [n for n in (self.typed_reference, *self.extra_nodes, *extra) if n is not None]
            self._instances = draw_instances(self.decls, nodes, self.n, self.seed, kink_aware=self.kink_aware)
            for inst in self._instances:  # intermediate quantities (d z^(l+1), ∂J/∂z^(l+1)) from the drawn values
                for name, compute in self.derived.items():
                    inst.values[name] = compute(inst)  # type: ignore[attr-defined]
        return self._instances

    def reference_values(self) -> list[np.ndarray]:
        if self._values is None:
            if self.typed_reference is not None:
                self._values = [evaluate(self.typed_reference, inst) for inst in self.instances()]
            elif self.numeric_reference is not None:
                self._values = [self.numeric_reference(inst) for inst in self.instances()]
            else:
                raise InputError("this problem has no reference answer")
        return self._values

    def values(self, typed: A.Node) -> list[np.ndarray] | None:
        """Values of a typed candidate on the problem's instances; None where it cannot be evaluated."""
        try:
            return [evaluate(typed, inst) for inst in self.instances()]
        except DlprepError:
            return None


# ------------------------------------------------------------------ from an expression (`dlprep check --expr`)
KINDS = ("gradient", "jacobian", "differential")


def parse_where(text: str | None, names: set[str]) -> dict[str, A.Node]:
    """``"a = softmax(z); h = tanh(W x)"`` → {'a': softmax(z), 'h': tanh(W x)}."""
    out: dict[str, A.Node] = {}
    if not text:
        return out
    for piece in _split_pieces(normalize_keyboard(text)):
        if not piece.strip():
            continue
        tree = parse(piece, names=names | set(out))
        if not (isinstance(tree, A.Equation) and len(tree.sides) == 2 and isinstance(tree.sides[0], A.Sym)):
            raise InputError(f"cannot read the abbreviation '{piece.strip()}'", expected="name = expression, e.g. a = softmax(z)")
        name, value = tree.sides[0].name, tree.sides[1]
        out[name] = _substitute(value, out)
    return out


def _split_pieces(text: str) -> list[str]:
    """Lines, and pieces between the ';' outside brackets: "a = [1; 2]; b = a" → ["a = [1; 2]", " b = a"]."""
    pieces, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if (ch == ";" and depth <= 0) or ch == "\n":
            pieces.append(text[start:k])
            start = k + 1
    return pieces + [text[start:]]


def _substitute(node: A.Node, where: dict[str, A.Node]) -> A.Node:
    if isinstance(node, A.Sym) and node.name in where:
        return where[node.name]
    children = [_substitute(c, where) for c in node.children()]
    return A.rebuild(node, children) if children else node


# ------------------------------------------------------------------ from a reference (a question's key, `--reference`)
def from_reference(reference: str, shapes: str = "", *, kind: str = "value", where: str | None = None,
                   rtol: float = RTOL, seed: int = 0) -> Problem:
    """A problem whose reference answer is ``reference`` (expression-language text).

    >>> p = from_reference("[1/4, 1/2; 1/2, 1/4]", rtol=1e-3)
    >>> p.numeric, p.n, p.agrees([np.array([[0.25, 0.5], [0.5, 0.2501]])], p.reference_values())
    (True, 1, True)
    """
    decls = parse_shapes(shapes)
    abbreviations = parse_where(where, set(decls))
    tree = parse(reference, names=set(decls) | set(abbreviations))
    return Problem(decls, reference=tree, where=abbreviations, kind=kind, rtol=rtol, seed=seed)


def from_expression(expr: str, wrt: str, shapes: str, *, where: str | None = None, kind: str | None = None, seed: int = 0) -> tuple[Problem, A.Node]:
    """The derivative of ``expr`` with respect to ``wrt``; returns the problem and f (typed)."""
    decls = parse_shapes(shapes)
    abbreviations = parse_where(where, set(decls))
    wrt = normalize_keyboard(wrt)
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
                      kink_aware=has_kinks(f), extra_nodes=(f, direction), seed=seed)
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


