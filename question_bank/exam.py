"""An exam: questions drawn from the registry by a spec and a seed, written in every asked format.

``assemble(spec, seed)`` is deterministic: the same spec and seed give the same questions. By default the
course's four sections in order (概念题, 填空题, 证明题, 推导题, see ``spec.SHAPE``); each section walks a fixed
shuffle of every variant it may ask (``registry.variants``), seed s from its own offset, so consecutive
seeds ask different questions, and one catalog result (``RELATED`` results count as one) at most once.
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
from question_bank.model import COURSE_ORDER, Question
from question_bank.registry import Slot, generate, select, variants
from question_bank.spec import ExamSpec, Section

SEED_WORD = {"en": "seed", "zh": "种子", "both": "种子 seed"}

# Catalog results whose questions give each other away (the same formula under another name, or one
# prompt states the other's answer): at most one of a group per exam.
RELATED: dict[str, str] = {
    "scaled-dot-product": "softmax-jacobian",
    "softmax-cross-entropy-gradient": "mlp-backprop",  # a − e_y is the output δ of softmax + cross-entropy
    "mlp-batch-backprop": "mlp-backprop",
    "rnn-bptt": "mlp-backprop",  # diag(f′)Uᵀδ is the δ recursion
    "sparsemax-jacobian": "sparsemax-kkt",  # its prompt states p = [z − τ1]₊
    "logistic-regression-gradient": "sigmoid-derivative",
}


def group(catalog: str | None, key: str) -> str:
    """The result a question asks, for "at most once per exam" (a concept outside the catalog: itself)."""
    return RELATED.get(catalog, catalog) if catalog else "concept:" + key


def pool(section: Section) -> list[Slot]:
    """Every variant the section may ask, in a fixed shuffled order (the same for every exam seed, so
    consecutive seeds take consecutive windows of it: ten copies rarely ask the same question twice)."""
    allowed = section.types or tuple(t for t in COURSE_ORDER if t != "numeric")
    slots = [v for name in select(section.topics or None, allowed) for v in variants(name)
             if v.type in allowed and (not section.topics or v.topic in section.topics)]
    order = np.random.default_rng([len(slots), *map(ord, "".join(allowed))]).permutation(len(slots))
    return [slots[i] for i in order]


def _section_questions(section: Section, slots: list[Slot], seed: int, taken: set[str]) -> list[Question]:
    count = section.count
    if not slots:
        raise InputError("no question family asks " + "/".join(section.types or ("any type",))
                         + (f" in topics {section.topics}" if section.topics else ""))
    stride = max(count, len(slots) // 10)
    start = ((seed - 1) * stride + (seed - 1) // 10 * count) % len(slots)
    out: list[Question] = []
    for step in range(len(slots)):
        if len(out) == count:
            break
        slot = slots[(start + step) % len(slots)]
        if group(slot.catalog, slot.key) in taken:
            continue
        q = generate(slot.family, slot.index + slot.count * seed)
        if q.type != slot.type or q.catalog_id != slot.catalog:
            raise AssertionError(f"{q.id}: the variant table says {slot.type}/{slot.catalog}, the question is {q.type}/{q.catalog_id}")
        if section.points is not None:
            q = dataclasses.replace(q, points=section.points)
        out.append(q)
        taken.add(group(slot.catalog, slot.key))
    if len(out) < count:
        raise InputError(f"only {len(out)} different questions match this section (one catalog result at most once "
                         "per exam); ask fewer")
    return sorted(out, key=lambda q: COURSE_ORDER.index(q.type))


def assemble(spec: ExamSpec, seed: int) -> list[Question]:
    """The questions of one copy: the sections in order, no catalog result asked twice. A section of the
    default course shape that no family can fill (``--topics`` too narrow) gives its count to the next."""
    taken: set[str] = set()
    sections = list(spec.sections)
    pools = [pool(s) for s in sections]
    carry = 0
    out: list[Question] = []
    for i, (section, slots) in enumerate(zip(sections, pools)):
        section = dataclasses.replace(section, count=section.count + carry)
        carry = 0
        if section.flexible and len({group(v.catalog, v.key) for v in slots} - taken) < section.count and i + 1 < len(sections):
            usable = len({group(v.catalog, v.key) for v in slots} - taken)
            carry, section = section.count - usable, dataclasses.replace(section, count=usable)
        if section.count:
            out.extend(_section_questions(section, slots, seed, taken))
    return out


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


def titled(title: str, seed: int, lang: str, duration: str | None) -> str:
    """The printed title: the default one in the exam's language, the duration, the copy's seed."""
    from question_bank.spec import DEFAULT_TITLE, DEFAULT_TITLES

    title = DEFAULT_TITLES[lang] if title == DEFAULT_TITLE else title
    extra = f" · {duration}" if duration else ""
    return f"{title}{extra} · {SEED_WORD[lang]} {seed}"


def write_exam(spec: ExamSpec, seed: int, out: Path, fmts: Sequence[str], lang: str, answers: str) -> Written:
    """One copy: the exam (and its key when ``answers == 'separate'``) in each format, written atomically."""
    from question_bank.typeset import compile_pdf, write

    questions = assemble(spec, seed)
    title = titled(spec.title, seed, lang, spec.duration)
    stem = f"exam-s{seed}"
    modes = {"separate": [("none", ""), ("key", "-key")], "inline": [("inline", "")], "none": [("none", "")]}[answers]
    files: list[Path] = []
    for fmt in fmts:
        if fmt == "pdf":
            continue
        spec_fmt = FORMATS[fmt]
        export = exporter(fmt)
        for mode, suffix in ([("inline", "")] if spec_fmt.always_answers else modes):
            files.append(write(out / f"{stem}{suffix}{spec_fmt.extension}", export(questions, lang, title, mode)))
    if "pdf" in fmts:
        tex = exporter("tex")
        for mode, suffix in modes:
            files.append(compile_pdf(tex(questions, lang, title, mode), out / f"{stem}{suffix}.pdf"))
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
                 progress: Callable[[range], Any] = lambda r: r) -> list[Written]:
    """Copy c has seed ``seed + c``: its own questions, its own key, its seed printed on it."""
    if "pdf" in fmts:
        from question_bank.typeset.pdf import require_tex

        require_tex()  # before any file is written
    return [write_exam(spec, seed + c, out, fmts, lang, answers) for c in progress(range(copies))]
