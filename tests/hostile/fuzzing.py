"""Hypothesis strategies and targets for "no exit 3 on any input" (issue 22 §5).

Each target takes generated input and must either succeed or raise the project's own DlprepError
(exit 2, one clear line): anything else is a bug of ours (exit 3). Used by the bounded test
(tests/hostile/test_no_exit3.py, seconds) and by the long run (benchmarks/fuzz_inputs.py, minutes),
which groups failures by class. Inputs are built from the course's grammar so that they reach the
engine, not only the parser.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Callable

from hypothesis import strategies as st

SHAPES = "x: n, y: n, A: n x n, W: m x n, b: m, z: n, s: scalar"
NUMBERS = ("0", "1", "-1", "2", "0.5", "1e300", "1e-300", "-1e300", "1e308", "(1e-300)^64", "10^400", "0.0")
LEAVES = ("x", "y", "A", "W", "b", "z", "s", "I", "ones(n)") + NUMBERS
UNARY = ("sigma", "tanh", "exp", "log", "softmax", "sparsemax", "diag", "inv", "tr", "det", "sum", "sqrt", "abs",
         "relu", "max", "logsumexp", "rot180")
BINARY = (" + ", " - ", " ", " * ", " / ", " ∘ ", "^", " ⊘ ")


def expressions(depth: int = 4) -> st.SearchStrategy[str]:
    leaf = st.sampled_from(LEAVES)

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.builds(lambda f, a: f"{f}({a})", st.sampled_from(UNARY), inner),
            st.builds(lambda a, op, b: f"({a}){op}({b})", inner, st.sampled_from(BINARY), inner),
            st.builds(lambda a: f"({a})'", inner),
            st.builds(lambda a, n: f"({a})^{n}", inner, st.sampled_from(("2", "-1", "0", "64", "0.5", "400"))),
        )

    return st.recursive(leaf, extend, max_leaves=depth * 2)


def steps_files() -> st.SearchStrategy[str]:
    line = st.one_of(
        st.builds(lambda e: f"dJ = {e}", expressions(3)),
        st.builds(lambda e: f"= {e}", expressions(3)),
        st.builds(lambda e: f"∂J/∂x = {e}", expressions(3)),
        st.builds(lambda a, b: f"{a} = {b}", expressions(2), expressions(2)),
        st.text(max_size=30),
    )
    return st.lists(line, min_size=1, max_size=5).map("\n".join)


TOML_VALUES = st.recursive(
    st.one_of(st.integers(-10, 10**20), st.floats(allow_nan=True), st.booleans(), st.text(max_size=12),
              st.sampled_from(["numeric", "proof", "B", "F", "A,B", "derivation", "", "\x07", "90 min"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["count", "types", "x"]), inner,
                                                                         max_size=2)),
    max_leaves=6)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = repr(value)
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(text, text)
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"


def spec_files() -> st.SearchStrategy[str]:
    top = st.dictionaries(st.sampled_from(["title", "duration", "extra"]), TOML_VALUES, max_size=2)
    section = st.dictionaries(st.sampled_from(["count", "type", "types", "topic", "topics", "points"]), TOML_VALUES,
                              max_size=4)
    return st.builds(lambda t, ss: "".join(f"{k} = {_toml(v)}\n" for k, v in t.items())
                     + "".join("[[questions]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in s.items()) for s in ss),
                     top, st.lists(section, max_size=3))


# -------------------------------------------------------------------- targets: input → nothing, or DlprepError
def derive(expr: str) -> None:
    from derivations.engine import derive as run

    run(expr, "x", SHAPES)


def check_reference(reference: str, answer: str) -> None:
    from checker.grading.answer import check_answer
    from checker.grading.problem import from_reference

    check_answer(from_reference(reference, SHAPES), answer)


def check_expression(expr: str, answer: str) -> None:
    from checker.grading.answer import check_answer
    from checker.grading.problem import from_expression

    problem, _ = from_expression(expr, "x", SHAPES)
    check_answer(problem, answer)


def check_steps(expr: str, content: str) -> None:
    from checker.grading.problem import from_expression
    from checker.grading.steps import check_steps as run

    problem, function = from_expression(expr, "x", SHAPES)
    run(problem, content, function=function, wrt="x")


def spec(text: str) -> None:
    from question_bank.spec import from_toml

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spec.toml"
        path.write_text(text, encoding="utf-8")
        from_toml(path)


def outcome(target: Callable[..., None], *args: Any, seconds: float = 20) -> str | None:
    """None when ``target(*args)`` succeeds or refuses with a DlprepError; else the failure's class:
    the exception's type and the function it was raised in (its message without paths)."""
    import traceback

    from checker.language.errors import DlprepError
    from checker.language.limits import deadline

    try:
        with deadline(seconds):
            target(*args)
    except DlprepError:
        return None
    except Exception as exc:  # noqa: BLE001 - what the fuzzing is looking for
        frames = traceback.extract_tb(exc.__traceback__)
        return f"{type(exc).__name__} in {frames[-1].name if frames else '?'}"
    return None
