"""Every function of the language: its shape rule, its NumPy forward, and the domain it needs.

Registered as data, one line each; :data:`FUNCTIONS` is keyed by the canonical names of
:mod:`checker.language.vocabulary` (a test checks both name the same set).

>>> import numpy as np
>>> FUNCTIONS["softmax"].forward(np.array([[0.0], [np.log(3.0)]])).ravel().tolist()
[0.25, 0.75]
>>> FUNCTIONS["conv2"].forward(np.ones((3, 3)), np.ones((2, 2)), option="valid").tolist()
[[4.0, 4.0], [4.0, 4.0]]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from checker.language.dims import ONE, SCALAR, Dim, Shape
from checker.language.errors import ShapeError


@dataclass(frozen=True)
class FunctionSpec:
    shape: Callable[[Any, Any, list[Any]], Shape]  # (inferer, node, typed args) -> shape
    forward: Callable[..., np.ndarray]
    domain: str | None = None  # 'positive' | 'invertible' for the first argument's symbols
    elementwise: bool = False


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
    r, _ = inf.square(args[0], "diag of a matrix")
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
        raise inf.fail(f"take the elementwise {node.name} of", a, b)
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
    """Martins & Astudillo 2016: p = [z − τ1]₊ with τ from the sorted support."""
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
            raise ShapeError("a 'valid' convolution needs the kernel to fit inside the map")
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


FUNCTIONS: dict[str, FunctionSpec] = {
    "tr": FunctionSpec(square_to_scalar, lambda x: _s(np.trace(x))),
    "det": FunctionSpec(square_to_scalar, lambda x: _s(np.linalg.det(x)), domain="invertible"),
    "diag": FunctionSpec(diag_shape, _diag),
    "exp": FunctionSpec(same, np.exp, elementwise=True),
    "log": FunctionSpec(same, np.log, domain="positive", elementwise=True),
    "sqrt": FunctionSpec(same, np.sqrt, domain="positive", elementwise=True),
    "abs": FunctionSpec(same, np.abs, elementwise=True),
    "sign": FunctionSpec(same, np.sign, elementwise=True),
    "floor": FunctionSpec(same, np.floor, elementwise=True),
    "ceil": FunctionSpec(same, np.ceil, elementwise=True),
    "sum": FunctionSpec(scalar, lambda x: _s(x.sum())),
    "max": FunctionSpec(pairwise, _max),
    "min": FunctionSpec(pairwise, _min),
    "sigmoid": FunctionSpec(same, _sigmoid, elementwise=True),
    "sigmoid'": FunctionSpec(same, lambda z: _sigmoid(z) * (1 - _sigmoid(z)), elementwise=True),
    "tanh": FunctionSpec(same, np.tanh, elementwise=True),
    "tanh'": FunctionSpec(same, lambda z: 1 - np.tanh(z) ** 2, elementwise=True),
    "relu": FunctionSpec(same, lambda z: np.maximum(z, 0.0), elementwise=True),
    "relu'": FunctionSpec(same, lambda z: (z > 0).astype(float), elementwise=True),
    "softmax": FunctionSpec(same, _softmax),
    "sparsemax": FunctionSpec(same, _sparsemax),
    "logsumexp": FunctionSpec(column_wise_scalar, _logsumexp),
    "rot180": FunctionSpec(same, lambda x: x[::-1, ::-1].copy()),
    "rot90": FunctionSpec(rot90_shape, _rot90),
    "conv2": FunctionSpec(conv2_shape, _conv2),
    # kron and inv are parsed to their own nodes (Kron, Inverse); listed for the vocabulary round trip
    "kron": FunctionSpec(same, np.kron),
    "inv": FunctionSpec(same, np.linalg.inv, domain="invertible"),
    # the generic f and f' are bound per instance by checker.language.evaluate
    "f": FunctionSpec(same, lambda z: z, elementwise=True),
    "f'": FunctionSpec(same, lambda z: np.ones_like(z), elementwise=True),
}
