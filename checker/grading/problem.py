"""A checkable problem: what an answer is compared against, and on which random instances.

The reference is evaluated once per instance and every candidate (the answer, its repairs, the
mal-rules) is compared on the same instances: matrices with distinct sizes, domains respected,
instances near a kink (relu, max, indicator) redrawn when the problem asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np

from checker.language import ast as A
from checker.language.dims import Shape
from checker.language.errors import DlprepError, InputError
from checker.grading.entries import entries_close
from checker.grading.equivalence import RTOL, all_close, close, common_factor  # noqa: F401 (re-exported)
from checker.language.evaluate import draw_instances, evaluate
from checker.language.literal import is_constant
from checker.language.shapes import Declaration, infer



@dataclass(frozen=True)
class MalRule:
    """A typical wrong answer of one problem (STACK's potential-response trees, Numbas's alternatives)."""

    code: str
    expr: A.Node
    message: str


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

    def typed(self, node: A.Node) -> A.Node:
        return infer(self.expand(node), self.decls)

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
