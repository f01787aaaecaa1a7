"""Speed of the step-file checker on the course corpus (issues 12 and 21).

Run: python benchmarks/bench_steps.py

Checks every step file of tests/grading/course_steps.py (CASES and READER_CASES: every catalog entry
with a derivation, right and with a planted slip, plain and LaTeX) in process, after one warm-up pass,
and prints the median, 90th percentile and slowest time per file next to an anchor: one single
answer checked by `check_answer` on the same machine (∇ₓ‖Ax−b‖²), so the figure can be read on a
slower or busier machine. Budget: median under 50 ms per file.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.grading.answer import check_answer  # noqa: E402
from checker.grading.problem import from_expression  # noqa: E402
from checker.grading.steps import check_steps  # noqa: E402
from derivations.catalog.problem import from_catalog  # noqa: E402
from tests.grading.course_steps import CASES, READER_CASES  # noqa: E402

BUDGET_MS = 50.0


def one_file(entry: str, part: str, content: str) -> float:
    start = time.perf_counter()
    check_steps(from_catalog(entry, part), content)
    return 1000 * (time.perf_counter() - start)


def anchor(repeat: int = 21) -> float:
    """One single answer, the unit the rest of the checker is measured in (bench_checker.py)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        problem, _ = from_expression("||A x - b||^2", "x", "A: m x n, x: n, b: m")
        check_answer(problem, "2A^T(Ax-b)")
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times)


def main() -> None:
    files = [c[1:4] for c in CASES] + [c[1:4] for c in READER_CASES]
    for entry, part, content in files:  # warm-up: imports, the catalog, NumPy's first calls
        one_file(entry, part, content)
    times = sorted((one_file(*f), f[0] + "/" + f[1]) for f in files)
    values = [t for t, _ in times]
    median = statistics.median(values)
    p90 = values[int(0.9 * (len(values) - 1))]
    unit = anchor()
    print(f"step files: {len(files)} (tests/grading/course_steps.py)")
    print(f"{'measure':<34}{'ms':>9}  {'× anchor':>9}")
    for name, value in (("median per file", median), ("90th percentile", p90), ("slowest: " + times[-1][1], times[-1][0])):
        print(f"{name:<34}{value:>9.1f}  {value / unit:>9.1f}")
    print(f"{'anchor: one answer (check_answer)':<34}{unit:>9.1f}  {1:>9.1f}")
    print(f"budget: median under {BUDGET_MS:.0f} ms per file — {'met' if median < BUDGET_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
