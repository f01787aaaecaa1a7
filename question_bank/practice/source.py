"""Where the practice page gets its questions: the bank's lookup/generate and the blank resolver.

The page sees only :class:`question_bank.model.Question`; every question comes through the four
functions below, so switching to another source touches this module only.

TEMPORARY: until the bank's registry (`question_bank.lookup` / `generate`, issue-11) lands, the
families here are a small stand-in built from the derivation catalog (one derivation family per
catalog part that the engine derives, model steps from `derivations.catalog.steps.part_steps`) and
two integer drills computed from their draw.

>>> q = lookup("conv-size.3")
>>> M, K = q.params["M"], q.params["K"]
>>> q.type, int(q.blanks[0].check.reference) == {"narrow": M - K + 1, "wide": M + K - 1}[q.params["mode"]]
('numeric', True)
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from typing import Callable

from checker.grading.problem import Problem
from checker.language.errors import InputError
from question_bank.model import TYPES, Blank, Check, Question, Step, Text

TOPICS: dict[str, Text] = {  # CATALOG.md sections
    "A": {"en": "Matrix differentials", "zh": "矩阵微分"},
    "B": {"en": "Output units", "zh": "输出单元"},
    "C": {"en": "Hidden units and backpropagation", "zh": "隐藏单元与反向传播"},
    "D": {"en": "Regularization", "zh": "正则化"},
    "E": {"en": "Autoencoders", "zh": "自编码器"},
    "F": {"en": "Convolutional networks", "zh": "卷积网络"},
    "G": {"en": "Sequence models and training", "zh": "序列模型与训练"},
}
_SECTION = {"traces": "A", "least squares": "A", "output units": "B", "sparsemax": "B", "activations": "C",
            "mlp": "C", "regularization": "D", "autoencoder": "E", "conv": "F", "pooling": "F", "rnn": "G",
            "lstm": "G", "batchnorm": "G", "attention": "G", "training": "G"}


class UnknownQuestion(InputError):
    """A question id that no family can regenerate."""


@dataclass(frozen=True)
class Family:
    topic: str
    type: str
    make: Callable[[int], Question]


# ------------------------------------------------------------------ the public four
def families(topics: list[str] | None = None, types: list[str] | None = None) -> list[str]:
    """Family names whose topic and type pass the filters (None or [] = any)."""
    return [name for name, fam in _families().items()
            if (not topics or fam.topic in topics) and (not types or fam.type in types)]


def generate(family: str, seed: int) -> Question:
    fam = _families().get(family)
    if fam is None:
        raise UnknownQuestion(f"unknown question family '{family}'", expected="one of: " + ", ".join(_families()))
    return fam.make(seed)


def lookup(qid: str) -> Question:
    """The question with id ``"<family>.<seed>"``, regenerated from its seed."""
    family, dot, seed = qid.rpartition(".")
    if not dot or not seed.isdigit() or len(seed) > 9 or family not in _families():
        raise UnknownQuestion(f"unknown question id '{qid[:80]}'", expected="an id such as conv-size.3")
    return generate(family, int(seed))


def problem_for(question: Question, label: str | None, seed: int = 0) -> Problem:
    """The checker's Problem for one blank (``label`` None = the first); catalog blanks keep their mal-rules."""
    blank = _blank(question, label)
    check = blank.check
    if check.catalog is not None:
        from derivations.catalog.problem import from_catalog

        return from_catalog(check.catalog[0], check.catalog[1], seed=seed)
    from checker.grading.problems import parse_where
    from checker.language.parser import parse
    from checker.language.shapes import parse_shapes

    decls = parse_shapes(check.shapes) if check.shapes.strip() else {}
    where = parse_where(check.where, set(decls))
    return Problem(decls, reference=parse(check.reference, names=set(decls) | set(where)), where=where,
                   kind=check.kind, seed=seed)


def _blank(question: Question, label: str | None) -> Blank:
    if not question.blanks:
        raise InputError(f"question {question.id} has no checkable answer", expected="a question with a blank")
    if label is None:
        return question.blanks[0]
    for blank in question.blanks:
        if blank.label == label:
            return blank
    raise InputError(f"question {question.id} has no blank '{label[:20]}'",
                     expected="one of: " + ", ".join(b.label for b in question.blanks))


# ------------------------------------------------------------------ temporary families
@functools.cache
def _families() -> dict[str, Family]:
    from derivations.catalog import all_entries

    out: dict[str, Family] = {}
    for entry in all_entries():
        part = next((p for p in entry.parts if p.kind in ("gradient", "jacobian") and p.function and p.wrt), None)
        if part is not None:
            out[entry.id] = Family(_SECTION.get(entry.topic, "A"), "derivation",
                                   functools.partial(_derivation, entry.id, part.name))
    out["conv-size"] = Family("F", "numeric", _conv_size)
    out["lstm-count"] = Family("G", "numeric", _lstm_count)
    return out


@functools.cache
def _derivation(entry_id: str, part_name: str, seed: int) -> Question:
    from checker.language.parser import parse
    from checker.language.printing import to_latex
    from checker.language.shapes import parse_shapes
    from derivations.catalog import get

    entry = get(entry_id)
    part = next(p for p in entry.parts if p.name == part_name)
    decls = parse_shapes(entry.symbols)
    names = set(decls) | set(entry.aliases)
    f = to_latex(parse(part.function, names=names))  # type: ignore[arg-type]
    wrt = to_latex(parse(part.wrt, names=names))  # type: ignore[arg-type]
    shapes = ", ".join(f"{to_latex(parse(n, names=names))} \\in \\mathbb{{R}}^{{{_dims(d.shape)}}}"
                       for n, d in decls.items() if not n.startswith("d"))
    asked = {"gradient": ("the gradient $\\nabla_{%s} f$" % wrt, "梯度 $\\nabla_{%s} f$" % wrt),
             "jacobian": ("the Jacobian $\\partial f / \\partial %s$" % wrt, "Jacobian 矩阵 $\\partial f / \\partial %s$" % wrt)}[part.kind]
    where = f" where ${to_latex(parse(part.where, names=names))}$" if part.where else ""
    prompt = {"en": f"{entry.title['en']}. Let $f = {f}${where}, with ${shapes}$. Find {asked[0]}.",
              "zh": f"{entry.title['zh']}。设 $f = {f}${where.replace(' where', '，其中')}，其中 ${shapes}$。求{asked[1]}。"}
    reference = parse(part.reference, names=names | set(_where_names(part.where)))
    blank = Blank("1", Check(reference=part.reference, shapes=entry.symbols, kind=part.kind, where=part.where,
                             catalog=(entry.id, part.name)), part.reference, to_latex(reference))
    return Question(id=f"{entry.id}.{seed}", family=entry.id, topic=_SECTION.get(entry.topic, "A"), type="derivation",
                    prompt=prompt, answer={"en": entry.statement["en"], "zh": entry.statement["zh"]}, seed=seed,
                    blanks=(blank,), steps=_steps(entry.id, part.name), catalog_id=entry.id)


def _where_names(where: str | None) -> list[str]:
    return [piece.split("=")[0].strip() for piece in (where or "").replace(";", "\n").splitlines() if "=" in piece]


def _dims(shape: tuple) -> str:  # type: ignore[type-arg]
    rows, cols = (str(d) for d in shape)
    return rows if cols == "1" else ("" if rows == "1" else f"{rows} \\times {cols}")


@functools.cache
def _steps(entry_id: str, part_name: str) -> tuple[Step, ...]:
    """The part's model derivation, every line checked by the engine (``dlprep show``'s steps)."""
    from checker.language.parser import parse
    from checker.language.printing import to_latex
    from derivations.catalog import get
    from derivations.catalog.steps import part_steps

    entry = get(entry_id)
    part = next(p for p in entry.parts if p.name == part_name)
    result = part_steps(entry, part)
    steps = []
    for line in result.lines:
        latex = line["latex"] or to_latex(parse(line["expr"]))
        lhs = {"∇_x f": "\\nabla f", "∂f/∂xᵀ": "\\partial f / \\partial x^{\\top}"}.get(line["lhs"], line["lhs"])
        rule = line["rule"] or ""
        steps.append(Step(f"{_lhs_latex(lhs)} = {latex}", {"en": rule, "zh": rule}, bool(line["verified"] and result.verified)))
    return tuple(steps)


def _lhs_latex(lhs: str) -> str:
    if lhs.startswith("∇"):
        return "\\nabla_{%s} f" % lhs.split("_", 1)[1].split()[0] if "_" in lhs else "\\nabla f"
    if lhs.startswith("∂"):
        return "\\partial f / \\partial " + lhs.split("∂")[-1].replace("ᵀ", "^{\\top}")
    return {"df": "\\mathrm{d}f"}.get(lhs, lhs)


def _conv_size(seed: int) -> Question:
    rng = random.Random(seed)
    m, k = rng.randint(5, 32), rng.choice((2, 3, 5, 7))
    mode = rng.choice(("narrow", "wide"))
    value = m - k + 1 if mode == "narrow" else m + k - 1
    name = {"narrow": ("narrow (valid)", "窄卷积（valid）"), "wide": ("wide (full)", "宽卷积（full）")}[mode]
    formula = "M - K + 1" if mode == "narrow" else "M + K - 1"
    return Question(
        id=f"conv-size.{seed}", family="conv-size", topic="F", type="numeric", seed=seed,
        prompt={"en": f"A ${m} \\times {m}$ feature map is convolved with a ${k} \\times {k}$ kernel, {name[0]}, stride 1. "
                      "What is the side length of the output map?",
                "zh": f"${m} \\times {m}$ 的特征图与 ${k} \\times {k}$ 的卷积核做{name[1]}卷积，步长为 1。输出特征图的边长是多少？"},
        answer={"en": f"$${formula} = {value}$$", "zh": f"$${formula} = {value}$$"},
        blanks=(Blank("1", Check(reference=str(value)), str(value), str(value)),),
        params={"M": m, "K": k, "mode": mode})


def _lstm_count(seed: int) -> Question:
    rng = random.Random(seed)
    d, h = rng.randint(2, 64), rng.randint(2, 64)
    value = 4 * h * (d + h + 1)
    return Question(
        id=f"lstm-count.{seed}", family="lstm-count", topic="G", type="numeric", seed=seed,
        prompt={"en": f"An LSTM layer has input size $d = {d}$ and hidden size $h = {h}$ (biases included). "
                      "How many trainable parameters does it have?",
                "zh": f"一个 LSTM 层的输入维数 $d = {d}$，隐藏层维数 $h = {h}$（含偏置）。它共有多少个可训练参数？"},
        answer={"en": f"Four gates, each with $W \\in \\mathbb{{R}}^{{h \\times d}}$, $U \\in \\mathbb{{R}}^{{h \\times h}}$, $b \\in \\mathbb{{R}}^h$: $$4h(d + h + 1) = {value}$$",
                "zh": f"四个门，每个门有 $W \\in \\mathbb{{R}}^{{h \\times d}}$、$U \\in \\mathbb{{R}}^{{h \\times h}}$、$b \\in \\mathbb{{R}}^h$：$$4h(d + h + 1) = {value}$$"},
        blanks=(Blank("1", Check(reference=str(value)), str(value), str(value)),),
        params={"d": d, "h": h})


__all__ = ["TOPICS", "TYPES", "UnknownQuestion", "families", "generate", "lookup", "problem_for"]
