"""gradcheck runs the student's file in a child process (issue 13 §5): each way the child can die
without sending a result is exit 2 with one line, never a pass, also with --json; limits hold."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.gradcheck.student import StudentProcess
from dlprep.cli import cli

RIGHT = (Path(__file__).resolve().parents[2] / "examples" / "mine.py").read_text().replace(
    "d1 = W2.T @ d2  # the bug", "d1 = (W2.T @ d2) * a1 * (1 - a1)  # fixed")

DEATHS = {  # how the child ends → words of the one line
    "os._exit(0)": ("os._exit(0)", "exited with code 0 without returning a result"),
    "SIGKILL": ("os.kill(os.getpid(), signal.SIGKILL)", "signal SIGKILL"),
    "os.abort": ("os.abort()", "signal SIGABRT"),
    "segfault": ("import ctypes; ctypes.string_at(0)", "signal SIGSEGV"),
    "memory": ("big = np.ones(6 * 2**30 // 8)", "raised MemoryError"),
    "timeout": ("while True: pass", "took longer than 2 s"),
    "sleep": ("time.sleep(60)", "took longer than 2 s"),
}


def _student(tmp_path: Path, first_line: str) -> Path:
    path = tmp_path / "student.py"
    path.write_text("import os, signal, time\n" + RIGHT.replace(
        "    W1, b1, W2, b2 = ", f"    {first_line}\n    W1, b1, W2, b2 = "))
    return path


def test_the_fixed_example_passes(tmp_path: Path) -> None:
    """The control: the same file without the fatal line passes, so the failures below come from it."""
    path = tmp_path / "student.py"
    path.write_text(RIGHT)
    result = CliRunner().invoke(cli, ["gradcheck", str(path), "--net", "mlp:4-5-3:sigmoid:mse", "--timeout", "20"])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
@pytest.mark.parametrize("death", list(DEATHS))
def test_a_child_that_dies_is_never_a_pass(death: str, as_json: bool, tmp_path: Path) -> None:
    line, words = DEATHS[death]
    args = ["gradcheck", str(_student(tmp_path, line)), "--net", "mlp:4-5-3:sigmoid:mse", "--timeout", "2"]
    start = time.monotonic()
    result = CliRunner().invoke(cli, args + (["--json"] if as_json else []))
    assert time.monotonic() - start < 60  # the --timeout (2 s) ended it, not the test's own limit
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.stderr
    if as_json:
        data = json.loads(result.stdout)
        assert data["ok"] is False and words in data["error"]


def test_the_child_has_its_own_directory_and_limits(tmp_path: Path) -> None:
    """cwd is the sandbox's private scratch /tmp (empty); the CPU-time and memory limits are set, hard."""
    path = tmp_path / "probe.py"
    path.write_text("import os, resource\n"
                    "def where():\n"
                    "    return os.getcwd(), os.listdir('.'), resource.getrlimit(resource.RLIMIT_CPU)[0],"
                    " resource.getrlimit(resource.RLIMIT_AS)[0], os.getpid(), resource.getrlimit(resource.RLIMIT_CPU)[1]\n")
    with StudentProcess.start(f"{path}:where", timeout=7) as student:
        cwd, listing, cpu, memory, pid, cpu_hard = student.call("where")
    assert cwd == "/tmp" and listing == []
    assert cpu == 8 and cpu_hard == 9 and 4096 * 2**20 < memory < 64 * 2**30 and pid != os.getpid()


def test_what_comes_back_is_plain_data(tmp_path: Path) -> None:
    """Objects of the student's classes never reach the parent: only their type name does."""
    path = tmp_path / "sneaky.py"
    path.write_text("import numpy as np\n"
                    "class Loss(float):\n    def __lt__(self, other):\n        return True\n"
                    "class Evil:\n    pass\n"
                    "def f():\n    return Evil(), np.array([Evil()], dtype=object), np.float32(1), 2.5, 'x'\n")
    with StudentProcess.start(f"{path}:f", timeout=10) as student:
        evil, array, single, number, text = student.call("f")
    assert type(evil).__name__ == "Evil" and type(evil).__module__ == "checker.gradcheck.wire"
    assert type(array).__name__ == "ndarray of object" and single.dtype == "float32" and (number, text) == (2.5, "x")
