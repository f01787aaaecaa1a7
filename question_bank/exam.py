"""An exam: questions drawn from the registry by a spec and a seed, written in every asked format.

``assemble(spec, seed)`` is deterministic: the same spec and seed give the same questions (ids
``<family>.<seed>``), another seed another variant. Families are taken in turn across the question
types, so a 10-question exam mixes numeric, fill-in, derivation, proof (and concept) questions.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from checker.language.errors import InputError
from question_bank.export import ALIASES, FORMATS, available, exporter
from question_bank.export.sheet import Sheet
from question_bank.model import TYPES, Question
from question_bank.registry import families, generate, select
from question_bank.spec import ExamSpec, Section

SEED_WORD = {"en": "seed", "zh": "种子", "both": "种子 seed"}
TRIES = 25


def _section_questions(section: Section, seed: int, index: int, taken: set[str]) -> list[Question]:
    rng = np.random.default_rng([seed, index])
    allowed = section.types or tuple(TYPES)
    candidates = select(section.topics or None, allowed)
    if not candidates:
        raise InputError("no question family asks " + "/".join(allowed) + (f" in topics {section.topics}" if section.topics else ""))
    by_type: dict[str, list[str]] = {}
    for name in rng.permutation(candidates).tolist():
        for t in families()[name].types:
            if t in allowed:
                by_type.setdefault(t, []).append(name)
    order = [t for t in rng.permutation(sorted(by_type)).tolist()]
    out: list[Question] = []
    turn = 0
    while len(out) < section.count and turn < section.count * 8 + 50:
        kind = order[turn % len(order)]
        pool = by_type[kind]
        name = pool[(turn // len(order)) % len(pool)]
        turn += 1
        for _ in range(TRIES):
            q = generate(name, int(rng.integers(1, 100_000)))
            same = f"{q.family} {json.dumps(q.params, sort_keys=True)}"  # one draw asked once, whatever its seed
            if same in taken or q.type != kind or (section.topics and q.topic not in section.topics):
                continue
            if section.points is not None:
                q = dataclasses.replace(q, points=section.points)
            out.append(q)
            taken.add(same)
            break
    if len(out) < section.count:
        raise InputError(f"only {len(out)} different questions match this section; ask fewer")
    return out


def assemble(spec: ExamSpec, seed: int) -> list[Question]:
    """The questions of one exam copy."""
    taken: set[str] = set()
    return [q for i, s in enumerate(spec.sections) for q in _section_questions(s, seed, i, taken)]


def formats(names: str) -> list[str]:
    """``md,tex,pdf`` → canonical names; ``pdf`` is the LaTeX compiled."""
    out = []
    for raw in names.split(","):
        name = ALIASES.get(raw.strip().lower(), raw.strip().lower())
        if not name:
            continue
        if name not in FORMATS and name != "pdf":
            raise InputError(f"unknown format '{raw.strip()}'", expected="one of: " + ", ".join([*FORMATS, "pdf"]))
        if name in FORMATS and name not in available():
            raise InputError(f"the {name} exporter is not available in this version")
        if name not in out:
            out.append(name)
    if not out:
        raise InputError("no format given", expected="e.g. md,html")
    return out


@dataclass
class Written:
    seed: int
    questions: list[Question]
    files: list[Path]


def titled(spec: ExamSpec, lang: str) -> str:
    """The printed title in the exam's language: the spec's (per language when it gives one), else the default
    (the seed and duration go elsewhere: export.sheet)."""
    from question_bank.spec import DEFAULT_TITLE, DEFAULT_TITLES

    titles = spec.extra.get("titles", {})
    mine = " ".join(titles[code] for code in ("zh", "en") if code in titles and lang in (code, "both"))
    return mine or (DEFAULT_TITLES[lang] if spec.title == DEFAULT_TITLE else spec.title)


def write_exam(spec: ExamSpec, seed: int, out: Path, fmts: Sequence[str], lang: str, answers: str,
               sheet: Sheet | None = None) -> Written:
    """One copy: the exam (and its key when ``answers == 'separate'``) in each format, written atomically."""
    from question_bank.typeset import compile_pdf, write

    questions = assemble(spec, seed)
    title = titled(spec, lang)
    sheet = dataclasses.replace(sheet or Sheet(), duration=spec.duration, seed=seed)
    stem = f"exam-s{seed}"
    modes = {"separate": [("none", ""), ("key", "-key")], "inline": [("inline", "")], "none": [("none", "")]}[answers]
    files: list[Path] = []
    for fmt in fmts:
        if fmt == "pdf":
            continue
        spec_fmt = FORMATS[fmt]
        export = exporter(fmt)
        for mode, suffix in ([("inline", "")] if spec_fmt.always_answers else modes):
            page = {"sheet": sheet} if spec_fmt.sheet else {}
            files.append(write(out / f"{stem}{suffix}{spec_fmt.extension}", export(questions, lang, title, mode, **page)))
    if "pdf" in fmts:
        tex = exporter("tex")
        for mode, suffix in modes:
            files.append(compile_pdf(tex(questions, lang, title, mode, sheet=sheet), out / f"{stem}{suffix}.pdf"))
    return Written(seed, questions, files)


def to_json(written: Sequence[Written], out: Path) -> str:
    """The exam as data: each copy's seed, files and questions (every field of the Question)."""
    def question(q: Question) -> dict[str, Any]:
        data = dataclasses.asdict(q)
        data["check"] = [f"dlprep check q:{q.id} --part {b.label} --answer ..." for b in q.blanks]
        return data

    return json.dumps({"out": str(out), "copies": [{"seed": w.seed, "files": [str(f) for f in w.files],
                                                   "questions": [question(q) for q in w.questions]} for w in written]},
                      ensure_ascii=False, indent=1)


def prepare_out(out: Path, force: bool) -> None:
    """Refuse to write into a non-empty directory without ``--force``."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InputError(f"{out}/ already exists and is not empty; use --force to overwrite or --out DIR")


def write_copies(spec: ExamSpec, seed: int, copies: int, out: Path, fmts: Sequence[str], lang: str, answers: str,
                 progress: Callable[[range], Any] = lambda r: r, sheet: Sheet | None = None) -> list[Written]:
    """Copy c has seed ``seed + c``: its own questions, its own key, its seed printed on it."""
    if "pdf" in fmts:
        from question_bank.typeset.pdf import require_tex

        require_tex()  # before any file is written
    return [write_exam(spec, seed + c, out, fmts, lang, answers, sheet) for c in progress(range(copies))]
