"""The house: imports run one way, language ← grading ← derivations ← question_bank ← CLI (issue #10).

Every ``import`` in every module (function-level ones included) is read with :mod:`ast`; a module
may import only its own layer or lower ones. The table is the architecture of docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package prefix → rank; the longest matching prefix decides.
LAYERS: dict[str, int] = {
    "checker.language": 0,
    "checker.networks": 1,
    "checker.gradcheck": 2,
    "checker.grading": 2,
    "derivations": 3,
    "question_bank": 4,
    "dlprep": 5,
}
# Sibling layers of one rank that must still not know each other.
FORBIDDEN: set[tuple[str, str]] = {("checker.grading", "checker.gradcheck"), ("checker.gradcheck", "checker.grading"),
                                   ("checker.language", "checker.networks")}


def layer_of(module: str) -> str | None:
    best = None
    for prefix in LAYERS:
        if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best)):
            best = prefix
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            out.append((node.lineno, base))
            out += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if layer_of(f"{base}.{alias.name}") != layer_of(base)]
    return out


SOURCES = sorted(p for top in ("checker", "derivations", "question_bank", "dlprep") for p in (ROOT / top).rglob("*.py"))


def violations(path: Path) -> list[str]:
    here = layer_of(module_name(path))
    if here is None:
        return []
    bad = []
    for line, target in imported(path):
        there = layer_of(target)
        if there is None or there == here:
            continue
        if LAYERS[there] > LAYERS[here] or (here, there) in FORBIDDEN:
            bad.append(f"{path.relative_to(ROOT)}:{line} ({here}) imports {target} ({there})")
    return bad


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_one_way(path: Path) -> None:
    assert violations(path) == []


def test_the_check_can_fail(tmp_path: Path) -> None:
    """A language module that imports the catalog is caught (the test is not vacuous)."""
    fake = ROOT / "checker" / "language" / "_probe_import_direction.py"
    fake.write_text("def f():\n    from derivations.catalog import get\n    return get\n")
    try:
        assert violations(fake) == [f"checker/language/_probe_import_direction.py:2 (checker.language) imports derivations.catalog (derivations)"]
    finally:
        fake.unlink()
