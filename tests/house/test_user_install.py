"""Installed the way a user installs (issue 18 §2): the wheel built from the checkout, put into a
fresh virtual environment outside the source tree, and the README's main jobs run from an empty folder.

The venv sees the test environment's packages (``--system-site-packages``) and the wheel is installed
with ``--no-deps --no-index``, so the test stays fast and offline; dlprep itself must come from the
venv, which the first check asserts.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.house.wheel import ROOT, build_wheel


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("user")
    wheel = build_wheel(base / "build")
    env = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(env)], check=True,
                   timeout=120)
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "-q",
                           "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return env


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def _run(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / "dlprep"), *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(cwd), "LANG": "C.UTF-8"})


def test_dlprep_comes_from_the_venv_not_the_source_tree(venv: Path, empty: Path) -> None:
    done = subprocess.run([str(venv / "bin" / "python"), "-c",
                           "import question_bank, dlprep; print(question_bank.__file__); print(dlprep.__file__)"],
                          cwd=empty, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    for line in done.stdout.split():
        assert Path(line).is_relative_to(venv) and not Path(line).is_relative_to(ROOT), line


def test_the_readme_first_command_job_runs_from_an_empty_folder(venv: Path, empty: Path) -> None:
    done = _run(venv, empty, "exam")
    assert done.returncode == 0, done.stderr
    made = sorted(p.relative_to(empty).as_posix() for p in (empty / "exam").rglob("*") if p.is_file())
    assert any(p.endswith(".md") for p in made) and any(p.endswith(".html") for p in made), made
    text = "".join((empty / p).read_text(encoding="utf-8") for p in made if p.endswith(".md"))
    assert len(text) > 1000


def test_the_cheat_sheet_builds_from_an_installed_copy(venv: Path, empty: Path) -> None:
    done = _run(venv, empty, "cheatsheet", "--format", "md,html")
    assert done.returncode == 0, done.stderr
    made = [p for p in (empty / "cheatsheet").rglob("*") if p.suffix in (".md", ".html")]
    assert len(made) >= 2 and all(p.stat().st_size > 1000 for p in made), made


def test_the_practice_page_serves_its_page_and_a_question(venv: Path, empty: Path) -> None:
    server = subprocess.Popen([str(venv / "bin" / "dlprep"), "practice", "--port", "0"], cwd=empty,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(empty), "LANG": "C.UTF-8"})
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, line + (server.stderr.read() if server.poll() is not None and server.stderr else "")
        url = match.group(0)
        for _ in range(200):  # the port is bound before the line is printed; the app may still be starting
            try:
                page = urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the practice server never answered")
        assert "<html" in page.lower() and "app.js" in page
        for asset in re.findall(r'(?:src|href)="/(static/[^"]+)"', page):  # the page's own script and styles
            assert urllib.request.urlopen(url + asset, timeout=10).status == 200, asset
        question = json.loads(urllib.request.urlopen(url + "api/question", timeout=30).read())
        assert question["id"] and len(question["prompt_html"]["zh"]) > 20
    finally:
        server.terminate()
        server.wait(timeout=30)

