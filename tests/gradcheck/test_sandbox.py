"""gradcheck runs a student's file under bubblewrap (issue 22 §2): each attack of tests/data/gradcheck
fails to escape; each test fails on the unsandboxed child of before (soft limits, a forked child
sharing the caller's stdio, files and network)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.gradcheck.student import StudentProcess
from conftest import need
from dlprep.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "gradcheck"
RIGHT = (DATA / "right.py").read_text()
NET = ["--net", "mlp:4-5-3:sigmoid:mse"]


@pytest.fixture(autouse=True)
def _bubblewrap() -> None:
    need("bwrap")


def attack(tmp_path: Path, name: str, **fill: object) -> Path:
    """tests/data/gradcheck/NAME.py with its placeholders filled, right.py appended where it says so,
    saved under a unique name (so that its processes can be found by their command line)."""
    text = (DATA / f"{name}.py").read_text()
    for key, value in fill.items():
        text = text.replace(key, repr(value))
    if "the test appends right.py" in text:
        text += "\n" + RIGHT
    path = tmp_path / f"{name}_{uuid.uuid4().hex[:12]}.py"
    path.write_text(text)
    return path


def dlprep(*args: str, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dlprep", "gradcheck", *args], capture_output=True, text=True,
                          timeout=90, **kwargs)  # type: ignore[call-overload]


def alive(token: str) -> list[int]:
    """Processes whose command line mentions ``token``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if token in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def gone(token: str, seconds: float = 10) -> bool:
    end = time.monotonic() + seconds
    while alive(token) and time.monotonic() < end:
        time.sleep(0.1)
    return not alive(token)


def test_the_control_passes(tmp_path: Path) -> None:
    result = dlprep(str(attack(tmp_path, "right")), *NET)
    assert result.returncode == 0 and "all gradients are right" in result.stdout, result.stderr


def test_limits_are_hard(tmp_path: Path) -> None:
    """Lifting RLIMIT_AS to its hard value and reserving 6 GiB worked before (soft limits): now MemoryError."""
    result = CliRunner().invoke(cli, ["gradcheck", str(attack(tmp_path, "lift_limits")), *NET])
    assert result.exit_code == 2 and "MemoryError" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_forked_processes_die_with_the_check(tmp_path: Path) -> None:
    path = attack(tmp_path, "forks")
    result = dlprep(str(path), *NET)
    assert result.returncode == 0, result.stderr
    assert gone(path.stem), f"processes of {path.name} outlived dlprep: {alive(path.stem)}"


def test_a_grandchild_cannot_hold_the_callers_stdio(tmp_path: Path) -> None:
    """capture_output waits for every holder of the pipes: a grandchild sleeping 120 s held it before."""
    path = attack(tmp_path, "held_stderr")
    start = time.monotonic()
    result = dlprep(str(path), *NET)  # TimeoutExpired (90 s) if the grandchild still held stderr
    assert result.returncode == 0 and time.monotonic() - start < 80
    assert gone(path.stem)


def test_no_network(tmp_path: Path) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.5)
    with server:
        result = dlprep(str(attack(tmp_path, "socket_leak", PORT=server.getsockname()[1])), *NET)
        with pytest.raises(TimeoutError):
            server.accept()
    assert result.returncode == 0, result.stderr


def test_no_writes_outside_the_scratch_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    path = attack(tmp_path, "write_outside", TARGET=str(outside))
    before = path.read_text()
    result = dlprep(str(path), *NET)
    assert result.returncode == 0, result.stderr
    assert not outside.exists() and path.read_text() == before


def test_the_report_cannot_be_forged(tmp_path: Path) -> None:
    """A grandchild rewrote the saved report after dlprep exited (and wrote a verdict into its stdout
    through /proc): the report is the parent's, written atomically, and stays so."""
    report, saved = tmp_path / "report.txt", tmp_path / "stdout.txt"
    path = attack(tmp_path, "forged_report", REPORT=str(report))
    with saved.open("w") as stdout:
        code = subprocess.run([sys.executable, "-m", "dlprep", "gradcheck", str(path), *NET, "--out", str(report)],
                              stdout=stdout, stderr=subprocess.PIPE, timeout=90).returncode
    assert code == 1
    time.sleep(3)  # the forger waits 2 s after loading
    text = report.read_text()
    assert "some gradients are wrong" in text and text.count("all gradients are right") == 0
    assert saved.read_text() == "" and oct(report.stat().st_mode & 0o777) != "0o600"


def test_sigterm_to_dlprep_ends_the_students_processes(tmp_path: Path) -> None:
    path = attack(tmp_path, "slow")
    process = subprocess.Popen([sys.executable, "-m", "dlprep", "gradcheck", str(path), *NET],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        end = time.monotonic() + 30
        while len(alive(path.stem)) < 2 and time.monotonic() < end:  # dlprep and the sandboxed child
            time.sleep(0.1)
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 143
    finally:
        process.kill()
        process.communicate()
    assert gone(path.stem), f"processes of {path.name} outlived dlprep: {alive(path.stem)}"


def test_a_reply_larger_than_the_network_is_not_read(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["gradcheck", str(attack(tmp_path, "huge_reply")), *NET])
    assert result.exit_code == 2 and "the limit is" in result.stderr and "network's size" in result.stderr


def test_threads_but_no_new_processes(tmp_path: Path) -> None:
    """The seccomp filter: a thread starts (BLAS, a student's own), fork and subprocess are refused."""
    path = tmp_path / "spawn.py"
    path.write_text("import os, subprocess, threading\n"
                    "def spawn():\n"
                    "    done = []\n"
                    "    thread = threading.Thread(target=lambda: done.append(1))\n"
                    "    thread.start()\n    thread.join()\n"
                    "    refused = []\n"
                    "    for start in (os.fork, lambda: subprocess.run(['/usr/bin/true'])):\n"
                    "        try:\n            start()\n            refused.append(False)\n"
                    "        except OSError:\n            refused.append(True)\n"
                    "    return done, refused\n")
    with StudentProcess.start(f"{path}:spawn", timeout=10) as student:
        done, refused = student.call("spawn")
    assert done == [1] and refused == [True, True]


def test_what_the_child_sees(tmp_path: Path) -> None:
    """User nobody, its own PID namespace, no /etc or /home, a read-only /usr, a private /tmp."""
    path = tmp_path / "look.py"
    path.write_text("import os\n"
                    "def look():\n"
                    "    try:\n        open('/usr/dlprep-was-here', 'w')\n        usr = 'writable'\n"
                    "    except OSError:\n        usr = 'read-only'\n"
                    "    procs = [p for p in os.listdir('/proc') if p.isdigit()]\n"
                    "    return os.getuid(), sorted(os.listdir('/')), usr, len(procs), os.getcwd()\n")
    with StudentProcess.start(f"{path}:look", timeout=10) as student:
        uid, top, usr, processes, cwd = student.call("look")
    assert uid == 65534 and usr == "read-only" and processes <= 3 and cwd == "/tmp"
    assert not {"etc", "home", "work"} & set(top) and "submission" in top


def test_without_bubblewrap_it_refuses_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = attack(tmp_path, "right")
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap on it
    result = CliRunner().invoke(cli, ["gradcheck", str(path), *NET])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "bubblewrap" in result.stderr and "--unsafe-no-sandbox" in result.stderr
    result = CliRunner().invoke(cli, ["gradcheck", str(path), *NET, "--unsafe-no-sandbox"])
    assert result.exit_code == 0, result.stderr


def test_a_sandbox_that_cannot_start_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """bwrap refusing to start (here an option it does not know; elsewhere no user namespaces) is named, exit 2."""
    from checker.gradcheck import sandbox

    monkeypatch.setattr(sandbox, "NAMESPACES", (*sandbox.NAMESPACES, "--no-such-option"))
    result = CliRunner().invoke(cli, ["gradcheck", str(attack(tmp_path, "right")), *NET])
    assert result.exit_code == 2 and "the sandbox (bubblewrap) cannot start here" in result.stderr
    assert "--no-such-option" in result.stderr and len(result.stderr.strip().splitlines()) == 1
