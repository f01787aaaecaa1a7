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
