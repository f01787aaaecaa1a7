"""The chain rule through the problem's own variables: give intermediate differentials and partials values.

A catalog problem knows its network (``z^(l+1) = W^(l+1) a^(l) + b^(l+1)``, ``a^(l) = f(z^(l))``,
``a = softmax(z)``) as :attr:`Problem.where` (substituted) and :attr:`Problem.definitions` (as written).
A step that uses them is judged by substituting them, numerically (nothing symbolic is trusted):

* ``d z^(l+1)``, ``d a^(l)``, ``d h_t``, ``d(E)``: the directional derivative of the substituted E along
  the problem's random dX (4th-order central differences), held in a fresh symbol;
* ``∂u/∂v``, ``∇_v u``, ``D[u; v]`` (:class:`checker.grading.step_reader.Partial`): u written up to v
  (v's own definition cut), differentiated in v at v's value: the gradient (shape of v) for a scalar u,
  ``D[u; v]`` its transpose (the course writes dJ = Tr(D[J; Z] dZ)), the Jacobian for a vector u;
* a product of partials that telescopes, ∂C/∂a·∂a/∂z·∂z/∂W (numerator order) or ∂a/∂z·∂z'/∂a·∂L/∂z'
  (denominator order), is the partial of its ends, ∂C/∂W or ∂L/∂z: the course writes both orders.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any, Callable

import numpy as np

from checker.language import ast as A
from checker.language.dims import is_scalar
from checker.language.errors import DlprepError, InputError, LimitExceeded
from checker.language.evaluate import evaluate
from checker.language.numeric import directional, gradient, jacobian
from checker.language.names import canonical_name
from checker.language.parser import parse
from checker.language.printing import to_text
from checker.language.shapes import Declaration, infer
from checker.grading.problem import Problem
from checker.grading.step_reader import Partial, is_loss


class Lifter:
    """Rewrites parsed steps so that every intermediate quantity is a symbol with a computed value."""

    def __init__(self, problem: Problem, partials: dict[str, Partial]) -> None:
        self.problem = problem
        self.partials = dict(partials)
        self.decls: dict[str, Declaration] = dict(problem.decls)
        self.derived: dict[str, Callable[[Any], np.ndarray]] = dict(problem.derived)
        self.cache: dict[str, A.Node] = {}
        self.names = problem.names | set(partials)
        self.where: dict[str, A.Node] = dict(problem.where)
        self.shown: dict[str, str] = {}  # dlift3 → d(W^(l) a^(l-1) + b^(l)): how a message names a lifted differential

    def expand(self, node: A.Node) -> A.Node:
        """The problem's abbreviations, and the step file's own definitions (``s := 1ᵀexp(z)``), substituted."""
        return _substitute(node, self.where) if self.where else node

    def define(self, name: str, tree: A.Node) -> None:
        """A name the step file defines for its later lines."""
        self.where[name] = self.expand(tree)
        self.names.add(name)

    # -------------------------------------------------------------- public
    def parse(self, text: str) -> A.Node:
        return parse(text, names=self.names)

    def lift(self, tree: A.Node) -> A.Node:
        """The tree with partials and differentials of expressions replaced by valued symbols."""
        tree = self._telescope(tree)
        tree = self._partials(tree)
        tree = self._convolutions(tree)
        return self._differentials(self.expand(tree))

    # -------------------------------------------------------------- ω * a: the course's convolution star
    def _convolutions(self, tree: A.Node) -> A.Node:
        """``ω * a_l`` and ``ω̃ * δ_{l+1}`` (lecture ch. 7) are convolutions with a kernel of the network
        (the second argument of a conv2 in its definitions). When the step does not type-check as matrix
        products, each such product is read as conv2(·, kernel, 'valid') or 'full', whichever fits."""
        kernels = {to_text(f.args[1]) for d in (self.problem.definitions or {}).values() for f in d.walk()
                   if isinstance(f, A.Func) and f.name == "conv2" and len(f.args) == 2}
        if not kernels or self._fits(tree):
            return tree
        stars = [n for n in tree.walk() if isinstance(n, A.Mul) and _kernel_of(self.expand(n.left), kernels)]
        for modes in itertools.product(("valid", "full"), repeat=min(len(stars), 3)):
            table = {id(star): mode for star, mode in zip(stars, modes)}
            candidate = _replace_stars(tree, table)
            if self._fits(candidate):
                return candidate
        return tree

    def _fits(self, tree: A.Node) -> bool:
        try:
            _infer(self.expand(tree), self.decls)
        except DlprepError:
            return False
        return True

    def result(self) -> Problem:
        return replace(self.problem, decls=self.decls, derived=self.derived, where=self.where)

    # -------------------------------------------------------------- partials
    def _telescope(self, tree: A.Node) -> A.Node:
        children = [self._telescope(c) for c in tree.children()]
        tree = A.rebuild(tree, children) if children else tree
        if not isinstance(tree, A.Mul):
            return tree
        factors = _factors(tree)
        if len(factors) < 2 or not all(isinstance(f, A.Sym) and f.name in self.partials for f in factors):
            return tree
        ps = [self.partials[f.name] for f in factors]  # type: ignore[union-attr]
        key = canonical_name
        if all(key(a.den) == key(b.num) for a, b in zip(ps, ps[1:])):
            num, den = ps[0].num, ps[-1].den
        elif all(key(a.num) == key(b.den) for a, b in zip(ps, ps[1:])):
            num, den = ps[-1].num, ps[0].den
        else:
            return tree
        name = f"partial{len(self.partials)}"
        self.partials[name] = Partial(name, num, den, "partial")
        self.names.add(name)
        return A.Sym(name)

    def _partials(self, tree: A.Node) -> A.Node:
        if isinstance(tree, A.Sym) and tree.name in self.partials:
            return self._partial(self.partials[tree.name])
        children = [self._partials(c) for c in tree.children()]
        return A.rebuild(tree, children) if children else tree

    def _partial(self, p: Partial) -> A.Node:
        if p.name in self.cache:
            return self.cache[p.name]
        u = self._numerator(p.num)
        v = self.parse(p.den)
        while isinstance(v, A.Sym) and isinstance(self.problem.where.get(v.name), A.Sym):  # an alias: w^(l) for W^(l)
            v = self.problem.where[v.name]
        if not isinstance(v, A.Sym):
            raise InputError(f"cannot differentiate with respect to '{p.den}'", expected="a variable of the problem, e.g. ∂J/∂W^(l)")
        cut = f"cut_{p.name}"
        v_value = self.problem.typed(v)
        self.decls[cut] = Declaration(cut, v_value.shape)
        u_cut = _substitute(self._expand_except(u, v.name), {v.name: A.Sym(cut)})
        typed_u = _infer(u_cut, self.decls)
        if is_scalar(typed_u.shape):
            shape = v_value.shape if p.form != "D" else (v_value.shape[1], v_value.shape[0])
        elif typed_u.shape[1].is_one and v_value.shape[1].is_one:
            shape = (typed_u.shape[0], v_value.shape[0])
        else:
            raise InputError(f"∂{p.num}/∂{p.den} is a 4th-order tensor", expected="the derivative of a scalar or of a vector by a vector")
        form = p.form
        answer = self._answer(u, v.name, shape, form)
        if answer is not None:  # ∂J/∂x of the problem itself: its reference answer (verified against finite differences)
            self.decls[p.name] = Declaration(p.name, shape)
            self.derived[p.name] = answer
            self.cache[p.name] = A.Sym(p.name)
            return self.cache[p.name]

        coefficient = _linear_coefficient(typed_u, cut) if is_scalar(typed_u.shape) else None

        def value(inst: Any, typed_u: A.Node = typed_u, v_value: A.Node = v_value, cut: str = cut) -> np.ndarray:
            at = replace(inst, values={**inst.values, cut: evaluate(v_value, inst)})
            if coefficient is not None:  # J = Tr(Mᵀv): ∇ = M, checked along one random direction (not entry by entry)
                g = evaluate(coefficient, at)
                probe = np.random.default_rng(inst.seed).standard_normal(g.shape)
                if np.allclose(directional(typed_u, at, cut, probe), np.sum(g * probe), rtol=1e-6, atol=1e-9):
                    return g.T if form == "D" else g
            if is_scalar(typed_u.shape):
                g = gradient(typed_u, at, cut, adaptive=True)
                return g.T if form == "D" else g
            return jacobian(typed_u, at, cut, adaptive=True)

        self.decls[p.name] = Declaration(p.name, shape)
        self.derived[p.name] = value
        self.cache[p.name] = A.Sym(p.name)
        return self.cache[p.name]

    def _answer(self, u: A.Node, v: str, shape: tuple, form: str) -> Callable[[Any], np.ndarray] | None:
        """The problem's own reference when ∂u/∂v is the derivative the problem asks (u its function, v its
        variable): the catalog's references are checked against finite differences by ``dlprep verify``,
        and differencing a conv layer entry by entry costs seconds."""
        problem = self.problem
        ref = problem.typed_reference
        if ref is None or v != problem.wrt or problem.function is None or u != problem.function:
            return None
        if problem.kind == "gradient" and ref.shape == (shape[::-1] if form == "D" else shape):
            return (lambda inst: evaluate(ref, inst).T) if form == "D" else (lambda inst: evaluate(ref, inst))
        if problem.kind == "jacobian" and ref.shape == shape:
            return lambda inst: evaluate(ref, inst)
        return None

    def _numerator(self, text: str) -> A.Node:
        if not text.strip() or is_loss(text, self.problem.names):
            if self.problem.function is None:
                raise InputError(f"this problem does not say what {text or 'the function'} is", expected="a catalog problem, or --expr")
            return self.problem.function
        return self.parse(text)

    def _expand_except(self, node: A.Node, keep: str) -> A.Node:
        """u written up to ``keep``: the other definitions substituted, and keep's own definition folded back
        into its name where u spells it out (δᵀ(W a + b) is δᵀz for ∂J/∂z)."""
        defs = self.problem.definitions or {}
        if keep in defs:
            node = _fold(node, self.expand(defs[keep]), A.Sym(keep))
        for _ in range(20):
            nxt = _substitute(node, {k: v for k, v in defs.items() if k != keep})
            if nxt == node:
                break
            node = nxt
        return node if keep in defs else self.expand(node)

    # -------------------------------------------------------------- differentials
    def _differentials(self, tree: A.Node) -> A.Node:
        if isinstance(tree, A.Differential) and not (isinstance(tree.arg, A.Sym) and tree.arg.name in self.problem.decls):
            return self._lifted(tree.arg)
        children = [self._differentials(c) for c in tree.children()]
        return A.rebuild(tree, children) if children else tree

    def _shape_in_context(self, node: A.Node) -> Any:
        """The shape ``node`` has inside the problem's typed function or answer (None: it does not occur)."""
        return _context_shape(self.problem, node)

    def _lifted(self, arg: A.Node) -> A.Node:
        wrt = self.problem.wrt
        if wrt is None:
            raise InputError("a differential of an expression needs the variable; name it with --wrt")
        try:
            typed = _infer(arg, self.decls)
        except DlprepError:  # kron(I, 1ᵀ) a kron(I, 1): sized by where the problem's function uses it
            shape = self._shape_in_context(arg)
            if shape is None:
                raise
            typed = _infer(arg, self.decls, shape)
        name = f"dlift{len(self.derived)}"
        self.decls[name] = Declaration(name, typed.shape)
        self.derived[name] = lambda inst, typed=typed: directional(typed, inst, wrt, inst.values["d" + wrt], adaptive=True)
        self.shown[name] = f"d({to_text(arg)})"
        return A.Sym(name)


def _linear_coefficient(u: A.Node, v: str) -> A.Node | None:
    """M when u is Tr(Mᵀv), sum(M ∘ v), Mᵀv or vᵀM with M free of v (the residual's definition J ≈ δᵀz), else None."""
    free = lambda n: not any(isinstance(k, A.Sym) and k.name == v for k in n.walk())  # noqa: E731
    is_v = lambda n: isinstance(n, A.Sym) and n.name == v  # noqa: E731
    if isinstance(u, A.Func) and u.name in ("sum", "tr") and len(u.args) == 1:
        inner = u.args[0]
        if isinstance(inner, A.Hadamard) and u.name == "sum":
            for m, x in ((inner.left, inner.right), (inner.right, inner.left)):
                if is_v(x) and free(m) and m.shape == x.shape:
                    return m
        if isinstance(inner, A.Mul) and u.name == "tr" and is_v(inner.right) and isinstance(inner.left, A.Transpose) and free(inner.left):
            return inner.left.arg
    if isinstance(u, A.Mul) and is_v(u.right) and isinstance(u.left, A.Transpose) and free(u.left):
        return u.left.arg
    if isinstance(u, A.Mul) and isinstance(u.left, A.Transpose) and is_v(u.left.arg) and free(u.right):
        return u.right
    return None


def _context_shape(problem: Problem, node: A.Node) -> Any:
    for root in (problem.function, problem.reference):
        if root is None:
            continue
        try:
            typed = problem.typed(root)
        except LimitExceeded:
            raise
        except DlprepError:
            continue
        text = to_text(node)  # typed, 1 and I have become sized constants: compare as written
        for n in typed.walk():
            if n.shape is not None and to_text(n) == text:
                return n.shape
    return None


def _kernel_of(node: A.Node, kernels: set[str]) -> bool:
    """ω, or rot180(ω) (ω̃), for a kernel ω of the network."""
    if isinstance(node, A.Func) and node.name == "rot180" and len(node.args) == 1:
        node = node.args[0]
    return to_text(node) in kernels


def _replace_stars(node: A.Node, table: dict[int, str]) -> A.Node:
    if id(node) in table and isinstance(node, A.Mul):
        return A.Func("conv2", (_replace_stars(node.right, table), node.left), option=table[id(node)])
    children = [_replace_stars(c, table) for c in node.children()]
    return A.rebuild(node, children) if children else node


def _factors(node: A.Node) -> list[A.Node]:
    if isinstance(node, A.Mul):
        return _factors(node.left) + _factors(node.right)
    return [node]


def _fold(node: A.Node, value: A.Node, name: A.Node) -> A.Node:
    if node == value:
        return name
    children = [_fold(c, value, name) for c in node.children()]
    return A.rebuild(node, children) if children else node


def _substitute(node: A.Node, table: dict[str, A.Node]) -> A.Node:
    if isinstance(node, A.Sym) and node.name in table:
        return table[node.name]
    children = [_substitute(c, table) for c in node.children()]
    return A.rebuild(node, children) if children else node


def _infer(node: A.Node, decls: dict[str, Declaration], shape: Any = None) -> A.Node:
    return infer(node, decls, shape)
