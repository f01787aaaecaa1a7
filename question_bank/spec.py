"""What an exam asks: sections of (count, types, topics, points), a title and a duration.

From the command line (``--questions N --topics B,F --types numeric``) or a TOML file::

    title = "Midterm practice"       # or one per language: title = { zh = "期中练习", en = "Midterm practice" }
    duration = "90 min"
    [[questions]]
    count = 3
    types = ["numeric"]
    topics = ["B", "F"]
    points = 10

Unknown keys, topics and types are refused in one line that lists the valid ones.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.language.errors import InputError
from question_bank.model import TYPES
from question_bank.topics import TOPICS

TOP_KEYS = ("title", "duration", "questions")
SECTION_KEYS = ("count", "type", "types", "topic", "topics", "points")
MAX_QUESTIONS = 200
DEFAULT_TITLE = "Deep learning practice exam"
DEFAULT_TITLES = {"en": DEFAULT_TITLE, "zh": "深度学习练习卷", "both": "深度学习练习卷 Deep learning practice exam"}


@dataclass(frozen=True)
class Section:
    count: int
    types: tuple[str, ...] = ()  # empty: any type
    topics: str = ""  # section letters; empty: any topic
    points: int | None = None  # None: each family's own points
    flexible: bool = False  # the default course shape: a section no family can fill gives its count to the next


# The course's closed-book exam (seeds/000): 概念题, 填空题, 证明题, 推导题 in this order; of 15 questions
# 4 concept, 5 fill-in, 3 proofs and 3 derivations (the course's own had 9 concepts, 5 fill-ins, 2 proofs
# and one four-part derivation: fewer concepts here, so that ten copies rarely repeat one).
SHAPE: tuple[tuple[str, int], ...] = (("concept", 4), ("fill-in", 5), ("proof", 3), ("derivation", 3))


def course_shape(questions: int, topics: str = "") -> tuple[Section, ...]:
    """``questions`` split over the four sections in the course's proportions (largest remainders)."""
    total = sum(w for _, w in SHAPE)
    exact = [questions * w / total for _, w in SHAPE]
    counts = [int(x) for x in exact]
    for i in sorted(range(len(SHAPE)), key=lambda i: (counts[i] - exact[i], i))[: questions - sum(counts)]:
        counts[i] += 1
    return tuple(Section(c, (t,), topics, flexible=True) for (t, _), c in zip(SHAPE, counts) if c)


@dataclass(frozen=True)
class ExamSpec:
    sections: tuple[Section, ...]
    title: str = DEFAULT_TITLE
    duration: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(s.count for s in self.sections)


def _items(values: Any, what: str) -> list[Any]:
    """A comma-separated string or a list of strings (a TOML number or table is refused by name)."""
    if isinstance(values, str):
        return values.split(",")
    if isinstance(values, list) and all(isinstance(v, str) for v in values):
        return values
    raise InputError(f"{what} must be a list of names or a comma-separated string, not {type(values).__name__}",
                     expected=f'{what} = ["…", "…"]')


def parse_types(values: Any) -> tuple[str, ...]:
    items = _items(values, "types")
    out = tuple(str(v).strip() for v in items if str(v).strip())
    bad = [t for t in out if t not in TYPES]
    if bad:
        raise InputError(f"unknown question type '{bad[0]}'", expected="one of: " + ", ".join(TYPES))
    return out


def parse_topics(values: Any) -> str:
    items = _items(values, "topics")
    out = [str(v).strip().upper() for v in items if str(v).strip()]
    bad = [t for t in out if t not in TOPICS]
    if bad:
        raise InputError(f"unknown topic '{bad[0]}'", expected="one of the CATALOG.md sections: " + ", ".join(TOPICS))
    return "".join(out)


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_QUESTIONS:
        raise InputError(f"{where} must be a whole number from 1 to {MAX_QUESTIONS}, not {value!r}")
    return value


def one_line(value: Any, what: str, limit: int) -> str:
    """A title or duration: text of at most ``limit`` characters with no control characters (a bell, a
    NUL, a line break or an escape would make the Moodle XML, the LaTeX or the HTML invalid)."""
    if not isinstance(value, str):
        raise InputError(f"the {what} must be text, not {type(value).__name__}", expected=f'{what} = "…"')
    bad = next((i for i, c in enumerate(value) if unicodedata.category(c) in ("Cc", "Cs") or c in "\u2028\u2029"), None)
    if bad is not None:
        raise InputError(f"the {what} has a control character (U+{ord(value[bad]):04X}) at position {bad + 1}",
                         expected=f"a {what} on one line, without control characters")
    return value[:limit]


def from_options(questions: int, topics: str | None, types: str | None, title: str | None = None) -> ExamSpec:
    """Without ``--types``: the course's four sections in order; with it, one section of those types."""
    count, letters = _count(questions, "--questions"), parse_topics(topics or "")
    title = one_line(title, "title", 200) if title else DEFAULT_TITLE
    if not types:
        return ExamSpec(course_shape(count, letters), title=title)
    return ExamSpec((Section(count, parse_types(types), letters),), title=title)


def from_toml(path: str | Path, topics: str | None = None, types: str | None = None) -> ExamSpec:
    """Read a spec file; ``--topics``/``--types`` given on the command line narrow every section."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"no such spec file: {path}")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8", errors="replace"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"cannot read the spec file {file.name}: {exc}") from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise InputError(f"cannot read the spec file {file.name}: it is nested too deeply",
                         expected="title, duration and [[questions]] tables of count, types, topics, points") from None
    unknown = [k for k in data if k not in TOP_KEYS]
    if unknown:
        raise InputError(f"unknown key '{unknown[0]}' in {file.name}", expected="one of: " + ", ".join(TOP_KEYS))
    raw = data.get("questions", [])
    if not isinstance(raw, list) or not raw or not all(isinstance(s, dict) for s in raw):
        raise InputError(f"{file.name} needs at least one [[questions]] table", expected="count, types, topics, points")
    sections = []
    for i, table in enumerate(raw, 1):
        bad = [k for k in table if k not in SECTION_KEYS]
        if bad:
            raise InputError(f"unknown key '{bad[0]}' in [[questions]] {i} of {file.name}", expected="one of: " + ", ".join(SECTION_KEYS))
        kinds = parse_types(table.get("types", table.get("type", "")))
        letters = parse_topics(table.get("topics", table.get("topic", "")))
        if types:
            kinds = tuple(t for t in (kinds or TYPES) if t in parse_types(types))
        if topics:
            letters = "".join(t for t in (letters or "".join(TOPICS)) if t in parse_topics(topics))
        points = table.get("points")
        sections.append(Section(_count(table.get("count", 1), f"count of [[questions]] {i}"), kinds, letters,
                                None if points is None else _count(points, f"points of [[questions]] {i}")))
    total = sum(s.count for s in sections)
    if total > MAX_QUESTIONS:
        raise InputError(f"{file.name} asks {total} questions; at most {MAX_QUESTIONS}")
    title = data.get("title", DEFAULT_TITLE)
    titles: dict[str, str] = {}
    if isinstance(title, dict):  # title = { zh = "期中练习", en = "Midterm practice" }: each paper in its language
        bad = [k for k in title if k not in ("en", "zh")]
        if bad or not title:
            raise InputError(f"unknown language '{bad[0] if bad else ''}' in the title of {file.name}", expected="title = { zh = \"…\", en = \"…\" }")
        titles = {k: one_line(v, "title", 200) for k, v in title.items()}
        title = titles.get("en") or titles["zh"]
    duration = data.get("duration")
    return ExamSpec(tuple(sections), title=one_line(title, "title", 200),
                    duration=None if duration is None else one_line(duration, "duration", 50),
                    extra={"titles": titles} if titles else {})
