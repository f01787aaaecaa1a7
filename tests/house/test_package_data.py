"""Every file the installed packages read at run time is inside the wheel (issue 18 §1–2).

The exam and cheat-sheet templates were once missing from the wheel: `pip install -e` reads the
source tree, so only a normal install showed it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.house.wheel import PACKAGES, ROOT, build_wheel, names, package_files


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def test_every_non_python_file_of_the_packages_is_in_the_wheel(wheel: Path) -> None:
    files = package_files()
    assert any(f.endswith("exam.md.j2") for f in files) and any(f.endswith("sheet.md.j2") for f in files)
    missing = sorted(set(files) - names(wheel))
    assert not missing, f"not in the built wheel (declare them in pyproject's package-data): {missing}"


def test_the_wheel_ships_no_build_leftovers(wheel: Path) -> None:
    assert not [n for n in names(wheel) if "__pycache__" in n or n.endswith(".pyc")]


def test_package_data_is_declared_once() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert text.count("[tool.setuptools.package-data]") == 1


PARENTS = re.compile(r"\.parent\b|\.parents\[(\d+)\]")


def test_resources_are_found_next_to_the_code_never_outside_the_package() -> None:
    """Code that opens a data file finds it next to itself (``Path(__file__)`` inside its package),
    so an installed copy reads its own files; nothing under the packages climbs out to the source tree."""
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if "__file__" in line:
                    ups = sum(int(m.group(1)) + 1 if m.group(1) else 1 for m in PARENTS.finditer(line))
                    inside = len(path.relative_to(ROOT).parts) - 1  # folders from the package root to the file
                    assert ups <= inside, f"{path.relative_to(ROOT)} reads outside its package: {line.strip()}"


def test_no_wheel_or_build_output_is_committed() -> None:
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert tracked, "not a git checkout"
    assert not [t for t in tracked if t.endswith((".whl", ".egg-info")) or t.startswith(("build/", "dist/"))]
