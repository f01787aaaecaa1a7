"""NumPy evaluation of typed trees on random instances (float64, every value 2-D).

Each size letter gets a distinct size (square shapes hide transposition errors), declared squares stay
square, and domains are respected: attributes (positive, spd, invertible, …) and what the
expressions need (a symbol under log or sqrt is drawn positive, under inv or det well-conditioned
with a positive determinant). The generic ``f`` is a random smooth function with its exact ``f'``.

>>> from checker.language.shapes import parse_shapes, infer
>>> from checker.language.parser import parse
>>> decls = parse_shapes("A: m x n, x: n")
>>> typed = infer(parse("A x", names=decls), decls)
>>> inst = draw_instance(decls, [typed], np.random.default_rng(0))
>>> np.allclose(evaluate(typed, inst), inst.values["A"] @ inst.values["x"])
True
>>> inst.sizes["m"] != inst.sizes["n"]
True
"""

from __future__ import annotations

import math

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

import numpy as np

from checker.language import ast as A
from checker.language.dims import Dim
from checker.language.errors import DlprepError, LimitExceeded
from checker.language.functions import FUNCTIONS, KINKS
from checker.language.limits import EVALUATION_SIZE, LIMITS, MAX_EXPONENT
from checker.language.shapes import Declaration

SIZE_POOL = (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
STAND_IN = "#"  # sizes["#1000"]: the size drawn for a declared constant 1000 (see _stand_ins)


@dataclass
class Instance:
    sizes: dict[str, int]
    values: dict[str, np.ndarray]
    onehot: dict[str, int] = field(default_factory=dict)
    f_params: tuple[float, float, float, float] = (1.0, 1.0, 0.0, 0.0)
    seed: int = 0

    def size(self, d: Dim) -> int:
        if not d.terms and STAND_IN + str(d.const) in self.sizes:  # a large declared constant, drawn small
            return self.sizes[STAND_IN + str(d.const)]
        return d.evaluate(self.sizes)

    def f(self, z: np.ndarray) -> np.ndarray:
        a, b, c, d = self.f_params
        return a * np.tanh(b * z + c) + d * z

    def f_prime(self, z: np.ndarray) -> np.ndarray:
        a, b, c, d = self.f_params
        return a * b * (1 - np.tanh(b * z + c) ** 2) + d


# ---------------------------------------------------------------- drawing
def _needs(nodes: Iterable[A.Node]) -> dict[str, set[str]]:
    """Domain needs of symbols read off the expressions: log/sqrt → positive, inv/det → invertible."""
    out: dict[str, set[str]] = {}
    for root in nodes:
        for node in root.walk():
            need, args = None, ()
            if isinstance(node, A.Func) and FUNCTIONS[node.name].domain:
                need, args = FUNCTIONS[node.name].domain, node.args[:1]
            elif isinstance(node, A.Inverse):
                need, args = "invertible", (node.arg,)
            for arg in args:
                middle = _quadratic_form(arg) if need == "positive" else None
                if middle is not None:  # sqrt(xᵀAx), log(xᵀAx): A positive definite
                    out.setdefault(middle, set()).add("spd")
                    continue
                while isinstance(arg, (A.Transpose, A.Inverse)):
                    arg = arg.arg
                if isinstance(arg, A.Sym):
                    out.setdefault(arg.name, set()).add(need)  # type: ignore[arg-type]
    return out


def _quadratic_form(node: A.Node) -> str | None:
    """The A of xᵀAx (a symbol between a symbol's transpose and the symbol), else None."""
    if isinstance(node, A.Mul) and isinstance(node.left, A.Mul):
        u, mid, v = node.left.left, node.left.right, node.right
        if isinstance(u, A.Transpose) and u.arg == v and isinstance(v, A.Sym) and isinstance(mid, A.Sym):
            return mid.name
    if isinstance(node, A.Mul) and isinstance(node.right, A.Mul):
        u, mid, v = node.left, node.right.left, node.right.right
        if isinstance(u, A.Transpose) and u.arg == v and isinstance(v, A.Sym) and isinstance(mid, A.Sym):
            return mid.name
    return None


@dataclass(frozen=True)
class RankNeed:
    """A square product that must be invertible (under inv, det, log det): its size ``size`` can be no
    larger than any inner size ``bound`` of its factors (rank(XᵀX) ≤ min(m, n), so XᵀX (n×n) needs n ≤ m)."""

    what: A.Node
    size: Dim
    bound: Dim


def _rank_needs(nodes: Iterable[A.Node]) -> list[RankNeed]:
    out: list[RankNeed] = []
    for root in nodes:
        for node in root.walk():
            if isinstance(node, A.Func) and FUNCTIONS[node.name].domain == "invertible":
                arg = node.args[0]
            elif isinstance(node, A.Inverse):
                arg = node.arg
            else:
                continue
            if not isinstance(arg, A.Mul) or arg.shape is None:
                continue
            for factor in _product_factors(arg):
                if factor.shape is not None:
                    out += [RankNeed(arg, arg.shape[0], d) for d in factor.shape if d != arg.shape[0]]
    return out


def _product_factors(node: A.Node) -> list[A.Node]:
    if isinstance(node, A.Mul) and not (node.left.shape is not None and node.left.shape == (Dim.parse("1"), Dim.parse("1"))):
        return _product_factors(node.left) + _product_factors(node.right)
    return [node]


def _draw_sizes(atoms: list[str], dims: list[Dim], rng: np.random.Generator, small: bool = False,
                ranks: list[RankNeed] = ()) -> dict[str, int]:  # type: ignore[assignment]
    taken = {d.const for d in dims if not d.terms}  # stand-ins never equal a declared constant (no false squares)
    pool = [p for p in SIZE_POOL if p not in taken or not any(a.startswith(STAND_IN) for a in atoms)]
    pool += list(range(13, 13 + max(0, len(atoms) - len(pool))))
    for attempt in range(200):
        chosen = pool[attempt % 3 : attempt % 3 + len(atoms)] if small and attempt < 3 else rng.permutation(pool)[: len(atoms)]
        sizes = {a: int(s) for a, s in zip(atoms, chosen)}
        if not all(d.evaluate(sizes) >= 1 for d in dims):
            continue
        if all(r.size.evaluate(sizes) <= r.bound.evaluate(sizes) for r in ranks):
            return sizes
    if ranks:
        raise DlprepError(_rank_message(ranks))
    raise DlprepError("no distinct sizes make every declared size positive")


def _rank_message(ranks: list[RankNeed]) -> str:
    """What an expression needs of its sizes: 'XᵀX must be invertible, so n ≤ m'."""
    from checker.language.printing import to_unicode

    needs = dict.fromkeys(f"{r.size} ≤ {r.bound}" for r in ranks)
    what = dict.fromkeys(to_unicode(r.what) for r in ranks)
    return (f"{', '.join(what)} must be invertible, which needs the sizes {' and '.join(needs)} "
            "(a product has rank at most its smallest inner size); no declared sizes allow it")


def _value(shape: tuple[int, int], attrs: set[str], rng: np.random.Generator) -> np.ndarray:
    r, c = shape
    if "onehot" in attrs:
        out = np.zeros(shape)
        out[rng.integers(r), 0] = 1.0
        return out
    if "binary" in attrs:
        return rng.integers(0, 2, size=shape).astype(float)
    if "probability" in attrs:
        return rng.dirichlet(np.ones(r)).reshape(shape)
    if "fraction" in attrs:  # strictly between 0 and 1, like a leaky-ReLU slope or a dropout rate
        return rng.uniform(0.05, 0.95, size=shape)
    if "integer" in attrs:
        return rng.integers(1, 7, size=shape).astype(float)
    if "orthogonal" in attrs and r == c:
        q, _ = np.linalg.qr(rng.standard_normal(shape))
        return q
    if "spd" in attrs and r == c:
        b = rng.standard_normal(shape)
        return b @ b.T / r + np.eye(r)
    if ("positive" in attrs or "nonnegative" in attrs) and "invertible" not in attrs:
        return rng.uniform(0.5, 2.0, size=shape)
    if "invertible" in attrs and r == c:
        u, _ = np.linalg.qr(rng.standard_normal(shape))
        v, _ = np.linalg.qr(rng.standard_normal(shape))
        x = u @ np.diag(rng.uniform(1.0, 2.0, r)) @ v.T
        if np.linalg.det(x) < 0:
            x[:, 0] = -x[:, 0]
        return x
    value = rng.standard_normal(shape)
    if "symmetric" in attrs and r == c:
        value = (value + value.T) / 2
    return value


@dataclass
class _Plan:
    """What drawing needs to know about the expressions, computed once per set of nodes."""

    dims: list[Dim]
    atoms: list[str]
    needs: dict[str, set[str]]
    differentials: list[A.Differential]
    onehots: list[str]
    shapes: list[tuple[Dim, Dim]] = field(default_factory=list)
    ranks: list[RankNeed] = field(default_factory=list)


def _plan(decls: Mapping[str, Declaration], nodes: list[A.Node]) -> _Plan:
    walked = [n for root in nodes for n in root.walk()]
    dims = list({d for decl in decls.values() for d in decl.shape} | {d for n in walked if n.shape is not None for d in n.shape})
    dims.sort(key=str)
    atoms = sorted({a for d in dims for a in d.atoms if not a.startswith("?")}) + _stand_ins(dims, walked)
    differentials = [n for n in walked if isinstance(n, A.Differential) and isinstance(n.arg, A.Sym)]
    onehots = sorted({n.label for n in walked if isinstance(n, A.OneHot)})
    shapes = list({n.shape for n in walked if n.shape is not None} | {decl.shape for decl in decls.values()})
    return _Plan(dims, atoms, _needs(nodes), differentials, onehots, shapes, _rank_needs(nodes))


def _stand_ins(dims: list[Dim], walked: list[A.Node]) -> list[str]:
    """Declared constants above EVALUATION_SIZE are evaluated at distinct small sizes instead (matrix calculus
    does not depend on the size), unless a size is computed from others (conv2, ⊗, n + 20), where they stay."""
    big = {d.const for d in dims if not d.terms and d.const > EVALUATION_SIZE}
    arithmetic = any(d.terms and (d.const or any(len(mono) > 1 for mono, _ in d.terms)) for d in dims)
    computed = any(isinstance(n, A.Kron) or (isinstance(n, A.Func) and n.name == "conv2") for n in walked)
    return [] if arithmetic or computed else [STAND_IN + str(c) for c in sorted(big)]


def draw_instance(decls: Mapping[str, Declaration], nodes: Iterable[A.Node], rng: np.random.Generator, *,
                  small: bool = False, plan: _Plan | None = None) -> Instance:
    """A random instance for ``decls`` that respects the domains ``nodes`` (typed) need;
    ``small`` gives the smallest distinct sizes (2, 3, 4, …), for readable counterexamples."""
    plan = plan or _plan(decls, list(nodes))
    inst = Instance(_draw_sizes(plan.atoms, plan.dims, rng, small, plan.ranks), {}, seed=int(rng.integers(2**31)))
    for rows, cols in plan.shapes:  # nothing is allocated beyond the elements limit (A ⊗ B of 1000 × 1000 matrices)
        LIMITS["elements"].check(inst.size(rows) * inst.size(cols), "(a value while evaluating)")
    for name, decl in decls.items():
        shape = (inst.size(decl.shape[0]), inst.size(decl.shape[1]))
        inst.values[name] = _value(shape, set(decl.attrs) | plan.needs.get(name, set()), rng)
    for node in plan.differentials:
        key = "d" + node.arg.name  # type: ignore[attr-defined]
        if key not in inst.values and node.shape is not None:
            inst.values[key] = rng.standard_normal((inst.size(node.shape[0]), inst.size(node.shape[1])))
    for label in plan.onehots:
        inst.onehot[label] = int(rng.integers(10**6))
    inst.f_params = (float(rng.uniform(0.5, 1.5)), float(rng.uniform(0.5, 1.5)), float(rng.uniform(-0.5, 0.5)), float(rng.uniform(0.1, 0.5)))
    return inst


# ---------------------------------------------------------------- evaluation
def evaluate(node: A.Node, inst: Instance) -> np.ndarray:
    """The value of a typed tree on ``inst``: a 2-D float64 array; non-finite values are an error."""
    try:
        with np.errstate(all="ignore"):
            value = _eval(node, inst)
    except np.linalg.LinAlgError:  # inv of a singular matrix (XXᵀ when X has more rows than columns)
        raise DlprepError("a matrix to invert is singular on these inputs (is it square and of full rank?)") from None
    except (ZeroDivisionError, OverflowError, FloatingPointError):
        raise DlprepError("the expression is not finite on these inputs (outside its domain, or overflow)") from None
    if np.iscomplexobj(value) or not np.all(np.isfinite(value)):
        raise DlprepError("the expression is not finite on these inputs (outside its domain, or overflow)")
    return value


def _eval(node: A.Node, inst: Instance) -> np.ndarray:
    return RULES[type(node)](node, inst)


def _shape(node: A.Node, inst: Instance) -> tuple[int, int]:
    assert node.shape is not None
    return (inst.size(node.shape[0]), inst.size(node.shape[1]))


def _mul(n: A.Mul, inst: Instance) -> np.ndarray:
    a, b = _eval(n.left, inst), _eval(n.right, inst)
    if a.shape[1] == b.shape[0]:
        return a @ b
    return a * b  # one side is 1×1: scaling


def _pow(n: A.Pow, inst: Instance) -> np.ndarray:
    base, exponent = _eval(n.base, inst), _eval(n.exponent, inst)[0, 0]
    if base.shape == (1, 1):
        if abs(exponent) > 1e4 and abs(base[0, 0]) > 1:
            raise LimitExceeded("a power overflows: the exponent is too large")
        return np.power(base, exponent)
    k = int(exponent)
    if abs(k) > MAX_EXPONENT:
        raise LimitExceeded(f"matrix powers are limited to exponents up to {MAX_EXPONENT}")
    return np.linalg.matrix_power(base, k)


def _elem_pow(n: A.ElemPow, inst: Instance) -> np.ndarray:
    exponent = _eval(n.exponent, inst)[0, 0]
    if abs(exponent) > 1e4:
        raise LimitExceeded("an elementwise power's exponent is too large")
    return np.power(_eval(n.base, inst), exponent)


def _func(n: A.Func, inst: Instance) -> np.ndarray:
    args = [_eval(a, inst) for a in n.args]
    if n.name == "f":
        return inst.f(args[0])
    if n.name == "f'":
        return inst.f_prime(args[0])
    if n.name == "conv2":
        return FUNCTIONS["conv2"].forward(*args, option=n.option)
    return FUNCTIONS[n.name].forward(*args)


def _norm(n: A.Norm, inst: Instance) -> np.ndarray:
    x = _eval(n.arg, inst)
    vector = x.shape[1] == 1 or x.shape[0] == 1
    order = {"": None, "F": "fro", "1": 1, "inf": np.inf, "2": None if vector else 2}[n.kind]
    value = np.linalg.norm(x.ravel() if vector else x, ord=order) if order != "fro" else np.linalg.norm(x, "fro")
    return np.array([[value]])


def _onehot(n: A.OneHot, inst: Instance) -> np.ndarray:
    rows = _shape(n, inst)[0]
    out = np.zeros((rows, 1))
    out[inst.onehot.get(n.label, 0) % rows, 0] = 1.0
    return out


COMPARE: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    ">": np.greater, ">=": np.greater_equal, "<": np.less, "<=": np.less_equal, "!=": np.not_equal,
}


def _differential(n: A.Differential, inst: Instance) -> np.ndarray:
    if isinstance(n.arg, A.Sym) and "d" + n.arg.name in inst.values:
        return inst.values["d" + n.arg.name]
    if isinstance(n.arg, (A.Transpose, A.Neg)):  # d(Xᵀ) = (dX)ᵀ, d(−X) = −dX
        inner = _differential(A.Differential(n.arg.arg), inst)
        return inner.T if isinstance(n.arg, A.Transpose) else -inner
    raise DlprepError("a differential can only be evaluated for a symbol, such as dx")


def _symbol(n: A.Sym, inst: Instance) -> np.ndarray:
    if n.name not in inst.values:
        raise DlprepError(f"no value for {n.name}")
    return inst.values[n.name]


def _matrix(n: A.Matrix, inst: Instance) -> np.ndarray:
    return np.array([_eval(e, inst)[0, 0] for e in n.entries], dtype=float).reshape(n.rows, n.cols)


def _float(value: Any) -> float:
    """A literal (an exact Fraction) as a float, however large its numerator and denominator:
    (1e-300)^64 underflows to 0.0 and 10^400 overflows to inf instead of raising OverflowError."""
    try:
        return float(value)
    except OverflowError:
        numerator, denominator = value.numerator, value.denominator
        if numerator == 0:
            return 0.0
        exponent = math.log(abs(numerator)) - math.log(denominator)
        return math.copysign(math.inf if exponent > 0 else 0.0, numerator)


RULES: dict[type, Callable[..., np.ndarray]] = {
    A.Num: lambda n, i: np.full(_shape(n, i) if n.shape else (1, 1), _float(n.value)),
    A.Sym: _symbol,
    A.Ones: lambda n, i: np.ones(_shape(n, i)),
    A.Zeros: lambda n, i: np.zeros(_shape(n, i)),
    A.Identity: lambda n, i: np.eye(_shape(n, i)[0]),
    A.OneHot: _onehot,
    A.Add: lambda n, i: sum((_eval(t, i) for t in n.terms[1:]), _eval(n.terms[0], i)),
    A.Neg: lambda n, i: -_eval(n.arg, i),
    A.Mul: _mul,
    A.Div: lambda n, i: _eval(n.num, i) / _eval(n.den, i),
    A.Hadamard: lambda n, i: _eval(n.left, i) * _eval(n.right, i),
    A.ElemDiv: lambda n, i: _eval(n.num, i) / _eval(n.den, i),
    A.Kron: lambda n, i: np.kron(_eval(n.left, i), _eval(n.right, i)),
    A.Transpose: lambda n, i: _eval(n.arg, i).T,
    A.Inverse: lambda n, i: np.linalg.inv(_eval(n.arg, i)),
    A.Pow: _pow,
    A.ElemPow: _elem_pow,
    A.Func: _func,
    A.Norm: _norm,
    A.Indicator: lambda n, i: COMPARE[n.op](_eval(n.lhs, i), _eval(n.rhs, i)).astype(float),
    A.Differential: _differential,
    A.Equation: lambda n, i: _eval(n.sides[0], i) - _eval(n.sides[-1], i),
    A.Matrix: _matrix,
}

def has_kinks(node: A.Node) -> bool:
    """Whether the expression has a kink (I(·), or a function whose record has one: relu, |·|, max, …)."""
    return any(isinstance(n, A.Indicator) or (isinstance(n, A.Func) and n.name in KINKS) for n in node.walk())


def kink_distance(node: A.Node, inst: Instance) -> float:
    """How close the instance is to a kink: the smallest |argument| of relu, sign, abs, max, I(·)."""
    best = np.inf
    with np.errstate(all="ignore"):
        for n in node.walk():
            try:
                if isinstance(n, A.Indicator):
                    gap = _eval(n.lhs, inst) - _eval(n.rhs, inst)
                elif isinstance(n, A.Func) and n.name in KINKS and KINKS[n.name].kink == "between" and len(n.args) == 2:
                    gap = _eval(n.args[0], inst) - _eval(n.args[1], inst)
                elif isinstance(n, A.Func) and n.name in KINKS and KINKS[n.name].kink == "at 0":
                    gap = _eval(n.args[0], inst)
                else:
                    continue
            except (DlprepError, ValueError, np.linalg.LinAlgError):
                continue
            gap = np.abs(gap)
            if isinstance(n, A.Indicator):  # u ≥ max(u) is exactly 0 at the winner by construction, not a kink:
                gap = gap[gap != 0.0]       # the kink is the distance to the runner-up
            if gap.size:
                best = min(best, float(np.min(gap)))
    return best


def draw_instances(decls: Mapping[str, Declaration], nodes: list[A.Node], n: int, seed: int, *,
                   kink_aware: bool = False, kink_margin: float = 1e-3, max_draws: int = 60, small: bool = False) -> list[Instance]:
    """``n`` instances on which every node evaluates to finite values (and, if asked, away from kinks)."""
    rng = np.random.default_rng(seed)
    plan = _plan(decls, nodes)
    out: list[Instance] = []
    reason = "check the domains of log, sqrt and inverses"
    for _ in range(max_draws):
        inst = draw_instance(decls, nodes, rng, small=small, plan=plan)
        try:
            for node in nodes:
                evaluate(node, inst)
        except LimitExceeded as exc:  # an overflowing power: say so, not "domains" (issue 13)
            reason = str(exc)
            continue
        except (DlprepError, ValueError, np.linalg.LinAlgError) as exc:
            reason = str(exc) if isinstance(exc, DlprepError) else reason
            continue
        if kink_aware and any(kink_distance(node, inst) < kink_margin for node in nodes):
            continue
        out.append(inst)
        if len(out) == n:
            break
    if not out:
        raise DlprepError(f"no valid random inputs were found ({reason})")
    return out
