"""`dlprep practice` options: bad ones are one line and exit 2, before any server starts."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dlprep", "practice", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args, words", [
    (("--topics", "A,Z"), "unknown topic 'Z'"),
    (("--types", "essay"), "unknown type 'essay'"),
    (("--lang", "fr"), "'fr' is not one of"),
    (("--port", "70000"), "70000"),
])
def test_bad_options(args: tuple[str, ...], words: str) -> None:
    result = run(*args)
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr


def test_port_in_use_is_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = run("--port", str(busy.getsockname()[1]))
    assert result.returncode == 2 and "cannot listen on 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
