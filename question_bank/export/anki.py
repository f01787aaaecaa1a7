r"""Anki ``.apkg`` through genanki: one note per question, front = prompt, back = answer (+ steps, key points).

Model and deck ids are fixed constants, so re-importing a deck updates it instead of making a copy.
A note's GUID hashes the question family, the language and the question's params (its draw), never
its text: fixing a typo in a prompt keeps the cards' review history, and a different draw is a new
note (:func:`note_guid`). Math is ``\(…\)``/``\[…\]`` (Anki's MathJax), prose HTML-escaped.
The container (a zip of an SQLite collection) is not byte-stable; GUIDs and fields are.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import sqlite3
import time
import zipfile
from collections.abc import Sequence

import genanki

from question_bank.model import TYPES, Question
from question_bank.topics import TOPICS
from question_bank.typeset.mathjax import LANG_ORDER, plain, solution_html, text_html

MODEL_ID = 1_736_410_427  # never change: Anki identifies the note type by it
DECK_ID = 2_059_400_110  # never change: re-imports update the same deck
FIELDS = ("Front", "Back", "Id", "Topic")

CSS = """.card { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; font-size: 18px; text-align: left;
  color: #111; background: #fff; max-width: 42em; margin: auto; }
.meta { color: #666; font-size: 14px; }
ol.choices { list-style-type: upper-alpha; }
li.correct { font-weight: bold; }
"""

MODEL = genanki.Model(
    MODEL_ID, "dlprep question",
    fields=[{"name": name} for name in FIELDS],
    templates=[{
        "name": "dlprep card",
        "qfmt": '<div class="meta">{{Topic}} · {{Id}}</div>{{Front}}',
        "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
    }],
    css=CSS,
)


def note_guid(q: Question, lang: str) -> str:
    """The note's GUID: family, language and the sorted params (never the text)."""
    return genanki.guid_for(q.family, lang, *(f"{key}={q.params[key]!r}" for key in sorted(q.params)))


def front(q: Question, lang: str) -> str:
    out = text_html(q.prompt, lang)
    if q.choices:
        out += '<ol class="choices">' + "".join(f"<li>{text_html(c.text, lang)}</li>" for c in q.choices) + "</ol>"
    return out


def back(q: Question, lang: str) -> str:
    out = ""
    if q.choices:
        out += '<ol class="choices">' + "".join(
            f'<li class="correct">✓ {text_html(c.text, lang)}</li>' if c.correct else f"<li>{text_html(c.text, lang)}</li>"
            for c in q.choices) + "</ol>"
    return out + solution_html(q, lang)


def note(q: Question, lang: str) -> genanki.Note:
    topic = f"{q.topic}. {plain(TOPICS[q.topic], lang, ' · ')} · {plain(TYPES[q.type], lang, ' · ')}"
    tags = [f"dlprep::topic-{q.topic}", f"dlprep::{q.type}", f"dlprep::{q.family}"]
    return genanki.Note(model=MODEL, fields=[front(q, lang), back(q, lang), html.escape(q.id), html.escape(topic)],
                        guid=note_guid(q, lang), tags=tags)


def deck(questions: Sequence[Question], lang: str, title: str) -> genanki.Deck:
    """The deck: one note per distinct GUID (two seeds with one draw make one card)."""
    if lang not in LANG_ORDER:
        raise ValueError(f"unknown language {lang!r}")
    d = genanki.Deck(DECK_ID, title or "dlprep")
    seen: set[str] = set()
    for q in questions:
        n = note(q, lang)
        if n.guid not in seen:
            seen.add(n.guid)
            d.add_note(n)
    return d


def export(questions: Sequence[Question], lang: str, title: str, answers: str = "inline") -> bytes:
    """The deck as ``.apkg`` bytes (always with answers: ``answers`` is ignored).

    The collection is built in an in-memory SQLite database (genanki's own writer runs its schema
    script on a file, ~0.35 s per deck); notes and cards carry the current time as their modification
    time, which Anki's importer compares to decide that a re-imported note is newer and updates it.
    """
    package = genanki.Package(deck(questions, lang, title))
    now = time.time()
    conn = sqlite3.connect(":memory:")
    try:
        package.write_to_db(conn.cursor(), now, itertools.count(int(now * 1000)))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("collection.anki2", collection)
        z.writestr("media", json.dumps({}))
    return buffer.getvalue()
