"""Issue #5: every catalog part with a function has a derivation whose every step is checked, from
the engine or hand-written (convolutions, max, sparsemax), and the derived result equals the answer."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from derivations.catalog import all_entries, get
from derivations.catalog.steps import part_steps
from derivations.catalog.verify import verify
from dlprep.cli import cli

PARTS = [(e.id, p.name) for e in all_entries() for p in e.parts if p.function or p.steps]


@pytest.mark.parametrize("entry_id, part", PARTS, ids=[f"{e}/{p}" for e, p in PARTS])
def test_every_derivation_checks_out(entry_id: str, part: str) -> None:
    """Every part with a function or steps declares a derivation (Part.derivation) and it checks out."""
    entry = get(entry_id)
    chosen = next(p for p in entry.parts if p.name == part)
    found = part_steps(entry, chosen)
    assert chosen.derivation in ("proof", "engine", "hand-written") and found.source == chosen.derivation
    assert found.verified and found.matches_answer, found.note
    assert all(line["verified"] for line in found.lines)
    assert len(found.lines) >= 3


def test_a_wrong_hand_written_step_fails_verification() -> None:
    """The kernel flip left out in the adjoint step (CATALOG F's classic slip) must be caught."""
    entry = get("conv-residual")
    delta = entry.parts[0]
    broken_steps = tuple((line.replace("rot180(omega)", "omega"), rule) if k == 2 else (line, rule)
                         for k, (line, rule) in enumerate(delta.steps))
    broken = replace(entry, parts=(replace(delta, steps=broken_steps, function=None),) + entry.parts[1:])
    found = part_steps(broken, broken.parts[0])
    assert not found.verified and "line 3" in found.note
    assert not verify(broken).ok


def test_conv_convention_check_runs() -> None:
    """`conv-residual` also shows that the cross-correlation formulas differ by the kernel flip."""
    report = verify(get("conv-residual"))
    assert report.ok and report.checks >= 7


def test_show_prints_checked_steps() -> None:
    """Every step with --steps all, each named by its idea; the JSON keeps the engine's trace."""
    out = CliRunner().invoke(cli, ["show", "conv-residual", "--part", "delta", "--steps", "all"]).stdout
    assert "hand-written steps, every step checked numerically" in out and "✗" not in out
    assert "adjoint of the convolution" in out
    data = json.loads(CliRunner().invoke(cli, ["show", "least-squares-gradient", "--format", "json"]).stdout)
    derivation = data["parts"][0]["derivation"]
    assert derivation["source"] == "engine" and derivation["verified"] and derivation["steps"][-1]["lhs"] == "∇_x f"
    model = data["parts"][0]["model_answer"]
    assert model["verified"] and len(model["lines"]) < len(derivation["steps"])
    assert sum(m["points"] for m in model["marking"]) == 10


def _step_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("      ") and ("✓" in line or "✗" in line or "·" in line)]


def test_show_gives_the_model_answer_and_every_step_on_request() -> None:
    """Default: the course-style model answer (a few lines, the result last); --steps all: the full trace."""
    model = CliRunner().invoke(cli, ["show", "softmax-cross-entropy-gradient"])
    every = CliRunner().invoke(cli, ["show", "softmax-cross-entropy-gradient", "--steps", "all"])
    assert model.exit_code == every.exit_code == 0
    short, full = _step_lines(model.stdout), _step_lines(every.stdout)
    assert 3 <= len(short) <= 8 < len(full), (short, full)
    assert "model answer, every line checked numerically" in model.stdout and "✗" not in model.stdout
    assert short[-1].split("✓")[0].strip() == "∇_z f = a - e_y"
    assert "take the differential" in every.stdout and "take the differential" not in model.stdout
    assert "⊘" not in model.stdout + every.stdout and "∘(-1)" not in model.stdout + every.stdout


def test_show_brief_and_chinese() -> None:
    out = CliRunner().invoke(cli, ["show", "least-squares-gradient", "--lang", "zh", "--steps", "all"]).stdout
    assert "由推导引擎给出" in out and "每一步均已数值验证" in out
    out = CliRunner().invoke(cli, ["show", "least-squares-gradient", "--lang", "zh"]).stdout
    assert "参考解答" in out and "每一行均已数值验证" in out and "合并同类项" in out
    assert "derived by the engine" not in CliRunner().invoke(cli, ["show", "least-squares-gradient", "--brief"]).stdout


def test_maxout_answer_is_checkable() -> None:
    """Regression: the winner's indicator I(u ≥ max u) is exactly 0 there, which is not a kink."""
    result = CliRunner().invoke(cli, ["check", "maxout-gradient", "--answer", "W^T I(W x + b >= max(W x + b))"])
    assert result.exit_code == 0
    result = CliRunner().invoke(cli, ["check", "maxout-gradient", "--answer", "W^T 1"])
    assert result.exit_code == 1


NETWORK_CHECKED = ["batchnorm-backward", "pooling-residual", "rbm-gradient", "rnn-bptt", "lstm-parameter-count",
                   "mlp-backprop", "conv-residual", "softmax-jacobian", "sparsemax-jacobian", "maxout-gradient",
                   "tied-autoencoder-gradient"]


@pytest.mark.parametrize("entry_id", NETWORK_CHECKED)
def test_entries_are_verified_against_the_reference_networks(entry_id: str) -> None:
    entry = get(entry_id)
    assert "checker.networks" in entry.verified_against
    assert any(check.__name__.endswith("against_network") for check in entry.checks)
    assert verify(entry).ok


def test_a_broken_reference_layer_breaks_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    """The formula and the network are independent: break the network and the entry fails."""
    import numpy as np

    from checker.networks import Softmax

    monkeypatch.setattr(Softmax, "backward", lambda self, g: np.zeros_like(g))
    report = verify(get("softmax-jacobian"))
    assert not report.ok and any("against_network" in f for f in report.failures)
