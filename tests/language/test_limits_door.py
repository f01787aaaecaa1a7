"""Limits as data, checked at the door (issue 13 §1–2): sizes, exponents, hard time and memory bounds."""

from __future__ import annotations

import time

import numpy as np
import pytest

from checker.language.errors import InputError, LimitExceeded
from checker.language.evaluate import draw_instance
from checker.language.limits import LIMITS, Limit
from checker.language.parser import parse
from checker.language.shapes import infer, parse_shapes
from checker.language.worker import map_bounded, run_bounded
from checker.grading.identity import check_identity


def test_every_limit_is_a_record_and_names_itself_when_refusing() -> None:
    for limit in LIMITS.values():
        assert isinstance(limit, Limit) and limit.value > 0 and limit.what
        with pytest.raises(LimitExceeded, match=f"over the limit {limit.name} = "):
            limit.check(limit.value * 2 + 1)


@pytest.mark.parametrize("shapes, words", [
    ("A: 100000 x 100000", "limit dimension = 1000"),
    ("A: -3 x n", "size -3"),
    ("A: 0 x n", "size 0"),
    ("A: " + "9" * 300 + " x n", "limit literal_digits"),
    ("A: m x n, A: n x m", "declared twice"),
])
def test_declared_sizes_are_refused_at_the_door(shapes: str, words: str) -> None:
    with pytest.raises((InputError, LimitExceeded), match=words):
        parse_shapes(shapes)


@pytest.mark.parametrize("shapes", ["A: 1000 x 999, B: 999 x 998", "A: 3 x 500, B: 500 x 4"])
def test_large_declared_sizes_are_evaluated_at_small_distinct_sizes(shapes: str) -> None:
    decls = parse_shapes(shapes)
    tree = infer(parse("A B", names=decls), decls)
    inst = draw_instance(decls, [tree], np.random.default_rng(0))
    a, b = inst.values["A"], inst.values["B"]
    assert a.size < 200 and b.size < 200 and a.shape[1] == b.shape[0]
    assert len({*a.shape, *b.shape}) == 3  # distinct: no square hides a transposition
    # and a transposition error is still seen at those sizes
    assert check_identity("(A B)' = B' A'", shapes).verdict == "correct"
    assert check_identity("tr(A B B' A') = tr(A' A B B')", shapes).verdict == "correct"


def test_a_constant_exponent_over_the_limit_is_refused_before_any_work() -> None:
    decls = parse_shapes("x: n")
    start = time.monotonic()
    with pytest.raises(LimitExceeded, match="limit exponent"):
        infer(parse("x' x * 2^(10^10)", names=decls), decls)
    assert time.monotonic() - start < 10  # 2^(10^10) itself would take far longer: no work was done


def test_the_worker_stops_work_a_signal_cannot_interrupt() -> None:
    """A huge integer power runs in C: only killing the process bounds it."""
    start = time.monotonic()
    with pytest.raises(LimitExceeded, match="took longer than 0.5 s"):
        run_bounded(pow, 3, 10**9, seconds=0.5)
    assert time.monotonic() - start < 30  # the power alone runs for minutes: the kill came from the deadline


def test_the_worker_bounds_memory() -> None:
    with pytest.raises(LimitExceeded, match="worker_memory_mb"):
        run_bounded(np.ones, 2 * 2**30 // 8, seconds=20, memory_mb=512)


def _slow_on_two(index: int, item: int) -> int:
    if item == 2:
        pow(3, 10**9)
    return item * 10


def test_a_batch_worker_replaces_a_stuck_item_and_goes_on() -> None:
    results = list(map_bounded(_slow_on_two, [1, 2, 3], seconds=0.5, on_failure=lambda i, item, exc: str(exc)))
    assert results[0] == 10 and "took longer" in results[1] and results[2] == 30


def test_the_readme_limits_table_is_the_limits_table() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for limit in LIMITS.values():
        assert f"| `{limit.name}` | {limit.value:,g} | {limit.what} |" in readme, limit.name


def _busy(seconds: float) -> None:
    import time

    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        pass


def test_deadlines_nest() -> None:
    """An inner deadline (the engine's, inside a check) neither cancels nor outlives the outer one."""
    import time

    from checker.language.errors import LimitExceeded
    from checker.language.limits import deadline

    # The busy loops run for 60 s unless a deadline ends them; the bounds (20 s) are many times the
    # deadlines, so they separate "fired" from "did not fire" on any machine, however loaded.
    start = time.perf_counter()
    with pytest.raises(LimitExceeded, match="0.3 s"):
        with deadline(0.3):
            with deadline(100):  # ends quickly: the outer timer must go on
                _busy(0.05)
            _busy(60)
    assert time.perf_counter() - start < 20
    start = time.perf_counter()
    with pytest.raises(LimitExceeded, match="0.2 s"):
        with deadline(0.2):
            with deadline(100):  # longer than the outer: the outer fires first, with its own message
                _busy(60)
    assert time.perf_counter() - start < 20
    _busy(0.4)  # and nothing is left armed afterwards
