"""Adding a catalog entry is one module edit (issue 10, item 4), tried on the Huber loss gradient.

ρ_δ(r) = ½r² for |r| ≤ δ and δ(|r| − δ/2) beyond (Huber 1964), so ∇ Σᵢ ρ_δ(rᵢ) = clip(r, −δ, δ),
written max(min(r, δ), −δ). The entry below is all there is to it: registered (in a temporary
registry, since the syllabus ids of CATALOG.md are a public interface), it is verified against finite
differences, its hand-written derivation is checked step by step, and `dlprep check` grades answers
with its mal-rule, with no change anywhere else.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import derivations.catalog as catalog
from derivations.catalog import Entry, MalRule, Part
from derivations.catalog.steps import part_steps
from derivations.catalog.verify import verify
from dlprep.cli import cli

HUBER = "sum(1/2 min(abs(r), delta).^2 + delta (abs(r) - min(abs(r), delta)))"
CLIP = "max(min(r, delta), -delta)"

ENTRY = Entry(
    id="huber-gradient",
    topic="regression",
    title={"en": "Gradient of the Huber loss", "zh": "Huber 损失的梯度"},
    statement={"en": "The Huber loss is quadratic near 0 and linear beyond δ; its gradient is r clipped to [−δ, δ].",
               "zh": "Huber 损失在 0 附近是二次的，超过 δ 后是线性的；它的梯度是把 r 截断到 [−δ, δ]。"},
    asked=("gradient",),
    symbols="r: n, delta: scalar positive",
    parts=(Part("gradient", "n", CLIP, kind="gradient", function=HUBER, wrt="r", kink_aware=True,
                malrules=(MalRule("unclipped", "r", {"en": "That is the gradient of ½‖r‖²: beyond δ the Huber loss "
                                                             "grows linearly, so the gradient is clipped to ±δ.",
                                                      "zh": "这是 ½‖r‖² 的梯度：超过 δ 后 Huber 损失线性增长，梯度要截断到 ±δ。"}),),
                steps=((f"f = {HUBER}", "ρ_δ(r) = ½r² for |r| ≤ δ, δ(|r| − δ/2) beyond"),
                       (f"df = sum({CLIP} .* dr)", "dρ = r dr inside, δ sign(r) dr beyond"),
                       (f"grad = {CLIP}", "read off G"))),),
)


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "_REGISTRY", dict(catalog._load()))
    catalog.register(ENTRY)


def test_the_new_entry_is_derived_and_verified(registry: None) -> None:
    entry = catalog.get("huber-gradient")
    assert entry.parts[0].derivation == "hand-written"
    found = part_steps(entry, entry.parts[0])
    assert found.source == "hand-written" and found.verified and found.matches_answer, found.note
    report = verify(entry)
    assert report.ok and report.checks == 2, report.failures


def test_the_new_entry_is_checkable(registry: None) -> None:
    right = CliRunner().invoke(cli, ["check", "huber-gradient", "--answer", "max(min(r, delta), -delta)"])
    assert right.exit_code == 0, right.output
    slip = CliRunner().invoke(cli, ["check", "huber-gradient", "--answer", "r"])
    assert slip.exit_code == 1 and "clipped" in slip.output


def test_a_wrong_reference_fails_verification(registry: None) -> None:
    from dataclasses import replace

    wrong = replace(ENTRY, parts=(replace(ENTRY.parts[0], reference="r", steps=(), derivation="none"),))
    assert wrong.parts[0].derivation == "none" and not verify(wrong).ok


def test_ids_are_unique(registry: None) -> None:
    with pytest.raises(ValueError, match="registered twice"):
        catalog.register(ENTRY)
