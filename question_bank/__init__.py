"""The question bank: families of questions whose answers are computed at generation time.

``lookup(qid)``, ``generate(family, seed)``, ``families()`` / ``select(topics, types)`` (the registry),
``Question`` (the data model); exporters in ``question_bank.export``, typesetting in ``question_bank.typeset``.
"""

from question_bank.model import Blank, Check, Choice, Question, Step, TYPES
from question_bank.registry import FAMILIES, families, generate, lookup, resolve, select

__all__ = ["Blank", "Check", "Choice", "FAMILIES", "Question", "Step", "TYPES", "families", "generate", "lookup",
           "resolve", "select"]
