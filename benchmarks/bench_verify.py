"""Wall time of `dlprep verify` over the whole catalog (issue 5 target: under 10 s on 2 cores).

Run: python benchmarks/bench_verify.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def main() -> None:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "dlprep", "verify"], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
    entries = len([line for line in done.stdout.splitlines()[1:] if line.strip()])
    print(f"dlprep verify: {entries} entries, median wall time {statistics.median(times):.2f} s (target < 10 s), exit {done.returncode}")


if __name__ == "__main__":
    main()
