"""Shape declarations and shape inference by unification.

>>> decls = parse_shapes("A: m x n, x: n, b: m, lambda: scalar")
>>> from checker.language.parser import parse
>>> from checker.language.dims import format_shape
>>> format_shape(infer(parse("2A^T(Ax-b)", names=decls), decls).shape)
'n'
>>> typed = infer(parse("1^T x", names=decls), decls)
>>> type(typed.left.arg).__name__, format_shape(typed.left.arg.shape)
('Ones', 'n')
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from typing import Callable, Mapping

from checker.language import ast as A
from checker.language.dims import ONE, SCALAR, Dim, Shape, format_shape
from checker.language.errors import InputError, ShapeError, UnknownSymbolError
from checker.language.keyboard import normalize_keyboard
from checker.language.messages import MESSAGES, message, shape_words
from checker.language.limits import LIMITS, check_dimension, check_exponents, check_text, short
from checker.language.names import canonical_name

ATTRIBUTES = ("symmetric", "spd", "positive", "invertible", "binary", "onehot", "integer", "probability", "orthogonal", "nonnegative", "fraction")
SCALAR_WORDS = {"scalar", "1", "R", "real", "ℝ"}
MAX_SYMBOLS = int(LIMITS["symbols"].value)


@dataclass(frozen=True)
class Declaration:
    name: str
    shape: Shape
    attrs: frozenset[str] = frozenset()


def _split_top(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "({["
        depth -= ch in ")}]"
        if ch in ",;" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def parse_shapes(text: str) -> dict[str, Declaration]:
    """``"A, B: m x n, x: n positive, lambda: scalar"`` → declarations by canonical name."""
    decls: dict[str, Declaration] = {}
    pending: list[str] = []
    check_text(text or "", "--shapes")
    text = normalize_keyboard(text or "")
    for segment in _split_top(text or ""):
        if not segment.strip():
            continue
        if ":" not in segment:
            pending.append(segment.strip())
            continue
        names_text, spec = segment.split(":", 1)
        names = pending + [n for n in names_text.split() if n]
        pending = []
        shape, attrs = _parse_spec(spec, segment)
        for raw in names:
            name = canonical_name(raw)
            if not re.fullmatch(r"[A-Za-z][\w^(){},+\-]*", name):
                raise InputError(f"'{raw}' is not a symbol name", text=text, expected="a name such as A, W1, W^(l), delta_{t,k}")
            if name in decls:
                raise InputError(f"'{short(raw, 40)}' is declared twice", expected="one declaration per symbol")
            decls[name] = Declaration(name, shape, attrs)
    if pending:
        raise InputError(f"no shape given for {', '.join(pending)}", text=text, expected="name: shape, e.g. x: n")
    LIMITS["symbols"].check(len(decls), "in --shapes")
    return decls


def _parse_spec(spec: str, segment: str) -> tuple[Shape, frozenset[str]]:
    words = spec.split()
    attrs = []
    while words and words[-1].lower() in ATTRIBUTES:
        attrs.append(words.pop().lower())
    if len(words) > 1 and words[-1] in ("x", "×", "*", "by"):
        raise InputError(f"'{short(segment.strip(), 40)}' ends with '{words[-1]}'", expected="a size after it, e.g. m x n")
    if words and words[-1].isalpha() and words[-1].lower() not in SCALAR_WORDS and len(words) > 1 and words[-2] not in ("x", "×", "*"):
        raise InputError(f"unknown attribute '{words[-1]}' in '{segment.strip()}'", expected="one of " + ", ".join(ATTRIBUTES))
    body = " ".join(words)
    if not body and not attrs:
        raise InputError(f"no shape after the colon in '{segment.strip()}'", expected="scalar, n, or m x n")
    if not body or body in SCALAR_WORDS:
        return SCALAR, frozenset(attrs)
    pieces = [p for p in re.split(r"\s+x\s+|×|\*|\s+by\s+", body) if p.strip()]
    if len(pieces) == 1 and re.fullmatch(r"\w+x\w+", body.replace(" ", "")) and body.count("x") == 1:
        pieces = body.replace(" ", "").split("x")
    if len(pieces) > 2:
        raise InputError(f"'{segment.strip()}' has more than two sizes", expected="a scalar, a vector (n) or a matrix (m x n)")
    dims = [Dim.parse(p) for p in pieces]
    where = f"in '{short(segment.strip(), 40)}'"
    elements = 1
    for d in dims:
        if not d.terms:
            check_dimension(d.const, where)
            elements *= d.const
        for _, coefficient in d.terms:  # 1000000m: the coefficient is bounded like a size
            LIMITS["dimension"].check(abs(coefficient), where)
    LIMITS["elements"].check(elements, where)
    return ((dims[0], ONE) if len(dims) == 1 else (dims[0], dims[1])), frozenset(attrs)


def _shown(shape: Shape) -> str:
    """A shape in a message: sizes still unknown (``?1``, internal) read as "any" (issue 13)."""
    text = format_shape(shape)
    if re.fullmatch(r"\?\d+", text):
        return shape_words("a vector of any length")
    return shape_words(re.sub(r"\?\d+", "any", text))


# ------------------------------------------------------------------ unification
class Unifier:
    """Unknown sizes ``?k`` bound to integer-linear forms."""

    def __init__(self) -> None:
        self.bound: dict[str, Dim] = {}
        self.pending: list[Dim] = []  # products of unknowns (kron(I, 1ᵀ)): solved once more is known
        self.count = 0

    def fresh(self) -> Dim:
        self.count += 1
        return Dim.atom(f"?{self.count}")

    def resolve(self, d: Dim) -> Dim:
        for _ in range(50):
            if not any(a in self.bound for a in d.atoms):
                return d
            d = d.substitute(self.bound)
        return d

    def shape(self, s: Shape) -> Shape:
        return (self.resolve(s[0]), self.resolve(s[1]))

    def unify(self, a: Dim, b: Dim) -> bool:
        diff = self.resolve(a) - self.resolve(b)
        if not diff.terms:
            return diff.const == 0
        if self._solve(diff):
            return True
        if not diff.is_linear and diff.is_unknown:
            self.pending.append(diff)  # m·?1 = 2m with ?1 unknown yet: decided by settle()
            return True
        return False

    def settle(self) -> bool:
        """Solve the pending product constraints with what is known now; False if one cannot hold."""
        progress = True
        while progress and self.pending:
            progress, left = False, []
            for diff in self.pending:
                diff = self.resolve(diff)
                if not diff.terms:
                    if diff.const != 0:
                        return False
                    progress = True
                elif self._solve(diff):
                    progress = True
                else:
                    left.append(diff)
            self.pending = left
        return True

    def _solve(self, diff: Dim) -> bool:
        """Bind one unknown so that ``diff = 0``: c·?k·P + rest = 0 gives ?k = −rest / (c·P)."""
        for mono, c in diff.terms:
            unknown = [a for a in mono if a.startswith("?")]
            if len(unknown) != 1:
                continue
            others = list(mono)
            others.remove(unknown[0])
            rest = diff - Dim(((mono, c),), 0)
            if unknown[0] in rest.atoms:
                continue
            solved = rest.scale(-1).divide(tuple(others), c)
            if solved is not None:
                self.bound[unknown[0]] = solved
                return True
        return False

    def unify_shapes(self, a: Shape, b: Shape) -> bool:
        return self.unify(a[0], b[0]) and self.unify(a[1], b[1])

    def is_scalar(self, s: Shape) -> bool:
        r, c = self.shape(s)
        return r.is_one and c.is_one


# ------------------------------------------------------------------ inference
def infer(node: A.Node, decls: Mapping[str, Declaration], shape: Shape | None = None) -> A.Node:
    """The tree with every shape filled in; literals 1/0/I/e_y sized by their context (and by
    ``shape``, the shape the whole tree must have, when given). Constant exponents beyond the
    exponent limit are refused here, the door before any evaluation or SymPy work."""
    from checker.language.printing import to_text

    check_exponents(node)
    u = Unifier()
    typed = _Infer(decls, u).visit(node)
    if shape is not None and not (u.unify_shapes(typed.shape, shape) and u.settle()):
        raise ShapeError(message("shape.should-be", node=to_text(node), want=_shown(shape), got=_shown(u.shape(typed.shape))))
    if not u.settle() or any(_default(u.resolve(d)) != Dim() for d in u.pending):  # left over: unknowns are 1
        raise ShapeError(message("shape.kron-sizes", node=to_text(node)))
    return _finalize(typed, u)


class _Infer:
    def __init__(self, decls: Mapping[str, Declaration], u: Unifier) -> None:
        self.decls, self.u = decls, u
        self.rules: dict[type, Callable[[A.Node], A.Node]] = {
            A.Num: self.num, A.Sym: self.sym, A.Ones: self.keep, A.Zeros: self.keep, A.Identity: self.identity,
            A.OneHot: lambda n: n.with_shape((self.u.fresh(), ONE)), A.Add: self.add, A.Neg: self.neg,
            A.Mul: self.mul, A.Div: self.div, A.Hadamard: self.elementwise, A.ElemDiv: self.elementwise,
            A.Kron: self.kron, A.Transpose: self.transpose, A.Inverse: self.inverse, A.Pow: self.pow,
            A.ElemPow: self.elem_pow, A.Func: self.func, A.Norm: self.norm, A.Indicator: self.indicator,
            A.Differential: self.differential, A.Equation: self.equation, A.Matrix: self.matrix,
        }

    def visit(self, node: A.Node) -> A.Node:
        return self.rules[type(node)](node)

    def shape(self, node: A.Node) -> Shape:
        assert node.shape is not None
        return self.u.shape(node.shape)

    def fail(self, verb: str, a: A.Node, b: A.Node) -> ShapeError:
        """"cannot add A (m×n) and B (n×m)": ``verb`` is a key of the message table (shape.cannot.<verb>)."""
        from checker.language.printing import to_text

        return ShapeError(message(f"shape.cannot.{verb}", a=to_text(a), sa=_shown(self.shape(a)), b=to_text(b), sb=_shown(self.shape(b))))

    # leaves
    def num(self, n: A.Num) -> A.Node:
        if n.value in (0, 1):
            return n.with_shape((self.u.fresh(), self.u.fresh()) if n.value == 0 else (self.u.fresh(), ONE))
        return n.with_shape(SCALAR)

    def sym(self, n: A.Sym) -> A.Node:
        decl = self.decls.get(n.name)
        if decl is None:
            known = ", ".join(sorted(self.decls)) or message("error.none")
            raise UnknownSymbolError(message("error.unknown-symbol", name=n.name, known=known), expected=message("error.want.declared"))
        return n.with_shape(decl.shape)

    def keep(self, n: A.Node) -> A.Node:
        return n if n.shape is not None else n.with_shape((self.u.fresh(), self.u.fresh()))

    def identity(self, n: A.Node) -> A.Node:
        if n.shape is not None:  # sized already (from SymPy, where every size is known)
            return n
        d = self.u.fresh()
        return n.with_shape((d, d))

    def matrix(self, n: A.Matrix) -> A.Node:
        """A literal is rows × cols; each entry a scalar."""
        entries = [_scalar_number(e) or self.visit(e) for e in n.entries]
        for k, e in enumerate(entries):
            if e.shape is not SCALAR:
                self.require_scalar(e, "entry", i=k // n.cols + 1, j=k % n.cols + 1)
        return A.Matrix(tuple(entries), n.rows, n.cols, shape=(Dim.num(n.rows), Dim.num(n.cols)))

    # arithmetic
    def add(self, n: A.Add) -> A.Node:
        terms = [self.visit(t) for t in n.terms]
        for t in terms[1:]:
            if not self.u.unify_shapes(self.shape(terms[0]), self.shape(t)):
                raise self.fail("add", terms[0], t)
        return A.Add(tuple(terms), shape=self.shape(terms[0]))

    def neg(self, n: A.Neg) -> A.Node:
        arg = self.visit(n.arg)
        return A.Neg(arg, shape=self.shape(arg))

    def mul(self, n: A.Mul) -> A.Node:
        left, right = self.visit(n.left), self.visit(n.right)
        ls, rs = self.shape(left), self.shape(right)
        if self.u.is_scalar(ls):
            return A.Mul(left, right, shape=rs)
        if self.u.is_scalar(rs):
            return A.Mul(left, right, shape=ls)
        if not self.u.unify(ls[1], rs[0]):
            raise self.fail("multiply", left, right)
        return A.Mul(left, right, shape=(self.u.resolve(ls[0]), self.u.resolve(rs[1])))

    def div(self, n: A.Div) -> A.Node:
        num, den = self.visit(n.num), self.visit(n.den)
        if self.u.is_scalar(self.shape(den)) and isinstance(num, A.Num) and num.value == 1:
            self.u.unify_shapes(self.shape(num), SCALAR)  # 1/c is the number 1/c, not a ones vector over c
        if self.u.is_scalar(self.shape(den)):
            return A.Div(num, den, shape=self.shape(num))
        return self.elementwise(A.ElemDiv(num, den), typed=(num, den))

    def elementwise(self, n: A.Node, typed: tuple[A.Node, A.Node] | None = None) -> A.Node:
        a, b = typed or (self.visit(n.children()[0]), self.visit(n.children()[1]))
        if isinstance(n, A.ElemDiv) and self.u.is_scalar(self.shape(a)) and not (isinstance(a, A.Num) and a.value == 1):
            return A.ElemDiv(a, b, shape=self.shape(b))
        if not self.u.unify_shapes(self.shape(a), self.shape(b)):
            verb = "hadamard" if isinstance(n, A.Hadamard) else "divide"
            raise self.fail(verb, a, b)
        return A.rebuild(n, [a, b]).with_shape(self.shape(a))

    def kron(self, n: A.Kron) -> A.Node:
        a, b = self.visit(n.left), self.visit(n.right)
        (ar, ac), (br, bc) = self.shape(a), self.shape(b)
        return A.Kron(a, b, shape=(ar * br, ac * bc))

    def transpose(self, n: A.Transpose) -> A.Node:
        arg = self.visit(n.arg)
        r, c = self.shape(arg)
        return A.Transpose(arg, shape=(c, r))

    def square(self, arg: A.Node, what: str) -> Shape:
        from checker.language.printing import to_text

        r, c = self.shape(arg)
        if not self.u.unify(r, c):
            raise ShapeError(message("shape.square", what=_what(what), node=to_text(arg), shape=_shown((r, c))))
        return self.shape(arg)

    def inverse(self, n: A.Inverse) -> A.Node:
        arg = self.visit(n.arg)
        return A.Inverse(arg, shape=self.square(arg, "inverse"))

    def pow(self, n: A.Pow) -> A.Node:
        base, exponent = self.visit(n.base), self.visit(n.exponent)
        self.require_scalar(exponent, "exponent")
        bs = self.shape(base)
        if self.u.is_scalar(bs):
            return A.Pow(base, exponent, shape=SCALAR)
        if bs[1].is_one and not bs[0].is_unknown:  # a vector: only the elementwise power makes sense
            return A.ElemPow(base, exponent, shape=bs)
        if not (isinstance(exponent, A.Num) and exponent.value.denominator == 1):
            raise ShapeError(message("shape.whole-exponent"))
        return A.Pow(base, exponent, shape=self.square(base, "matrix-power"))

    def elem_pow(self, n: A.ElemPow) -> A.Node:
        base, exponent = self.visit(n.base), self.visit(n.exponent)
        self.require_scalar(exponent, "exponent")
        return A.ElemPow(base, exponent, shape=self.shape(base))

    def require_scalar(self, node: A.Node, what: str, **fields: object) -> None:
        from checker.language.printing import to_text

        if not self.u.unify_shapes(self.shape(node), SCALAR):
            raise ShapeError(message("shape.scalar", what=_what(what, **fields), node=to_text(node), shape=_shown(self.shape(node))))

    def func(self, n: A.Func) -> A.Node:
        from checker.language.functions import FUNCTIONS

        args = [self.visit(a) for a in n.args]
        spec = FUNCTIONS[n.name]
        shape = spec.shape(self, n, args)
        return A.Func(n.name, tuple(args), n.option, shape=shape)

    def norm(self, n: A.Norm) -> A.Node:
        return A.Norm(self.visit(n.arg), n.kind, shape=SCALAR)

    def indicator(self, n: A.Indicator) -> A.Node:
        lhs, rhs = self.visit(n.lhs), self.visit(n.rhs)
        if not self.u.is_scalar(self.shape(rhs)) and not self.u.unify_shapes(self.shape(lhs), self.shape(rhs)):
            raise self.fail("compare", lhs, rhs)
        if self.u.is_scalar(self.shape(lhs)) and not self.u.is_scalar(self.shape(rhs)):
            return A.Indicator(lhs, n.op, rhs, shape=self.shape(rhs))
        return A.Indicator(lhs, n.op, rhs, shape=self.shape(lhs))

    def differential(self, n: A.Differential) -> A.Node:
        arg = self.visit(n.arg)
        return A.Differential(arg, shape=self.shape(arg))

    def equation(self, n: A.Equation) -> A.Node:
        sides = [self.visit(s) for s in n.sides]
        for s in sides[1:]:
            if not self.u.unify_shapes(self.shape(sides[0]), self.shape(s)):
                raise self.fail("equate", sides[0], s)
        return A.Equation(tuple(sides), shape=self.shape(sides[0]))


def _scalar_number(node: A.Node) -> A.Node | None:
    """``2`` or ``-2`` as a matrix entry: a scalar, typed without the unifier (a literal may hold 400)."""
    if isinstance(node, A.Num):
        return node.with_shape(SCALAR)
    if isinstance(node, A.Neg) and isinstance(node.arg, A.Num):
        return A.Neg(node.arg.with_shape(SCALAR), shape=SCALAR)
    return None


def _finalize(node: A.Node, u: Unifier) -> A.Node:
    """Resolve every shape (unknowns left default to 1) and make the literals explicit."""
    assert node.shape is not None
    shape = (_default(u.resolve(node.shape[0])), _default(u.resolve(node.shape[1])))
    scalar = shape[0].is_one and shape[1].is_one
    if isinstance(node, A.Num) and node.value in (0, 1) and not scalar:
        return A.Ones(shape=shape) if node.value == 1 else A.Zeros(shape=shape)
    if isinstance(node, A.Identity) and scalar:
        return A.Num.of(1).with_shape(shape)
    if isinstance(node, A.Matrix) and all(_scalar_number(e) is not None for e in node.entries):
        return node.with_shape(shape)  # plain numbers: nothing left to resolve
    children = [_finalize(c, u) for c in node.children()]
    clone = A.rebuild(node, children) if children else copy.copy(node)  # rebuild already copies
    object.__setattr__(clone, "shape", shape)
    return clone


def _default(d: Dim) -> Dim:
    unknown = {a: ONE for a in d.atoms if a.startswith("?")}
    return d.substitute(unknown) if unknown else d


def _what(what: str, **fields: object) -> str:
    """What must be square or scalar, in the current language: a key of shape.what.*, or a function's name."""
    return message(f"shape.what.{what}", **fields) if f"shape.what.{what}" in MESSAGES else what
