"""f′ for the elementwise functions, one line each: d f(Z) = f′(Z) ∘ dZ, and d f(u) = f′(u) du.

``MATRIX[name](Z, fZ)`` gives f′(Z) for a matrix argument, written with f(Z) where the course does
(σ′ = σ∘(1−σ), tanh′ = 1 − tanh∘tanh, exp′ = exp); ``SCALAR[name](u, fu)`` the same for a scalar.

>>> import sympy as sp
>>> u = sp.Symbol("u")
>>> SCALAR["log"](u, sp.log(u))
1/u
"""

from __future__ import annotations

from typing import Callable

import sympy as sp

from checker.language.sympy_bridge import ELEMENTWISE
from checker.language.sympy_functions import SCALAR as SCALAR_FUNCTIONS
from checker.language.sympy_functions import elementwise
from derivations.algebra import hadamard, madd, mmul


def _apply(name: str, z: sp.Basic) -> sp.Basic:
    return elementwise(ELEMENTWISE[name], z)


def _ones(z: sp.Basic) -> sp.Basic:
    return sp.OneMatrix(*z.shape)


MATRIX: dict[str, Callable[[sp.Basic, sp.Basic], sp.Basic]] = {
    "exp": lambda z, fz: fz,
    "log": lambda z, fz: sp.HadamardPower(z, -1),
    "sqrt": lambda z, fz: sp.Rational(1, 2) * sp.HadamardPower(fz, -1),
    "sigmoid": lambda z, fz: hadamard(fz, madd(_ones(z), mmul(-1, fz))),
    "tanh": lambda z, fz: madd(_ones(z), mmul(-1, sp.HadamardPower(fz, 2))),
    "relu": lambda z, fz: _apply("relu'", z),
    "f": lambda z, fz: _apply("f'", z),
    "abs": lambda z, fz: _apply("sign", z),
}

SCALAR: dict[str, Callable[[sp.Basic, sp.Basic], sp.Basic]] = {
    "exp": lambda u, fu: fu,
    "log": lambda u, fu: 1 / u,
    "sigmoid": lambda u, fu: fu * (1 - fu),
    "tanh": lambda u, fu: 1 - fu**2,
    "relu": lambda u, fu: SCALAR_FUNCTIONS["relu'"](u),
    "f": lambda u, fu: SCALAR_FUNCTIONS["f'"](u),
    "abs": lambda u, fu: sp.sign(u),
}

# the names SymPy gives its own scalar functions
SYMPY_NAMES: dict[type, str] = {sp.exp: "exp", sp.log: "log", sp.tanh: "tanh", sp.Abs: "abs"}
