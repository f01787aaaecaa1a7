"""Speed of `dlprep exam` and the question bank's stress test (issue 11).

Run: python benchmarks/bench_exam.py

Prints a table with
* the anchor, measured in the same run: the wall time of `dlprep --help` (interpreter and CLI start);
* 100 copies of a 15-question exam in md + tex + html + moodle, key apart (target: under 5 s wall);
* the distinct question templates (numbers masked) of seeds 1–10 of a 15-question exam (target: at least 135 of 150);
* one PDF exam (10 questions, answers inline) compiled by latexmk -xelatex;
* the stress test: every family drawn 1,000 times in process (each draw cross-checks its answers).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

DLPREP = [sys.executable, "-m", "dlprep"]


CPU: list[float] = []  # the CPU seconds (user + system) of each measured command, beside its wall time


def wall(argv: list[str]) -> float:
    """Wall seconds of one command; its CPU seconds go to CPU (on a shared machine wall time waits for cores)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


def stress(draws: int = 1000) -> tuple[float, int, str, float]:
    from question_bank import all_families
    from question_bank.registry import generate

    start = time.perf_counter()
    slowest, slowest_time = "", 0.0
    names = sorted(all_families())
    for name in names:
        t = time.perf_counter()
        for seed in range(draws):
            generate.__wrapped__(name, seed)
        if time.perf_counter() - t > slowest_time:
            slowest, slowest_time = name, time.perf_counter() - t
    return time.perf_counter() - start, len(names), slowest, slowest_time


def distinct() -> int:
    """Question templates (prompt with every number masked) over seeds 1–10 of the default 15-question exam."""
    import re

    from question_bank.exam import assemble
    from question_bank.spec import from_options

    spec = from_options(15, None, None)
    return len({re.sub(r"-?\d+(\.\d+)?", "#", q.prompt["en"]) for seed in range(1, 11) for q in assemble(spec, seed)})


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        anchor = min(wall([*DLPREP, "--help"]) for _ in range(3))
        rows.append(("anchor: dlprep --help", f"{anchor:.2f} s", ""))
        copies = wall([*DLPREP, "exam", "--copies", "100", "--questions", "15", "--format", "md,tex,html,moodle", "--out", f"{tmp}/many"])
        files = len(list(Path(f"{tmp}/many").iterdir()))
        rows.append(("100 copies × 15 q, md+tex+html+moodle", f"{copies:.2f} s", f"{files} files; target < 5 s; {copies / anchor:.1f}× anchor; CPU {CPU[-1]:.2f} s"))
        rows.append(("distinct templates, seeds 1–10 × 15 q", f"{distinct()}/150", "target ≥ 135"))
        pdf = wall([*DLPREP, "exam", "--format", "pdf", "--answers", "inline", "--lang", "both", "--out", f"{tmp}/pdf"])
        pages = subprocess.run(["pdfinfo", f"{tmp}/pdf/exam-s1.pdf"], capture_output=True, text=True).stdout
        count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")), "?")
        rows.append(("one PDF exam (10 q, zh+en, inline key)", f"{pdf:.2f} s", f"{count} pages"))
    total, families, slowest, slowest_time = stress()
    rows.append(("stress: 1,000 draws × every family", f"{total:.2f} s", f"{families} families; slowest {slowest} {slowest_time:.2f} s"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'time':>8}  notes")
    for name, value, note in rows:
        print(f"{name.ljust(width)}  {value:>8}  {note}")


if __name__ == "__main__":
    main()
