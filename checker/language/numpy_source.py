"""A typed tree as a self-contained NumPy expression that uses only ``np.`` and the input names.

Vectors are (n, 1) columns and scalars (1, 1) arrays or floats, as in :mod:`checker.language.evaluate`.
Sizes of ``1``, ``0`` and ``I`` are read off the inputs (``A.shape[0]``).

>>> from checker.language.shapes import parse_shapes, infer
>>> from checker.language.parser import parse
>>> decls = parse_shapes("A: m x n, x: n, b: m")
>>> to_numpy(infer(parse("2 A^T (A x - b)", names=decls), decls), decls)
'(2 * A.T) @ ((A @ x) - b)'
"""

from __future__ import annotations

import keyword
import re
from typing import Callable, Mapping

from checker.language import ast as A
from checker.language.dims import Dim, is_scalar
from checker.language.functions import FUNCTIONS
from checker.language.shapes import Declaration

def python_name(name: str) -> str:
    """The Python variable for a symbol: λ stays `lambda_` (a keyword), W^(2) becomes W_2.

    >>> python_name("lambda"), python_name("W^(2)"), python_name("y_hat")
    ('lambda_', 'W_2', 'y_hat')
    """
    out = re.sub(r"\W+", "_", name).strip("_") or "v"
    if out[0].isdigit():
        out = "v" + out
    return out + "_" if keyword.iskeyword(out) else out


class NoNumpyForm(Exception):
    """The tree uses something with no NumPy form (the generic f)."""


def to_numpy(node: A.Node, decls: Mapping[str, Declaration]) -> str | None:
    """NumPy source for a typed tree, or None when it has no self-contained form (a generic f)."""
    try:
        text = _Printer(decls).show(node)
    except NoNumpyForm:
        return None
    return text[1:-1] if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]) else text


class _Printer:
    def __init__(self, decls: Mapping[str, Declaration]) -> None:
        self.sizes: dict[Dim, str] = {}
        for decl in decls.values():
            for k, d in enumerate(decl.shape):
                self.sizes.setdefault(d, f"{python_name(decl.name)}.shape[{k}]")
        self.rules: dict[type, Callable[[A.Node], str]] = {
            A.Num: lambda n: str(n.value.numerator) if n.value.denominator == 1 else f"({n.value.numerator} / {n.value.denominator})",
            A.Sym: lambda n: python_name(n.name),
            A.Ones: lambda n: f"np.ones({self.shape(n)})",
            A.Zeros: lambda n: f"np.zeros({self.shape(n)})",
            A.Identity: lambda n: f"np.eye({self.size(n.shape[0])})",
            A.Add: self.add,
            A.Neg: lambda n: f"(-{self.show(n.arg)})",
            A.Mul: self.mul,
            A.Div: lambda n: f"({self.show(n.num)} / {self.show(n.den)})",
            A.Hadamard: lambda n: f"({self.show(n.left)} * {self.show(n.right)})",
            A.ElemDiv: lambda n: f"({self.show(n.num)} / {self.show(n.den)})",
            A.Transpose: lambda n: f"{self.atom(n.arg)}.T",
            A.Inverse: lambda n: f"np.linalg.inv({self.show(n.arg)})" if not is_scalar(n.shape) else f"(1 / {self.show(n.arg)})",
            A.Pow: lambda n: f"np.linalg.matrix_power({self.show(n.base)}, {self.show(n.exponent)})" if not is_scalar(n.shape)
            else f"({self.show(n.base)} ** {self.show(n.exponent)})",
            A.ElemPow: lambda n: f"({self.show(n.base)} ** {self.show(n.exponent)})",
            A.Func: self.func,
            A.Norm: lambda n: f"np.linalg.norm({self.show(n.arg)})",
            A.Matrix: self.matrix,
        }

    def show(self, node: A.Node) -> str:
        rule = self.rules.get(type(node))
        if rule is None:
            raise NoNumpyForm(type(node).__name__)
        return rule(node)

    def add(self, n: A.Add) -> str:
        out = self.show(n.terms[0])
        for t in n.terms[1:]:
            out += f" - {self.show(t.arg)}" if isinstance(t, A.Neg) else f" + {self.show(t)}"
        return f"({out})"

    def atom(self, node: A.Node) -> str:
        text = self.show(node)
        return text if text.isidentifier() or text.startswith("(") else f"({text})"

    def size(self, d: Dim) -> str:
        if d in self.sizes:
            return self.sizes[d]
        if not d.terms:
            return str(d.const)
        raise NoNumpyForm(str(d))

    def shape(self, node: A.Node) -> str:
        return f"({self.size(node.shape[0])}, {self.size(node.shape[1])})"

    def mul(self, n: A.Mul) -> str:
        scalar = is_scalar(n.left.shape) or is_scalar(n.right.shape)
        op = "*" if scalar else "@"
        return f"({self.show(n.left)} {op} {self.show(n.right)})"

    def matrix(self, n: A.Matrix) -> str:
        """``np.array([[1, 2], [3, 4]], dtype=float)``; entries are scalars (float() of a 1×1 value)."""
        rows = ", ".join("[" + ", ".join(self.entry(n.entry(i, j)) for j in range(n.cols)) + "]" for i in range(n.rows))
        return f"np.array([{rows}], dtype=float)"

    def entry(self, node: A.Node) -> str:
        text = self.show(node)
        return text if isinstance(node, A.Num) else f"float({text})"

    def func(self, n: A.Func) -> str:
        if n.name == "diag":
            arg = self.show(n.args[0])
            return f"np.diagflat({arg})" if n.args[0].shape[1].is_one else f"np.diag({arg}).reshape(-1, 1)"
        template = FUNCTIONS[n.name].numpy if n.name in FUNCTIONS else None
        if template is None:
            raise NoNumpyForm(n.name)
        return template.format(*(self.show(a) for a in n.args))


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0
