"""The wheel a user's `pip install .` builds, made from a clean copy of the checkout (issue 18).

A copy, not the tree itself: setuptools reuses ``build/`` in place, and a stale file left there would
ship in the wheel and hide a missing package-data declaration.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("dlprep", "checker", "derivations", "question_bank")
TOP_FILES = ("pyproject.toml", "README.md")


def package_files(root: Path = ROOT) -> list[str]:
    """Every non-Python file inside the packages, as a path relative to ``root`` (``question_bank/…``)."""
    out = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
                out.append(path.relative_to(root).as_posix())
    return out


def build_wheel(into: Path) -> Path:
    """Copy the packages and the project files into ``into/src`` and build the wheel there."""
    src = into / "src"
    src.mkdir(parents=True)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, src / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in TOP_FILES:
        shutil.copy2(ROOT / name, src / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                           "-q", "-w", str(into / "dist"), str(src)], capture_output=True, text=True, timeout=300)
    wheels = sorted((into / "dist").glob("dlprep-*.whl"))
    if done.returncode != 0 or not wheels:
        pytest.fail(f"the wheel could not be built (pip wheel exited {done.returncode}):\n{done.stderr[-3000:]}",
                    pytrace=False)
    return wheels[0]


def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())
