"""The typed expression tree shared by the parser, shape inference, NumPy evaluation, the SymPy
bridge and the printers.

Every value is a 2-D matrix: a column vector of length n has shape (n, 1), a scalar (1, 1).
The parser builds nodes with ``shape=None``; :func:`checker.language.shapes.infer` returns the same tree
with every ``shape`` filled in and the polymorphic literals made explicit:

* ``Num(1)`` used where a vector/matrix is needed becomes ``Ones`` (the course's ``1``),
  ``Num(0)`` becomes ``Zeros``, ``Identity`` gets its size, ``OneHot`` (``e_y``) its length.
* ``Mul`` stays one node: it is a matrix product, or a product with a scalar factor (shape (1, 1))
  when the inner sizes do not match; both readings agree whenever both are possible.
* ``Pow`` is a power of a scalar or of a square matrix (integer exponent); ``ElemPow`` is ``.^``
  (and ``^`` applied to a vector, which can only mean the elementwise power).

Nodes are frozen dataclasses; equality and hashing ignore ``shape``.

>>> Add((Sym("x"), Neg(Num.of(1))))
Add(terms=(Sym(name='x'), Neg(arg=Num(value=Fraction(1, 1)))))
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from fractions import Fraction
from typing import Iterator

from checker.language.dims import Shape


@dataclass(frozen=True)
class Node:
    """Base class of all expression nodes."""

    def children(self) -> tuple[Node, ...]:
        out: list[Node] = []
        for name in _child_fields(type(self)):
            value = getattr(self, name)
            if isinstance(value, Node):
                out.append(value)
            elif isinstance(value, tuple):
                out.extend(v for v in value if isinstance(v, Node))
        return tuple(out)

    def walk(self) -> Iterator[Node]:
        """Pre-order traversal of this node and all its descendants."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children()))

    def with_shape(self, shape: Shape) -> Node:
        """A copy with ``shape`` set (a shallow copy: cheaper than dataclasses.replace)."""
        clone = copy.copy(self)
        object.__setattr__(clone, "shape", shape)
        return clone


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields that may hold child nodes (cached per class)."""
    names = _CHILD_FIELDS.get(cls)
    if names is None:
        names = _CHILD_FIELDS[cls] = tuple(f.name for f in fields(cls) if f.name != "shape")
    return names


def _shape_field() -> Shape | None:
    return field(default=None, compare=False, repr=False, kw_only=True)


# ---------------------------------------------------------------- leaves
@dataclass(frozen=True)
class Num(Node):
    """A numeric literal, kept exact: ``2``, ``0.5``, ``1/2`` (a Div of two Nums), ``\\frac{1}{2}``."""

    value: Fraction
    shape: Shape | None = _shape_field()

    @staticmethod
    def of(value: int | str | Fraction) -> Num:
        return Num(Fraction(value))


@dataclass(frozen=True)
class Sym(Node):
    """A declared symbol by its canonical name: ``A``, ``W1``, ``W^(l)``, ``delta_{t,k}``, ``omega``."""

    name: str
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Ones(Node):
    """The all-ones matrix/vector ``1`` of the shape its context needs."""

    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Zeros(Node):
    """The zero matrix/vector ``0`` of the shape its context needs."""

    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Identity(Node):
    """The identity matrix ``I`` of the size its context needs."""

    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class OneHot(Node):
    """The one-hot column ``e_y`` for class ``label`` (a random class at evaluation)."""

    label: str
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Matrix(Node):
    """A matrix or vector literal, its constant scalar entries row by row: ``[1, 2; 3, 4]`` is
    ``Matrix((1, 2, 3, 4), rows=2, cols=2)``; ``[1; 2; 3]`` a column, ``[1, 2, 3]`` a row.
    See :mod:`checker.language.literal` for the spellings and what an entry may be."""

    entries: tuple[Node, ...]
    rows: int
    cols: int
    shape: Shape | None = _shape_field()

    def entry(self, i: int, j: int) -> Node:
        """The entry in row ``i``, column ``j`` (0-based)."""
        return self.entries[i * self.cols + j]


# ---------------------------------------------------------------- arithmetic
@dataclass(frozen=True)
class Add(Node):
    """A sum of two or more terms; subtraction is ``Add((a, Neg(b)))``."""

    terms: tuple[Node, ...]
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Neg(Node):
    """``-a``."""

    arg: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Mul(Node):
    """A product written ``a b``, ``a*b``, ``a@b`` or ``a \\cdot b``: matrix product or scaling."""

    left: Node
    right: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Div(Node):
    """``a / b``: division by a scalar; with equal non-scalar shapes (or a scalar numerator) it is
    the elementwise quotient, which the printers then show as ``./``."""

    num: Node
    den: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Hadamard(Node):
    """The elementwise product ``a ∘ b`` (``.*``, ``⊙``, ``\\circ``, ``\\odot``)."""

    left: Node
    right: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class ElemDiv(Node):
    """The elementwise quotient ``a ./ b``."""

    num: Node
    den: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Kron(Node):
    """The Kronecker product ``kron(a, b)`` / ``a \\otimes b``."""

    left: Node
    right: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Transpose(Node):
    """``aᵀ`` (``a'``, ``a^T``, ``a.T``, ``a^\\top``, ...)."""

    arg: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Inverse(Node):
    """``a⁻¹`` (``a^-1``, ``inv(a)``); ``a^{-T}`` is ``Transpose(Inverse(a))``."""

    arg: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Pow(Node):
    """``base^exponent``: a scalar power, or an integer power of a square matrix."""

    base: Node
    exponent: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class ElemPow(Node):
    """The elementwise power ``base .^ exponent`` (the exponent is a scalar)."""

    base: Node
    exponent: Node
    shape: Shape | None = _shape_field()


# ---------------------------------------------------------------- functions
@dataclass(frozen=True)
class Func(Node):
    """A named function from :data:`checker.language.functions.FUNCTIONS` by canonical name.

    ``option`` carries a keyword argument such as the mode of ``conv2`` ('valid', 'full', 'same').
    Derivatives of elementwise functions are functions too: ``f'`` is ``Func("f'", (z,))``,
    ``σ'(z)`` is ``Func("sigmoid'", (z,))``.
    """

    name: str
    args: tuple[Node, ...]
    option: str | None = None
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Norm(Node):
    """``‖arg‖_kind``: kind '' (unlabelled: Euclidean for vectors, Frobenius for matrices), '2'
    (Euclidean; spectral for matrices), 'F', '1' or 'inf'. ``‖x‖²`` is ``Pow(Norm(x), Num(2))``."""

    arg: Node
    kind: str = ""
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Indicator(Node):
    """The elementwise indicator ``I(lhs op rhs)`` with op one of ``> >= < <= == !=``."""

    lhs: Node
    op: str
    rhs: Node
    shape: Shape | None = _shape_field()


@dataclass(frozen=True)
class Differential(Node):
    """The differential ``d(arg)``: ``dx``, ``d x``, ``\\mathrm{d}X``, ``d(X)``."""

    arg: Node
    shape: Shape | None = _shape_field()


# ---------------------------------------------------------------- relations
@dataclass(frozen=True)
class Equation(Node):
    """A chain ``a = b = c`` (identities, derivation steps)."""

    sides: tuple[Node, ...]
    shape: Shape | None = _shape_field()


LEAVES = (Num, Sym, Ones, Zeros, Identity, OneHot)  # Matrix holds entries: not a leaf


def rebuild(node: Node, children: list[Node]) -> Node:
    """Return ``node`` with its child nodes replaced, in :meth:`Node.children` order."""
    it = iter(children)
    clone = copy.copy(node)
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, Node):
            object.__setattr__(clone, name, next(it))
        elif isinstance(value, tuple) and any(isinstance(v, Node) for v in value):
            object.__setattr__(clone, name, tuple(next(it) if isinstance(v, Node) else v for v in value))
    return clone


def chain(build: type, nodes: list[Node]) -> Node:
    """Left-nested binary chain: chain(Mul, [a, b, c]) is Mul(Mul(a, b), c).

    >>> chain(Mul, [Sym("a"), Sym("b"), Sym("c")]) == Mul(Mul(Sym("a"), Sym("b")), Sym("c"))
    True
    """
    out = nodes[0]
    for nxt in nodes[1:]:
        out = build(out, nxt)
    return out


def symbols(node: Node) -> set[str]:
    """Names of the symbols used in ``node``.

    >>> sorted(symbols(Mul(Sym("A"), Sym("x"))))
    ['A', 'x']
    """
    return {n.name for n in node.walk() if isinstance(n, Sym)}


def size(node: Node) -> int:
    """Number of nodes.

    >>> size(Add((Sym("a"), Sym("b"))))
    3
    """
    return sum(1 for _ in node.walk())
