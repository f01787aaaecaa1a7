"""Speed and accuracy of the expression language and the answer checker (issues 2 and 6).

Run: python benchmarks/bench_checker.py

Prints a table with
* parse + shape-check + evaluate a ~50-node expression on 5 instances (median, in process);
* the wall time of one `dlprep check --identity` and one `dlprep check --expr` call;
* a batch of 1,000 answers to ∇ₓ‖Ax−b‖²: median time per answer and the batch's wall time;
* on the same answers, PrairieLearn's method (SymPy MatrixSymbol expressions, simplify(a − b) == 0):
  its accuracy and time next to ours.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import numpy as np

from checker.grading.answer import check_answer
from checker.language.evaluate import draw_instances, evaluate
from checker.language.parser import parse
from checker.grading.problem import from_expression
from checker.language.shapes import infer, parse_shapes

FIFTY = "tr(A' (B .* C)) + 2 x' A^T (A x - b) - log(1^T exp(A x)) + ||A x - b||^2 + sigmoid(b)' tanh(A x) + sum(relu(B x))"
SHAPES = "A, B, C: m x n, x: n, b: m"

# (answer, is it right?, SymPy builder for PrairieLearn's method)
ANSWERS = [
    ("2A^T(Ax-b)", True, lambda A, x, b: 2 * A.T * (A * x - b)),
    ("2 A^T A x - 2 A^T b", True, lambda A, x, b: 2 * A.T * A * x - 2 * A.T * b),
    ("-2A^T(b - Ax)", True, lambda A, x, b: -2 * A.T * (b - A * x)),
    ("(2 (A x - b)^T A)^T", True, lambda A, x, b: (2 * (A * x - b).T * A).T),
    ("A^T(Ax-b) + A^T(Ax-b)", True, lambda A, x, b: A.T * (A * x - b) + A.T * (A * x - b)),
    ("A^T(Ax-b)", False, lambda A, x, b: A.T * (A * x - b)),
    ("-2A^T(Ax-b)", False, lambda A, x, b: -2 * A.T * (A * x - b)),
    ("2 A^T A x", False, lambda A, x, b: 2 * A.T * A * x),
    ("2 A^T (A x + b)", False, lambda A, x, b: 2 * A.T * (A * x + b)),
    ("2 A^T A x - 2 A^T b + x", False, lambda A, x, b: 2 * A.T * A * x - 2 * A.T * b + x),
]


def median_ms(fn, repeat: int = 50) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def bench_language() -> float:
    decls = parse_shapes(SHAPES)

    def once() -> None:
        typed = infer(parse(FIFTY, names=decls), decls)
        for inst in draw_instances(decls, [typed], 5, 0):
            evaluate(typed, inst)

    return median_ms(once)


def wall(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dlprep", *args], capture_output=True, check=False)
    return time.perf_counter() - start


def bench_batch() -> tuple[float, float, int]:
    problem, _ = from_expression("||A x - b||^2", "x", "A: m x n, x: n, b: m")
    answers = [a for a, _, _ in ANSWERS] * 100
    per = []
    right = 0
    start = time.perf_counter()
    for text in answers:
        t0 = time.perf_counter()
        verdict = check_answer(problem, text)
        per.append(time.perf_counter() - t0)
        truth = dict((a, r) for a, r, _ in ANSWERS)[text]
        right += (verdict.verdict == "correct") == truth
    return 1000 * statistics.median(per), time.perf_counter() - start, right


def bench_prairielearn() -> tuple[float, int]:
    import sympy as sp

    m, n = sp.symbols("m n", integer=True, positive=True)
    A, x, b = sp.MatrixSymbol("A", m, n), sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("b", m, 1)
    reference = 2 * A.T * (A * x - b)
    right = 0
    start = time.perf_counter()
    for _ in range(100):
        for _, truth, build in ANSWERS:
            try:
                same = sp.simplify(build(A, x, b) - reference) == sp.ZeroMatrix(n, 1)
            except Exception:  # noqa: BLE001 - the method's own failures count as "not equal"
                same = False
            right += same == truth
    return time.perf_counter() - start, right


def main() -> None:
    rows = [("parse + shapes + evaluate, ~50 nodes, 5 instances (median)", f"{bench_language():.2f} ms", "< 2 ms")]
    identity = statistics.median(wall("check", "--identity", "tr(A' (B .* C)) = tr((A .* B)' C)", "--shapes", "A, B, C: m x n") for _ in range(5))
    rows.append(("`dlprep check --identity` wall time (median of 5)", f"{identity:.3f} s", "< 0.5 s"))
    expr = statistics.median(wall("check", "--expr", "||A x - b||^2", "--wrt", "x", "--shapes", "A: m x n, x: n, b: m", "--answer", "2A^T(Ax-b)") for _ in range(5))
    rows.append(("`dlprep check --expr` wall time (median of 5)", f"{expr:.3f} s", "< 0.5 s"))
    per, total, right = bench_batch()
    rows.append(("batch of 1,000 answers: median per answer (ours)", f"{per:.2f} ms", "< 5 ms"))
    rows.append(("batch of 1,000 answers: wall time (ours)", f"{total:.2f} s", ""))
    rows.append(("batch of 1,000 answers: verdicts right (ours)", f"{right}/1000", ""))
    pl_time, pl_right = bench_prairielearn()
    rows.append(("same 1,000 answers, SymPy simplify(a - b) == 0 (PrairieLearn): wall time", f"{pl_time:.2f} s", ""))
    rows.append(("same 1,000 answers, SymPy simplify(a - b) == 0 (PrairieLearn): verdicts right", f"{pl_right}/1000", ""))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>12}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>12}  {target}")


if __name__ == "__main__":
    main()
