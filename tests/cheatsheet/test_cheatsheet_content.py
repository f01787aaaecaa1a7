"""A broken catalog formula stops the build with one line naming it; bad options are one line (issue #14)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from derivations import catalog
from question_bank.cheatsheet import FormulaFailed, build


def _broken_part(monkeypatch: pytest.MonkeyPatch, entry_id: str, part: str, reference: str) -> None:
    entry = catalog.get(entry_id)
    parts = tuple(replace(p, reference=reference) if p.name == part else p for p in entry.parts)
    monkeypatch.setitem(catalog._load(), entry_id, replace(entry, parts=parts))


@pytest.mark.parametrize("entry_id, part, wrong, topic", [
    ("least-squares-gradient", "gradient", "2 A^T (A x + b)", "gradients"),  # a sign slip in the reference
    ("mlp-backprop", "update-W", "W^(l) - alpha (delta^(l) a^(l-1)^T + 2 lambda W^(l))", "backprop"),  # the L2 factor
    ("lstm-parameter-count", "count", "4 h (d + h)", "rnn"),  # the bias forgotten
])
def test_a_broken_catalog_formula_stops_the_build(monkeypatch: pytest.MonkeyPatch, entry_id: str, part: str, wrong: str, topic: str) -> None:
    _broken_part(monkeypatch, entry_id, part, wrong)
    with pytest.raises(FormulaFailed, match=f"formula {entry_id}/{part} "):
        build([topic])


def test_a_broken_identity_stops_the_build_from_the_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from dlprep.cli import cli

    entry = catalog.get("trace-hadamard")
    monkeypatch.setitem(catalog._load(), "trace-hadamard", replace(entry, identities=("tr(A^T (B .* C)) = tr((A .* B)^T C) = sum(A .* B + C)",)))
    result = CliRunner().invoke(cli, ["cheatsheet", "--topics", "traces", "--format", "md", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "trace-hadamard/identity-0" in lines[0] and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_failing_reference_network_check_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = catalog.get("rnn-bptt")

    def check_bptt_growth() -> tuple[float, float]:
        return 0.5, 1e-12

    checks = tuple(check_bptt_growth if c.__name__ == "check_bptt_growth" else c for c in entry.checks)
    monkeypatch.setitem(catalog._load(), "rnn-bptt", replace(entry, checks=checks))
    with pytest.raises(FormulaFailed, match="rnn-bptt/check_bptt_growth"):
        build(["rnn"])


@pytest.mark.parametrize("args, message", [
    (["--topics", "nope"], "unknown topic 'nope'"),
    (["--format", "docx"], "unknown format 'docx'"),
])
def test_bad_options_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    from dlprep.cli import cli

    result = CliRunner().invoke(cli, ["cheatsheet", *args])
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_non_empty_output_directory_needs_force(tmp_path: Path) -> None:
    from dlprep.cli import cli

    (tmp_path / "keep.txt").write_text("mine")
    args = ["cheatsheet", "--topics", "conventions", "--format", "md", "--lang", "en", "--out", str(tmp_path)]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    forced = CliRunner().invoke(cli, args + ["--force"])
    assert forced.exit_code == 0 and (tmp_path / "cheatsheet.en.md").is_file() and (tmp_path / "keep.txt").read_text() == "mine"
