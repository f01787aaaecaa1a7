"""One record per function of the language: forward and derivative side by side, every other table derived.

A :class:`Function` says everything dlprep knows about one function: its spellings and arity (the
parser), its shape rule (shapes), its NumPy forward and NumPy source (evaluation, ``numpy_source``),
its LaTeX and Unicode heads (printing), its SymPy form and f′ (the SymPy bridge and the derivation
engine, both lazily: SymPy is passed in, never imported here), the domain it needs and where it
has kinks. The parser's alias table, PARENLESS, the printers' heads, the bridge's Lambdas both
ways, ``sympy_functions.SCALAR``, ``derivations.rules.elementwise`` and the kink lists all read
:data:`FUNCTIONS`. Adding a function is one record (see ``tests/language/test_function_records.py``,
which registers softplus with its derivative and derives with it).

>>> import numpy as np
>>> FUNCTIONS["softmax"].forward(np.array([[0.0], [np.log(3.0)]])).ravel().tolist()
[0.25, 0.75]
>>> FUNCTIONS["conv2"].forward(np.ones((3, 3)), np.ones((2, 2)), option="valid").tolist()
[[4.0, 4.0], [4.0, 4.0]]
>>> FUNCTIONS["tanh"].numpy.format("z"), sorted(KINKS)[:3], sorted(TEX_WORDS)[:3]
('np.tanh(z)', ['abs', 'ceil', 'floor'], ['det', 'exp', 'ln'])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, TypeVar

import numpy as np

from checker.language.dims import ONE, SCALAR, Dim, Shape
from checker.language.errors import ShapeError
from checker.language.messages import message

ShapeRule = Callable[[Any, Any, list[Any]], Shape]  # (inferer, node, typed args) -> shape
Derivative = Callable[[Any, Any, Any], Any]  # (kit, argument, f(argument)) -> f′(argument), SymPy


# ---------------------------------------------------------------- shape rules
def same(inf: Any, node: Any, args: list[Any]) -> Shape:
    return inf.shape(args[0])


def scalar(inf: Any, node: Any, args: list[Any]) -> Shape:
    return SCALAR


def square_to_scalar(inf: Any, node: Any, args: list[Any]) -> Shape:
    inf.square(args[0], node.name)
    return SCALAR


def diag_shape(inf: Any, node: Any, args: list[Any]) -> Shape:
    r, c = inf.shape(args[0])
    if c.is_one:
        return (r, r)
    r, _ = inf.square(args[0], "diag")
    return (r, ONE)


def pairwise(inf: Any, node: Any, args: list[Any]) -> Shape:
    if len(args) == 1:
        return SCALAR
    a, b = args
    if inf.u.is_scalar(inf.shape(a)) and not inf.u.is_scalar(inf.shape(b)):
        return inf.shape(b)
    if inf.u.is_scalar(inf.shape(b)):
        return inf.shape(a)
    if not inf.u.unify_shapes(inf.shape(a), inf.shape(b)):
        raise inf.fail("elementwise-extreme", a, b)
    return inf.shape(a)


def column_wise_scalar(inf: Any, node: Any, args: list[Any]) -> Shape:
    return (ONE, inf.shape(args[0])[1])


def rot90_shape(inf: Any, node: Any, args: list[Any]) -> Shape:
    r, c = inf.shape(args[0])
    k = int(args[1].value) if len(args) > 1 else 1
    return (r, c) if k % 2 == 0 else (c, r)


def conv2_shape(inf: Any, node: Any, args: list[Any]) -> Shape:
    (ar, ac), (wr, wc) = inf.shape(args[0]), inf.shape(args[1])
    mode = node.option or "full"
    one = Dim.num(1)
    if mode == "valid":
        return (ar - wr + one, ac - wc + one)
    if mode == "full":
        return (ar + wr - one, ac + wc - one)
    return (ar, ac)


# ---------------------------------------------------------------- forwards
def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _sparsemax_column(z: np.ndarray) -> np.ndarray:
    """Martins & Astudillo 2016: p = [z − τ1]₊ with τ from the sorted support. Shift-invariant, so z is
    shifted by its max first (the cumulative sum cannot overflow; the support holds at least the max);
    non-finite input gives NaN, which the evaluator reports as outside the domain."""
    if not np.all(np.isfinite(z)):
        return np.full(z.shape, np.nan)
    z = z - z.max()
    s = np.sort(z)[::-1]
    cumulative = np.cumsum(s)
    k = np.arange(1, z.size + 1)
    support = k[1 + k * s > cumulative]
    kz = support[-1]
    tau = (cumulative[kz - 1] - 1) / kz
    return np.maximum(z - tau, 0.0)


def _sparsemax(z: np.ndarray) -> np.ndarray:
    return np.stack([_sparsemax_column(z[:, j]) for j in range(z.shape[1])], axis=1)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _conv2(a: np.ndarray, w: np.ndarray, option: str | None = None) -> np.ndarray:
    """True 2-D convolution (kernel flipped), Matlab's conv2 with 'full', 'valid' or 'same'."""
    ar, ac = a.shape
    wr, wc = w.shape
    full = np.zeros((ar + wr - 1, ac + wc - 1))
    for i in range(wr):
        for j in range(wc):
            full[i : i + ar, j : j + ac] += w[i, j] * a
    mode = option or "full"
    if mode == "full":
        return full
    if mode == "valid":
        if ar < wr or ac < wc:
            raise ShapeError(message("shape.valid-conv"))
        return full[wr - 1 : ar, wc - 1 : ac]
    top, left = wr // 2, wc // 2
    return full[top : top + ar, left : left + ac]


def _logsumexp(z: np.ndarray) -> np.ndarray:
    m = z.max(axis=0, keepdims=True)
    return m + np.log(np.exp(z - m).sum(axis=0, keepdims=True))


def _diag(x: np.ndarray) -> np.ndarray:
    return np.diagflat(x) if x.shape[1] == 1 else np.diag(x).reshape(-1, 1).copy()


def _max(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    return np.array([[a.max()]]) if b is None else np.maximum(a, b)


def _min(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    return np.array([[a.min()]]) if b is None else np.minimum(a, b)


def _rot90(x: np.ndarray, k: np.ndarray | None = None) -> np.ndarray:
    return np.rot90(x, int(k[0, 0]) if k is not None else 1).copy()


def _s(value: float) -> np.ndarray:
    return np.array([[value]])


@dataclass(frozen=True)
class Function:
    """Everything about one function; only ``name`` and ``forward`` are required.

    ``sympy(sp, t)`` is the scalar body of an elementwise function (the bridge wraps it in a Lambda);
    ``sympy_scalar(sp)`` the SymPy class used on a scalar argument (``sp.tanh``), or ``sympy_named``
    keeps the name as an undefined SymPy function (σ(u) stays σ(u)). ``d_matrix(kit, Z, fZ)`` and
    ``d_scalar(kit, u, fu)`` give f′ for the engine (``kit``: ``derivations.rules.elementwise.KIT``).
    ``kink``: "at 0" (|argument| is the distance to the kink), "between" (|a − b| for two
    arguments), "inside" (kinks with no simple distance), or None.
    """

    name: str
    forward: Callable[..., np.ndarray]
    shape: ShapeRule = same
    spellings: tuple[str, ...] = ()  # besides the name itself
    arity: tuple[int, int] = (1, 1)
    numpy: str | None = None  # NumPy source, ``{0}`` the argument
    latex: str | None = None  # LaTeX head (``\tanh``) or template with ``{0}``; None → \operatorname{name}
    unicode: str | None = None  # Unicode head; None → the name
    tex_words: tuple[str, ...] = ()  # LaTeX commands read as this function (\log, \ln)
    parenless: bool = False  # ``log x``, ``tr A``: the argument may come without parentheses
    powered: bool = False  # ``tanh^2(z)`` reads as (tanh(z))² (always so when parenless)
    domain: str | None = None  # 'positive' | 'invertible' for the first argument's symbols
    kink: str | None = None
    elementwise: bool = False
    sympy: Callable[[Any, Any], Any] | None = None
    sympy_scalar: Callable[[Any], Any] | None = None
    sympy_named: bool = False
    d_matrix: Derivative | None = None
    d_scalar: Derivative | None = None

    def __post_init__(self) -> None:
        if not self.elementwise and (self.sympy or self.d_matrix or self.d_scalar):
            raise ValueError(f"{self.name}: a SymPy body and f′ are given for elementwise functions only")

    @property
    def all_spellings(self) -> tuple[str, ...]:
        return (self.name, *self.spellings)



def _elementwise(name: str, forward: Callable[..., np.ndarray], spellings: tuple[str, ...] = (), **more: Any) -> Function:
    return Function(name, forward, same, spellings, elementwise=True, **more)


FUNCTIONS: dict[str, Function] = {f.name: f for f in (
    Function("tr", lambda x: _s(np.trace(x)), square_to_scalar, ("Tr", "trace", "Trace", "TR"), numpy="np.trace({0})",
             latex=r"\operatorname{Tr}", tex_words=("tr",), parenless=True),
    Function("det", lambda x: _s(np.linalg.det(x)), square_to_scalar, ("Det",), numpy="np.linalg.det({0})",
             latex=r"\det", tex_words=("det",), parenless=True, domain="invertible"),
    Function("diag", _diag, diag_shape, ("Diag",), latex=r"\operatorname{diag}", parenless=True),
    _elementwise("exp", np.exp, numpy="np.exp({0})", latex=r"\exp", tex_words=("exp",), parenless=True,
                 sympy=lambda sp, t: sp.exp(t), sympy_scalar=lambda sp: sp.exp,
                 d_matrix=lambda k, z, fz: fz, d_scalar=lambda k, u, fu: fu),
    _elementwise("log", np.log, ("ln",), numpy="np.log({0})", latex=r"\log", tex_words=("log", "ln"), parenless=True,
                 domain="positive", sympy=lambda sp, t: sp.log(t), sympy_scalar=lambda sp: sp.log,
                 d_matrix=lambda k, z, fz: k.power(z, -1), d_scalar=lambda k, u, fu: 1 / u),
    _elementwise("sqrt", np.sqrt, numpy="np.sqrt({0})", latex=r"\sqrt{{{0}}}", tex_words=("sqrt",), parenless=True,
                 domain="positive", sympy=lambda sp, t: sp.sqrt(t),
                 d_matrix=lambda k, z, fz: k.mmul(k.half, k.power(fz, -1))),
    _elementwise("abs", np.abs, numpy="np.abs({0})", latex=r"\left|{0}\right|", kink="at 0",
                 sympy=lambda sp, t: sp.Abs(t), sympy_scalar=lambda sp: sp.Abs,
                 d_matrix=lambda k, z, fz: k.apply("sign", z), d_scalar=lambda k, u, fu: k.call("sign", u)),
    _elementwise("sign", np.sign, ("sgn",), numpy="np.sign({0})", kink="at 0",
                 sympy=lambda sp, t: sp.sign(t), sympy_scalar=lambda sp: sp.sign),
    _elementwise("floor", np.floor, kink="inside"),
    _elementwise("ceil", np.ceil, kink="inside"),
    Function("sum", lambda x: _s(x.sum()), scalar, numpy="np.sum({0})"),
    Function("max", _max, pairwise, arity=(1, 2), latex=r"\max", tex_words=("max",), parenless=True, kink="between"),
    Function("min", _min, pairwise, arity=(1, 2), latex=r"\min", tex_words=("min",), parenless=True, kink="between"),
    _elementwise("sigmoid", _sigmoid, ("sigma", "σ", "logistic", "sigm"), numpy="(1 / (1 + np.exp(-{0})))",
                 latex=r"\sigma", unicode="σ", powered=True, sympy=lambda sp, t: 1 / (1 + sp.exp(-t)), sympy_named=True,
                 d_matrix=lambda k, z, fz: k.hadamard(fz, k.madd(k.ones(z), k.mmul(-1, fz))),
                 d_scalar=lambda k, u, fu: fu * (1 - fu)),
    _elementwise("sigmoid'", lambda z: _sigmoid(z) * (1 - _sigmoid(z)), ("sigma'", "σ'"),
                 numpy="(np.exp(-{0}) / (1 + np.exp(-{0})) ** 2)", latex=r"\sigma'", unicode="σ'",
                 sympy=lambda sp, t: sp.exp(-t) / (1 + sp.exp(-t)) ** 2, sympy_named=True),
    _elementwise("tanh", np.tanh, numpy="np.tanh({0})", latex=r"\tanh", tex_words=("tanh",), parenless=True,
                 sympy=lambda sp, t: sp.tanh(t), sympy_scalar=lambda sp: sp.tanh,
                 d_matrix=lambda k, z, fz: k.madd(k.ones(z), k.mmul(-1, k.power(fz, 2))),
                 d_scalar=lambda k, u, fu: 1 - fu**2),
    _elementwise("tanh'", lambda z: 1 - np.tanh(z) ** 2, numpy="(1 - np.tanh({0}) ** 2)", latex=r"\tanh'",
                 sympy=lambda sp, t: 1 - sp.tanh(t) ** 2, sympy_named=True),
    _elementwise("relu", lambda z: np.maximum(z, 0.0), ("ReLU", "Relu"), numpy="np.maximum({0}, 0)", powered=True,
                 kink="at 0", sympy=lambda sp, t: sp.Max(t, 0), sympy_named=True,
                 d_matrix=lambda k, z, fz: k.apply("relu'", z), d_scalar=lambda k, u, fu: k.call("relu'", u)),
    _elementwise("relu'", lambda z: (z > 0).astype(float), numpy="({0} > 0).astype(float)", kink="at 0",
                 sympy=lambda sp, t: sp.Heaviside(t), sympy_named=True),
    Function("softmax", _softmax, spellings=("Softmax",),
             numpy="(np.exp({0} - np.max({0})) / np.sum(np.exp({0} - np.max({0}))))"),
    Function("sparsemax", _sparsemax, spellings=("Sparsemax",), kink="inside"),
    Function("logsumexp", _logsumexp, column_wise_scalar, ("lse", "LSE"),
             numpy="(np.max({0}) + np.log(np.sum(np.exp({0} - np.max({0})))))"),
    Function("rot180", lambda x: x[::-1, ::-1].copy(), spellings=("flip",)),
    Function("rot90", _rot90, rot90_shape, arity=(1, 2)),
    # conv2(a, w) or conv2(a, w, 'valid'|'full'|'same'); the mode becomes Func.option
    Function("conv2", _conv2, conv2_shape, arity=(2, 3)),
    # kron and inv are parsed to their own nodes (Kron, Inverse); listed for the vocabulary round trip
    Function("kron", np.kron, arity=(2, 2)),
    Function("inv", np.linalg.inv, numpy="np.linalg.inv({0})", domain="invertible"),
    # the generic f and f' are bound per instance by checker.language.evaluate (a random smooth function)
    _elementwise("f", lambda z: z, latex="f", powered=True, sympy=lambda sp, t: sp.Function("f")(t), sympy_named=True,
                 d_matrix=lambda k, z, fz: k.apply("f'", z), d_scalar=lambda k, u, fu: k.call("f'", u)),
    _elementwise("f'", lambda z: np.ones_like(z), latex="f'",
                 sympy=lambda sp, t: sp.Derivative(sp.Function("f")(t), t), sympy_named=True),
)}

# ---------------------------------------------------------------- registration and derived tables
_version = [0]


def register(function: Function) -> Function | None:
    """Add (or replace) one record; every derived table sees it. Returns the record it replaced."""
    old = FUNCTIONS.get(function.name)
    FUNCTIONS[function.name] = function
    _version[0] += 1
    return old


def unregister(name: str, previous: Function | None = None) -> None:
    """Remove a record added by :func:`register` (or put back the one it replaced)."""
    if previous is None:
        FUNCTIONS.pop(name, None)
    else:
        FUNCTIONS[name] = previous
    _version[0] += 1


K = TypeVar("K")
V = TypeVar("V")


class Derived(Mapping[K, V]):
    """A read-only table built from :data:`FUNCTIONS`, rebuilt whenever a record is registered."""

    def __init__(self, build: Callable[[], dict[K, V]]) -> None:
        self._build, self._seen, self._table = build, -1, {}

    @property
    def table(self) -> dict[K, V]:
        if self._seen != _version[0]:
            self._table, self._seen = self._build(), _version[0]
        return self._table

    def __getitem__(self, key: K) -> V:
        return self.table[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        return repr(self.table)


def _names(test: Callable[[Function], Any]) -> Derived[str, Function]:
    return Derived(lambda: {n: f for n, f in FUNCTIONS.items() if test(f)})


KINKS: Derived[str, Function] = _names(lambda f: f.kink)
PARENLESS: Derived[str, Function] = _names(lambda f: f.parenless)
POWERED: Derived[str, Function] = _names(lambda f: f.parenless or f.powered)
TEX_WORDS: Derived[str, str] = Derived(lambda: {w: f.name for f in FUNCTIONS.values() for w in f.tex_words})
