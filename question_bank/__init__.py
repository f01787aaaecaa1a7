"""The question bank: families of questions whose answers are computed at generation time.

``lookup(qid)``, ``generate(family, seed)``, ``all_families()`` / ``select(topics, types)`` (the registry),
``Question`` (the data model); exporters in ``question_bank.export``, typesetting in ``question_bank.typeset``.
"""

from question_bank.model import Blank, Check, Choice, Question, Step, TYPES
from question_bank.registry import FAMILIES, coverage, generate, lookup, resolve, select
from question_bank.registry import families as all_families  # (``question_bank.families`` is the package of family modules)

__all__ = ["Blank", "Check", "Choice", "FAMILIES", "Question", "Step", "TYPES", "all_families", "coverage", "generate",
           "lookup", "resolve", "select"]
