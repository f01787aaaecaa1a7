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
from checker.grading.equivalence import all_close, close, common_factor  # noqa: F401 (re-exported)
from checker.language.evaluate import draw_instances, evaluate
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
    definitions: Mapping[str, A.Node] = field(default_factory=dict)  # the network as written: z^(l+1) = W^(l+1) a^(l) + b^(l+1)
    derived: Mapping[str, Callable[[object], np.ndarray]] = field(default_factory=dict)  # symbols computed from an instance
    answer_labels: tuple[str, ...] = ()  # names that stand for the answer in a step file (delta^(l))
    n: int = 5
    seed: int = 0

    def __post_init__(self) -> None:
        self.typed_reference = infer(self.expand(self.reference), self.decls) if self.reference is not None else None
        if self.expected_shape is None and self.typed_reference is not None:
            self.expected_shape = self.typed_reference.shape
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
