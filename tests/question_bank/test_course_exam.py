"""Issue 24: exams a teacher would hand out as they are — the course's shape, true and complete questions,
no repetition, the course's own questions, numbers as promised. Each test fails on the bank before #24."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from question_bank import generate
from question_bank.exam import RELATED, assemble
from question_bank.model import COURSE_ORDER, Question, section_title
from question_bank.registry import families, variants
from question_bank.spec import from_options

SEEDS = range(1, 11)
LANGS = ("en", "zh")


def _exam(seed: int, n: int = 15) -> list[Question]:
    return assemble(from_options(n, None, None), seed)


def masked(text: str) -> str:
    """A question's template: its text with every number masked."""
    return re.sub(r"-?\d+(\.\d+)?", "#", text)


# ----------------------------------------------------------------------------------- the exam's shape
@pytest.mark.parametrize("n, shape", [(15, (4, 5, 3, 3)), (10, (3, 3, 2, 2)), (4, (1, 1, 1, 1))])
def test_default_exam_has_the_course_sections_in_order(n: int, shape: tuple[int, ...]) -> None:
    for seed in (1, 2, 7):
        types = [q.type for q in _exam(seed, n)]
        assert types == [t for t, c in zip(("concept", "fill-in", "proof", "derivation"), shape) for _ in range(c)], (seed, types)


def test_types_option_still_selects_freely_in_course_order() -> None:
    qs = assemble(from_options(6, None, "derivation,numeric,concept"), 3)
    assert {q.type for q in qs} <= {"derivation", "numeric", "concept"} and len(qs) == 6
    assert [q.type for q in qs] == sorted((q.type for q in qs), key=COURSE_ORDER.index)


@pytest.mark.parametrize("type_, number, lang, title", [("concept", 1, "zh", "一、概念题"), ("fill-in", 2, "zh", "二、填空题"),
                                                        ("proof", 3, "en", "III. Proofs"), ("derivation", 4, "en", "IV. Derivations")])
def test_section_titles(type_: str, number: int, lang: str, title: str) -> None:
    assert section_title(type_, number, lang) == title


# ----------------------------------------------------------------------------------- no repetition
@pytest.mark.parametrize("seed", SEEDS)
def test_no_catalog_result_twice_in_an_exam(seed: int) -> None:
    from question_bank.families.concept_leaks import leaks
    from question_bank.families.concepts import touches

    qs = _exam(seed)
    used = [t for q in qs for t in {RELATED.get(t, t) for t in touches(q)}]
    assert len(used) == len(set(used)) and len(qs) == 15, sorted(used)
    assert not any(leaks(q, [o for o in qs if o is not q]) for q in qs)


def test_at_least_135_distinct_templates_over_ten_exams() -> None:
    templates = {masked(q.prompt["en"]) for seed in SEEDS for q in _exam(seed)}
    assert len(templates) >= 135, len(templates)


def test_consecutive_copies_differ_and_a_copy_is_reproducible() -> None:
    first, again, second = _exam(4), _exam(4), _exam(5)
    assert [q.id for q in first] == [q.id for q in again]
    assert len({masked(q.prompt["en"]) for q in first} & {masked(q.prompt["en"]) for q in second}) <= 2


# ----------------------------------------------------------------------------------- true and complete
def _every_variant(copies: int = 2):  # type: ignore[no-untyped-def]
    for name in families():
        for slot in variants(name):
            for k in range(copies):
                yield generate(name, slot.index + slot.count * k)


def test_every_question_states_every_symbol_its_answer_uses() -> None:
    from question_bank.premises import undefined

    bad = [(q.id, lang, sorted(undefined(q, lang))) for q in _every_variant() for lang in LANGS if undefined(q, lang)]
    assert not bad, bad[:5]


def test_a_question_using_an_unstated_symbol_is_not_made() -> None:
    from question_bank.model import Blank, Check
    from question_bank.premises import require

    q = Question(id="x.1", family="x", topic="C", type="fill-in", seed=1, answer={"en": "", "zh": ""},
                 prompt={"en": "Let $a = f(z)$. Give $\\delta$ (1).", "zh": "设 $a = f(z)$，求 $\\delta$ (1)。"},
                 blanks=(Blank("1", Check("0"), "", "\\partial J / \\partial z"),))
    with pytest.raises(AssertionError, match="'J'"):
        require(q)


def test_the_cross_entropy_residual_is_asked_with_its_premise() -> None:
    """∇ = a − y holds only when 1ᵀy = 1: the prompt says so, and the check fails without it."""
    from derivations.catalog import get
    from question_bank.families.derive import _holds, general_shapes, variants as parts

    entry = get("mlp-backprop")
    part = next(p for p in entry.parts if p.name == "output-delta-ce")
    general = general_shapes(entry.symbols, {"y"})
    assert not _holds(part.function, part.wrt, general, part.kind, part.abbreviations, part.reference)
    assert _holds(part.function, part.wrt, general, part.kind, part.abbreviations, "sum(y) a^(L) - y")
    index = parts("mlp-backprop").index(("output-delta-ce", True))
    q = generate("derive-mlp-backprop", index)
    for lang in LANGS:
        assert "\\mathbf{1}^{\\top} y = 1" in q.prompt[lang] and "J = -y^{\\top} \\log a^{(L)}" in q.prompt[lang]


@pytest.mark.parametrize("family, part, needles", [
    ("derive-mlp-backprop", "delta", ("z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}", "a^{(l)} = f(z^{(l)})", "\\delta^{(l)} = \\partial J / \\partial z^{(l)}")),
    ("derive-mlp-backprop", "grad-W", ("$J$",)),
    ("derive-conv-residual", "delta", ("a_l = f(z_l)", "z_{l+1} = \\operatorname{conv2}(a_l, \\omega, \\text{valid}) + b\\,\\mathbf{1}\\mathbf{1}^{\\top}", "\\omega \\in")),
    ("derive-rnn-bptt", "delta", ("h_k = f(z_k)", "\\delta_{t,k} = \\partial \\mathcal{L}_t / \\partial z_k")),
    ("derive-tied-autoencoder-gradient", "gradient", ("J = \\frac{1}{2}",)),
])
def test_network_questions_state_the_forward_pass_in_course_names(family: str, part: str, needles: tuple[str, ...]) -> None:
    from question_bank.families.derive import variants as parts

    for proof in (False, True):
        q = generate(family, parts(family.removeprefix("derive-")).index((part, proof)))
        for needle in needles:
            assert needle in q.prompt["en"], (q.id, needle)
        assert "Let $f =" not in q.prompt["en"] and "设 $f =" not in q.prompt["zh"]  # f is the activation, J the objective
    assert "(pooling" in q.prompt["en"] or family != "derive-conv-residual" or "pooling layer" in q.prompt["en"]


# ----------------------------------------------------------------------------------- the course's own questions
def test_the_four_part_backprop_derivation() -> None:
    q = generate("course", 0)
    assert q.type == "derivation" and q.catalog_id == "mlp-backprop" and len(q.blanks) == 4
    assert [b.check.catalog[1] for b in q.blanks] == ["grad-W", "grad-b", "delta", "update-W"]
    assert [b.points for b in q.blanks] == [5, 5, 5, 5] and q.points == 20 and sum(m.points for m in q.marking) == 20
    assert "z^{(l+1)} = W^{(l+1)} f(z^{(l)}) + b^{(l+1)}" in q.prompt["en"] and "当前层残差" in q.prompt["zh"]
    assert q.steps and all(s.verified for s in q.steps if s.verified is not None)


def test_the_sparsemax_lagrangian_kkt_and_tau() -> None:
    from checker.grading.answer import check_answer
    from question_bank.problems import problem_for

    q = generate("course", 1)
    assert q.catalog_id == "sparsemax-kkt" and len(q.blanks) == 3
    assert check_answer(problem_for(q.id, "1"), "0.5 (p - z)^T (p - z) - mu^T p + tau (sum(p) - 1)").verdict == "correct"
    assert check_answer(problem_for(q.id, "1"), "0.5 (p - z)^T (p - z) - mu^T p").verdict != "correct"
    marking = " ".join(m.text["en"] for m in q.marking)
    for line in ("\\mathbf{1}^{\\top} p = 1", "p \\ge 0", "\\mu \\ge 0", "\\mu_i p_i = 0"):
        assert line in marking


# ----------------------------------------------------------------------------------- coverage
def test_coverage_table_is_complete_and_printed_by_dlprep_bank(capsys) -> None:  # type: ignore[no-untyped-def]
    from derivations.catalog import ids
    from dlprep.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["bank", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert exc.value.code == 0 and [r["catalog"] for r in rows] == ids()
    assert all(not r["missing"] for r in rows), [r for r in rows if r["missing"]]
    assert all(any(r["types"][t] for t in ("fill-in", "proof", "derivation")) for r in rows)


# ----------------------------------------------------------------------------------- numbers as promised
def test_integers_are_graded_exactly() -> None:
    from checker.grading.answer import check_answer
    from question_bank.problems import problem_for

    for seed in (0, 2, 4):
        q = generate("lstm-count", seed)
        count = int(q.blanks[0].answer_text)
        assert q.blanks[0].check.rtol < 1e-6
        assert check_answer(problem_for(q.id), str(count)).verdict == "correct"
        assert check_answer(problem_for(q.id), str(count + 1)).verdict == "incorrect"


@pytest.mark.parametrize("value, text", [(0.171, "0.1710"), (0.5, "0.5000"), (24192.4, "24190"), (1.0, "1.000"), (-0.00123456, "-0.001235")])
def test_stated_significant_figures_keep_trailing_zeros(value: float, text: str) -> None:
    from question_bank import numbers

    assert numbers.text(value, exact=False) == text


def test_keys_print_four_significant_figures() -> None:
    for seed in range(12):
        q = generate("softmax", seed)
        for b in q.blanks:
            for entry in re.findall(r"-?\d+\.\d+|-?\d+", b.answer_text):
                digits = entry.lstrip("-").replace(".", "").lstrip("0")
                assert len(digits) == 4 or float(entry) == 0, (q.id, b.answer_text)


@pytest.mark.parametrize("family, degenerate", [
    ("mlp-pass", lambda q: len(set(np.ravel(q.params["x"]))) < np.size(q.params["x"])),  # equal columns of ∂J/∂W⁽¹⁾
    ("conv-size", lambda q: q.params["variant"] == "general" and (q.params["M"] + 2 * q.params["P"] - q.params["K"]) // q.params["S"] == q.params["M"] - q.params["K"]),
    ("conv2d", lambda q: np.array_equal(np.array(q.params["w"]), np.rot90(np.array(q.params["w"]), 2))),
    ("pooling", lambda q: len(set(np.ravel(q.params["a"]))) < np.size(q.params["a"])),
])
def test_draws_reject_degenerate_cases(family: str, degenerate) -> None:  # type: ignore[no-untyped-def]
    for seed in range(30):
        assert not degenerate(generate(family, seed)), f"{family}.{seed}"


@pytest.mark.parametrize("family, key", [("conv2d", "M"), ("conv2d", "K"), ("pooling", "M"), ("softmax", "K"), ("mlp-pass", "n1")])
def test_sizes_vary_within_the_course_range(family: str, key: str) -> None:
    assert len({generate(family, seed).params[key] for seed in range(30)}) >= 2


def test_vanishing_gradients_are_not_called_larger() -> None:
    for seed in range(30):
        q = generate("bptt-growth", seed)
        assert "larger" not in q.prompt["en"]


def test_every_multi_part_question_says_what_each_part_asks_and_its_points() -> None:
    for q in _every_variant(1):
        if len(q.blanks) > 1:
            for b in q.blanks:
                assert all(b.what.get(lang) for lang in LANGS), (q.id, b.label)
                assert b.points > 0, (q.id, b.label)


# ----------------------------------------------------------------------------------- families as templates
def test_every_templated_family_has_a_template_per_language() -> None:
    import importlib

    from question_bank.templated import FOLDER

    for name, fam in families().items():
        module = importlib.import_module(fam.module)
        if hasattr(module, "draw"):
            for lang in LANGS:
                text = (FOLDER / f"{name}.{lang}.md.j2").read_text(encoding="utf-8")
                assert "{% block prompt %}" in text and "{% block answer %}" in text


def test_chinese_of_every_generated_question_reads_as_chinese() -> None:
    """No ASCII comma, colon, semicolon, question mark or bracket next to a Chinese character in zh prose
    (math between $…$ is not prose): part labels are （1）, not (1)."""
    from question_bank.markup import segments

    ascii_next_to_han = re.compile(r"[\u4e00-\u9fff][ ]*[,:;?!()]|[,:;?!()][ ]*[\u4e00-\u9fff]")
    for q in _every_variant(1):
        if q.family == "concepts":
            continue  # tests/question_bank/test_concept_bank.py
        for text in [q.prompt["zh"], q.answer["zh"], *(m.text["zh"] for m in q.marking), *(b.what.get("zh", "") for b in q.blanks)]:
            prose = "".join(c for kind, c in segments(text) if kind == "text")
            bad = ascii_next_to_han.search(prose)
            assert bad is None, f"{q.id}: …{bad and bad.group()}… in {text[:120]}"


@pytest.mark.parametrize("letter", list("ABCDEFG"))
def test_a_topic_alone_still_makes_a_course_shaped_exam(letter: str) -> None:
    qs = assemble(from_options(10, letter, None), 1)
    assert len(qs) == 10 and all(q.topic == letter for q in qs)
    assert [q.type for q in qs] == sorted((q.type for q in qs), key=COURSE_ORDER.index)
