"""The families of the bank: name → module (one line each), with aliases; questions from ids.

    >>> from question_bank import generate, lookup
    >>> q = generate("derive-least-squares-gradient", 3)
    >>> q.id, q.topic, q.type in ("derivation", "proof")  # the seed picks the part and the way it is asked
    ('derive-least-squares-gradient.3', 'A', True)
    >>> lookup("q:derive-least-squares-gradient.3") == q
    True

Every family module exposes ``make(rng, seed) -> Question`` (both languages in one Question).
``derive-<catalog id>`` families are made from every catalog entry whose parts have a derivation.
Modules are imported when a family is first used.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from checker.language.errors import InputError
from question_bank.model import Question


@dataclass(frozen=True)
class Family:
    module: str  # question_bank.families.<module> exposes make(rng, seed) (or make(rng, seed, arg))
    topics: str  # the CATALOG.md section letters its questions can have
    types: tuple[str, ...]  # the TYPES its questions can have
    arg: str | None = None  # for parametrised modules: the catalog entry


def _f(module: str, topics: str, *types: str) -> Family:
    return Family("question_bank.families." + module, topics, types)


FAMILIES: dict[str, Family] = {
    "softmax": _f("softmax", "B", "fill-in", "numeric"),
    "activation-slope": _f("activation_slope", "BC", "fill-in", "numeric"),
    "mlp-pass": _f("mlp_pass", "C", "derivation"),
    "conv2d": _f("conv2d", "F", "fill-in", "numeric"),
    "pooling": _f("pooling", "F", "fill-in", "numeric"),
    "sparsemax": _f("sparsemax", "B", "fill-in", "numeric"),
    "conv-size": _f("conv_size", "F", "fill-in"),
    "lstm-count": _f("lstm_count", "G", "fill-in"),
    "glorot": _f("glorot", "G", "fill-in", "numeric"),
    "dropout": _f("dropout", "D", "fill-in", "numeric"),
    "bptt-growth": _f("bptt_growth", "G", "fill-in"),
    "kl-penalty": _f("kl_penalty", "E", "fill-in", "numeric"),
    "identity": _f("identities", "ABCDEFG", "fill-in"),
    "course": _f("course", "BC", "derivation", "fill-in"),
    "short-proofs": _f("short_proofs", "ADFG", "proof"),
    "concepts": _f("concepts", "ABCDEFG", "concept"),
}

ALIASES: dict[str, str] = {"softmax-numeric": "softmax", "sigmoid": "activation-slope", "mlp": "mlp-pass",
                           "conv": "conv2d", "pool": "pooling", "lstm": "lstm-count", "fill-in": "identity",
                           "concept": "concepts"}


def _derive_families() -> dict[str, Family]:
    from derivations.catalog import all_entries
    from question_bank.topics import SECTION

    out = {}
    for entry in all_entries():
        if any(p.steps or (p.function and p.wrt) for p in entry.parts):
            out["derive-" + entry.id] = Family("question_bank.families.derive", SECTION[entry.id], ("derivation", "proof"), arg=entry.id)
    return out


@lru_cache(maxsize=1)
def families() -> dict[str, Family]:
    """All families: the lines above, the derivation families of the catalog, the worked proofs."""
    out = dict(FAMILIES)
    out.update(_derive_families())
    from question_bank.families.worked import RECORDS  # proofs the engine cannot derive: one record each
    from question_bank.topics import SECTION

    out.update({"worked-" + e: Family("question_bank.families.worked", SECTION[e], (r.type,), arg=e) for e, r in RECORDS.items()})
    return out


def coverage() -> dict[str, set[str]]:
    """Catalog id → the asked kinds (CATALOG.md's ``asked`` column) some family can ask about it.

    Each family module declares ``ASKS`` ({catalog id: kinds}), or ``asks(arg)`` when parametrised.
    """
    out: dict[str, set[str]] = {}
    for fam in families().values():
        module = importlib.import_module(fam.module)
        if hasattr(module, "draw"):
            from question_bank import templated

            table = templated.asks(module)
        else:
            table = module.asks(fam.arg) if fam.arg is not None else getattr(module, "ASKS", {})
        for entry, kinds in table.items():
            out.setdefault(entry, set()).update(kinds)
    return out


@dataclass(frozen=True)
class Slot:
    """One genuinely different question of a family: ``generate(family, index + k * count)`` asks it for any k."""

    family: str
    index: int
    count: int  # how many variants the family has (the seed is taken modulo this)
    type: str
    topic: str
    catalog: str | None  # the catalog result it asks (None: a concept outside the catalog)
    key: str  # a stable name of the variant
    touches: tuple[str, ...] = ()  # what an exam may ask once: catalog ids, and ``concept:<key>`` for a concept


@lru_cache(maxsize=None)
def variants(name: str) -> tuple[Slot, ...]:
    """The variants of a family, in the order its seeds walk them (``seed % count`` picks one)."""
    from question_bank.topics import SECTION

    fam = families()[resolve(name)]
    module = importlib.import_module(fam.module)
    if hasattr(module, "draw"):
        rows = [(v.type, getattr(module, "TOPICS", {}).get(v.key, module.TOPIC), v.catalog, v.key) for v in module.VARIANTS]
    elif hasattr(module, "variants") and fam.arg is not None:  # derive-<id>: (part, proof?) pairs
        rows = [("proof" if proof else "derivation", SECTION[fam.arg], fam.arg, f"{part}/{'proof' if proof else 'derivation'}")
                for part, proof in module.variants(fam.arg)]
    elif fam.arg is not None:  # worked-<id>: one question
        rows = [(fam.types[0], SECTION[fam.arg], fam.arg, fam.arg)]
    else:  # the concept files: one per seed modulo their number (families/concepts.py)
        return tuple(Slot(name, i, len(module.concepts()), "concept", c.section, c.catalog[0] if c.catalog else None, c.key,
                          (*c.catalog, f"concept:{c.concept}")) for i, c in enumerate(module.concepts()))
    return tuple(Slot(name, i, len(rows), t, topic, catalog, key, (catalog,) if catalog else (f"{name}:{key}",))
                 for i, (t, topic, catalog, key) in enumerate(rows))


def resolve(name: str) -> str:
    """The canonical family name of a name or alias; unknown names are one line listing the valid ones."""
    name = ALIASES.get(name, name)
    if name not in families():
        raise InputError(f"unknown question family '{name}'", expected="one of: " + ", ".join(sorted(families())))
    return name


def select(topics: str | None = None, types: tuple[str, ...] | None = None) -> list[str]:
    """Family names that can ask questions of these topics (letters) and types, in registry order."""
    return [name for name, fam in families().items()
            if (not topics or set(fam.topics) & set(topics)) and (not types or set(fam.types) & set(types))]


@lru_cache(maxsize=2048)
def generate(family: str, seed: int) -> Question:
    """The question of ``family`` drawn with ``seed`` (the same seed gives the same question)."""
    name = resolve(family)
    fam = families()[name]
    module = importlib.import_module(fam.module)
    rng = np.random.default_rng([seed, _stable_hash(name)])
    if hasattr(module, "draw"):  # a templated family (question_bank.templated)
        from question_bank import templated

        question = templated.make(module, name, rng, seed)
    else:
        question = module.make(rng, seed, fam.arg) if fam.arg is not None else module.make(rng, seed)
    if question.family != name or question.id != f"{name}.{seed}":
        raise AssertionError(f"family {name} made a question with id {question.id}")
    from question_bank.premises import require

    return require(question)  # every symbol the answer uses is stated, or the question is not made


def lookup(qid: str) -> Question:
    """The question with id ``"<family>.<seed>"`` (also ``q:<family>.<seed>``), regenerated."""
    text = qid[2:] if qid.startswith("q:") else qid
    family, _, seed = text.rpartition(".")
    if not family or not seed.isdigit() or len(seed) > 12:
        raise InputError(f"cannot read the question id '{qid}'", expected="<family>.<seed>, e.g. q:softmax.3")
    return generate(family, int(seed))


def _stable_hash(name: str) -> int:
    """A seed component from the family name that does not change between runs (unlike hash())."""
    import zlib

    return zlib.crc32(name.encode("utf-8"))
