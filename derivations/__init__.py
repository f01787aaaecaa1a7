"""Step-by-step matrix-calculus derivations, verified numerically, and the course catalog.

``derive(expr, wrt, shapes, where=None)`` (from :mod:`derivations.engine`) is imported lazily, so
that reading the catalog does not load SymPy.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name in ("derive", "Derivation"):
        from derivations import derivation, engine

        return engine.derive if name == "derive" else derivation.Derivation
    raise AttributeError(name)
