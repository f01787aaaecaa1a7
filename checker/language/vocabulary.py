"""The function vocabulary of the expression language, as data: spellings → canonical names.

The parser reads these tables; :mod:`checker.language.functions` gives each canonical name its shape rule and
NumPy implementation (a test checks that both tables name the same functions).

>>> FUNCTION_ALIASES["Tr"], FUNCTION_ALIASES["σ"], FUNCTION_ALIASES["trace"]
('tr', 'sigmoid', 'tr')
"""

from __future__ import annotations

# canonical name -> spellings (plain words; LaTeX commands like \operatorname{tr} reduce to these)
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "tr": ("tr", "Tr", "trace", "Trace", "TR"),
    "diag": ("diag", "Diag"),
    "det": ("det", "Det"),
    "exp": ("exp",),
    "log": ("log", "ln"),
    "sqrt": ("sqrt",),
    "abs": ("abs",),
    "sign": ("sign", "sgn"),
    "sum": ("sum",),
    "max": ("max",),
    "min": ("min",),
    "floor": ("floor",),
    "ceil": ("ceil",),
    "sigmoid": ("sigmoid", "sigma", "σ", "logistic", "sigm"),
    "tanh": ("tanh",),
    "relu": ("relu", "ReLU", "Relu"),
    "softmax": ("softmax", "Softmax"),
    "sparsemax": ("sparsemax", "Sparsemax"),
    "logsumexp": ("logsumexp", "lse", "LSE"),
    "rot180": ("rot180", "flip"),
    "rot90": ("rot90",),
    "conv2": ("conv2",),
    "kron": ("kron",),
    "inv": ("inv",),
    "f": ("f",),
    # derivatives of elementwise functions: written f'(z), σ'(z), sigmoid'(z), tanh'(z), relu'(z)
    "f'": ("f'",),
    "sigmoid'": ("sigmoid'", "sigma'", "σ'"),
    "tanh'": ("tanh'",),
    "relu'": ("relu'",),
}

FUNCTION_ALIASES: dict[str, str] = {
    spelling: name for name, spellings in _SPELLINGS.items() for spelling in spellings
}

# canonical name -> (min args, max args)
ARITY: dict[str, tuple[int, int]] = {
    name: (1, 1) for name in _SPELLINGS
} | {
    "max": (1, 2),
    "min": (1, 2),
    "rot90": (1, 2),
    "conv2": (2, 3),  # conv2(a, w) or conv2(a, w, 'valid'|'full'|'same'); the mode becomes Func.option
    "kron": (2, 2),
}

CONV_MODES = ("valid", "full", "same")

# Elementwise functions and their derivative's canonical name (used by shapes, evaluation, engine).
ELEMENTWISE: dict[str, str | None] = {
    "exp": "exp",
    "log": None,
    "sqrt": None,
    "abs": "sign",
    "sign": None,
    "floor": None,
    "ceil": None,
    "sigmoid": "sigmoid'",
    "tanh": "tanh'",
    "relu": "relu'",
    "f": "f'",
    "f'": None,
    "sigmoid'": None,
    "tanh'": None,
    "relu'": None,
}

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
