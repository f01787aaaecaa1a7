"""Numerical checks of every derivation step (principle 1: nothing symbolic is trusted unchecked).

On a few random instances with distinct sizes, in float64:
* a rewrite of f equals f;
* a differential step equals the directional derivative of f along a random dX, by 4th-order central
  differences; an unexpanded d(E) inside a step is given the directional derivative of E;
* the gradient equals ∇f by central differences entry by entry, a Jacobian likewise.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Mapping

import numpy as np
import sympy as sp

from checker.language import ast as A
from checker.language.evaluate import Instance, evaluate
from checker.language.numeric import directional, gradient, jacobian, relative_error
from checker.language.shapes import Declaration, infer
from checker.language.sympy_bridge import from_sympy, shape_of
from derivations.placeholder import PLACEHOLDERS

TOLERANCE = 1e-6


class StepChecker:
    """Values of SymPy steps on fixed instances, compared with f and its finite differences."""

    def __init__(self, f: A.Node, wrt: str, decls: Mapping[str, Declaration], instances: list[Instance],
                 expand: Callable[[A.Node], A.Node] = lambda node: node) -> None:
        self.f, self.wrt, self.instances, self.expand = f, wrt, instances, expand
        self.decls = dict(decls)
        self.decls["d" + wrt] = Declaration("d" + wrt, decls[wrt].shape)
        self.direction = "d" + wrt
        self._f_values: list[np.ndarray] | None = None
        self._df_values: list[np.ndarray] | None = None

    def typed(self, expr: sp.Basic, extra: Mapping[str, Declaration] = {}) -> A.Node:
        return infer(from_sympy(expr), {**self.decls, **extra}, shape_of(expr))

    def values(self, expr: sp.Basic) -> list[np.ndarray]:
        """expr on every instance; each unexpanded d(E) is E's directional finite difference."""
        holes = sorted({p for p in sp.preorder_traversal(expr) if isinstance(p, PLACEHOLDERS)}, key=sp.default_sort_key)
        subs, extra, parts = {}, {}, []
        for k, hole in enumerate(holes):
            name = f"_d{k}"
            inner = self.typed(hole.arg)
            subs[hole] = sp.MatrixSymbol(name, *hole.shape) if isinstance(hole, sp.MatrixExpr) else sp.Symbol(name)
            extra[name] = Declaration(name, inner.shape)
            parts.append((name, inner))
        return self._with_holes(self.typed(expr.xreplace(subs), extra), parts)

    def tree_values(self, node: A.Node) -> list[np.ndarray]:
        """A display line (``a`` for an abbreviation, d(E) for the differential of any E) on every
        instance: each d(E) but dX is E's directional finite difference, as for a SymPy step."""
        holes: dict[A.Node, str] = {}

        def cut(n: A.Node) -> A.Node:
            if isinstance(n, A.Differential) and n.arg != A.Sym(self.wrt):
                return A.Sym(holes.setdefault(n, f"_d{len(holes)}"))
            children = n.children()
            return A.rebuild(n, [cut(c) for c in children]) if children else n

        body = cut(node)
        extra, parts = {}, []
        for hole, name in holes.items():
            inner = infer(self.expand(hole.arg), self.decls)  # type: ignore[attr-defined]
            extra[name] = Declaration(name, inner.shape)
            parts.append((name, inner))
        return self._with_holes(infer(self.expand(body), {**self.decls, **extra}), parts)

    def _with_holes(self, node: A.Node, parts: list[tuple[str, A.Node]]) -> list[np.ndarray]:
        """``node`` on every instance, each hole ``_dk`` bound to its d(E): E's directional finite
        difference along the instance's direction."""
        out = []
        for inst in self.instances:
            if parts:
                values = dict(inst.values)
                for name, inner in parts:
                    values[name] = directional(inner, inst, self.wrt, inst.values[self.direction], adaptive=True)
                inst = replace(inst, values=values)
            out.append(evaluate(node, inst))
        return out

    def tree_error(self, node: A.Node, against: str) -> float:
        """The worst relative error of a display line against f, its differential, gradient or Jacobian."""
        want = {"function": self.f_values, "differential": self.df_values,
                "gradient": lambda: [gradient(self.f, i, self.wrt, adaptive=True) for i in self.instances],
                "jacobian": lambda: [jacobian(self.f, i, self.wrt, adaptive=True) for i in self.instances]}[against]()
        return self._worst(self.tree_values(node), want)

    def f_values(self) -> list[np.ndarray]:
        if self._f_values is None:
            self._f_values = [evaluate(self.f, inst) for inst in self.instances]
        return self._f_values

    def df_values(self) -> list[np.ndarray]:
        if self._df_values is None:
            self._df_values = [directional(self.f, inst, self.wrt, inst.values[self.direction], adaptive=True)
                               for inst in self.instances]
        return self._df_values

    def _worst(self, got: list[np.ndarray], want: list[np.ndarray]) -> float:
        """Relative to the derivative's size, or to 1e-4·|f| when the derivative is (nearly) 0: finite
        differences resolve a derivative only to about 1e-13·|f|/h."""
        floor = max(1e-8, 1e-4 * max(float(np.max(np.abs(v))) for v in self.f_values()))
        return max(relative_error(g, w, floor) for g, w in zip(got, want))

    def function(self, expr: sp.Basic) -> float:
        return self._worst(self.values(expr), self.f_values())

    def differential(self, expr: sp.Basic) -> float:
        return self._worst(self.values(expr), self.df_values())

    def gradient(self, expr: sp.Basic) -> float:
        want = [gradient(self.f, inst, self.wrt, adaptive=True) for inst in self.instances]
        return self._worst(self.values(expr), want)

    def jacobian(self, expr: sp.Basic) -> float:
        want = [jacobian(self.f, inst, self.wrt, adaptive=True) for inst in self.instances]
        return self._worst(self.values(expr), want)
