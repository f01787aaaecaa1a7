"""Every command example of README.md runs as written (issue 13 §6).

Picked up automatically, so a new README section is tested the day it lands:
* a ```console block is a session: ``$ COMMAND`` lines, each followed by the output it shows. Each
  shown line must appear in the real output (stdout then stderr), in order; a shown line that is a
  JSON object is compared on its key fields (``KEY_FIELDS``), since its messages may be reworded.
  ``$ echo $?`` shows the exit code of the command before it; without it the command must exit 0.
* a ```bash block holds commands that must exit 0.
The one rule for long-running commands: the parts of a ``&&`` chain that install packages or run the
whole test suite (``LONG_RUNNING``) are not run here — CI does exactly those itself (.ci/run) — and the
rest of the chain is; ``dlprep practice`` serves until stopped, so it is driven end to end in a real
browser by tests/practice instead. No example is skipped any other way.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
LONG_RUNNING = ("pip install", "python -m pytest", "dlprep practice")
KEY_FIELDS = ("line", "verdict", "diagnosis", "ok", "verified")
SECONDS = 180


@dataclass
class Example:
    command: str
    shown: list[str] = field(default_factory=list)
    exit_code: int = 0
    line: int = 0


def examples(text: str) -> list[Example]:
    found: list[Example] = []
    for block in re.finditer(r"^```(console|bash)\n(.*?)^```", text, flags=re.S | re.M):
        kind, body = block.group(1), block.group(2)
        first_line = text[: block.start()].count("\n") + 2
        if kind == "bash":
            found += [Example(c.strip(), line=first_line + i) for i, c in enumerate(body.splitlines()) if c.strip()]
            continue
        current: Example | None = None
        for i, line in enumerate(body.splitlines()):
            if line.startswith("$ "):
                command = line[2:].strip()
                if command == "echo $?" and current is not None:
                    current.exit_code = -1  # the next shown line is the code
                    continue
                current = Example(command, line=first_line + i)
                found.append(current)
            elif current is not None and current.exit_code == -1:
                current.exit_code = int(line.strip())
            elif current is not None:
                current.shown.append(line)
    return found


def runnable(command: str) -> str:
    """The command without the long-running parts of its && chain (see the module docstring)."""
    return " && ".join(p.strip() for p in command.split("&&") if not p.strip().startswith(LONG_RUNNING))


EXAMPLES = examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_for_every_command() -> None:
    commands = " ".join(e.command for e in EXAMPLES)
    for name in ("check", "derive", "gradcheck"):
        assert f"dlprep {name}" in commands
    assert all(runnable(e.command) for e in EXAMPLES if not e.command.startswith(LONG_RUNNING)), "the rule drops only installs"


def test_only_installs_and_the_suite_are_left_out() -> None:
    left_out = [p.strip() for e in EXAMPLES for p in e.command.split("&&") if p.strip().startswith(LONG_RUNNING)]
    assert left_out and all(p.startswith(LONG_RUNNING) for p in left_out)


ROUNDING = re.compile(r"(relative error )\d[\d.]*e-\d+")  # round-off differs between BLAS builds


def _key(line: str) -> object:
    try:
        data = json.loads(line)
    except ValueError:
        return ROUNDING.sub(r"\1…", line.rstrip())
    return {k: data[k] for k in KEY_FIELDS if k in data} if isinstance(data, dict) else line.rstrip()


@pytest.mark.parametrize("example", [e for e in EXAMPLES if runnable(e.command)], ids=lambda e: f"README line {e.line}: {e.command[:60]}")
def test_readme_example(example: Example, tmp_path: Path) -> None:
    """Run in a scratch folder that links every entry of the repository (examples/ and the rest), so
    files the examples read are there and the files they write (./exam/, ./cheatsheet/) are not in the tree."""
    for entry in ROOT.iterdir():
        if not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run(["bash", "-c", runnable(example.command)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=SECONDS)
    assert done.returncode == example.exit_code, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    actual = [_key(line) for line in (done.stdout + done.stderr).splitlines()]
    position = 0
    for shown in (s for s in example.shown if s.strip()):
        wanted = _key(shown)
        assert wanted in actual[position:], f"README line {example.line}: {shown!r} not in the output:\n{done.stdout}{done.stderr}"
        position = actual.index(wanted, position) + 1
