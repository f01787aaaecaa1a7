"""The derivation engine: f → df (differential rules, one level per step) → Tr(Gᵀ dX) (trace rules)
→ ∇f = G, or dy = J dx for a vector function of a vector. Every step is checked numerically.

>>> d = derive("x^T A x", "x", "x: n, A: n x n")
>>> from checker.language.printing import to_text, to_unicode
>>> to_text(d.result), d.verified
('(A + A^T) x', True)
"""

from __future__ import annotations

from functools import lru_cache

from typing import Callable

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr

from checker.language import ast as A
from checker.language.dims import is_scalar
from checker.language.errors import InputError, UnsupportedError
from checker.language.evaluate import draw_instances, has_kinks
from checker.language.limits import LIMITS, deadline
from checker.language.numpy_source import python_name, to_numpy
from checker.language.parser import parse
from checker.language.printing import to_text, to_unicode
from checker.grading.problem import Problem
from checker.grading.problem import parse_where
from checker.language.shapes import parse_shapes
from checker.language.sympy_bridge import from_sympy, to_sympy
from derivations.algebra import identity_multiple, is_zero, madd, mmul, rebuild, tidy, transpose, zero_like
from derivations.check import StepChecker
from derivations.derivation import Derivation, Step
from derivations.placeholder import PLACEHOLDERS, D
from derivations.rules.differential import lookup
from derivations.rules.trace import GRADIENT_RULES, JACOBIAN_RULES, Pair, scalar_pairs
from derivations.simplify import push_transposes, simplify

MAX_ROUNDS = 60
TIME_LIMIT = LIMITS["derive_seconds"].value


def derive(expr: str, wrt: str, shapes: str, where: str | None = None, *, seed: int = 0, instances: int = 3) -> Derivation:
    """Derive ∂f/∂X step by step, the course's way; every step is checked by finite differences."""
    with deadline(TIME_LIMIT):
        return _Engine(expr, wrt, shapes, where, seed, instances).run()


@lru_cache(maxsize=256)
def derive_once(expr: str, wrt: str, shapes: str, where: str | None = None) -> Derivation:
    """:func:`derive`, once per process for the same arguments: a catalog part's derivation is read by its
    check, its model answer and every question that asks it (treat the result as read-only)."""
    return derive(expr, wrt, shapes, where)


class _Engine:
    def __init__(self, expr: str, wrt: str, shapes: str, where: str | None, seed: int, n: int) -> None:
        self.text, self.wrt = expr, wrt
        self.decls = parse_shapes(shapes)
        if wrt not in self.decls:
            raise InputError(f"--wrt {wrt} is not a declared symbol", expected=", ".join(sorted(self.decls)))
        self.problem = Problem(self.decls, where=parse_where(where, set(self.decls)))
        self.tree = parse(expr, names=self.problem.names)
        self.f = self.problem.typed(self.tree)
        x_shape = self.decls[wrt].shape
        if is_scalar(x_shape) and self.f.shape[1].is_one:
            self.kind = "derivative"  # df = (df/dt)·dt, for a scalar or a vector f
        elif is_scalar(self.f.shape):
            self.kind = "gradient"
        elif self.f.shape[1].is_one and x_shape[1].is_one:
            self.kind = "jacobian"
        else:
            raise UnsupportedError("the derivative of a matrix-valued function, or of a vector with respect to a "
                                   "matrix, is a 4th-order tensor; derive a scalar loss instead, or use the differential")
        self.fs = self._sympy(self.f)
        self.X = to_sympy(self.problem.typed(A.Sym(wrt)), self.decls)
        self.dX = sp.MatrixSymbol("d" + wrt, *self.X.shape) if isinstance(self.X, MatrixExpr) else sp.Symbol("d" + wrt)
        direction = self.problem.typed(A.Differential(A.Sym(wrt)))
        self.instances = draw_instances(self.decls, [self.f, direction], n, seed, kink_aware=has_kinks(self.f))
        self.check = StepChecker(self.f, wrt, self.decls, self.instances, self.problem.expand)
        self.fold = {value: _symbol_like(name, value)
                     for name, value in ((n, self._sympy(self.problem.typed(v))) for n, v in self.problem.where.items())}
        self.steps: list[Step] = []

    # ------------------------------------------------------------------ helpers
    def _sympy(self, typed: A.Node) -> sp.Basic:
        try:
            return to_sympy(typed, self.decls)
        except UnsupportedError as exc:
            what = str(exc).replace(" has no SymPy form here", "")
            raise UnsupportedError(f"dlprep derive cannot differentiate {what}: it has no differential rule here "
                                   "(supported: products, sums, transposes, inverses, tr, det, log det, norms, ∘, "
                                   "σ, tanh, exp, log, relu, f, softmax, logsumexp)") from None

    def d(self, e: sp.Basic) -> sp.Basic:
        """One level of d: dX for the variable, 0 for a constant, d(e) left for the next step."""
        if e == self.X:
            return self.dX
        if not e.has(self.X):
            return zero_like(e)
        return D(e)

    def show(self, e: sp.Basic) -> A.Node:
        """The display tree of a SymPy step: abbreviations folded back, d(·) as differentials."""
        e = e.xreplace(self.fold) if self.fold else e
        holes = {p: sp.MatrixSymbol(f"_hole{k}", *p.shape) if isinstance(p, MatrixExpr) else sp.Symbol(f"_hole{k}")
                 for k, p in enumerate(sorted({p for p in sp.preorder_traversal(e) if isinstance(p, PLACEHOLDERS)},
                                              key=sp.default_sort_key))}
        tree = from_sympy(e.xreplace(holes))
        back = {str(s.name): A.Differential(from_sympy(p.arg)) for p, s in holes.items()}
        back["d" + self.wrt] = A.Differential(A.Sym(self.wrt))  # d z^(l), not the symbol dz^(l)
        return _replace_syms(tree, back)

    def sums_to_one(self) -> frozenset[sp.Basic]:
        """Declared probability vectors and one-hot vectors: 1ᵀy = 1."""
        return frozenset(sp.MatrixSymbol(n, *self._sympy(self.problem.typed(A.Sym(n))).shape)
                         for n, decl in self.decls.items() if {"probability", "onehot"} & set(decl.attrs))

    def add(self, lhs: str, shown: A.Node, rule: str, error: float | None, against: str) -> None:
        """Record a step; a rule that changes nothing visible joins the previous step."""
        last = self.steps[-1] if self.steps else None
        if last is not None and last.lhs == lhs and last.rule and to_text(last.expr) == to_text(shown):
            last.rule = "; ".join(dict.fromkeys(last.rule.split("; ") + rule.split("; ")))
            last.error = None if error is None or last.error is None else max(last.error, error)
            return
        self.steps.append(Step(lhs, shown, rule, error, against))

    # ------------------------------------------------------------------ phases
    def run(self) -> Derivation:
        bridged = self.check.function(self.fs)  # the SymPy form of f against f itself
        self.add("f", self.tree, "", bridged, "f itself")
        if to_text(self.show(self.fs)) != to_text(self.tree):
            self.add("f", self.show(self.fs), self._rewrite_rule(), bridged, "f")
        df = self.differentials()
        if is_zero(df):
            result = self.independent()
        elif self.kind == "jacobian":
            result = self.collect_jacobian(df)
        elif self.kind == "derivative":
            result = self.collect_scalar(df)
        else:
            result = self.collect_gradient(df)
        expanded = from_sympy(result)
        return Derivation(self.text, self.wrt, self.kind, self.steps, self.show(result), expanded,
                          to_numpy(self.check.typed(result), self.decls), len(self.instances),
                          [dict(i.sizes) for i in self.instances], result,
                          {name: python_name(name) for name in sorted(self.decls)}, self.check)

    def _rewrite_rule(self) -> str:
        """The rule of the step that restates f: abbreviations substituted, or norms and 1×1 products rewritten."""
        rules = []
        norms = [n for n in self.f.walk() if isinstance(n, A.Norm)]
        if any(n.arg.shape is not None and n.arg.shape[1].is_one for n in norms):
            rules.append("‖u‖² = uᵀu")
        if any(n.arg.shape is not None and not n.arg.shape[1].is_one for n in norms):
            rules.append("‖X‖_F² = Tr(XᵀX)")
        shown = {n.name for n in self.show(self.fs).walk() if isinstance(n, A.Sym)}
        if self.fold and to_text(self.show(self.fs)) != to_text(from_sympy(self.fs)):
            rules.append("write with " + "; ".join(f"{to_unicode(A.Sym(n))} = {to_unicode(v)}" for n, v in self.problem.where.items() if n in shown))
        return "; ".join(rules) or "the same f, terms reordered and constants collected"

    def differentials(self) -> sp.Basic:
        current = D(self.fs)
        self.add("df", self.show(current), "take the differential", self.check.differential(current), "directional FD")
        for _ in range(MAX_ROUNDS):
            if not current.has(*PLACEHOLDERS):
                return current
            used: list[str] = []
            current = tidy(_expand_once(current, self.d, used))
            self.add("df", self.show(current), "; ".join(dict.fromkeys(used)), self.check.differential(current), "directional FD")
        raise UnsupportedError("the differential did not close after 60 rule levels")

    def _rounds(self, pairs: list[Pair], rules: dict, render: Callable[[list[Pair]], sp.Basic],
                display: Callable[[list[Pair]], A.Node]) -> list[Pair]:
        holds = lambda e: e.has(self.dX)  # noqa: E731
        for _ in range(MAX_ROUNDS):
            if all(E == self.dX for _, E in pairs):
                return pairs
            used: list[str] = []
            nxt: list[Pair] = []
            for M, E in pairs:
                if E == self.dX:
                    nxt.append((M, E))
                    continue
                for name, rule in rules.items():
                    out = rule(M, E, holds)
                    if out is not None:
                        used.append(name)
                        nxt.extend(out)
                        break
                else:
                    raise UnsupportedError(f"no trace rule brings {E} to the form … d{self.wrt}")
            pairs = nxt
            self.add("df", display(pairs), "; ".join(dict.fromkeys(used)), self.check.differential(render(pairs)), "directional FD")
        raise UnsupportedError("the trace rules did not reach the form Tr(Gᵀ dX)")

    def collect_gradient(self, df: sp.Basic) -> sp.Basic:
        pairs = scalar_pairs(df, lambda e: e.has(self.dX))
        render = lambda ps: sp.Add(*[sp.Trace(mmul(transpose(M), E)) for M, E in ps])  # noqa: E731
        self.add("df", self._trace_display(pairs), "a scalar is its own trace: u = Tr(u)",
                 self.check.differential(render(pairs)), "directional FD")
        pairs = self._rounds(pairs, GRADIENT_RULES, render, self._trace_display)
        G = simplify(madd(*[M for M, _ in pairs]), self.sums_to_one())
        final = sp.Trace(mmul(sp.Transpose(G), self.dX))
        shown = A.Func("tr", (A.Mul(A.Transpose(self.show(G)), from_sympy(self.dX)),))
        self.add("df", shown, "collect: df = Tr(Gᵀ dX)", self.check.differential(final), "directional FD")
        if self.X.shape[1] == 1:  # a vector variable: the Jacobian row too, before the gradient it transposes
            row = push_transposes(transpose(G))
            self.add(f"∂f/∂{self.wrt}ᵀ", self.show(row), "the Jacobian row is Gᵀ", self.check.jacobian(row),
                     "central differences of f")
        self.add(f"∇_{self.wrt} f", self.show(G), "read off G", self.check.gradient(G), "central differences of f")
        return G

    def _trace_display(self, pairs: list[Pair]) -> A.Node:
        terms = []
        for M, E in pairs:
            coeff = identity_multiple(M)
            if coeff is not None:
                body = A.Func("tr", (self.show(E),))
                terms.append(body if coeff == 1 else A.Mul(from_sympy(coeff), body))
            else:
                left = self.show(push_transposes(transpose(M)))
                terms.append(A.Func("tr", (A.Mul(left, self.show(E)),)))
        return A.Add(tuple(terms)) if len(terms) > 1 else terms[0]

    def collect_jacobian(self, df: sp.Basic) -> sp.Basic:
        pairs: list[Pair] = [(sp.Identity(df.shape[0]), df)]
        render = lambda ps: sp.MatAdd(*[mmul(L, E) for L, E in ps]).doit(deep=False) if len(ps) > 1 else mmul(*ps[0])  # noqa: E731
        display = lambda ps: self.show(render(ps))  # noqa: E731
        pairs = self._rounds(pairs, JACOBIAN_RULES, render, display)
        J = simplify(madd(*[L for L, _ in pairs]), self.sums_to_one())
        self.add("df", self.show(mmul(J, self.dX)), f"collect: df = J d{self.wrt}", self.check.differential(mmul(J, self.dX)), "directional FD")
        self.add(f"∂f/∂{self.wrt}ᵀ", self.show(J), "read off J", self.check.jacobian(J), "central differences of f")
        return J

    def independent(self) -> sp.Basic:
        """f does not involve the variable: its derivative is the zero matrix of the right shape."""
        if self.kind == "jacobian":
            zero = sp.ZeroMatrix(self.fs.shape[0], self.X.shape[0])
            self.add(f"∂f/∂{self.wrt}ᵀ", self.show(zero), f"f does not depend on {self.wrt}", self.check.jacobian(zero),
                     "central differences of f")
            return zero
        zero = zero_like(self.X) if is_scalar(self.f.shape) else sp.ZeroMatrix(*self.fs.shape)
        check = self.check.gradient(zero) if is_scalar(self.f.shape) else self.check.jacobian(zero)
        lhs = f"df/d{to_unicode(A.Sym(self.wrt))}" if self.kind == "derivative" else f"∇_{self.wrt} f"
        self.add(lhs, self.show(zero), f"f does not depend on {self.wrt}", check, "central differences of f")
        return zero

    def collect_scalar(self, df: sp.Basic) -> sp.Basic:
        g = simplify(tidy(df.xreplace({self.dX: sp.S.One})))
        label = f"df/d{to_unicode(A.Sym(self.wrt))}"
        check = self.check.gradient(g) if is_scalar(self.f.shape) else self.check.jacobian(g)
        self.add(label, self.show(g), f"df = (df/d{self.wrt})·d{self.wrt}", check, "central differences of f")
        return g


def _expand_once(e: sp.Basic, d: Callable[[sp.Basic], sp.Basic], used: list[str]) -> sp.Basic:
    if isinstance(e, PLACEHOLDERS):
        rule = lookup(e.arg)
        used.append(rule.formula)
        return rule.apply(e.arg, d)
    if isinstance(e, (sp.MatrixSymbol, sp.Symbol, sp.Number)) or not e.has(*PLACEHOLDERS):
        return e
    return rebuild(e, [_expand_once(a, d, used) for a in e.args])


def _symbol_like(name: str, value: sp.Basic) -> sp.Basic:
    """The symbol that stands for an abbreviation's value (a matrix symbol of its shape, or a scalar)."""
    return sp.MatrixSymbol(name, *value.shape) if isinstance(value, MatrixExpr) else sp.Symbol(name)


def _replace_syms(tree: A.Node, table: dict[str, A.Node]) -> A.Node:
    if isinstance(tree, A.Sym) and tree.name in table:
        return table[tree.name]
    children = tree.children()
    return A.rebuild(tree, [_replace_syms(c, table) for c in children]) if children else tree

