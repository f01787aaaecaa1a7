"""The concept questions (概念题): records complete in both languages, every CATALOG.md concept topic covered."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from derivations.catalog import all_entries
from question_bank.families import concepts
from question_bank.families.concept_records import CONCEPT_TOPICS, RECORDS
from question_bank.markup import segments
from question_bank.topics import SECTION, TOPICS

CATALOG = Path(__file__).resolve().parents[1] / "data" / "CATALOG.md"
CJK = re.compile(r"[\u4e00-\u9fff]")

# a phrase of each item of CATALOG.md's "Concept questions" paragraph → our topic key
PHRASES = {
    "basic idea of deep learning": "deep-learning-idea", "dropout's purpose": "dropout",
    "autoencoder structure": "autoencoder", "local receptive fields": "receptive-field-sharing",
    "pooling and translation": "pooling-invariance", "sigmoid saturation": "sigmoid-saturation",
    "output units": "output-units", "what regularization does": "regularization",
    "manifold hypothesis": "manifold-hypothesis", "dying-relu": "dying-relu",
    "not initialised to zero": "zero-init", "larger learning rate": "lr-vanishing",
    "deep belief networks": "dbn-pretraining", "time-delay": "tdnn-cnn-rnn",
    "exploding gradients in rnns": "rnn-gradients-lstm", "scales with batch size": "lr-batch-size",
    "batch normalisation": "batchnorm", "narrow, wide and same": "conv-kinds", "xor": "xor",
    "universal approximation": "universal-approximation",
}


def texts(record):
    out = [record.prompt, record.answer, *record.key_points]
    if record.choice is not None:
        out += [record.choice, *record.distractors]
    return out


def test_at_least_24_records_with_unique_stable_keys():
    assert len(RECORDS) >= 24
    keys = [r.key for r in RECORDS]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k) for k in keys)


def test_catalog_concept_paragraph_maps_onto_our_topics():
    text = CATALOG.read_text(encoding="utf-8")
    paragraph = re.search(r"## Concept questions.*?\n(.*?)\n\n", text, re.S).group(1).lower()
    items = [item.strip() for item in paragraph.replace("\n", " ").split(";")]
    found = []
    for item in items:
        hits = [key for phrase, key in PHRASES.items() if phrase in item]
        assert len(hits) == 1, f"CATALOG concept item not mapped to one topic: {item!r}"
        found.append(hits[0])
    assert sorted(found) == sorted(CONCEPT_TOPICS)


def test_every_concept_topic_and_every_section_has_questions():
    covered = {c for r in RECORDS for c in r.covers}
    assert covered == set(CONCEPT_TOPICS), set(CONCEPT_TOPICS) - covered
    assert {r.topic for r in RECORDS} == set(TOPICS)
    counts = {t: sum(r.topic == t for r in RECORDS) for t in TOPICS}
    assert all(n >= 3 for n in counts.values()), counts  # more than one per section


def test_catalog_ids_exist_and_sit_in_the_record_section():
    ids = {e.id for e in all_entries()}
    for r in RECORDS:
        if r.catalog is not None:
            assert r.catalog in ids, r.key
            assert SECTION[r.catalog] == r.topic, (r.key, r.catalog)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.key)
def test_record_is_bilingual_valid_markup_with_2_to_4_points(record):
    assert 2 <= len(record.key_points) <= 4
    for text in texts(record):
        assert set(text) == {"en", "zh"}
        assert text["en"].strip() and text["zh"].strip()
        assert CJK.search(text["en"]) is None, text["en"]
        for lang in ("en", "zh"):
            segments(text[lang])  # raises MarkupError on an unclosed $
    for field in (record.prompt, record.answer):
        assert CJK.search(field["zh"]), field["zh"]
    assert len(record.answer["en"]) > len(record.prompt["en"]) / 2


@pytest.mark.parametrize("record", [r for r in RECORDS if r.choice or r.distractors], ids=lambda r: r.key)
def test_distractors_are_three_distinct_wrong_options(record):
    assert record.choice is not None and len(record.distractors) == 3
    for lang in ("en", "zh"):
        options = [record.choice[lang], *(d[lang] for d in record.distractors)]
        assert len({o.strip().lower() for o in options}) == 4, options
        assert all(o != record.answer[lang] for o in options[1:])


def test_enough_multiple_choice_questions():
    assert sum(r.choice is not None for r in RECORDS) >= 12


def test_make_is_deterministic_and_walks_the_bank():
    qs = [concepts.make(np.random.default_rng(s), s) for s in range(len(RECORDS))]
    assert {q.params["key"] for q in qs} == {r.key for r in RECORDS}
    again = concepts.make(np.random.default_rng(5), 5)
    assert again == qs[5]
    for s, q in enumerate(qs):
        assert q.id == f"concepts.{s}" and q.family == "concepts" and q.type == "concept" and q.seed == s
        assert q.prompt == RECORDS[s].prompt and q.key_points == RECORDS[s].key_points
        if q.choices:
            assert len(q.choices) == 4 and sum(c.correct for c in q.choices) == 1
            assert next(c for c in q.choices if c.correct).text == RECORDS[s].choice


def test_choice_order_varies_with_the_draw():
    key = next(r for r in RECORDS if r.choice).key
    seed = [r.key for r in RECORDS].index(key)
    positions = set()
    for k in range(12):
        s = seed + k * len(RECORDS)
        q = concepts.make(np.random.default_rng(s), s)
        positions.add(next(i for i, c in enumerate(q.choices) if c.correct))
    assert len(positions) > 1


def test_registry_generates_concepts_by_name_and_alias():
    from question_bank.registry import generate, lookup

    q = generate("concepts", 7)
    assert q.id == "concepts.7" and lookup("q:concepts.7") == q
    assert generate("concept", 7) == q


def test_every_record_compiles_with_xelatex(tmp_path):
    """All the bank's text, both languages, through the LaTeX typesetter and real xelatex (ctex)."""
    import subprocess

    from conftest import need
    from question_bank.typeset.latex import markup_to_latex

    xelatex = need("xelatex")
    body = []
    for r in RECORDS:
        body.append("\\section*{" + r.key + "}")
        body += [markup_to_latex(text[lang]) + "\n" for text in texts(r) for lang in ("zh", "en")]
    (tmp_path / "c.tex").write_text(
        "\\documentclass{article}\\usepackage{ctex}\\usepackage{amsmath,amssymb}\\begin{document}\n"
        + "\n".join(body) + "\n\\end{document}\n", encoding="utf-8")
    run = subprocess.run([xelatex, "-interaction=nonstopmode", "-halt-on-error", "c.tex"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    log = (tmp_path / "c.log").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0, [line for line in log.splitlines() if line.startswith("!")][:5]
    assert "Missing character" not in log, [line for line in log.splitlines() if "Missing character" in line][:5]
    assert (tmp_path / "c.pdf").stat().st_size > 10_000


@pytest.mark.parametrize("seed", range(1, 9))
def test_an_exam_never_asks_one_concept_twice(seed):
    """Seeds s and s + N pick one record: the exam takes a draw (family + params) once."""
    from question_bank.exam import assemble
    from question_bank.spec import ExamSpec, Section

    qs = assemble(ExamSpec((Section(count=20, types=("concept",)),)), seed)
    keys = [q.params["key"] for q in qs]
    assert len(keys) == 20 and len(set(keys)) == 20
