"""Canonical symbol names.

One name has many spellings; every part of dlprep compares canonical names:

>>> [canonical_name(s) for s in ["W^{(l)}", r"\\delta^{(l+1)}", "z_{l}", "delta_{t,k}", "α"]]
['W^(l)', 'delta^(l+1)', 'z_l', 'delta_{t,k}', 'alpha']
>>> [canonical_name(s) for s in [r"\\hat{y}", r"\\tilde{\\omega}", r"\\mathbf{a}", "ŷ", "W_1"]]
['y_hat', 'omega_tilde', 'a', 'y_hat', 'W_1']
"""

from __future__ import annotations

import re

from checker.language.vocabulary import GREEK

ACCENTS: dict[str, str] = {"hat": "hat", "tilde": "tilde", "bar": "bar", "widehat": "hat", "widetilde": "tilde"}
# combining marks and precomposed letters that carry an accent
COMBINING: dict[str, str] = {"\u0302": "hat", "\u0303": "tilde", "\u0304": "bar"}
PRECOMPOSED: dict[str, tuple[str, str]] = {
    "ŷ": ("y", "hat"), "x̂": ("x", "hat"), "â": ("a", "hat"), "ĥ": ("h", "hat"), "ẑ": ("z", "hat"),
    "ã": ("a", "tilde"), "ỹ": ("y", "tilde"), "x̄": ("x", "bar"), "ȳ": ("y", "bar"),
}

_WRAPPERS = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathrm|mathit|mathsf|mathnormal|vec)\s*\{([^{}]*)\}")
_ACCENT = re.compile(r"\\(hat|tilde|bar|widehat|widetilde)\s*\{([^{}]*)\}|\\(hat|tilde|bar)\s+(\\?[A-Za-z]+)")
_GREEK_CMD = re.compile(r"\\(var)?([A-Za-z]+)")


def join_subscript(base: str, sub: str) -> str:
    """``z`` + ``l`` → ``z_l``; ``delta`` + ``t,k`` → ``delta_{t,k}``.

    >>> join_subscript("n", "l-1"), join_subscript("W", "12")
    ('n_{l-1}', 'W_12')
    """
    sub = sub.replace(" ", "")
    return f"{base}_{sub}" if re.fullmatch(r"[A-Za-z0-9]+", sub) else f"{base}_{{{sub}}}"


def join_label(base: str, label: str) -> str:
    """``W`` + ``l`` → ``W^(l)`` (a layer or time label, not a power)."""
    return f"{base}^({label.replace(' ', '')})"


def canonical_name(text: str) -> str:
    """Canonical spelling of one symbol name written in plain text, LaTeX or Unicode."""
    s = text.strip().strip("$").strip()
    for letter, (base, accent) in PRECOMPOSED.items():
        s = s.replace(letter, f"{base}_{accent}")
    for mark, accent in COMBINING.items():
        s = re.sub(rf"(\w){mark}", rf"\1_{accent}", s)
    prev = None
    while prev != s:
        prev = s
        s = _WRAPPERS.sub(r"\1", s)
        s = _ACCENT.sub(lambda m: f"{m.group(2) or m.group(4)}_{ACCENTS[m.group(1) or m.group(3)]}", s)
    s = _GREEK_CMD.sub(lambda m: m.group(2), s)
    s = "".join(GREEK.get(ch, ch) for ch in s)
    s = s.replace(" ", "")
    # labels: ^{(l)} -> ^(l)
    s = re.sub(r"\^\{\(([^{}()]*)\)\}", r"^(\1)", s)
    # subscripts: _{l} -> _l, _{l+1} kept braced
    s = re.sub(r"_\{([^{}]*)\}", lambda m: "_" + (m.group(1) if re.fullmatch(r"[A-Za-z0-9]+", m.group(1)) else "{" + m.group(1) + "}"), s)
    return s


def alternatives(name: str) -> tuple[str, ...]:
    """Spellings that denote the same symbol when only one of them is declared.

    >>> alternatives("W_1"), alternatives("W1"), alternatives("W^(1)")
    (('W1', 'W^(1)'), ('W_1', 'W^(1)'), ('W1', 'W_1'))
    """
    m = re.fullmatch(r"([A-Za-z]+)(?:_|\^\()?([0-9]+)\)?", name)
    if not m:
        return ()
    base, digits = m.groups()
    forms = (f"{base}{digits}", f"{base}_{digits}", f"{base}^({digits})")
    return tuple(f for f in forms if f != name)
