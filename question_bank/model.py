"""A question of the bank as plain data: what every exporter, `dlprep check q:<id>` and the practice
page read. Questions are regenerated from their id (``"<family>.<seed>"``), never stored.

Text fields are :data:`Text` dicts ``{"en": …, "zh": …}`` in one small markup that every exporter
understands: plain sentences with inline math ``$…$`` and display math ``$$…$$`` in LaTeX (the
expression language's ``to_latex`` output, or hand-written course LaTeX), paragraphs separated by a
blank line, and nothing else (no Markdown emphasis, no raw HTML). Exporters escape the prose for
their format and render the math.

>>> q = Question(id="conv-size.7", family="conv-size", topic="E", type="fill-in",
...              prompt={"en": "Output size of a valid convolution, $M = 7$, $K = 3$?", "zh": "…"},
...              answer={"en": "$M - K + 1 = 5$", "zh": "$M - K + 1 = 5$"}, seed=7,
...              blanks=(Blank("1", Check(reference="5"), "5", "5"),))
>>> q.checkable, q.type_name("zh")
(True, '填空题')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Text = dict[str, str]  # {"en": ..., "zh": ...}

TYPES: dict[str, Text] = {
    "concept": {"en": "Concept", "zh": "概念题"},
    "fill-in": {"en": "Fill in the blank", "zh": "填空题"},
    "proof": {"en": "Proof", "zh": "证明题"},
    "derivation": {"en": "Derivation", "zh": "推导题"},
    "numeric": {"en": "Numeric", "zh": "计算题"},
}
COURSE_ORDER = ("concept", "fill-in", "proof", "derivation", "numeric")  # the course's exam: 概念题, 填空题, 证明题, 推导题
SECTION_TITLES: dict[str, Text] = {
    "concept": {"en": "Concept questions", "zh": "概念题"},
    "fill-in": {"en": "Fill in the blanks", "zh": "填空题"},
    "proof": {"en": "Proofs", "zh": "证明题"},
    "derivation": {"en": "Derivations", "zh": "推导题"},
    "numeric": {"en": "Calculations", "zh": "计算题"},
}
NUMERALS = {"zh": "一二三四五六七八九十", "en": ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")}


def section_title(type_: str, number: int, lang: str) -> str:
    """The printed heading of the ``number``-th section (1-based): ``一、概念题``, ``I. Concept questions``."""
    mark = NUMERALS[lang][(number - 1) % 10]
    return f"{mark}、{SECTION_TITLES[type_]['zh']}" if lang == "zh" else f"{mark}. {SECTION_TITLES[type_]['en']}"


@dataclass(frozen=True)
class Check:
    """What an answer is graded against: the reference as expression-language text.

    ``shapes`` is a ``--shapes`` declaration ("" for plain numbers); numeric answers have a literal
    reference (``"[0.2, 0.3; 0.5, 0.1]"``) and a relative tolerance ``rtol`` stated on the question;
    ``catalog`` = (entry id, part) when the blank is a catalog part (steps can then be checked too).
    """

    reference: str
    shapes: str = ""
    kind: str = "value"  # value | gradient | jacobian | differential
    where: str | None = None
    rtol: float = 1e-8
    catalog: tuple[str, str] | None = None


@dataclass(frozen=True)
class Blank:
    """One checkable answer of a question (a fill-in blank, a numeric result, a derivation's result)."""

    label: str  # "1", "2", … as printed in the prompt
    check: Check
    answer_text: str  # plain text, as a student would type it
    answer_latex: str
    what: Text = field(default_factory=dict)  # what the part asks, in markup: {"en": "$\\delta^{(2)} \\in \\mathbb{R}^{2}$", …}
    points: int = 0  # this part's share of the question's points (0: not split)


@dataclass(frozen=True)
class Step:
    """One line of a model derivation, as verified by the engine (`dlprep show`'s steps)."""

    latex: str
    rule: Text
    verified: bool
    stated: bool = False  # a definition or a given, stated rather than claimed (never "verified")


@dataclass(frozen=True)
class Mark:
    """One line of a marking scheme: what earns the points (``Mark({"en": "δ recursion", …}, 3)``)."""

    text: Text
    points: int


@dataclass(frozen=True)
class Choice:
    text: Text
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str  # "<family>.<seed>"
    family: str  # registry name
    topic: str  # CATALOG.md section letter, e.g. "A"
    type: str  # a key of TYPES
    prompt: Text
    answer: Text  # the model answer (for proofs and derivations: an introduction to the steps)
    seed: int
    blanks: tuple[Blank, ...] = ()
    steps: tuple[Step, ...] = ()  # the model answer's lines (course style, each verified or stated)
    trace: tuple[Step, ...] = ()  # every step of the engine's verified derivation ("every step" view)
    marking: tuple[Mark, ...] = ()  # the marking scheme of proofs and derivations
    key_points: tuple[Text, ...] = ()  # grading points of concept and proof questions
    choices: tuple[Choice, ...] = ()  # distractors, for multiple-choice exports
    points: int = 5
    catalog_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict)  # the draw; Anki GUIDs hash family + params

    @property
    def checkable(self) -> bool:
        return bool(self.blanks)

    def type_name(self, lang: str) -> str:
        return TYPES[self.type][lang]
