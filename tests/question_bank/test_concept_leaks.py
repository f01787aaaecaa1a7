"""`leaks(question, others)`: a question whose prompt or options give away another question's answer."""

from __future__ import annotations

import numpy as np
import pytest

from question_bank.families.concept_leaks import leaks
from question_bank.model import Blank, Check, Choice, Question


def question(qid: str, prompt: str = "Which one?", options: tuple[str, ...] = (), blanks: tuple[tuple[str, str], ...] = (),
             kind: str = "value") -> Question:
    return Question(id=qid, family=qid.split(".")[0], topic="F", type="concept" if options else "fill-in",
                    prompt={"en": prompt, "zh": "哪一项？"}, answer={"en": "", "zh": ""}, seed=1,
                    choices=tuple(Choice({"en": o, "zh": o}, i == 0) for i, o in enumerate(options)),
                    blanks=tuple(Blank(str(i + 1), Check(text, kind=kind), text, latex, {}, 0) for i, (text, latex) in enumerate(blanks)))


NUMERIC = question("conv-size.4", "Output size?", blanks=(("24192", "24192"),))
MATRIX = question("softmax.2", "softmax(z)?", blanks=(("[0.1713, 0.4656, 0.3631]", r"\begin{bmatrix}0.1713\\0.4656\\0.3631\end{bmatrix}"),))
FORMULA = question("conv-kind.1", "Output length of a narrow convolution?", blanks=(("M - K + 1", r"M - K + 1"),))
JACOBIAN = question("derive-softmax-jacobian.0", "Derive.", blanks=(("diag(a) - a a^T", r"\operatorname{diag}(a) - a a^{\top}"),))


@pytest.mark.parametrize("shown, others", [
    (("a layer of $24192$ weights", "b", "c", "d"), [NUMERIC]),       # a numeric key among the options
    (("about 0.4656", "b", "c", "d"), [MATRIX]),                        # one entry of a matrix key
    (("narrow: $M-K+1$, wide: $M+K-1$", "b", "c", "d"), [FORMULA]),     # a formula key, spaces aside
    (("$\\mathrm{diag}(a) - aa^T$", "b", "c", "d"), [JACOBIAN]),        # \operatorname{…}, ^{\top} read alike
    (("x", "y", "z", "w"), [question("other.1", "q", ("x", "y2", "z2", "w2"))]),  # another choice's right option? too short
])
def test_leaks_and_near_misses(shown, others):
    q = question("concepts.1", "Pick one.", shown)
    expected = shown[0] != "x"
    assert leaks(q, others) is expected


def test_prompt_text_counts_too_and_the_question_itself_does_not():
    assert leaks(question("proof.1", "Show that the size is 24192."), [NUMERIC])
    assert not leaks(NUMERIC, [NUMERIC])
    assert not leaks(question("proof.1", "Show that the size is 24193."), [NUMERIC])


def test_common_numbers_subscripts_and_exponents_do_not_count():
    small = question("pool.1", "?", blanks=(("[0.5, 3]", "[0.5, 3]"),))
    twelve = question("conv-size.1", "?", blanks=(("12", "12"),))
    q = question("concepts.2", "Pick one.", ("$W_{12}$ and $x^{12}$ with $p = 0.5$ and 3 units", "b", "c", "d"))
    assert not leaks(q, [small, twelve])
    assert leaks(question("concepts.3", "Pick one.", ("12 units", "b", "c", "d")), [twelve])
    assert not leaks(question("concepts.4", "Pick one.", ("2.5e-3", "b", "c", "d")), [twelve])


def test_a_choice_questions_letter_is_not_an_answer_but_its_right_option_is():
    letter = question("concepts.5", "Pick one.", ("Random weights break the symmetry of a layer", "b", "c", "d"),
                      blanks=(("A", "A"),), kind="choice")
    assert not leaks(question("x.1", "A question about A and B."), [letter])
    assert leaks(question("x.2", "Recall: random weights break the symmetry of a layer? no: Random weights break the symmetry of a layer."), [letter])


def test_real_bank_a_concept_giving_away_a_derivation_is_caught():
    from question_bank.families.concept_files import concepts
    from question_bank.families.concepts import make
    from question_bank.registry import generate

    keys = [c.key for c in concepts()]
    seed = keys.index("softmax-cross-entropy-choice")
    concept = make(np.random.default_rng(seed), seed)
    derivation = generate("derive-softmax-cross-entropy-gradient", 1)
    assert leaks(concept, [derivation])
    assert not leaks(concept, [generate("lstm-count", 1)])
