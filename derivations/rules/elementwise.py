"""f′ for the elementwise functions, read off their records: d f(Z) = f′(Z) ∘ dZ, and d f(u) = f′(u) du.

Each record in :mod:`checker.language.functions` carries ``d_matrix(KIT, Z, fZ)`` and
``d_scalar(KIT, u, fu)``, written with f(Z) where the course does (σ′ = σ∘(1−σ), tanh′ = 1 − tanh∘tanh,
exp′ = exp); :data:`KIT` gives them this module's constructors, so the records need no SymPy import.

>>> import sympy as sp
>>> u = sp.Symbol("u")
>>> SCALAR["log"](u, sp.log(u))
1/u
>>> from checker.language.printing import to_unicode
>>> from checker.language.sympy_bridge import from_sympy
>>> z = sp.MatrixSymbol("z", 3, 1)
>>> to_unicode(from_sympy(MATRIX["sigmoid"](z, z)))
'z ∘ (1 - z)'
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Callable

import sympy as sp

from checker.language.functions import FUNCTIONS, Derived
from checker.language.sympy_bridge import ELEMENTWISE
from checker.language.sympy_functions import SCALAR as SCALAR_FUNCTIONS
from checker.language.sympy_functions import elementwise
from derivations.algebra import hadamard, madd, mmul

KIT = SimpleNamespace(
    madd=madd, mmul=mmul, hadamard=hadamard, half=sp.Rational(1, 2),
    ones=lambda z: sp.OneMatrix(*z.shape),  # the 1 of z's shape
    power=sp.HadamardPower,  # Z∘ᵖ
    apply=lambda name, z: elementwise(ELEMENTWISE[name], z),  # a named function, elementwise on a matrix
    call=lambda name, u: SCALAR_FUNCTIONS[name](u),  # a named function of a scalar
)

Rule = Callable[[sp.Basic, sp.Basic], sp.Basic]

MATRIX: Derived[str, Rule] = Derived(lambda: {
    n: (lambda z, fz, f=f: f.d_matrix(KIT, z, fz)) for n, f in FUNCTIONS.items() if f.d_matrix is not None})

SCALAR: Derived[str, Rule] = Derived(lambda: {
    n: (lambda u, fu, f=f: f.d_scalar(KIT, u, fu)) for n, f in FUNCTIONS.items() if f.d_scalar is not None})

# the names SymPy gives its own scalar functions (sp.tanh → "tanh")
SYMPY_NAMES: Derived[type, str] = Derived(
    lambda: {f.sympy_scalar(sp): n for n, f in FUNCTIONS.items() if f.sympy_scalar is not None})
