"""`derive` on the coverage list of issue #3, side by side with SymPy's own MatrixSymbol.diff.

For each expression: our median time (derivation + every numerical check), whether it was verified;
SymPy's time for ``f.diff(X)`` on the same SymPy expression, and whether its result is right,
judged by the same central differences (a result that cannot be evaluated counts as not right).
Then the wall time of the `dlprep derive` command. Targets: < 200 ms per derivation, < 1.5 s wall.

Run: python benchmarks/bench_derive.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "engine"))

from engine_cases import COVERAGE, JACOBIANS  # noqa: E402

from checker.language.evaluate import draw_instances, evaluate  # noqa: E402
from checker.language.numeric import gradient, jacobian  # noqa: E402
from checker.language.parser import parse  # noqa: E402
from checker.grading.problem import Problem  # noqa: E402
from checker.grading.problem import parse_where  # noqa: E402
from checker.language.shapes import infer, parse_shapes  # noqa: E402
from checker.language.sympy_bridge import from_sympy, to_sympy  # noqa: E402
from derivations import derive  # noqa: E402


def _median_time(fn, repeat: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            out = fn()
        except Exception as exc:  # noqa: BLE001 - SymPy may raise anything; that counts as a failure
            out = exc
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def sympy_is_right(result: object, f_typed, wrt: str, decls, jac: bool) -> str:  # type: ignore[no-untyped-def]
    if isinstance(result, Exception):
        return f"raises {type(result).__name__}"
    try:
        node = infer(from_sympy(result), decls)
    except Exception as exc:  # noqa: BLE001
        return f"unusable ({type(exc).__name__})"
    for inst in draw_instances(decls, [f_typed], 3, seed=5):
        want = jacobian(f_typed, inst, wrt) if jac else gradient(f_typed, inst, wrt)
        try:
            got = evaluate(node, inst)
        except Exception as exc:  # noqa: BLE001
            return f"unusable ({type(exc).__name__})"
        if got.shape != want.shape:
            if got.T.shape == want.shape and np.allclose(got.T, want, rtol=1e-6, atol=1e-9):
                return "right up to layout (transposed)"
            return f"wrong shape {got.shape} for {want.shape}"
        if not np.allclose(got, want, rtol=1e-6, atol=1e-9):
            return "wrong value"
    return "right"


def main() -> None:
    rows = []
    for label, f, wrt, shapes, where, _ in COVERAGE + JACOBIANS:
        ours, d = _median_time(lambda: derive(f, wrt, shapes, where))
        decls = parse_shapes(shapes)
        problem = Problem(decls, where=parse_where(where, set(decls)))
        typed = problem.typed(parse(f, names=problem.names))
        fs = to_sympy(typed, decls)
        X = to_sympy(infer(parse(wrt, names=decls), decls), decls)
        theirs, result = _median_time(lambda: fs.diff(X), repeat=3)
        verdict = sympy_is_right(result, typed, wrt, decls, (label, f) in [(c[0], c[1]) for c in JACOBIANS])
        ok = getattr(d, "verified", False)
        rows.append((label.split(":")[0], f, ours * 1e3, "yes" if ok else "NO", theirs * 1e3, verdict))
    width = max(len(r[1]) for r in rows)
    print(f"{'source':<18} {'expression':<{width}}  {'derive ms':>9}  verified  {'SymPy ms':>8}  SymPy result")
    for src, f, ms, ok, sms, verdict in rows:
        print(f"{src:<18} {f:<{width}}  {ms:9.1f}  {ok:>8}  {sms:8.1f}  {verdict}")
    ours_all = [r[2] for r in rows]
    right = sum(r[5] == "right" for r in rows)
    print(f"\nderive: median {statistics.median(ours_all):.1f} ms, max {max(ours_all):.1f} ms per expression "
          f"(target < 200 ms), verified {sum(r[3] == 'yes' for r in rows)}/{len(rows)}")
    print(f"SymPy MatrixSymbol.diff: median {statistics.median(r[4] for r in rows):.1f} ms, right {right}/{len(rows)}")
    walls = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dlprep", "derive", "norm(A x - b)^2", "--wrt", "x", "--shapes",
                        "A: m x n, x: n, b: m"], capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
    print(f"`dlprep derive` wall time: median {statistics.median(walls):.2f} s (target < 1.5 s)")


if __name__ == "__main__":
    main()
