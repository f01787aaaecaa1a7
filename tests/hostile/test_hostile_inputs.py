"""Every command, tried as a hostile user would (issue 13): each bad input ends with exit 1 or 2,
exactly one line on stderr, no traceback, no "internal error", within a generous time bound.

Most cases run in-process with click's CliRunner (fast); a few run as real subprocesses, to see the
console script's own error path. Speed figures belong to benchmarks/, the bound here only catches hangs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dlprep.cli import cli

BOUND = 10.0  # seconds; generous on purpose (CI machines vary), it only catches a hang
ID = "least-squares-gradient"
LSQ = ["--expr", "||A x - b||^2", "--wrt", "x"]
EXPR_OK = [*LSQ, "--shapes", "A: m x n, x: n, b: m"]
BIG = "9" * 300
HUGE_TEXT = "x" * 20_001

SIZES = [  # (label, --shapes): every declared-size hazard of the issue and its neighbours
    ("100000 x 100000", "A: 100000 x 100000, x: n, b: m"),
    ("negative", "A: -3 x n, x: n, b: m"),
    ("zero", "A: 0 x n, x: n, b: m"),
    ("300 digits", f"A: {BIG} x n, x: n, b: m"),
    ("5000 digits", f"A: {'9' * 5000} x n, x: n, b: m"),
    ("duplicate", "A: m x n, A: n x m, x: n, b: m"),
    ("three sizes", "A: m x n x k, x: n, b: m"),
    ("scientific", "A: 1e3 x n, x: n, b: m"),
    ("missing size", "A: m x, x: n, b: m"),
    ("empty spec", "A: , x: n, b: m"),
    ("unknown attribute", "A: m x n wobbly, x: n, b: m"),
    ("too many symbols", ", ".join(f"s{i}: n" for i in range(101)) + ", A: m x n, x: n, b: m"),
    ("20 KB", "A: m x n, " + "x" * 20_000 + ": n"),
    ("1001", "A: 1000 x 1001, x: 1001, b: 1000"),
    ("nested brackets", "A: " + "(" * 4000 + "m" + ")" * 4000 + " x n, x: n, b: m"),
    ("huge coefficient", "A: 1000000m x n, x: n, b: 1000000m"),
    ("product size", "A: 1000*1000 x n, x: n, b: 1000*1000"),
    ("size by letter", "A: m x n, x: n, b: m x"),
]

EXPRESSIONS = [  # (label, text) refused by the grammar or the limits, in every command that reads one
    ("power tower", "x' x * 2^(10^10)"),
    ("exponent 9^9^9", "x' x * 2^(9^9^9)"),
    ("matrix power", "x' (A' A)^1000 x"),
    ("nesting", "(" * 10_000 + "x" + ")" * 10_000),
    ("length", "x + " * 3_000 + "x"),
    ("NUL", "x\x00' x"),
    ("import", "__import__('os').system('true')"),
    ("input", "\\input{/etc/passwd}"),
    ("empty", ""),
    ("blank", "   "),
    ("unbalanced", "(A x - b"),
    ("unknown symbol", "||Q x - b||^2"),
    ("control characters", "\x01\x02\x03"),
    ("digits", "1" * 40 + " x' x"),
]

OPTIONS = [  # (label, args, expected exit code): option values and combinations
    ("check seed -1", ["check", *EXPR_OK, "--answer", "2A'(Ax-b)", "--seed", "-1"], 2),
    ("check seed text", ["check", *EXPR_OK, "--answer", "2A'(Ax-b)", "--seed", "abc"], 2),
    ("check seed 2^40", ["check", *EXPR_OK, "--answer", "2A'(Ax-b)", "--seed", str(2**40)], 2),
    ("derive seed -1", ["derive", "x' x", "--wrt", "x", "--shapes", "x: n", "--seed", "-1"], 2),
    ("gradcheck seed -1", ["gradcheck", "examples/mine.py", "--seed", "-1"], 2),
    ("gradcheck timeout nan", ["gradcheck", "examples/mine.py", "--timeout", "nan"], 2),
    ("gradcheck timeout inf", ["gradcheck", "examples/mine.py", "--timeout", "inf"], 2),
    ("gradcheck timeout -1", ["gradcheck", "examples/mine.py", "--timeout", "-1"], 2),
    ("gradcheck timeout 0", ["gradcheck", "examples/mine.py", "--timeout", "0"], 2),
    ("gradcheck batch 0", ["gradcheck", "examples/mine.py", "--net", "mlp:4-5-3:sigmoid:mse", "--batch", "0"], 2),
    ("gradcheck batch -1", ["gradcheck", "examples/mine.py", "--net", "mlp:4-5-3:sigmoid:mse", "--batch", "-1"], 2),
    ("gradcheck probes 0", ["gradcheck", "examples/mine.py", "--probes", "0"], 2),
    ("gradcheck max-full -1", ["gradcheck", "examples/mine.py", "--max-full", "-1"], 2),
    ("gradcheck bad net", ["gradcheck", "examples/mine.py", "--net", "mlp:4-x-3:sigmoid:mse"], 2),
    ("gradcheck huge net", ["gradcheck", "examples/mine.py", "--net", f"mlp:{BIG}-3:sigmoid:mse"], 2),
    ("answer with identity", ["check", "--identity", "A = A", "--shapes", "A: n x n", "--answer", "A"], 2),
    ("answer with batch", ["check", "--batch", "README.md", "--answer", "A"], 2),
    ("answer and steps", ["check", ID, "--answer", "2A'(Ax-b)", "--steps", "README.md"], 2),
    ("neither answer nor steps", ["check", ID], 2),
    ("no form", ["check", "--answer", "x"], 2),
    ("two forms", ["check", ID, *EXPR_OK, "--answer", "x"], 2),
    ("expr without wrt", ["check", "--expr", "x' x", "--shapes", "x: n", "--answer", "2x"], 2),
    ("wrt without expr", ["check", ID, "--wrt", "x", "--answer", "2x"], 2),
    ("out without batch", ["check", ID, "--answer", "x", "--out", "r.jsonl"], 2),
    ("kind bogus", ["check", *EXPR_OK, "--kind", "hessian", "--answer", "x"], 2),
    ("lang bogus", ["check", *EXPR_OK, "--lang", "fr", "--answer", "x"], 2),
    ("20 KB wrt", ["check", *LSQ[:2], "--wrt", HUGE_TEXT, "--shapes", "x: n", "--answer", "x"], 2),
    ("20 KB answer", ["check", *EXPR_OK, "--answer", HUGE_TEXT], 2),
    ("derive 20 KB wrt", ["derive", "x' x", "--wrt", HUGE_TEXT, "--shapes", "x: n"], 2),
    ("derive wrt undeclared", ["derive", "x' x", "--wrt", "y", "--shapes", "x: n"], 2),
    ("derive wrt matrix of matrix", ["derive", "A X", "--wrt", "X", "--shapes", "A: m x n, X: n x k"], 2),
    ("derive json with latex", ["derive", "x' x", "--wrt", "x", "--shapes", "x: n", "--json", "--format", "latex"], 2),
    ("derive format bogus", ["derive", "x' x", "--wrt", "x", "--shapes", "x: n", "--format", "pdf"], 2),
    ("derive missing shapes", ["derive", "x' x", "--wrt", "x"], 2),
    ("unknown option", ["check", "--frobnicate"], 2),
    ("unknown command", ["frobnicate"], 2),
    ("list unknown topic", ["list", "--topic", "nope"], 2),
    ("list 20 KB topic", ["list", "--topic", HUGE_TEXT], 2),
    ("list lang bogus", ["list", "--lang", "de"], 2),
    ("show unknown id", ["show", "no-such-result"], 2),
    ("show 20 KB id", ["show", HUGE_TEXT], 2),
    ("show unknown part", ["show", ID, "--part", "hessian"], 2),
    ("show json with latex", ["show", ID, "--json", "--format", "latex"], 2),
    ("verify unknown id", ["verify", "no-such-result"], 2),
    ("check unknown id", ["check", "no-such-result", "--answer", "x"], 2),
    ("check unknown part", ["check", ID, "--part", "hessian", "--answer", "x"], 2),
    ("parse 20 KB shapes", ["parse", "x", "--shapes", "x: n, " + "y" * 20_000 + ": n"], 2),
    ("kron of two 1000 x 1000", ["check", "--identity", "kron(A, B) = kron(A, B)", "--shapes", "A, B: 1000 x 1000"], 2),
    ("wrong answer", ["check", *EXPR_OK, "--answer", "A'(Ax-b)"], 1),
    ("identity that fails", ["check", "--identity", "A B = B A", "--shapes", "A, B: n x n"], 1),
]


def _cases() -> list:  # type: ignore[type-arg]
    cases = []
    for label, shapes in SIZES:
        cases.append(pytest.param(["check", *LSQ, "--shapes", shapes, "--answer", "2A'(Ax-b)"], 2, id=f"check sizes: {label}"))
        cases.append(pytest.param(["derive", "||A x - b||^2", "--wrt", "x", "--shapes", shapes], 2, id=f"derive sizes: {label}"))
        cases.append(pytest.param(["parse", "A x - b", "--shapes", shapes], 2, id=f"parse sizes: {label}"))
    for label, text in EXPRESSIONS:
        shapes = "x: n, A: m x n"
        cases.append(pytest.param(["check", "--expr", text, "--wrt", "x", "--shapes", shapes, "--answer", "2x"], 2, id=f"check expr: {label}"))
        cases.append(pytest.param(["check", "--expr", "x' x", "--wrt", "x", "--shapes", shapes, "--answer", text], 2, id=f"check answer: {label}"))
        cases.append(pytest.param(["derive", text, "--wrt", "x", "--shapes", shapes], 2, id=f"derive: {label}"))
    for label, args, code in OPTIONS:
        cases.append(pytest.param(args, code, id=label))
    return cases


def _assert_one_clear_line(code: int, expected: int, stderr: str, stdout: str, seconds: float) -> None:
    assert code == expected, (code, stderr[:300], stdout[:300])
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr[:1000]
    text = stderr + stdout
    assert "Traceback" not in text and "internal error" not in text
    assert len(lines[0]) <= 1200, lines[0][:100]  # nothing is echoed whole (a list of the valid ids may follow)
    assert seconds < BOUND, seconds


@pytest.mark.parametrize("args, expected", _cases())
def test_hostile_input_gets_one_clear_line(args: list[str], expected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])  # examples/mine.py, README.md
    start = time.monotonic()
    result = CliRunner().invoke(cli, args)
    seconds = time.monotonic() - start
    if expected == 1:  # a wrong answer: the verdict on stdout, nothing on stderr
        assert result.exit_code == 1 and result.stderr == "" and "✗ incorrect" in result.stdout and seconds < BOUND
    else:
        _assert_one_clear_line(result.exit_code, expected, result.stderr, result.stdout, seconds)
    assert result.exception is None or isinstance(result.exception, SystemExit)


# ---------------------------------------------------------------- files: step files, batches, --out
def _file_cases(tmp: Path) -> dict[str, tuple[list[str], int]]:
    (tmp / "big.md").write_text("= x\n" * 60_000)
    (tmp / "many.txt").write_text("= 2 A^T (A x - b)\n" * 600)
    (tmp / "junk.bin").write_bytes(bytes(range(256)) * 100)
    (tmp / "invalid.jsonl").write_text('{"identity": 5}\n[1]\n')
    (tmp / "wrong.jsonl").write_text(json.dumps({"identity": "A B = B A", "shapes": "A, B: n x n"}) + "\n")
    (tmp / "ok.jsonl").write_text(json.dumps({"identity": "A = A", "shapes": "A: n x n"}) + "\n")
    (tmp / "adir").mkdir()
    return {
        "steps missing": (["check", ID, "--steps", str(tmp / "nope.txt")], 2),
        "steps a directory": (["check", ID, "--steps", str(tmp / "adir")], 2),
        "steps too big": (["check", ID, "--steps", str(tmp / "big.md")], 2),
        "steps too many lines": (["check", ID, "--steps", str(tmp / "many.txt")], 2),
        "steps binary": (["check", ID, "--steps", str(tmp / "junk.bin")], 2),
        "batch missing": (["check", "--batch", str(tmp / "nope.jsonl")], 2),
        "batch a directory": (["check", "--batch", str(tmp / "adir")], 2),
        "batch all invalid": (["check", "--batch", str(tmp / "invalid.jsonl")], 2),
        "batch binary": (["check", "--batch", str(tmp / "junk.bin")], 2),
        "batch with a wrong line": (["check", "--batch", str(tmp / "wrong.jsonl")], 1),
        "out in a missing directory": (["check", "--batch", str(tmp / "ok.jsonl"), "--out", str(tmp / "no" / "r.jsonl")], 2),
        "out is a directory": (["check", "--batch", str(tmp / "ok.jsonl"), "--out", str(tmp / "adir")], 2),
        "gradcheck missing": (["gradcheck", str(tmp / "nope.py")], 2),
        "gradcheck a directory": (["gradcheck", str(tmp / "adir")], 2),
        "gradcheck binary": (["gradcheck", str(tmp / "junk.bin"), "--net", "mlp:4-5-3:sigmoid:mse"], 2),
        "gradcheck no example": (["gradcheck", "examples/mine.py"], 2),
    }


FILE_IDS = ["steps missing", "steps a directory", "steps too big", "steps too many lines", "steps binary", "batch missing",
            "batch a directory", "batch all invalid", "batch binary", "batch with a wrong line", "out in a missing directory",
            "out is a directory", "gradcheck missing", "gradcheck a directory", "gradcheck binary", "gradcheck no example"]


@pytest.mark.parametrize("label", FILE_IDS)
def test_hostile_files_get_one_clear_line(label: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    args, expected = _file_cases(tmp_path)[label]
    start = time.monotonic()
    result = CliRunner().invoke(cli, args)
    seconds = time.monotonic() - start
    if "graded" in result.stderr:  # a batch: one result a line on stdout, the one-line summary on stderr
        verdicts = [json.loads(line)["verdict"] for line in result.stdout.splitlines()]
        assert verdicts and ("invalid" in verdicts if expected == 2 else "incorrect" in verdicts)
    _assert_one_clear_line(result.exit_code, expected, result.stderr, "", seconds)


# ---------------------------------------------------------------- a few through the real console script
@pytest.mark.parametrize("args, expected", [
    (["check", "--seed", "-1", "--identity", "A = A", "--shapes", "A: n x n"], 2),
    (["derive", "x' x * 2^(10^10)", "--wrt", "x", "--shapes", "x: n"], 2),
    (["check", "--identity", "tr(A) = tr(A')", "--shapes", "A: 100000 x 100000"], 2),
    (["list", "--topic", "nope"], 2),
], ids=["seed", "power tower", "huge size", "topic"])
def test_console_script(args: list[str], expected: int) -> None:
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "dlprep", *args], capture_output=True, text=True, timeout=60)
    _assert_one_clear_line(done.returncode, expected, done.stderr, done.stdout, time.monotonic() - start)


# ---------------------------------------------------------------- misleading messages (issue 13)
@pytest.mark.parametrize("args", [
    ["check", "--expr", "x' x", "--wrt", "x", "--shapes", "x: n", "--answer", "1 * 2x"],
    ["check", "--expr", "x' A x", "--wrt", "x", "--shapes", "x: n, A: n x n", "--answer", "1(A+A')x"],
], ids=["1 * 2x", "1(A+A')x"])
def test_a_ones_literal_is_not_called_a_hadamard_slip_and_no_internal_size_leaks(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "hadamard" not in result.stdout.lower() and "?1" not in result.stdout
    assert "[shape]" in result.stdout and "any length" in result.stdout
