"""The course catalog: every result of CATALOG.md under its stable id (a public interface).

    >>> from derivations.catalog import get
    >>> get("least-squares-gradient").parts[0].reference
    '2 A^T (A x - b)'

Reading the registry is cheap (no SymPy): entries hold expressions as text; `dlprep check ID`
builds its problem from them, so a new entry is checkable with no change to the checker. Adding an
entry is one edit: its ``Entry`` in its topic module's ``ENTRIES`` (a new topic: one line in
``TOPICS``), plus CATALOG.md when the syllabus changes (tests/checker/test_catalog_registry.py shows it).
"""

from __future__ import annotations

import difflib
import importlib

from checker.language.errors import InputError
from derivations.catalog.model import Entry, MalRule, Part
from checker.language.limits import short

TOPICS = ("traces", "least_squares", "activations", "softmax", "sparsemax", "mlp", "conv", "pooling", "rnn", "lstm",
          "batchnorm", "regularization", "autoencoder", "rbm", "attention", "training")  # one module per topic

_REGISTRY: dict[str, Entry] = {}


def _load() -> dict[str, Entry]:
    if not _REGISTRY:
        for topic in TOPICS:
            for entry in importlib.import_module(f"derivations.catalog.{topic}").ENTRIES:
                register(entry)
    return _REGISTRY


def register(entry: Entry) -> None:
    """Add one entry (a topic module's ENTRIES are registered this way); ids are unique."""
    if entry.id in _REGISTRY:
        raise ValueError(f"the catalog id {entry.id} is registered twice")
    _REGISTRY[entry.id] = entry


def ids() -> list[str]:
    return list(_load())


def all_entries() -> list[Entry]:
    return list(_load().values())


def get(entry_id: str) -> Entry:
    """The entry with this id; an unknown id is an InputError naming the nearest ids."""
    registry = _load()
    if entry_id in registry:
        return registry[entry_id]
    near = difflib.get_close_matches(entry_id, registry, n=3, cutoff=0.4)
    hint = f"one of the nearest ids: {', '.join(near)}" if near else f"one of: {', '.join(registry)}"
    raise InputError(f"unknown problem id '{short(entry_id, 60)}'", expected=hint)


__all__ = ["Entry", "MalRule", "Part", "all_entries", "get", "ids", "register"]
