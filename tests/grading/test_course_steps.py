"""Issue #12: derivations as the course writes them (seeds 000, 002, 004), each in LaTeX and plain text,
right and with one planted slip: the verdict and the first wrong line."""

from __future__ import annotations

import pytest

from checker.grading.steps import check_steps
from derivations.catalog.problem import from_catalog
from tests.grading.course_steps import CASES


@pytest.mark.parametrize("label, entry, part, content, verdict, line", CASES, ids=[c[0] for c in CASES])
def test_course_step_file(label: str, entry: str, part: str, content: str, verdict: str, line: int | None) -> None:
    result = check_steps(from_catalog(entry, part), content)
    wrong = [s for s in result.steps or [] if s["verdict"] == "incorrect"]
    assert result.verdict == verdict, (result.message, result.steps)
    if line is None:
        assert not wrong
    else:
        assert wrong and wrong[0]["line"] == line, (result.message, result.steps)


def test_at_least_forty_files_cover_every_seed_derivation() -> None:
    assert len(CASES) >= 40
    for seed in ("000 least squares", "000 softmax", "000 conv", "004 δ", "004 ∂C/∂W", "002 δ", "002 BPTT"):
        kinds = {("LaTeX" in c[0], "plain" in c[0], c[4]) for c in CASES if c[0].startswith(seed)}
        assert (True, False, "correct") in kinds and (False, True, "correct") in kinds, seed
        assert any(k[2] == "incorrect" for k in kinds), seed


# ---------------------------------------------------------------- issue #21: every derivation a student writes
import re  # noqa: E402

from checker.language.errors import DlprepError  # noqa: E402
from derivations.catalog import all_entries  # noqa: E402
from tests.grading.course_steps import READER_CASES  # noqa: E402

CLASSES = ("names:", "chain:", "arrows:", "operators:")


@pytest.mark.parametrize("label, entry, part, content, verdict, line, diagnosis", READER_CASES, ids=[c[0] for c in READER_CASES])
def test_reader_step_file(label: str, entry: str, part: str, content: str, verdict: str, line: int | None, diagnosis: str | None) -> None:
    result = check_steps(from_catalog(entry, part), content)
    wrong = [s for s in result.steps or [] if s["verdict"] == "incorrect"]
    assert result.verdict == verdict, (result.message, result.steps)
    if line is None:
        assert not wrong
        return
    assert wrong and wrong[0]["line"] == line, (result.message, result.steps)
    if diagnosis is not None:
        assert diagnosis in wrong[0]["diagnosis"], (result.message, wrong[0])


def test_every_catalog_derivation_has_right_and_slipped_files_in_plain_and_latex() -> None:
    """Each part the catalog derives (proof, engine, hand-written) is read right and with a planted slip,
    in plain text and in the notes' LaTeX ($$ blocks)."""
    files = [c[:5] for c in CASES] + [c[:5] for c in READER_CASES]
    missing = []
    for entry in all_entries():
        for part in entry.parts:
            if part.derivation == "none":
                continue
            seen = {("$$" in content, verdict) for _, e, p, content, verdict in files if (e, p) == (entry.id, part.name)}
            missing += [f"{entry.id}/{part.name}: {'LaTeX' if latex else 'plain'} {verdict}"
                        for latex in (True, False) for verdict in ("correct", "incorrect") if (latex, verdict) not in seen]
    assert not missing, missing


def test_each_reading_class_has_right_and_slipped_files_in_both_notations() -> None:
    for cls in CLASSES:
        seen = {("$$" in c[3], c[4]) for c in READER_CASES if c[0].startswith(cls)}
        assert seen >= {(True, "correct"), (True, "incorrect"), (False, "correct"), (False, "incorrect")}, (cls, seen)


INTERNAL = re.compile(r"partial\d|cut_|dlift|\bSym\(|Traceback|_hole")

# inputs that end in an error or a finding, each naming something the reader makes up internally
REFUSED = [
    ("sparsemax-jacobian", "jacobian", r"\frac{\partial q}{\partial z} = diag(s)"),
    ("least-squares-gradient", "gradient", "∂f/∂x = 2A^T(Ax - b) + unknown"),
    ("mlp-backprop", "grad-W", "dJ = tr(delta^(l)^T dz^(l))\n= tr(delta^(l)^T dW^(l) a^(l-1) q)"),
    ("least-squares-gradient", "gradient", r"\frac{\partial f}{\partial x} = \frac{\partial f}{\partial x} A"),
    ("mlp-backprop", "delta", "∂J/∂z^(l+1) = delta^(l+1) + ∂J/∂W^(l+1)"),
    ("softmax-jacobian", "jacobian", "∂a/∂z = ∂a/∂q"),
    ("mlp-backprop", "grad-W", "dJ = tr(delta^(l)^T dz^(l))\n= dz^(l) delta^(l)"),  # a lifted dz^(l) in a finding
]


def _messages(entry: str, part: str, content: str) -> list[str]:
    try:
        result = check_steps(from_catalog(entry, part), content)
    except DlprepError as exc:
        return [str(exc)]
    return [result.message or "", result.read_as or ""] + [s["message"] + " " + s["text"] for s in result.steps or []]


def test_no_message_of_the_corpus_shows_an_internal_name() -> None:
    """Every message the step-file corpus produces (verdicts, per-line findings, refusals) is in the
    student's notation: never partial3, cut_partial0 or dlift2 (issue #21: 'declared: cut_partial0, s, z')."""
    messages = [m for c in CASES + READER_CASES for m in _messages(c[1], c[2], c[3])]
    messages += [m for entry, part, content in REFUSED for m in _messages(entry, part, content)]
    leaks = [m for m in messages if INTERNAL.search(m)]
    assert not leaks, leaks[:5]
    assert any("declared" in m for m in messages)  # the refusals did list names
    assert any("d(W^(l) a^(l-1) + b^(l))" in m for m in messages)  # a lifted differential is named as written out


def test_in_chinese_too_no_message_shows_an_internal_name() -> None:
    from checker.grading.messages import language

    with language("zh"):
        messages = [m for c in READER_CASES[::7] for m in _messages(c[1], c[2], c[3])]
        messages += [m for entry, part, content in REFUSED for m in _messages(entry, part, content)]
    assert not [m for m in messages if INTERNAL.search(m)]
    with language("zh"):
        defined = check_steps(from_catalog("softmax-jacobian", "jacobian"), "s := 1^T exp(z)\na = exp(z) / s")
        transposed = check_steps(from_catalog("least-squares-gradient", "jacobian"), "df = 2(Ax - b)^T A dx\nD[f; x] = 2A^T(Ax - b)")
    assert defined.steps[0]["message"] == "定义式，只读入，不评判"
    assert transposed.verdict == "incorrect" and not re.search(r"[A-Za-z]{4,}", transposed.steps[1]["message"].replace("Jacobian", "")), transposed.steps[1]
