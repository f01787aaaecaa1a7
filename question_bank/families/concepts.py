"""Concept questions (概念题): one record of :mod:`question_bank.families.concept_records` per seed.

The record is ``RECORDS[seed % len(RECORDS)]``, so consecutive seeds walk the whole bank without
repeats; the multiple-choice options (records with distractors) are shuffled with ``rng``. The
Question's params hold the record's stable key, which Anki GUIDs hash: fixing a typo in a record
keeps its review history.

>>> import numpy as np
>>> q = make(np.random.default_rng(3), 3)
>>> q.id, q.type, q.params == {"key": RECORDS[3].key}, 2 <= len(q.key_points) <= 4
('concepts.3', 'concept', True, True)
"""

from __future__ import annotations

import numpy as np

from question_bank.families.concept_records import RECORDS, Concept
from question_bank.model import Choice, Question

FAMILY = "concepts"
POINTS = 5
ASKS = {r.catalog: ("concept",) for r in RECORDS if r.catalog}  # catalog entries these questions ask about


def record(seed: int) -> Concept:
    """The record a seed selects."""
    return RECORDS[seed % len(RECORDS)]


def by_key(key: str) -> Concept:
    """The record with a stable key (KeyError if none)."""
    for r in RECORDS:
        if r.key == key:
            return r
    raise KeyError(key)


def make(rng: np.random.Generator, seed: int) -> Question:
    r = record(seed)
    choices: tuple[Choice, ...] = ()
    if r.choice is not None:
        options = [Choice(r.choice, True)] + [Choice(d, False) for d in r.distractors]
        choices = tuple(options[i] for i in rng.permutation(len(options)))
    return Question(
        id=f"{FAMILY}.{seed}", family=FAMILY, topic=r.topic, type="concept",
        prompt=dict(r.prompt), answer=dict(r.answer), seed=seed,
        key_points=tuple(dict(k) for k in r.key_points), choices=choices,
        points=POINTS, catalog_id=r.catalog, params={"key": r.key},
    )
