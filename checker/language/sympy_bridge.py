"""Typed AST ⇄ SymPy matrix expressions (MatrixSymbol, MatMul, Trace, HadamardProduct, …).

Both directions are tables keyed by type. Elementwise functions become
``ElementwiseApplyFunction`` with a known Lambda; 1×1 matrix expressions that meet a scalar slot
are read as their single entry. SymPy is imported only here and by the derivation engine.

>>> from checker.language.shapes import parse_shapes, infer
>>> from checker.language.parser import parse
>>> decls = parse_shapes("A: m x n, x: n, b: m")
>>> e = to_sympy(infer(parse("2A^T(Ax-b)", names=decls), decls), decls)
>>> e
2*A.T*(A*x - b)
>>> from checker.language.printing import to_text
>>> to_text(from_sympy(e))
'2 A^T (A x - b)'
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalOf
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from checker.language import ast as A
from checker.language.dims import Dim
from checker.language.errors import InputError, UnsupportedError
from checker.language.functions import FUNCTIONS, Derived
from checker.language.shapes import Declaration
from checker.language.sympy_functions import SCALAR, LogSumExp, OneHot, Softmax, elementwise

_T = sp.Dummy("t")

# elementwise functions as Lambdas in one variable (the same objects both ways), from the records
ELEMENTWISE: Derived[str, sp.Lambda] = Derived(
    lambda: {n: sp.Lambda(_T, f.sympy(sp, _T)) for n, f in FUNCTIONS.items() if f.sympy is not None})
_BY_LAMBDA: Derived[sp.Basic, str] = Derived(lambda: {lam.expr: name for name, lam in ELEMENTWISE.items()})


def dim_to_sympy(d: Dim) -> sp.Expr:
    return d.const + sum(c * sp.Mul(*(sp.Symbol(a, integer=True, positive=True) for a in mono)) for mono, c in d.terms)


def _is_matrix(shape: Any) -> bool:
    return not (shape[0].is_one and shape[1].is_one)


def _power(base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
    """base ** exponent; where SymPy's automatic simplification of the power fails on an exponent that
    holds matrix expressions (its factor_terms rebuilds them with scalar arguments), the power is kept
    unevaluated."""
    try:
        return base ** exponent
    except (TypeError, ValueError):
        return sp.Pow(base, exponent, evaluate=False)


OF_A_SCALAR: dict[str, Callable[[sp.Expr], sp.Expr]] = {  # a function of a 1×1 argument, as a scalar
    "diag": lambda s: s, "logsumexp": lambda s: s, "softmax": lambda s: sp.S.One, "sum": lambda s: s,
    "tr": lambda s: s, "det": lambda s: s,
}


def to_sympy(node: A.Node, decls: Mapping[str, Declaration]) -> sp.Basic:
    """A SymPy expression for a typed tree; scalars are Symbols, matrices MatrixSymbols. A construction
    SymPy itself cannot carry out (its automatic simplification of scalar factors that hold matrix
    functions, e.g. (s²)^Σlog(x/2)) is an UnsupportedError naming the expression, not a crash."""
    try:
        return _To(decls).visit(node)
    except (TypeError, ValueError, AttributeError):
        raise UnsupportedError("this combination of numbers and matrix functions has no SymPy form here") from None


class _To:
    def __init__(self, decls: Mapping[str, Declaration]) -> None:
        self.decls = decls
        self.rules: dict[type, Callable[[Any], sp.Basic]] = {
            A.Num: lambda n: self.shaped_number(n),
            A.Sym: self.sym,
            A.Ones: lambda n: sp.OneMatrix(*self.dims(n)),
            A.Zeros: lambda n: sp.ZeroMatrix(*self.dims(n)),
            A.Identity: lambda n: sp.Identity(self.dims(n)[0]),
            A.OneHot: lambda n: OneHot(f"e_{n.label}", *self.dims(n)),
            A.Add: lambda n: sp.Add(*[self.scalar(t) for t in n.terms]) if not _is_matrix(n.shape) else sp.MatAdd(*[self.visit(t) for t in n.terms]).doit(deep=False),
            A.Neg: lambda n: self.scaled(sp.S.NegativeOne, self.visit(n.arg)),
            A.Mul: self.mul,
            A.Div: lambda n: self.scaled(1 / self.scalar(n.den), self.visit(n.num)),
            A.Hadamard: lambda n: self.hadamard(n.left, n.right),
            A.ElemDiv: lambda n: self.hadamard(n.num, n.den, inverse=True),
            A.Kron: lambda n: sp.KroneckerProduct(self.visit(n.left), self.visit(n.right)),
            A.Transpose: lambda n: transpose(self.visit(n.arg)) if _is_matrix(n.shape) else self.visit(n.arg),
            A.Inverse: lambda n: sp.Inverse(self.visit(n.arg)) if _is_matrix(n.shape) else 1 / self.visit(n.arg),
            A.Pow: lambda n: sp.MatPow(self.visit(n.base), self.scalar(n.exponent)) if _is_matrix(n.shape) else _power(self.scalar(n.base), self.scalar(n.exponent)),
            A.ElemPow: lambda n: sp.HadamardPower(self.visit(n.base), self.scalar(n.exponent)) if _is_matrix(n.shape) else _power(self.scalar(n.base), self.scalar(n.exponent)),
            A.Func: self.func,
            A.Norm: self.norm,
            A.Differential: lambda n: sp.MatrixSymbol("d" + n.arg.name, *self.dims(n)) if isinstance(n.arg, A.Sym) else self.unsupported("d(·) of an expression"),
            A.Equation: lambda n: sp.Eq(self.visit(n.sides[0]), self.visit(n.sides[1]), evaluate=False),
            A.Matrix: lambda n: sp.ImmutableMatrix(n.rows, n.cols, [self.scalar(e) for e in n.entries]),
        }

    def visit(self, node: A.Node) -> sp.Basic:
        rule = self.rules.get(type(node))
        if rule is None:
            self.unsupported(type(node).__name__)
        value = rule(node)  # type: ignore[misc]
        if not isinstance(value, sp.MatrixExpr) and isinstance(value, sp.Expr) and value.has(sp.zoo, sp.nan, sp.oo):
            raise InputError("the expression has an undefined or infinite constant (a division by zero, or 0 to a "
                             "negative power)", expected="finite constants")
        return value

    def unsupported(self, what: str) -> sp.Basic:
        raise UnsupportedError(f"{what} has no SymPy form here")

    def dims(self, node: A.Node) -> tuple[sp.Expr, sp.Expr]:
        assert node.shape is not None
        return dim_to_sympy(node.shape[0]), dim_to_sympy(node.shape[1])

    def shaped_number(self, n: A.Num) -> sp.Basic:
        return sp.Rational(n.value.numerator, n.value.denominator)

    def sym(self, n: A.Sym) -> sp.Basic:
        if not _is_matrix(n.shape):
            return sp.Symbol(n.name)
        return sp.MatrixSymbol(n.name, *self.dims(n))

    def scalar(self, node: A.Node) -> sp.Expr:
        """A scalar slot: a 1×1 matrix expression M is read as Tr(M), its only entry."""
        value = self.visit(node)
        return sp.Trace(value) if isinstance(value, sp.MatrixExpr) else value

    @staticmethod
    def scaled(c: sp.Basic, x: sp.Basic) -> sp.Basic:
        """c·x without SymPy's deep doit (which would fuse log(σ(X)) into one anonymous function)."""
        if not isinstance(x, sp.MatrixExpr):
            return c * x
        return sp.MatMul(c, x) if isinstance(x, sp.MatAdd) else sp.MatMul(c, x).doit(deep=False)

    def hadamard(self, left: A.Node, right: A.Node, *, inverse: bool = False) -> sp.Basic:
        """left ∘ right (left ⊘ right with ``inverse``); a 1×1 side is a scalar factor, not a Hadamard operand."""
        power = -1 if inverse else 1
        if not _is_matrix(right.shape):
            factor = self.scalar(right) ** power
            return factor * self.scalar(left) if not _is_matrix(left.shape) else self.scaled(factor, self.visit(left))
        other = self.visit(right) if not inverse else sp.HadamardPower(self.visit(right), -1)
        if not _is_matrix(left.shape):
            return self.scaled(self.scalar(left), other)
        return sp.HadamardProduct(self.visit(left), other)

    def mul(self, n: A.Mul) -> sp.Basic:
        left, right = n.left, n.right
        if not _is_matrix(left.shape) and _is_matrix(right.shape):
            return self.scaled(self.scalar(left), self.visit(right))
        if not _is_matrix(right.shape) and _is_matrix(left.shape):
            return self.scaled(self.scalar(right), self.visit(left))
        if not _is_matrix(n.shape) and not _is_matrix(left.shape):
            return self.scalar(left) * self.scalar(right)
        return sp.MatMul(self.visit(left), self.visit(right)).doit(deep=False)

    def func(self, n: A.Func) -> sp.Basic:
        arg = n.args[0]
        if n.name in ELEMENTWISE:
            if _is_matrix(arg.shape):
                return elementwise(ELEMENTWISE[n.name], self.visit(arg))
            if n.name in SCALAR:
                return SCALAR[n.name](self.scalar(arg))
            return ELEMENTWISE[n.name](self.scalar(arg))
        if n.name in OF_A_SCALAR and not _is_matrix(arg.shape):  # diag(s), logsumexp(s), softmax(s) of one number
            return OF_A_SCALAR[n.name](self.scalar(arg))
        if n.name == "softmax" and arg.shape[1].is_one:
            return Softmax(self.visit(arg))
        if n.name == "logsumexp" and arg.shape[1].is_one:
            return LogSumExp(self.visit(arg))
        if n.name == "tr":
            return sp.Trace(self.visit(arg)) if _is_matrix(arg.shape) else self.scalar(arg)
        if n.name == "det":
            return sp.Determinant(self.visit(arg)) if _is_matrix(arg.shape) else self.scalar(arg)
        if n.name == "diag":
            return DiagMatrix(self.visit(arg)) if arg.shape[1].is_one else DiagonalOf(self.visit(arg))
        if n.name == "sum" and _is_matrix(arg.shape):
            rows, cols = self.dims(arg)
            return sp.Trace(sp.MatMul(sp.OneMatrix(cols, rows), self.visit(arg)))  # Σᵢⱼ Aᵢⱼ = Tr(1·A), no Sum
        return self.unsupported(f"the function {n.name}")

    def norm(self, n: A.Norm) -> sp.Basic:
        if n.kind not in ("", "2", "F") or (n.kind == "2" and not n.arg.shape[1].is_one):
            return self.unsupported(f"the norm ‖·‖_{n.kind}")
        x = self.visit(n.arg)
        if not _is_matrix(n.arg.shape):
            return sp.Abs(x)
        return sp.sqrt(sp.Trace(sp.MatMul(transpose(x), x).doit(deep=False)))


def transpose(e: sp.Basic) -> sp.Basic:
    """eᵀ without distributing over sums: (Ax − b)ᵀ stays (Ax − b)ᵀ; (Xᵀ)ᵀ = X."""
    if isinstance(e, sp.Transpose):
        return e.arg
    if isinstance(e, (sp.MatrixSymbol, sp.Identity, sp.ZeroMatrix, sp.OneMatrix)):
        return e.T
    return sp.Transpose(e)


# ------------------------------------------------------------------ SymPy → AST
def from_sympy(expr: sp.Basic) -> A.Node:
    """The tree of a SymPy (matrix) expression, for printing and NumPy evaluation."""
    for cls in type(expr).__mro__:
        rule = FROM.get(cls)
        if rule is not None:
            return rule(expr)
    raise UnsupportedError(f"SymPy's {type(expr).__name__} has no form in the expression language")


def _from_mul(e: sp.Basic) -> A.Node:
    coeff, factors = (e.as_coeff_matrices() if isinstance(e, sp.MatMul) else e.as_coeff_mul())
    if isinstance(e, sp.MatMul):  # scalar factors other than a number stay in front, as written
        parts = sp.Mul.make_args(coeff)
        number = sp.Mul(*[p for p in parts if p.is_number])
        factors = [p for p in parts if not p.is_number] + list(factors)
        coeff = number
    nodes = [from_sympy(f) for f in factors]
    if coeff == -1:
        return A.Neg(A.chain(A.Mul, nodes))
    if coeff != 1:
        nodes.insert(0, from_sympy(coeff))
    return A.chain(A.Mul, nodes)


def _from_add(e: sp.Basic) -> A.Node:
    """A sum with its subtracted terms last, as people write it: Ax − b, not −b + Ax."""
    terms = [from_sympy(t) for t in e.args]
    return A.Add(tuple(sorted(terms, key=lambda t: isinstance(t, A.Neg))))


def _from_trace(e: sp.Trace) -> A.Node:
    """Tr of a 1×1 is its entry; Tr(1·X) is how ``sum(X)`` is written (see ``_To.func``)."""
    arg = e.arg
    if isinstance(arg, sp.MatMul) and len(arg.args) == 2 and isinstance(arg.args[0], sp.OneMatrix):
        return A.Func("sum", (from_sympy(arg.args[1]),))
    if arg.shape == (1, 1):
        return from_sympy(arg)
    return A.Func("tr", (from_sympy(arg),))


def shape_of(e: sp.Basic) -> tuple[Dim, Dim]:
    """The shape of a SymPy expression as Dims (scalars are 1×1)."""
    rows, cols = e.shape if isinstance(e, sp.MatrixExpr) else (1, 1)
    return Dim.parse(str(rows)), Dim.parse(str(cols))


def _from_number(e: sp.Basic) -> A.Node:
    from fractions import Fraction

    p, q = int(e.p), int(e.q)
    if q != 1:  # ½ prints as 1/2, not 0.5
        return A.Neg(A.Div(A.Num.of(-p), A.Num.of(q))) if p < 0 else A.Div(A.Num.of(p), A.Num.of(q))
    return A.Neg(A.Num.of(-p)) if p < 0 else A.Num.of(p)


def _from_matrix(e: sp.MatrixBase) -> A.Node:
    """An explicit SymPy matrix is a literal; a 1×1 one is its entry."""
    rows, cols = e.shape
    if (rows, cols) == (1, 1):
        return from_sympy(e[0, 0])
    return A.Matrix(tuple(from_sympy(x) for x in e), int(rows), int(cols))


def _from_float(e: sp.Float) -> A.Node:
    from fractions import Fraction

    value = Fraction(repr(float(e)))
    return A.Neg(A.Num(-value)) if value < 0 else A.Num(value)


def _from_pow(e: sp.Basic) -> A.Node:
    base, exponent = e.args
    if exponent == -1 and not isinstance(base, sp.MatrixExpr):
        return A.Div(A.Num.of(1), from_sympy(base))
    return A.Pow(from_sympy(base), from_sympy(exponent))


def elementwise_name(e: ElementwiseApplyFunction) -> str:
    """The course's name of an elementwise function application (σ, tanh, relu, f, …)."""
    lam = e.function
    name = _BY_LAMBDA.get(lam.expr.xreplace({lam.variables[0]: _T}))
    if name is None:
        raise UnsupportedError(f"the elementwise function {lam} has no name here")
    return name


def _from_applyfunc(e: ElementwiseApplyFunction) -> A.Node:
    return A.Func(elementwise_name(e), (from_sympy(e.expr),))


def _from_function(name: str) -> Callable[[sp.Basic], A.Node]:
    return lambda e: A.Func(name, (from_sympy(e.args[0]),))


FROM: dict[type, Callable[[Any], A.Node]] = {
    OneHot: lambda e: A.OneHot(e.label),
    sp.MatrixSymbol: lambda e: A.Sym(str(e.name)),
    sp.Symbol: lambda e: A.Sym(e.name),
    sp.Rational: _from_number,
    sp.Float: _from_float,
    sp.MatrixBase: _from_matrix,
    type(sp.E): lambda e: A.Func("exp", (A.Num.of(1),)),
    sp.Integer: _from_number,
    sp.MatAdd: _from_add,
    sp.Add: _from_add,
    sp.MatMul: _from_mul,
    sp.Mul: _from_mul,
    sp.Transpose: lambda e: A.Transpose(from_sympy(e.arg)),
    sp.Inverse: lambda e: A.Inverse(from_sympy(e.arg)),
    sp.Trace: lambda e: _from_trace(e),
    Softmax: lambda e: A.Func("softmax", (from_sympy(e.arg),)),
    LogSumExp: lambda e: A.Func("logsumexp", (from_sympy(e.arg),)),
    AppliedUndef: lambda e: A.Func(type(e).__name__, (from_sympy(e.args[0]),)),
    sp.Determinant: lambda e: A.Func("det", (from_sympy(e.arg),)),
    sp.HadamardProduct: lambda e: A.chain(A.Hadamard, [from_sympy(a) for a in e.args]),
    sp.KroneckerProduct: lambda e: A.Kron(from_sympy(e.args[0]), from_sympy(e.args[1])),
    sp.MatPow: lambda e: A.Pow(from_sympy(e.base), from_sympy(e.exp)),
    sp.HadamardPower: lambda e: A.ElemPow(from_sympy(e.base), from_sympy(e.exp)),
    sp.Pow: _from_pow,
    sp.Identity: lambda e: A.Identity(shape=shape_of(e)),  # sized: I⊗1 has no context to size it
    sp.ZeroMatrix: lambda e: A.Zeros(shape=shape_of(e)),  # sized: logsumexp(0) needs the length of 0
    sp.OneMatrix: lambda e: (A.Transpose(A.Ones(shape=shape_of(e.T))) if e.shape[0] == 1 and e.shape[1] != 1
                             else A.Ones(shape=shape_of(e))),
    DiagMatrix: lambda e: A.Func("diag", (from_sympy(e.args[0]),)),
    DiagonalOf: lambda e: A.Func("diag", (from_sympy(e.args[0]),)),
    ElementwiseApplyFunction: _from_applyfunc,
    MatrixElement: lambda e: from_sympy(e.parent),  # the entry of a 1×1 matrix expression
}
# SymPy's own scalar functions (exp, log, tanh, |·|, sign) back to the records' names
FROM.update({f.sympy_scalar(sp): _from_function(f.name) for f in FUNCTIONS.values() if f.sympy_scalar})
