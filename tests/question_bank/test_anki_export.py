"""Anki: the .apkg opened with zipfile + sqlite3; notes, fields, ids and GUIDs that survive text edits."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from bank_samples import samples  # noqa: E402

from question_bank.export import exporter  # noqa: E402
from question_bank.export.anki import DECK_ID, FIELDS, MODEL_ID, export, note_guid  # noqa: E402
from question_bank.families import concepts  # noqa: E402
from question_bank.families.concept_files import concepts as concept_files  # noqa: E402


def open_deck(data: bytes, tmp_path: Path, name: str = "deck") -> dict:
    path = tmp_path / f"{name}.apkg"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp_path / name)
    db = sqlite3.connect(tmp_path / name / "collection.anki2")
    try:
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)
        notes = {guid: dict(zip(FIELDS, flds.split("\x1f"))) | {"mid": mid, "tags": tags.split()}
                 for guid, flds, mid, tags in db.execute("select guid, flds, mid, tags from notes")}
        models = json.loads(db.execute("select models from col").fetchone()[0])
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
        cards = db.execute("select did from cards").fetchall()
    finally:
        db.close()
    return {"notes": notes, "models": models, "decks": decks, "cards": cards}


def test_apkg_holds_every_note_with_fields_ids_and_deck(tmp_path):
    deck = open_deck(export(samples(), "both", "Midterm <1> & co", "inline"), tmp_path)
    notes = deck["notes"]
    assert len(notes) == len(samples())
    assert str(MODEL_ID) in deck["models"] and [f["name"] for f in deck["models"][str(MODEL_ID)]["flds"]] == list(FIELDS)
    assert deck["decks"][str(DECK_ID)]["name"] == "Midterm <1> & co"
    assert {did for (did,) in deck["cards"]} == {DECK_ID}
    by_id = {n["Id"]: n for n in notes.values()}
    assert set(by_id) == {q.id for q in samples()}
    assert all(n["mid"] == MODEL_ID for n in notes.values())

    mc = by_id["concepts.0"]
    assert "Why scale by \\(1-p\\)?" in mc["Front"] and "为什么乘以 \\(1-p\\)？" in mc["Front"]
    assert "a &lt; b &amp; c &gt; d" in mc["Front"] and "]]&gt;" in mc["Front"]
    assert mc["Front"].count("<li>") == 4 and '<li class="correct">✓' in mc["Back"]
    assert "Because \\(E[m \\circ a] = (1-p)a\\)." in mc["Back"] and "dlprep::topic-D" in mc["tags"]

    proof = by_id["derive-softmax-jacobian.2"]
    assert "\\[\\frac{\\partial a}{\\partial z}" in proof["Front"]
    assert proof["Back"].count("<li>\\[") == 2 and "$" not in proof["Back"]
    assert "\\(0.2350\\)" in by_id["sigmoid-value.3"]["Back"]


def test_guids_are_stable_and_follow_params_not_text(tmp_path):
    qs = samples()
    first = set(open_deck(export(qs, "en", "t", "inline"), tmp_path, "a")["notes"])
    second = set(open_deck(export(qs, "en", "t", "inline"), tmp_path, "b")["notes"])
    assert first == second == {note_guid(q, "en") for q in qs}

    typo_fixed = [dataclasses.replace(q, prompt={"en": q.prompt["en"] + " (fixed)", "zh": q.prompt["zh"]},
                                      answer={"en": "new", "zh": "新"}) for q in qs]
    fixed = open_deck(export(typo_fixed, "en", "t", "inline"), tmp_path, "c")["notes"]
    assert set(fixed) == first
    assert all(n["Front"].endswith("(fixed)</p></div>") or "<ol" in n["Front"] for n in fixed.values())

    redrawn = [dataclasses.replace(q, params=q.params | {"extra": 1}) for q in qs]
    assert not {note_guid(q, "en") for q in redrawn} & first
    assert note_guid(qs[0], "zh") != note_guid(qs[0], "en")


def test_same_draw_twice_is_one_note(tmp_path):
    q = samples()[0]
    again = dataclasses.replace(q, id="concepts.35", seed=35)
    assert len(open_deck(export([q, again], "zh", "t", "inline"), tmp_path)["notes"]) == 1


def test_whole_concept_bank_through_the_registry(tmp_path):
    qs = [concepts.make(np.random.default_rng(s), s) for s in range(len(concept_files()))]
    notes = open_deck(exporter("anki")(qs, "zh", "概念题", "inline"), tmp_path)["notes"]
    assert len(notes) == len(concept_files())
    assert all("$" not in n["Front"] + n["Back"] for n in notes.values())
    assert sum("评分要点" in n["Back"] for n in notes.values()) == sum(not q.choices for q in qs)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        export(samples(), "fr", "t", "inline")


def test_real_anki_imports_the_deck_and_updates_it_keeping_history(tmp_path):
    """Anki's own library (the `anki` package, the desktop app's backend) imports the .apkg; a
    re-export after a wording fix updates the same notes, and the review already done stays."""
    import time

    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    qs = samples()
    (tmp_path / "v1.apkg").write_bytes(export(qs, "both", "dlprep 测试", "inline"))
    time.sleep(1.1)  # the second export is newer (Anki updates a note only from a newer one)
    fixed = [dataclasses.replace(q, prompt={"en": q.prompt["en"] + " [fixed]", "zh": q.prompt["zh"]}) for q in qs]
    (tmp_path / "v2.apkg").write_bytes(export(fixed, "both", "dlprep 测试", "inline"))

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        def load(name: str):
            request = ImportAnkiPackageRequest(package_path=str(tmp_path / name),
                                               options=ImportAnkiPackageOptions(with_scheduling=True))
            return col.import_anki_package(request).log

        first = load("v1.apkg")
        assert len(first.new) == len(qs) and not first.updated
        assert "dlprep 测试" in [d.name for d in col.decks.all_names_and_ids()]
        card = col.get_card(col.find_cards("Id:concepts.0")[0])
        assert "为什么乘以" in card.question() and "\\(1-p\\)" in card.question()
        assert "\\(E[m \\circ a] = (1-p)a\\)" in card.answer()
        card.start_timer()
        col.sched.answerCard(card, 3)

        second = load("v2.apkg")
        assert not second.new and len(second.updated) == len(qs)
        assert len(col.find_notes("")) == len(qs) and len(col.find_notes("fixed")) == len(qs)
        assert col.get_card(card.id).reps == 1 and col.db.scalar("select count() from revlog") == 1
    finally:
        col.close()
