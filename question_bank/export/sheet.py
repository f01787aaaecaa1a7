"""How a printed exam is laid out: paper size, answer space, duration, the copy's seed and the command
that regenerates it (printed small in the key's footer, never in the paper's title).

Answer space is proportional to a question's points: ``full`` gives :data:`CM_PER_POINT` ``["full"]`` cm
per point (a 10-point derivation: 12 cm), ``compact`` less, ``none`` no space (the key, or a paper
answered on separate sheets). A multiple-choice question needs a fraction of that (:data:`CHOICE_SHARE`).
The template caps the space at what fits on one page with its question.

>>> space_cm(10, "full", False), space_cm(5, "compact", True), space_cm(8, "none", False)
(12.0, 0.8, 0.0)
>>> duration_text("90 min", "zh"), duration_text("90", "en"), duration_text("1.5 h", "zh")
('90 分钟', '90 min', '1.5 h')
>>> default_minutes(100), default_minutes(7)
(120, 30)
>>> rerun_command({"spec_file": None, "n": 4, "topics": "B", "types": None, "lang": "zh", "paper": "a4", "space": "full", "title": None})
'dlprep exam --questions 4 --topics B --lang zh'
"""

from __future__ import annotations

import math
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PAPERS = ("a4", "letter")
SPACES = ("none", "compact", "full")
CM_PER_POINT: dict[str, float] = {"none": 0.0, "compact": 0.5, "full": 1.2}
CHOICE_SHARE = 0.3  # a multiple-choice question: the letter and a line of reasoning
MINUTES_PER_POINT = 1.2  # a 100-point paper: 120 minutes (the course's final)


@dataclass(frozen=True)
class Sheet:
    paper: str = "a4"  # one of PAPERS
    space: str = "full"  # one of SPACES (answer space on the paper without answers)
    duration: str | None = None  # from the spec ("90 min"); None: estimated from the points
    seed: int | None = None  # the copy's seed (key footer only)
    command: str = ""  # the command without --seed that regenerates this exam (key footer only)


def space_cm(points: int, space: str, choices: bool) -> float:
    """Answer space in cm: points × CM_PER_POINT[space], a share of it for a multiple-choice question."""
    return round(points * CM_PER_POINT[space] * (CHOICE_SHARE if choices else 1.0), 1)


_MINUTES = re.compile(r"^\s*(\d{1,4})\s*(min|mins|minute|minutes|m|分钟|分)?\s*$", re.I)
_UNIT = {"en": "{n} min", "zh": "{n} 分钟"}


def duration_text(duration: str, lang: str) -> str:
    """A spec's duration in the paper's language when it is a number of minutes; other text as given."""
    m = _MINUTES.match(duration)
    return _UNIT[lang].format(n=int(m.group(1))) if m else duration


def default_minutes(total_points: int) -> int:
    """A duration when the spec gives none: MINUTES_PER_POINT per point, up to the next 10, at least 30."""
    return max(30, int(math.ceil(total_points * MINUTES_PER_POINT / 10.0)) * 10)


# (option, CLI flag, value printed when it is not the default); one line per option that changes the exam
_RERUN: tuple[tuple[str, str, Any], ...] = (
    ("spec_file", "--spec", None), ("n", "--questions", 10), ("topics", "--topics", None), ("types", "--types", None),
    ("lang", "--lang", "en"), ("title", "--title", None), ("paper", "--paper", "a4"), ("space", "--space", "full"),
)


def rerun_command(params: Mapping[str, Any]) -> str:
    """``dlprep exam`` with the options that shape this exam (the copy's ``--seed`` is added per copy)."""
    words = ["dlprep", "exam"]
    for key, flag, default in _RERUN:
        value = params.get(key)
        if value is None or value == default or (key == "n" and params.get("spec_file")):
            continue
        words += [flag, str(value)]
    return shlex.join(words)
