"""The long fuzz run of issue 22 §5: many generated inputs per target, failures grouped by class.

    python benchmarks/fuzz_inputs.py [--examples 2000] [--target derive]

Each target (tests/hostile/fuzzing.py) must succeed or refuse with the project's own one-line
error; anything else is printed with one input that provokes it. The test suite runs the same
targets for a few seconds (tests/hostile/test_no_exit3.py).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hostile"))
import fuzzing  # noqa: E402

TARGETS = {
    "derive": (fuzzing.derive, (fuzzing.expressions(),)),
    "check-reference": (fuzzing.check_reference, (fuzzing.expressions(), fuzzing.expressions())),
    "check-expression": (fuzzing.check_expression, (fuzzing.expressions(3), fuzzing.expressions())),
    "steps": (fuzzing.check_steps, (fuzzing.expressions(3), fuzzing.steps_files())),
    "spec": (fuzzing.spec, (fuzzing.spec_files(),)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--target", choices=sorted(TARGETS), action="append")
    args = parser.parse_args()
    for name in args.target or sorted(TARGETS):
        target, strategies = TARGETS[name]
        found: Counter[str] = Counter()
        example: dict[str, tuple] = {}

        @settings(max_examples=args.examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(st.tuples(*strategies))
        def run(values: tuple) -> None:
            failure = fuzzing.outcome(target, *values)
            if failure:
                found[failure] += 1
                example.setdefault(failure, values)

        run()
        print(f"{name}: {sum(found.values())} failures in {len(found)} classes")
        for failure, count in found.most_common():
            print(f"  {count:5d}  {failure}  e.g. {example[failure]!r}"[:400])


if __name__ == "__main__":
    main()
