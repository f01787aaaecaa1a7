"""The nested deadline's timer can never stay armed after its block (issue 22 §6).

The race: the alarm fires as the block ends, while the deadline tears itself down; the exception
raised there skipped the rest of the tear-down, and the 50 ms repeating timer stayed armed, raising
LimitExceeded later in unrelated code (123 times in 1.22 M blocks). Here the alarm is delivered
deterministically at each line of the tear-down while the timer is armed (a trace function raises
SIGALRM there)."""

from __future__ import annotations

import signal
import sys
from typing import Any

import pytest

from checker.language.errors import LimitExceeded
from checker.language.limits import deadline

LIMITS_FILE = sys.modules[deadline.__module__].__file__


def _teardown_lines() -> int:
    """How many lines the tear-down runs (each one gets its own run below)."""
    count = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if frame.f_code.co_filename == LIMITS_FILE and event == "line" and in_teardown[0]:
            count += 1
        return tracer

    in_teardown = [False]
    sys.settrace(tracer)
    try:
        with deadline(5):
            in_teardown[0] = True
    finally:
        sys.settrace(None)
    return count


def _alarm_at_teardown_line(target: int, outer: bool) -> tuple[bool, tuple[float, float], Any]:
    """Run a block whose alarm arrives at the ``target``-th line of the tear-down; return whether
    LimitExceeded came out of it, the timer and the handler left behind."""
    seen = [0]
    leaving = [False]

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename == LIMITS_FILE and event == "line" and leaving[0]:
            seen[0] += 1
            if seen[0] == target and signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # only an armed timer can fire
                signal.raise_signal(signal.SIGALRM)
        return tracer

    raised = False
    before = signal.getsignal(signal.SIGALRM)
    sys.settrace(tracer)
    try:
        with deadline(5):
            leaving[0] = True
    except LimitExceeded:
        raised = True
    finally:
        sys.settrace(None)
    timer, handler = signal.getitimer(signal.ITIMER_REAL), signal.getsignal(signal.SIGALRM)
    if not outer:  # a leaked timer must not fire later in the test run
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    return raised, timer, handler


@pytest.mark.parametrize("outer", [False, True], ids=["alone", "nested"])
def test_an_alarm_during_the_teardown_never_leaves_the_timer_armed(outer: bool) -> None:
    lines = _teardown_lines()
    assert lines >= 2
    for target in range(1, lines + 1):
        before = signal.getsignal(signal.SIGALRM)
        if outer:
            with deadline(30) as enclosing:
                raised, timer, handler = _alarm_at_teardown_line(target, outer)
            assert timer[0] > 20 and handler == enclosing._on_alarm, f"the outer deadline lost at line {target}"
        else:
            raised, timer, handler = _alarm_at_teardown_line(target, outer)
            assert timer == (0.0, 0.0) and handler == before, f"timer left armed at tear-down line {target}"
        assert not raised
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
