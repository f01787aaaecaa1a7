"""Concept questions (概念题): one file of ``question_bank/concepts/`` per seed (:mod:`.concept_files`).

The concept is ``concepts()[seed % N]`` (files sorted by key), so consecutive seeds walk the whole
bank without repeats. An open question carries its key points and the marking scheme they make; a
choice question its four options, shuffled with ``rng``, and one checkable blank whose answer is the
right letter (``dlprep check q:concepts.<seed> --answer B``). The Question's params hold the stable
key, which Anki GUIDs hash: fixing a typo in a file keeps its review history. ``catalog_id`` is the
first catalog id the question touches; :func:`touches` gives all of them and its concept.

>>> import numpy as np
>>> q = make(np.random.default_rng(3), 3)
>>> q.id, q.type, q.params == {"key": concept(3).key}
('concepts.3', 'concept', True)
"""

from __future__ import annotations

import numpy as np

from question_bank.families.concept_files import Concept, by_key, concepts
from question_bank.model import Blank, Check, Choice, Mark, Question

FAMILY = "concepts"
LETTERS = "ABCD"
ASKS = {c: ("concept",) for k in concepts() for c in k.catalog}  # catalog entries these questions ask about
ANSWER_WORD = {"en": "The right option: {letter}", "zh": "正确选项：{letter}"}
WHAT = {"en": "the letter of the right option (A–D)", "zh": "正确选项的字母（A–D）"}


def concept(seed: int) -> Concept:
    """The concept a seed selects."""
    bank = concepts()
    return bank[seed % len(bank)]


def make(rng: np.random.Generator, seed: int) -> Question:
    c = concept(seed)
    choices: tuple[Choice, ...] = ()
    blanks: tuple[Blank, ...] = ()
    if c.type == "choice":
        order = rng.permutation(len(c.choices))
        choices = tuple(Choice(dict(c.choices[i]), bool(i == c.correct)) for i in order)
        letter = LETTERS[next(k for k, ch in enumerate(choices) if ch.correct)]
        blanks = (Blank("1", Check(reference=letter, kind="choice"), letter, letter, dict(WHAT), c.points),)
        marking = (Mark({lang: text.format(letter=letter) for lang, text in ANSWER_WORD.items()}, c.points),)
    else:
        marking = tuple(Mark(dict(text), points) for text, points in c.key_points)
    return Question(
        id=f"{FAMILY}.{seed}", family=FAMILY, topic=c.section, type="concept",
        prompt=dict(c.prompt), answer=dict(c.answer), seed=seed, blanks=blanks, marking=marking,
        key_points=tuple(dict(text) for text, _ in c.key_points), choices=choices,
        points=c.points, catalog_id=c.catalog[0] if c.catalog else None, params={"key": c.key},
    )


def touches(question: Question) -> frozenset[str]:
    """What an exam may ask only once: the catalog ids a question touches, and for a concept
    question its concept (``concept:<key>``, shared by an open question and its choice variant).

    >>> sorted(touches(make(np.random.default_rng(0), [k.key for k in concepts()].index("zero-init-choice"))))
    ['concept:zero-init', 'mlp-backprop']
    """
    if question.family != FAMILY:
        parts = {b.check.catalog[0] for b in question.blanks if b.check.catalog is not None}
        return frozenset(parts | ({question.catalog_id} if question.catalog_id else set()))
    c = by_key(question.params["key"])
    return frozenset({*c.catalog, f"concept:{c.concept}"})
