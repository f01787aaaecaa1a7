"""The batch reader on arbitrary JSON (Hypothesis): every line gets exactly one result, in order,
with a known verdict; never an exception, never an internal error (issue 13 §4)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.grading.batch import FIELDS, exit_code, grade_lines

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                      max_leaves=12)
FIELD_VALUES = st.sampled_from(["x", "A x", "2x", "A: m x n, x: n", "x: n", "tr(A) = tr(A')", "A: n x n", "gradient",
                                "least-squares-gradient", "2A'(Ax-b)", "= 2x", "", "1e999"]) | VALUES
REQUESTS = st.dictionaries(st.sampled_from(sorted(FIELDS) + ["extra"]), FIELD_VALUES, max_size=5)
LINES = st.lists(REQUESTS.map(json.dumps) | VALUES.map(json.dumps) | st.text(max_size=40), max_size=6)


def resolve(entry, part, seed):  # type: ignore[no-untyped-def]
    from derivations.catalog.problem import from_catalog

    return from_catalog(entry, part, seed=seed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_every_line_gets_exactly_one_result(lines: list[str]) -> None:
    results = list(grade_lines(lines, resolve))
    expected = [number for number, line in enumerate(lines, start=1) if line.strip()]
    assert [r["line"] for r in results] == expected
    assert all(r["verdict"] in ("correct", "incorrect", "invalid") for r in results), results
    assert all("internal error" not in r["message"] for r in results)
    assert exit_code(r["verdict"] for r in results) == max([{"correct": 0, "incorrect": 1, "invalid": 2}[r["verdict"]]
                                                            for r in results], default=0)


def test_deep_nesting_and_huge_numbers_are_one_invalid_result_each() -> None:
    lines = ["[" * 50_000 + "]" * 50_000, '{"identity": "A = A", "shapes": "A: n x n", "seed": 1e999}',
             "[" * 100_001, '{"answer": 42, "id": "least-squares-gradient"}']
    results = list(grade_lines(lines, resolve))
    assert [r["verdict"] for r in results] == ["invalid"] * 4
    assert "nested too deeply" in results[0]["message"] and "inf" in results[1]["message"]
    assert "batch_line_chars" in results[2]["message"] and "field 'answer' is an integer" in results[3]["message"]
