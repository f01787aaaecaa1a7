"""Where the practice page gets its questions: the bank (``question_bank.registry``) and its resolver.

The page sees only :class:`question_bank.model.Question`; every question comes through the functions
below, so the app never reaches into the registry itself. An id no family can regenerate is an
:class:`UnknownQuestion` (the API answers 404).

>>> q = lookup("lstm-count.3")
>>> q.id, q.topic, q.checkable
('lstm-count.3', 'G', True)
>>> "derive-least-squares-gradient" in families(["A"], ["derivation"])
True
"""

from __future__ import annotations

import random

from checker.grading.problem import Problem
from checker.language.errors import InputError
from question_bank import registry
from question_bank.model import TYPES, Question
from question_bank.topics import TOPICS


class UnknownQuestion(InputError):
    """A question id that no family can regenerate."""


def families(topics: list[str] | None = None, types: list[str] | None = None) -> list[str]:
    """Family names that can ask questions of these topics and types (None or [] = any)."""
    return registry.select("".join(topics or ()) or None, tuple(types or ()) or None)


def pick(topics: list[str] | None, types: list[str] | None, rng: random.Random) -> Question | None:
    """A question whose own topic and type pass the filters (a family may span several), or None."""
    names = families(topics, types)
    for _ in range(50 if names else 0):
        question = registry.generate(rng.choice(names), rng.randrange(10**6))
        if (not topics or question.topic in topics) and (not types or question.type in types):
            return question
    return None


def generate(family: str, seed: int) -> Question:
    try:
        registry.resolve(family)
    except InputError as exc:
        raise UnknownQuestion(exc.message, expected=exc.expected) from None
    return registry.generate(family, seed)


def lookup(qid: str) -> Question:
    """The question with id ``"<family>.<seed>"`` (or ``q:<family>.<seed>``), regenerated from its seed."""
    text = qid[2:] if qid.startswith("q:") else qid
    family, dot, seed = text.rpartition(".")
    if not dot or not family or not seed.isdigit() or len(seed) > 12:
        raise UnknownQuestion(f"unknown question id '{qid[:80]}'", expected="<family>.<seed>, e.g. softmax.3")
    try:
        registry.resolve(family)
    except InputError:
        raise UnknownQuestion(f"unknown question id '{qid[:80]}': no family '{family[:60]}'",
                              expected="<family>.<seed>, e.g. softmax.3") from None
    return registry.generate(family, int(seed))


def problem_for(question: Question, label: str | None, seed: int = 0) -> Problem:
    """The checker's Problem for one blank of ``question`` (``label`` None = the first)."""
    from question_bank.problems import problem_for as resolver

    return resolver(question.id, label, seed)


__all__ = ["TOPICS", "TYPES", "UnknownQuestion", "families", "generate", "lookup", "pick", "problem_for"]
