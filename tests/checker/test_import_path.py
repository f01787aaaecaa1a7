"""SymPy stays off the import path of commands that do not need it (issue 2 benchmark note)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CASES = [
    ["check", "--identity", "tr(A B) = tr(B A)", "--shapes", "A: m x n, B: n x m"],
    ["check", "--expr", "x^T A x", "--wrt", "x", "--shapes", "A: n x n, x: n", "--answer", "(A + A^T) x"],
    ["parse", "2A^T(Ax-b)", "--shapes", "A: m x n, x: n, b: m"],
]


@pytest.mark.parametrize("args", CASES)
def test_no_sympy_import(args: list[str]) -> None:
    code = (
        "import sys\nfrom dlprep.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "print('sympy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stdout + done.stderr
