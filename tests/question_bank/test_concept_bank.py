"""The concept questions (概念题): one text file each, validated at load; open or choice, never both;
choice questions checkable by letter; Chinese that reads as Chinese; every CATALOG.md concept topic covered."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from derivations.catalog import all_entries
from question_bank.families import concepts
from question_bank.families.concept_files import (CONCEPT_TOPICS, FOLDER, ConceptFileError, by_key, concepts as bank,
                                                  load, parse)
from question_bank.markup import segments
from question_bank.topics import SECTION, TOPICS

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Path(__file__).resolve().parents[1] / "data" / "CATALOG.md"
CJK = re.compile(r"[\u4e00-\u9fff]")
CONCEPTS = bank()

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
# the 40 keys of the former Python records: published, so they stay (Anki review history hangs on them)
STABLE_KEYS = """linear-collapse differential-form hadamard-trace-transpose trace-cyclic-which output-units
softmax-cross-entropy sparsemax-vs-softmax softmax-shift sigmoid-saturation deep-learning-idea relu-vs-sigmoid
dying-relu relu-variants zero-init lr-vanishing backprop-efficiency xor-linear universal-approximation
regularization-role l2-vs-l1 dropout-purpose dropout-test-time autoencoder-structure autoencoder-variants
tied-weights manifold-hypothesis dbn-pretraining receptive-field-sharing pooling-invariance conv-kinds conv-rot180
tdnn-cnn-rnn rnn-exploding-vanishing lstm-gates batchnorm-scale-shift batchnorm-inference lr-batch-size
minibatch-why scaled-dot-product glorot-init""".split()
# the concept questions the course notes (../shared/seeds) single out, each with an open form
COURSE = ["deep-learning-idea", "autoencoder-structure", "receptive-field-sharing", "pooling-invariance",
          "output-units", "sigmoid-saturation", "zero-init", "lr-vanishing", "tdnn-cnn-rnn",
          "rnn-residual-explosion", "lr-batch-size", "scaled-dot-product"]
# Latin words the course itself writes in Chinese text (names, abbreviations, conv2's modes)
LATIN_OK = set("""ReLU Leaky PReLU ELU Maxout Softmax Sparsemax Sigmoid Tanh Dropout LSTM GRU CNN RNN TDNN XOR KKT SGD
RBM DBN CD PCA KL Glorot Xavier He Hinton Bernoulli Multinoulli Hadamard MNIST full valid same""".split())
EXPLAIN = re.compile(r"^(show|state|compare|define|discuss)\b|\b(explain|describe|justify)\b|说明|解释|阐述|简述|分析|比较|论述|证明", re.I)
GOOD = """+++
key = "{key}"
section = "C"
catalog = ["mlp-backprop"]
topics = ["zero-init"]
type = "open"
points = 5

[[key_points]]
points = 3
zh = "同层单元的更新相同"
en = "Units of a layer update alike"

[[key_points]]
points = 2
zh = "随机初始化打破对称"
en = "Random initialisation breaks the symmetry"
+++

## zh

### question

为什么不把权重初始化为零？

### answer

因为同层单元始终相同。

## en

### question

Why not initialise the weights to zero?

### answer

Units of a layer would stay identical.
"""


def texts(c):
    return [c.prompt, c.answer, *(t for t, _ in c.key_points), *c.choices]


def prose(text: str) -> str:
    return "".join(piece if kind == "text" else "@" for kind, piece in segments(text))  # @ stands for the math


def test_every_file_loads_with_a_unique_key_matching_its_name():
    files = sorted(FOLDER.glob("*.md"))
    assert len(files) == len(CONCEPTS) >= 60
    assert [c.key for c in CONCEPTS] == [f.stem for f in files]
    assert set(STABLE_KEYS) <= {c.key for c in CONCEPTS}


def test_files_are_package_data_beside_the_modules():
    import question_bank

    assert FOLDER == Path(question_bank.__file__).resolve().parent / "concepts"
    assert not (FOLDER / "__init__.py").exists()


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
    covered = {t for c in CONCEPTS for t in c.topics}
    assert covered == set(CONCEPT_TOPICS), set(CONCEPT_TOPICS) - covered
    assert {c.section for c in CONCEPTS} == set(TOPICS)
    counts = {t: sum(c.section == t for c in CONCEPTS) for t in TOPICS}
    assert all(n >= 3 for n in counts.values()), counts


def test_the_course_questions_exist_open_with_a_choice_variant():
    for key in COURSE:
        assert by_key(key).type == "open", key
        assert any(c.variant_of == key for c in CONCEPTS), f"no choice variant of {key}"


def test_catalog_ids_exist_and_sit_in_the_question_section():
    ids = {e.id for e in all_entries()}
    for c in CONCEPTS:
        for cid in c.catalog:
            assert cid in ids, (c.key, cid)
            assert SECTION[cid] == c.section, (c.key, cid)


@pytest.mark.parametrize("c", CONCEPTS, ids=lambda c: c.key)
def test_open_or_choice_never_both(c):
    if c.type == "open":
        assert not c.choices and c.correct == -1 and 2 <= len(c.key_points) <= 4
        assert sum(p for _, p in c.key_points) == c.points
    else:
        assert not c.key_points and len(c.choices) == 4 and 0 <= c.correct < 4
        for lang in ("en", "zh"):
            assert EXPLAIN.search(c.prompt[lang]) is None, f"a choice question must not ask to explain: {c.prompt[lang]}"
            assert all(o[lang] != c.answer[lang] for o in c.choices)


@pytest.mark.parametrize("c", CONCEPTS, ids=lambda c: c.key)
def test_bilingual_valid_markup(c):
    for text in texts(c):
        assert set(text) == {"en", "zh"} and text["en"].strip() and text["zh"].strip()
        assert CJK.search(text["en"]) is None, text["en"]
        assert re.search(r"[\u3000-\u303f\uff00-\uffef]", text["en"]) is None, f"full-width punctuation in English: {text['en']}"
    for field in (c.prompt, c.answer):
        assert CJK.search(field["zh"]), field["zh"]
    assert len(c.answer["en"]) > len(c.prompt["en"]) / 2


@pytest.mark.parametrize("c", CONCEPTS, ids=lambda c: c.key)
def test_chinese_reads_as_chinese(c):
    """No ASCII comma, colon, semicolon, question mark or bracket next to Chinese, no Latin word outside
    the course's own names, no space between two Chinese characters (math between $…$ is not prose)."""
    for text in texts(c):
        words = prose(text["zh"])
        bad = re.search(r"[\u4e00-\u9fff][ ]*[,:;?!()]|[,:;?!()][ ]*[\u4e00-\u9fff]", words)
        assert bad is None, f"{c.key}: ASCII punctuation in Chinese: …{bad and bad.group()}… in {text['zh']}"
        latin = set(re.findall(r"[A-Za-z]+", words)) - LATIN_OK
        assert not latin, f"{c.key}: English in Chinese text: {sorted(latin)} in {text['zh']}"
        assert re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", words) is None, text["zh"]


def test_a_bad_file_gives_one_line_naming_file_and_field(tmp_path):
    good = GOOD.format(key="probe")
    assert parse(tmp_path / "probe.md", good).key_points[0][1] == 3
    cases = {
        good.replace('type = "open"', 'type = "essay"'): "probe.md: type: expected",
        good.replace('points = 3', 'points = 2'): "probe.md: key_points: their points add up to 4",
        good.replace('key = "probe"', 'key = "other"'): "probe.md: key:",
        good.replace('section = "C"', 'section = "Q"'): "probe.md: section:",
        good.replace('topics = ["zero-init"]', 'topics = ["zero"]'): "probe.md: topics: unknown concept topic 'zero'",
        good.replace('en = "Units of a layer update alike"\n', ''): "probe.md: key_points[1]: expected a non-empty zh and en text",
        good.replace("### answer\n\nUnits", "### answr\n\nUnits"): "probe.md: line",
        good.replace("## en", "## fr"): "probe.md: line",
        good.replace("因为同层单元始终相同。", ""): "probe.md: ## zh ### answer: missing or empty",
        good.replace("+++\n\n## zh", "\n## zh"): "probe.md: front matter:",
        good.replace('points = 5', 'points = 5\nchoices = []\nextra = 1'): "probe.md: extra: unknown field",
        good.replace("为什么不把权重", "为什么 $W 不把权重"): "probe.md: question.zh:",
        good.replace('type = "open"', 'type = "choice"'): "probe.md: key_points: a choice question has options",
        good.replace('type = "open"', 'type = "open"\nvariant_of = "zero-init"'): "probe.md: variant_of:",
    }
    for content, start in cases.items():
        with pytest.raises(ConceptFileError) as info:
            parse(tmp_path / "probe.md", content)
        line = str(info.value)
        assert line.startswith(start) and "\n" not in line, line
    (tmp_path / "probe.md").write_bytes(("\ufeff" + good).replace("\n", "\r\n").encode("utf-8"))  # a Windows editor's file
    assert load(tmp_path / "probe.md").prompt == parse(tmp_path / "probe.md", good).prompt
    (tmp_path / "probe.md").write_bytes(b"\xff\xfe")
    with pytest.raises(ConceptFileError, match=r"^probe.md: file: cannot read it as UTF-8"):
        load(tmp_path / "probe.md")


def test_choice_file_needs_four_options_and_one_right_one(tmp_path):
    head = GOOD.format(key="probe").split("[[key_points]]")[0].replace('type = "open"', 'type = "choice"')
    body = GOOD.format(key="probe").split("+++", 2)[2]
    option = '[[choices]]\n{}zh = "选项{}"\nen = "option {}"\n\n'
    four = "".join(option.format("correct = true\n" if i == 0 else "", i, i) for i in range(4))
    assert parse(tmp_path / "probe.md", head + four + "+++" + body).correct == 0
    three = "".join(option.format("correct = true\n" if i == 0 else "", i, i) for i in range(3))
    none = "".join(option.format("", i, i) for i in range(4))
    two = "".join(option.format("correct = true\n" if i < 2 else "", i, i) for i in range(4))
    for options, message in ((three, "exactly 4"), (none, "exactly one"), (two, "exactly one")):
        with pytest.raises(ConceptFileError, match=f"^probe.md: choices: .*{message}"):
            parse(tmp_path / "probe.md", head + options + "+++" + body)


def test_a_broken_file_in_the_folder_stops_the_load_with_its_name(tmp_path):
    (tmp_path / "fine.md").write_text(GOOD.format(key="fine"), encoding="utf-8")
    (tmp_path / "broken.md").write_text(GOOD.format(key="broken").replace('"open"', '"both"'), encoding="utf-8")
    with pytest.raises(ConceptFileError, match=r"^broken.md: type:"):
        bank(tmp_path)


def test_make_is_deterministic_and_walks_the_bank():
    qs = [concepts.make(np.random.default_rng(s), s) for s in range(len(CONCEPTS))]
    assert {q.params["key"] for q in qs} == {c.key for c in CONCEPTS}
    assert concepts.make(np.random.default_rng(5), 5) == qs[5]
    for s, q in enumerate(qs):
        c = CONCEPTS[s]
        assert q.id == f"concepts.{s}" and q.family == "concepts" and q.type == "concept" and q.seed == s
        assert q.prompt == c.prompt and q.catalog_id == (c.catalog[0] if c.catalog else None)
        if c.type == "open":
            assert not q.choices and not q.blanks and len(q.key_points) >= 2
            assert [m.points for m in q.marking] == [p for _, p in c.key_points] and sum(m.points for m in q.marking) == q.points
        else:
            assert len(q.choices) == 4 and sum(ch.correct for ch in q.choices) == 1 and not q.key_points
            right = next(i for i, ch in enumerate(q.choices) if ch.correct)
            assert q.choices[right].text == c.choices[c.correct]
            assert q.blanks[0].answer_text == "ABCD"[right] and q.blanks[0].check.kind == "choice"


def test_choice_order_varies_with_the_draw():
    seed = next(i for i, c in enumerate(CONCEPTS) if c.type == "choice")
    letters = {concepts.make(np.random.default_rng(s), s).blanks[0].answer_text
               for s in (seed + k * len(CONCEPTS) for k in range(12))}
    assert len(letters) > 1


def test_touches_names_catalog_ids_and_the_shared_concept():
    qs = {c.key: concepts.make(np.random.default_rng(i), i) for i, c in enumerate(CONCEPTS)}
    assert concepts.touches(qs["zero-init"]) == concepts.touches(qs["zero-init-choice"]) == {"mlp-backprop", "concept:zero-init"}
    assert concepts.touches(qs["deep-learning-idea"]) == {"concept:deep-learning-idea"}
    from question_bank.registry import generate

    numeric = generate("conv-size", 3)
    assert concepts.touches(numeric) >= ({numeric.catalog_id} - {None})


def dlprep(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dlprep", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_dlprep_check_grades_a_choice_question_by_letter():
    seed = next(i for i, c in enumerate(CONCEPTS) if c.type == "choice")
    from question_bank.registry import lookup

    right = lookup(f"q:concepts.{seed}").blanks[0].answer_text
    assert lookup(f"q:concepts.{seed}") == lookup(f"q:concepts.{seed}")  # regenerated from its id alone
    wrong = next(x for x in "ABCD" if x != right)
    ok = dlprep("check", f"q:concepts.{seed}", "--answer", right)
    assert ok.returncode == 0 and "right option" in ok.stdout, ok.stdout + ok.stderr
    assert dlprep("check", f"q:concepts.{seed}", "--answer", f"({right.lower()})").returncode == 0
    bad = dlprep("check", f"q:concepts.{seed}", "--answer", wrong, "--reveal", "--lang", "zh")
    assert bad.returncode == 1 and f"正确选项：{right}" in bad.stdout, bad.stdout + bad.stderr
    z = dlprep("check", f"q:concepts.{seed}", "--answer", "Z")
    assert z.returncode == 2 and "'Z' is not an option" in z.stderr and "Traceback" not in z.stderr
    assert len(z.stderr.strip().splitlines()) == 1
    open_seed = next(i for i, c in enumerate(CONCEPTS) if c.type == "open")
    assert dlprep("check", f"q:concepts.{open_seed}", "--answer", "A").returncode == 2


def test_registry_generates_concepts_by_name_and_alias():
    from question_bank.registry import generate, lookup

    q = generate("concepts", 7)
    assert q.id == "concepts.7" and lookup("q:concepts.7") == q
    assert generate("concept", 7) == q


def test_every_concept_compiles_with_xelatex(tmp_path):
    """All the bank's text, both languages, through the LaTeX typesetter and real xelatex (ctex)."""
    from conftest import need
    from question_bank.typeset.latex import markup_to_latex

    xelatex = need("xelatex")
    body = []
    for c in CONCEPTS:
        body.append("\\section*{" + c.key + "}")
        body += [markup_to_latex(text[lang]) + "\n" for text in texts(c) for lang in ("zh", "en")]
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
    """Seeds s and s + N pick one file: the exam takes a draw (family + params) once."""
    from question_bank.exam import assemble
    from question_bank.spec import ExamSpec, Section

    qs = assemble(ExamSpec((Section(count=20, types=("concept",)),)), seed)
    keys = [q.params["key"] for q in qs]
    assert len(keys) == 20 and len(set(keys)) == 20


def test_the_practice_page_shows_a_choice_questions_options_and_checks_its_letter():
    from question_bank.practice.grading import check
    from question_bank.practice.render import question_json
    from question_bank.registry import lookup

    seed = next(i for i, c in enumerate(CONCEPTS) if c.type == "choice")
    q = lookup(f"q:concepts.{seed}")
    shown = question_json(q)
    assert shown["checkable"] and len(shown["choices"]) == 4  # drawn by the page as options to click
    assert all(set(c["html"]) == {"en", "zh"} for c in shown["choices"])
    assert check(q.id, "1", "zh", answer=q.blanks[0].answer_text)["verdict"] == "correct"
    open_seed = next(i for i, c in enumerate(CONCEPTS) if c.type == "open")
    assert question_json(lookup(f"q:concepts.{open_seed}"))["choices"] == []
