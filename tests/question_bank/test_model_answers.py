"""Model answers in the course's style (issue 19): every derive-/worked- key is at most 8 lines, each
checked numerically or a stated definition, in the course's notation, with a marking scheme."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from checker.language.parser import parse
from derivations.catalog import all_entries
from derivations.catalog.steps import part_steps
from derivations.model_answer import MAX_LINES, for_part, from_derivation
from derivations.rules.ideas import idea, pieces
from question_bank.registry import families, generate

FAMILIES = [f for f in families() if f.startswith(("derive-", "worked-"))]
SEEDS = range(8)
FOREIGN = (r"\circ(-1)", r"\circ \left(-1\right)", r"\circ -1", r"\oslash", "⊘", "∘(−1)", "∘(-1)", r"^{\circ(-1)}")
LATIN_IN_ZH = re.compile(r"[A-Za-z]{2,}")
COURSE_WORDS = {"Softmax", "Sparsemax", "Maxout", "KKT", "CD", "Gibbs", "ReLU", "RBM"}


def _pairs(text: str, open_: str, close: str) -> list[tuple[int, int]]:
    out, stack, i = [], [], 0
    while i < len(text):
        if text.startswith(open_, i):
            stack.append(i)
            i += len(open_)
        elif text.startswith(close, i) and stack:
            out.append((stack.pop(), i))
            i += len(close)
        else:
            i += 1
    return out


def doubled(text: str) -> list[str]:
    """Bracket pairs whose whole content is one more bracket pair: ((x)), \\left(\\left(x\\right)\\right)."""
    found = []
    for open_, close in (("(", ")"), (r"\left(", r"\right)")):
        pairs = set(_pairs(text, open_, close))
        for start, end in pairs:
            inner = (start + len(open_), end - len(close))
            if inner in pairs:
                found.append(text[start:end + len(close)])
    return found


def _zh_prose(markup: str) -> str:
    return re.sub(r"\$[^$]*\$", "", markup)


@pytest.fixture(scope="module")
def keys() -> list:
    return [generate(family, seed) for family in FAMILIES for seed in SEEDS]


def test_there_are_derivation_and_worked_families() -> None:
    assert sum(f.startswith("derive-") for f in FAMILIES) >= 10 and sum(f.startswith("worked-") for f in FAMILIES) >= 4


def test_every_key_is_short_in_course_notation_and_checked(keys: list) -> None:
    for q in keys:
        assert 2 <= len(q.steps) <= MAX_LINES, (q.id, len(q.steps))
        assert len(q.trace) >= len(q.steps), q.id
        for step in q.steps:
            assert step.verified or step.stated, (q.id, step.latex)
            assert not (step.verified and step.stated), (q.id, step.latex)
            assert not any(f in step.latex for f in FOREIGN), (q.id, step.latex)
            assert not doubled(step.latex), (q.id, doubled(step.latex))
            assert not re.search(r"\^\{\([^{}]*\)\}\^", step.latex), step.latex  # W^{(l)}^{\top}: a TeX error
        assert sum(1 for s in q.steps if s.latex.startswith("\\boxed{")) >= 1, q.id


def test_marking_earns_the_question_points(keys: list) -> None:
    for q in keys:
        assert q.marking and sum(m.points for m in q.marking) == q.points, q.id
        assert all(m.points > 0 and m.text["en"] and m.text["zh"] for m in q.marking), q.id


def test_no_boilerplate_opens_every_box(keys: list) -> None:
    openings = {q.answer["en"].split("$$")[0].strip() for q in keys if q.family.startswith("derive-")}
    assert not any(len(o) > 20 for o in openings), openings


def test_zh_notes_are_chinese(keys: list) -> None:
    """Each step note of a zh key names its idea in Chinese: no English words outside math."""
    for q in keys:
        for step in q.steps:
            words = set(LATIN_IN_ZH.findall(_zh_prose(step.rule["zh"]))) - COURSE_WORDS
            assert not words, (q.id, step.rule["zh"])
            assert step.rule["zh"] or not step.rule["en"], (q.id, step.rule)


def test_every_rule_of_the_catalog_is_named() -> None:
    """The idea table knows every rule the engine and the catalog's proofs use (else a note stays English)."""
    unknown = set()
    for entry in all_entries():
        for part in entry.parts:
            if part.derivation == "none":
                continue
            for line in part_steps(entry, part).lines:
                unknown |= {p for p in pieces(line["rule"] or "") if idea(p) is None}
    assert not unknown, unknown


def test_model_lines_reparse_and_result_matches_the_catalog() -> None:
    """The boxed line of each catalog model answer is the part's answer, as LaTeX that parses."""
    for entry in all_entries():
        for part in entry.parts:
            if part.derivation == "none" or not part_steps(entry, part).verified:
                continue
            answer = for_part(entry, part)
            assert answer.verified and len(answer.lines) <= MAX_LINES, (entry.id, part.name)
            box = answer.lines[-1].latex
            assert box.startswith("\\boxed{") and "=" in box, (entry.id, box)


def test_a_line_that_fails_its_check_is_not_shown_as_verified() -> None:
    """Principle 1: a kept line whose expression is wrong (and unchecked by the engine) stays unverified."""
    from checker.language import ast as A
    from derivations.engine import derive

    d = derive("x^T A x", "x", "x: n, A: n x n")
    good = from_derivation(d, {"x", "A"})
    assert good.verified
    k = max(i for i, s in enumerate(d.steps) if s.lhs == "df")
    wrong = parse("tr((A x)^T dx)", names={"A", "x", "dx"})  # forgets Aᵀx
    d.steps[k] = replace(d.steps[k], expr=wrong, error=None)
    bad = from_derivation(d, {"x", "A"})
    shown = [line for line in bad.lines if "\\mathrm{d}x" in line.latex and "Tr" in line.latex]
    assert shown and not shown[-1].verified and not bad.verified
    assert isinstance(wrong, A.Func)
