r"""Concept questions (概念题) as text files: one ``question_bank/concepts/<key>.md`` per question.

A file is TOML front matter between ``+++`` lines (read with :mod:`tomllib`), then the question and
its model answer in each language::

    +++
    key = "zero-init"            # stable: Anki GUIDs hash it, never change it once published
    section = "C"                # CATALOG.md section letter
    catalog = ["mlp-backprop"]   # catalog ids the question touches (may be empty)
    topics = ["zero-init"]       # items of CATALOG.md's concept list (CONCEPT_TOPICS keys)
    type = "open"                # open: explain, graded by key points | choice: pick one of A–D
    points = 5

    [[key_points]]               # open only: 2–4, their points add up to `points`
    points = 2
    zh = "……"
    en = "…"

    [[choices]]                  # choice only: exactly 4, exactly one with correct = true
    correct = true
    zh = "……"
    en = "…"
    +++

    ## zh
    ### question
    ……
    ### answer
    ……

    ## en
    ### question
    …
    ### answer
    …

A choice question may name the open question it rephrases (``variant_of = "<key>"``): both touch one
concept, so an exam asks only one of them. Text is the bank's markup (prose, ``$…$``, ``$$…$$``;
:mod:`question_bank.markup`). A broken file raises :class:`ConceptFileError`, one line naming the
file and the field.

>>> c = by_key("zero-init")
>>> c.type, c.section, c.catalog, sum(p for _, p in c.key_points) == c.points
('open', 'C', ('mlp-backprop',), True)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from checker.language.errors import InputError
from question_bank.markup import MarkupError, segments

Text = dict[str, str]
LANGS = ("zh", "en")
TYPES = ("open", "choice")
SECTIONS = "ABCDEFG"
FOLDER = Path(__file__).resolve().parent.parent / "concepts"  # package data next to the modules, never the source tree
KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
FIELDS = {"key", "section", "catalog", "topics", "type", "points", "key_points", "choices", "variant_of"}

# The "Concept questions (概念题) the bank must cover" list of CATALOG.md, one key per item.
CONCEPT_TOPICS: dict[str, Text] = {
    "deep-learning-idea": {"en": "the basic idea of deep learning", "zh": "深度学习的基本思想"},
    "dropout": {"en": "dropout: purpose, advantages, test-time scaling", "zh": "Dropout 的目的、优点与测试时的缩放"},
    "autoencoder": {"en": "autoencoders and their sparse, stacked, contractive variants", "zh": "自编码器及其稀疏、栈式、收缩变体"},
    "receptive-field-sharing": {"en": "local receptive fields and shared parameters", "zh": "局部感受野与共享参数"},
    "pooling-invariance": {"en": "pooling and translation invariance", "zh": "池化与平移不变性"},
    "sigmoid-saturation": {"en": "sigmoid saturation", "zh": "Sigmoid 饱和"},
    "output-units": {"en": "output units", "zh": "输出单元"},
    "regularization": {"en": "what regularization does", "zh": "正则化的作用"},
    "manifold-hypothesis": {"en": "the manifold hypothesis", "zh": "流形假设"},
    "dying-relu": {"en": "the dying-ReLU problem", "zh": "死亡 ReLU 问题"},
    "zero-init": {"en": "why weights are not initialised to zero", "zh": "为何不把权重初始化为零"},
    "lr-vanishing": {"en": "whether a larger learning rate cures vanishing gradients", "zh": "增大学习率能否缓解梯度消失"},
    "dbn-pretraining": {"en": "layer-wise pre-training of deep belief networks", "zh": "深度信念网络的逐层预训练"},
    "tdnn-cnn-rnn": {"en": "time-delay vs. convolutional vs. recurrent networks", "zh": "延时、卷积与循环神经网络"},
    "rnn-gradients-lstm": {"en": "exploding gradients in RNNs and LSTM gates", "zh": "RNN 梯度爆炸与 LSTM 门控"},
    "lr-batch-size": {"en": "why the learning rate scales with batch size", "zh": "学习率为何与批量大小成正比"},
    "batchnorm": {"en": "scale and shift of batch normalisation", "zh": "批量归一化的缩放与平移"},
    "conv-kinds": {"en": "narrow, wide and same convolutions", "zh": "窄卷积、宽卷积与等宽卷积"},
    "xor": {"en": "XOR and one linear layer", "zh": "XOR 与单个线性层"},
    "universal-approximation": {"en": "universal approximation by two layers", "zh": "两层网络的通用近似"},
}


class ConceptFileError(InputError):
    """A concept file that does not follow the format: ``<file>: <field>: <what is wrong>``."""


@dataclass(frozen=True)
class Concept:
    key: str
    section: str
    catalog: tuple[str, ...]
    topics: tuple[str, ...]
    type: str  # open | choice
    points: int
    prompt: Text
    answer: Text
    key_points: tuple[tuple[Text, int], ...]  # open: (text, points)
    choices: tuple[Text, ...]  # choice: the four options as written (the family shuffles them)
    correct: int  # choice: index of the right option in ``choices`` (-1 for open questions)
    variant_of: str | None = None

    @property
    def concept(self) -> str:
        """The concept both forms of one question share (an exam asks it once)."""
        return self.variant_of or self.key


def _fail(path: Path, field: str, what: str) -> ConceptFileError:
    return ConceptFileError(f"{path.name}: {field}: {what}")


def _text(path: Path, field: str, value: Any) -> Text:
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS):
        raise _fail(path, field, "expected a non-empty zh and en text")
    out = {lang: value[lang].strip() for lang in LANGS}
    for lang in LANGS:
        try:
            segments(out[lang])
        except MarkupError as exc:
            raise _fail(path, f"{field}.{lang}", str(exc)) from None
    return out


def _body(path: Path, body: str) -> tuple[Text, Text]:
    """``## zh`` / ``## en`` blocks, each with ``### question`` and ``### answer``."""
    parts: dict[tuple[str, str], list[str]] = {}
    lang = part = None
    for number, line in enumerate(body.splitlines(), 1):
        heading = re.fullmatch(r"(#{2,3}) +(\S+) *", line)
        if heading and heading.group(1) == "##":
            if heading.group(2) not in LANGS:
                raise _fail(path, f"line {number}", f"unknown language '{heading.group(2)}'; expected ## zh or ## en")
            lang, part = heading.group(2), None
        elif heading:
            if lang is None or heading.group(2) not in ("question", "answer"):
                raise _fail(path, f"line {number}", "expected ### question or ### answer under ## zh or ## en")
            part = heading.group(2)
            if (lang, part) in parts:
                raise _fail(path, f"line {number}", f"a second ### {part} in ## {lang}")
            parts[(lang, part)] = []
        elif part is not None and lang is not None:
            parts[(lang, part)].append(line)
        elif line.strip():
            raise _fail(path, f"line {number}", "text outside a ### question or ### answer block")
    texts: dict[str, dict[str, str]] = {"question": {}, "answer": {}}
    for lang in LANGS:
        for part in ("question", "answer"):
            lines = parts.get((lang, part))
            if lines is None or not "".join(lines).strip():
                raise _fail(path, f"## {lang} ### {part}", "missing or empty")
            texts[part][lang] = re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip())
    return _text(path, "question", texts["question"]), _text(path, "answer", texts["answer"])


def parse(path: Path, content: str) -> Concept:
    """One concept file's text → a validated :class:`Concept` (``path`` names it in errors)."""
    match = re.fullmatch(r"\+\+\+\n(.*?)\n\+\+\+\n(.*)", content, re.S)
    if match is None:
        raise _fail(path, "front matter", "expected TOML between a first line +++ and a closing +++")
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, "front matter", f"not valid TOML ({exc})") from None
    stray = sorted(set(meta) - FIELDS)
    if stray:
        raise _fail(path, stray[0], "unknown field; expected one of " + ", ".join(sorted(FIELDS)))
    key = meta.get("key")
    if not isinstance(key, str) or not KEY.fullmatch(key) or key != path.stem:
        raise _fail(path, "key", f"expected the file's name '{path.stem}' (lowercase words joined by -)")
    if meta.get("section") not in tuple(SECTIONS):
        raise _fail(path, "section", "expected one CATALOG.md section letter A–G")
    catalog, topics = meta.get("catalog", []), meta.get("topics", [])
    for field, value in (("catalog", catalog), ("topics", topics)):
        if not isinstance(value, list) or not all(isinstance(v, str) and KEY.fullmatch(v) for v in value):
            raise _fail(path, field, "expected a list of ids, e.g. [\"mlp-backprop\"]")
    unknown = [t for t in topics if t not in CONCEPT_TOPICS]
    if unknown:
        raise _fail(path, "topics", f"unknown concept topic '{unknown[0]}'")
    kind = meta.get("type")
    if kind not in TYPES:
        raise _fail(path, "type", "expected \"open\" (explain, key points) or \"choice\" (pick one of A–D)")
    points = meta.get("points", 5)
    if not isinstance(points, int) or isinstance(points, bool) or not 1 <= points <= 20:
        raise _fail(path, "points", "expected a whole number from 1 to 20")
    raw_points, raw_choices = meta.get("key_points", []), meta.get("choices", [])
    variant_of = meta.get("variant_of")
    if variant_of is not None and (kind != "choice" or not isinstance(variant_of, str) or not KEY.fullmatch(variant_of)):
        raise _fail(path, "variant_of", "only a choice question names the open question it rephrases (its key)")
    key_points: list[tuple[Text, int]] = []
    choices: list[Text] = []
    correct = -1
    if kind == "open":
        if raw_choices:
            raise _fail(path, "choices", "an open question has key points, not options")
        if not isinstance(raw_points, list) or not 2 <= len(raw_points) <= 4:
            raise _fail(path, "key_points", "an open question needs 2 to 4 [[key_points]]")
        for i, point in enumerate(raw_points, 1):
            value = point.get("points") if isinstance(point, dict) else None
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise _fail(path, f"key_points[{i}].points", "expected a whole number of points, at least 1")
            key_points.append((_text(path, f"key_points[{i}]", point), value))
        if sum(p for _, p in key_points) != points:
            raise _fail(path, "key_points", f"their points add up to {sum(p for _, p in key_points)}, not the question's {points}")
    else:
        if raw_points:
            raise _fail(path, "key_points", "a choice question has options, not key points")
        if not isinstance(raw_choices, list) or len(raw_choices) != 4:
            raise _fail(path, "choices", "a choice question needs exactly 4 [[choices]] (A–D)")
        for i, option in enumerate(raw_choices, 1):
            choices.append(_text(path, f"choices[{i}]", option))
            if isinstance(option, dict) and option.get("correct", False) is True:
                correct = i - 1 if correct == -1 else -2
        if correct < 0:
            raise _fail(path, "choices", "exactly one option needs correct = true")
        for lang in LANGS:
            if len({c[lang].lower() for c in choices}) != 4:
                raise _fail(path, f"choices.{lang}", "two options read the same")
    prompt, answer = _body(path, match.group(2))
    return Concept(key, meta["section"], tuple(catalog), tuple(topics), kind, points, prompt, answer,
                   tuple(key_points), tuple(choices), correct, variant_of)


def load(path: Path) -> Concept:
    """Read and validate one concept file."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, "file", f"cannot read it as UTF-8 text ({exc.__class__.__name__})") from None
    return parse(path, content.removeprefix("\ufeff").replace("\r\n", "\n"))  # Windows editors: BOM, CRLF


@cache
def concepts(folder: Path = FOLDER) -> tuple[Concept, ...]:
    """Every concept file of ``folder``, sorted by key; a variant must name an open question there."""
    out = tuple(load(p) for p in sorted(folder.glob("*.md")))
    keys = {c.key: c for c in out}
    for c in out:
        if c.variant_of is not None and (c.variant_of not in keys or keys[c.variant_of].type != "open"):
            raise _fail(folder / f"{c.key}.md", "variant_of", f"no open question '{c.variant_of}' in {folder.name}/")
    return out


def by_key(key: str) -> Concept:
    """The concept with a stable key (KeyError if none)."""
    for c in concepts():
        if c.key == key:
            return c
    raise KeyError(key)
