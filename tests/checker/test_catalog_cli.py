"""`dlprep list`, `show` and `verify` over the catalog registry (issue 5 commands, core entries)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from derivations.catalog import all_entries, get


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dlprep", *args], capture_output=True, text=True, timeout=120)


def test_verify_whole_registry_passes() -> None:
    done = run("verify", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    reports = json.loads(done.stdout)
    assert all(r["ok"] and r["checks"] >= 1 for r in reports)


REPO_COPY = Path(__file__).resolve().parents[1] / "data" / "CATALOG.md"  # the syllabus, for clean clones
SHARED = Path(__file__).resolve().parents[3] / "shared" / "CATALOG.md"  # the original, next to the checkout


def test_the_repository_copy_of_the_catalog_is_current() -> None:
    """tests/data/CATALOG.md is a verbatim copy of ../shared/CATALOG.md (CI clones may lack ../shared)."""
    if SHARED.exists():
        assert REPO_COPY.read_text(encoding="utf-8") == SHARED.read_text(encoding="utf-8")
    assert "## Checkable parts" in REPO_COPY.read_text(encoding="utf-8")


@pytest.mark.parametrize("copy", [REPO_COPY, SHARED], ids=["tests/data copy", "shared original"])
def test_registered_ids_are_exactly_the_catalog_ids(copy: Path) -> None:
    """Every id of CATALOG.md's tables is registered, and the registry invents none: checked on the
    repository's copy by its content (clean clones too), and on the shared original when it is there."""
    if not copy.exists():
        assert copy == SHARED  # only the original may be missing (a clean clone)
        return
    text = copy.read_text(encoding="utf-8")
    all_ids = set(re.findall(r"^\| `([a-z0-9-]+)`", text, re.M))
    core = set(re.findall(r"^\| `([a-z0-9-]+)` \*\*core\*\*", text, re.M))
    registered = {e.id for e in all_entries()}
    assert core <= registered
    assert registered == all_ids


@pytest.mark.parametrize("entry", all_entries(), ids=lambda e: e.id)
def test_every_entry_speaks_both_languages(entry) -> None:  # type: ignore[no-untyped-def]
    for text in (entry.title, entry.statement):
        assert text["en"].strip() and text["zh"].strip()
    assert re.search(r"[\u4e00-\u9fff]", entry.statement["zh"])


def test_list_and_show() -> None:
    listed = json.loads(run("list", "--json").stdout)
    assert {"id": "conv-residual"}.items() <= next(r for r in listed if r["id"] == "conv-residual").items()
    shown = json.loads(run("show", "least-squares-gradient", "--format", "json").stdout)
    assert shown["parts"][0]["answer"] == get("least-squares-gradient").parts[0].reference
    zh = run("show", "softmax-jacobian", "--lang", "zh")
    assert "softmax" in zh.stdout and "雅可比矩阵" in zh.stdout and "Jacobian" not in zh.stdout.split("\n")[0] and zh.returncode == 0


@pytest.mark.parametrize(("args", "fragment"), [(("show", "least-square-gradient"), "least-squares-gradient"),
                                                (("show", "conv-residual", "--part", "kernel"), "delta, grad-kernel, grad-bias"),
                                                (("check", "softmax-jacobain", "--answer", "x"), "softmax-jacobian")])
def test_bad_ids_and_parts_suggest(args: tuple[str, ...], fragment: str) -> None:
    done = run(*args)
    assert done.returncode == 2 and fragment in done.stderr and "Traceback" not in done.stderr
