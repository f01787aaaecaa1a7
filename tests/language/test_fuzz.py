"""Random and hostile strings only ever give the project's own error, never a hang (issue 2 tests; speed lives in benchmarks/)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.language.errors import DlprepError
from checker.language.parser import parse

NAMES = {"A", "B", "x", "y", "W^(l)", "delta_{t,k}", "lambda"}
ALPHABET = list("AByxWlT0123456789+-*/^_'.()[]{}|,=<>!@ \\$&~\t\n\x00\x07") + [
    "\\frac", "\\left(", "\\right)", "\\mathbf{", "\\circ", "\\top", "\\operatorname{tr}", "∘", "ᵀ", "⁻¹",
    "‖", "σ", "tr(", "conv2(", "'valid'", "I(", "d", "e_", "^{(l)}", "\\input{", "__import__", "9^9^",
]

HOSTILE = [
    "((((((((((x", "x))))))))", "{[(x)]}", "\\input{/etc/passwd}", "__import__('os').system('ls')",
    "exec('1')", "eval(x)", "lambda: 0", "(" * 100 + "x" + ")" * 100, "9^9^9^9", "9^9^9^9^9^9^9^9^9",
    "1" * 10_000, "x" * 20_000, "\x00\x01\x02", "\u202e", "𝕏", "x^" * 300, "-" * 3000 + "x",
    "tr(" * 80 + "x" + ")" * 80, "||||||", "\\\\\\", "$$$$", "\\frac{\\frac{\\frac{}{}}{}}{}",
    "x" + " " * 9_990, "A" + "'" * 5000, "‖" * 100, "I(I(I(I(z>0)>0)>0)>0)", "e_" * 100,
]


HANG = 10.0  # seconds


def _parse_quickly(text: str) -> None:
    start = time.perf_counter()
    try:
        parse(text, names=NAMES)
    except DlprepError as exc:
        assert exc.render().startswith("error:")
    assert time.perf_counter() - start < HANG  # a bound no loaded machine reaches: it catches a hang only


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_strings(text: str) -> None:
    _parse_quickly(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join))
def test_random_token_soup(text: str) -> None:
    _parse_quickly(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_random_unicode(text: str) -> None:
    _parse_quickly(text)
