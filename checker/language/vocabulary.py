"""The vocabulary of the expression language: function spellings (derived), Greek letters, conv modes.

Function spellings and arities are read off the records in :mod:`checker.language.functions` (one
record per function); they stay in step when a record is registered.

>>> FUNCTION_ALIASES["Tr"], FUNCTION_ALIASES["σ"], FUNCTION_ALIASES["trace"], ARITY["kron"]
('tr', 'sigmoid', 'tr', (2, 2))
"""

from __future__ import annotations

from checker.language.functions import FUNCTIONS, Derived

# spelling -> canonical name (plain words; LaTeX commands like \operatorname{tr} reduce to these)
FUNCTION_ALIASES: Derived[str, str] = Derived(
    lambda: {spelling: f.name for f in FUNCTIONS.values() for spelling in f.all_spellings})

# canonical name -> (min args, max args)
ARITY: Derived[str, tuple[int, int]] = Derived(lambda: {f.name: f.arity for f in FUNCTIONS.values()})

CONV_MODES = ("valid", "full", "same")

# Greek letters: LaTeX word / Unicode letter -> canonical plain name.
GREEK: dict[str, str] = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon",
    "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
GREEK_WORDS: frozenset[str] = frozenset(GREEK.values()) | {"varepsilon", "varphi"}
GREEK_LETTER: dict[str, str] = {word: letter for letter, word in GREEK.items()}
