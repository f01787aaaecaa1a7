"""The bank covers the syllabus: every catalog entry's ``asked`` kinds (CATALOG.md) name a family that
can ask them, every CATALOG.md section has questions, and our section table matches CATALOG.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from derivations.catalog import all_entries
from question_bank import coverage, generate, select
from question_bank.topics import SECTION, TOPICS

CATALOG = Path(__file__).resolve().parents[1] / "data" / "CATALOG.md"


def catalog_sections() -> dict[str, str]:
    """CATALOG.md: entry id → section letter, from the tables under '## X. ...' headings."""
    out, letter = {}, None
    for line in CATALOG.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## ([A-G])\. ", line)
        if heading:
            letter = heading.group(1)
        elif line.startswith("## "):
            letter = None
        elif letter and (m := re.match(r"\| `([a-z0-9-]+)`", line)):
            out[m.group(1)] = letter
    return out


def test_section_table_matches_catalog_md() -> None:
    assert SECTION == catalog_sections()


@pytest.mark.parametrize("entry", all_entries(), ids=lambda e: e.id)
def test_every_asked_kind_has_a_family(entry) -> None:  # type: ignore[no-untyped-def]
    missing = set(entry.asked) - coverage().get(entry.id, set())
    assert not missing, f"{entry.id}: no family asks {sorted(missing)}"


@pytest.mark.parametrize("letter", sorted(TOPICS))
def test_every_section_has_questions_of_several_types(letter: str) -> None:
    names = select(letter)
    found = {generate(n, s).type for n in names for s in range(40) if generate(n, s).topic == letter}
    assert len(found) >= 2, f"section {letter}: only {found}"


def test_every_derivation_and_proof_entry_has_a_derivation_question() -> None:
    for entry in all_entries():
        if {"derivation", "proof"} & set(entry.asked):
            assert any(generate(n, s).catalog_id == entry.id and generate(n, s).steps
                       for n in select(None, ("derivation", "proof")) for s in range(2)), entry.id
