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
from question_bank.export.sheet import Sheet
from question_bank.model import COURSE_ORDER, Question
from question_bank.registry import Slot, generate, select, variants
from question_bank.spec import ExamSpec, Section


# Catalog results whose questions give each other away (the same formula under another name, or one
# prompt states the other's answer): at most one of a group per exam.
RELATED: dict[str, str] = {
    "scaled-dot-product": "softmax-jacobian",
    "softmax-cross-entropy-gradient": "mlp-backprop",  # a − e_y is the output δ of softmax + cross-entropy
    "mlp-batch-backprop": "mlp-backprop",
    "rnn-bptt": "mlp-backprop",  # diag(f′)Uᵀδ is the δ recursion
    "sparsemax-jacobian": "sparsemax-kkt",  # its prompt states p = [z − τ1]₊
    "logistic-regression-gradient": "sigmoid-derivative",
    "leaky-relu-derivative": "relu-derivative",  # one piecewise-linear slope per exam, not three
    "elu-derivative": "relu-derivative",
}


def groups(slot: Slot) -> frozenset[str]:
    """What asking this variant uses up for the rest of the exam: its catalog results (``RELATED`` ones
    count as one) and, for a concept question, its concept (shared by the open and the choice form)."""
    return frozenset(RELATED.get(t, t) for t in slot.touches)


CYCLE = 10  # seeds 1–10, 11–20, …: within a cycle the copies share out the variants


def pool(section: Section, cycle: int = 0) -> list[Slot]:
    """Every variant the section may ask, in a shuffled order fixed by the cycle of seeds."""
    allowed = section.types or tuple(t for t in COURSE_ORDER if t != "numeric")
    slots = [v for name in select(section.topics or None, allowed) for v in variants(name)
             if v.type in allowed and (not section.topics or v.topic in section.topics)]
    order = np.random.default_rng([cycle, len(slots), *map(ord, "".join(allowed))]).permutation(len(slots))
    return [slots[i] for i in order]


def _counts(sections: list[Section], pools: list[list[Slot]]) -> list[int]:
    """Each section's count; a default-shape section with too few different results passes the rest on."""
    counts = [s.count for s in sections]
    for i, (section, slots) in enumerate(zip(sections, pools)):
        usable = len({min(groups(v)) for v in slots})
        if section.flexible and usable < counts[i] and i + 1 < len(sections):
            counts[i + 1] += counts[i] - usable
            counts[i] = usable
    for i in range(len(sections) - 1, 0, -1):  # more than a section has variants at all: back to the one before
        if sections[i].flexible and counts[i] > len(pools[i]):
            counts[i - 1] += counts[i] - len(pools[i])
            counts[i] = len(pools[i])
    return counts


def plan(spec: ExamSpec, seed: int) -> list[list[Slot]]:
    """The variants of copy ``seed``, section by section. The copies of one cycle of seeds are planned
    together, each taking the variants the earlier copies of the cycle used least (so ten copies rarely
    repeat a question); within a copy no result twice, the scarcest section (fewest variants per
    question) first. Only variant metadata is read: planning a copy costs no question generation."""
    cycle, position = divmod(max(seed, 1) - 1, CYCLE)
    sections = list(spec.sections)
    pools = [pool(s, cycle) for s in sections]
    counts = _counts(sections, pools)
    for i, slots in enumerate(pools):
        if counts[i] and not slots:
            raise InputError("no question family asks " + "/".join(sections[i].types or ("any type",))
                             + (f" in topics {sections[i].topics}" if sections[i].topics else ""))
    order = sorted(range(len(sections)), key=lambda i: (len(pools[i]) / max(counts[i], 1), i))
    used: dict[tuple[str, int], int] = {}
    picks: list[list[Slot]] = []
    for copy in range(position + 1):
        taken: set[str] = set()
        picks = [[] for _ in sections]
        for i in order:
            slots = pools[i]
            start = copy * max(counts[i], len(slots) // CYCLE)
            ranked = sorted(range(len(slots)), key=lambda j: (used.get((slots[j].family, slots[j].index), 0), (j - start) % len(slots)))
            for repeat in (False, True):  # a result twice only when the section cannot be filled otherwise
                for j in ranked:
                    if len(picks[i]) == counts[i]:
                        break
                    g = groups(slots[j])
                    if (repeat or not g & taken) and slots[j] not in picks[i]:
                        picks[i].append(slots[j])
                        taken |= g
            if len(picks[i]) < counts[i]:
                raise InputError(f"only {len(picks[i])} different questions match a section that asks {counts[i]}; ask fewer")
        for slot in (s for section in picks for s in section):
            used[(slot.family, slot.index)] = used.get((slot.family, slot.index), 0) + 1
    return picks


def assemble(spec: ExamSpec, seed: int) -> list[Question]:
    """The questions of one copy: the sections in order (within one, the course's type order), each
    variant drawn with numbers of its own for this seed. A question whose text or options give away
    another's answer (``concept_leaks.leaks``) is replaced by the section's next unused variant."""
    from question_bank.families.concept_leaks import leaks

    planned = plan(spec, seed)
    chosen = [[_draw(slot, seed, section) for slot in slots] for section, slots in zip(spec.sections, planned)]
    for i, section in enumerate(spec.sections):
        for k in range(len(chosen[i])):
            others = [q for row in chosen for q in row if q is not chosen[i][k]]
            if not leaks(chosen[i][k], others):  # each pair is looked at from both sides as k runs
                continue
            taken = frozenset().union(*(groups(s) for row in planned for s in row if s is not planned[i][k]))
            for slot in pool(section, (max(seed, 1) - 1) // CYCLE):
                if slot in planned[i] or groups(slot) & taken:
                    continue
                q = _draw(slot, seed, section)
                if not (leaks(q, others) or any(leaks(o, [q]) for o in others)):
                    planned[i][k], chosen[i][k] = slot, q
                    break
    return [q for row in chosen for q in sorted(row, key=lambda q: COURSE_ORDER.index(q.type))]


def _draw(slot: Slot, seed: int, section: Section) -> Question:
    q = generate(slot.family, slot.index + slot.count * seed)
    if q.type != slot.type or q.catalog_id != slot.catalog:
        raise AssertionError(f"{q.id}: the variant table says {slot.type}/{slot.catalog}, the question is {q.type}/{q.catalog_id}")
    return dataclasses.replace(q, points=section.points) if section.points is not None else q


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
