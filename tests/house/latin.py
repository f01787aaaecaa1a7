"""Latin words left in Chinese output (issue 19): the reusable finder of the zh sweep.

``latin_words(text, kind)`` strips what is not prose — math (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``,
MathML), code (Markdown code spans and fences, ``<code>``, ``\\texttt{…}``), TeX commands and the
preamble, HTML tags, styles and scripts, question ids (``q:family.seed``), dotted module names,
quoted convolution modes — and returns every remaining Latin word of three letters or more that is
neither a function name of the expression language (plain-text math such as ``softmax(z)``,
``Tr(AB)``) nor one of the names the course itself writes in Latin (:data:`ALLOWED`).
``owner(word, context)`` says which area's source holds the string, so a failure names who fixes it.

>>> [f.word for f in latin_words("梯度为 $\\\\nabla_x f$，用 Jacobian 矩阵 and ReLU。 take the differential", "md")]
['Jacobian', 'and ReLU', 'take the differential']
>>> latin_words("<p>读作：<math><mi>x</mi></math> softmax(z)，<code>dlprep check</code></p>", "html")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.language.functions import FUNCTIONS

ROOT = Path(__file__).resolve().parents[2]

# names the course writes in Latin in its Chinese notes (/work/shared/seeds): kept in zh output
ALLOWED = frozenset({
    "ReLU", "Softmax", "softmax", "Sparsemax", "sparsemax", "Sigmoid", "sigmoid", "LSTM", "CNN", "RNN", "TDNN",
    "Dropout", "KKT", "SGD", "MLP", "Adam", "RBM", "BPTT", "GRU", "PCA", "Maxout", "maxout", "AdaGrad", "RMSProp",
    "Momentum", "Nesterov", "LeNet", "AlexNet", "ResNet", "Matlab", "MATLAB", "NumPy", "PyTorch", "CD", "tanh",
    "Gibbs", "Hessian", "Bernoulli", "Multinoulli", "Hinton", "PReLU", "Leaky", "ELU", "Glorot", "Xavier", "Matrix Cookbook", "Cookbook", "dropout", "dlprep", "PDF", "HTML", "JSON", "Markdown", "LaTeX", "Moodle", "Anki",
})
# words of plain-text math: the expression language's function names and a few operator words
MATH_WORDS = frozenset({"Tr", "tr", "diag", "det", "vec", "rot", "valid", "full", "same", "fro", "inf", "max", "min",
                        "sum", "exp", "log", "sqrt", "sign", "abs", "argmax", "argmin", "const", "softplus"})

OWNERS = (  # (path prefix, area), the string's origin first: the first that holds it names who fixes it
    ("derivations/catalog", "zh (catalog zh texts)"),
    ("derivations/", "answers (step notes, rule names)"),
    ("checker/", "zh (checker messages)"),
    ("dlprep/", "zh (CLI labels)"),
    ("question_bank/families/concept", "concepts (concept questions)"),
    ("question_bank/families/derive", "answers (derive keys)"),
    ("question_bank/families/worked", "answers (worked keys)"),
    ("question_bank/families", "bank (exam families)"),
    ("question_bank/templates/exam", "paper (exam templates)"),
    ("question_bank/templates/cheatsheet", "lead (cheat sheet)"),
    ("question_bank/cheatsheet", "lead (cheat sheet)"),
    ("question_bank/export", "paper (exporters)"),
    ("question_bank/typeset", "paper (typesetting)"),
    ("question_bank/practice", "practice (practice page)"),
    ("question_bank/", "bank (exam)"),
)


@dataclass(frozen=True)
class Finding:
    word: str
    context: str

    def __str__(self) -> str:
        return f"{self.word!r} in …{self.context}…"


_STRIP_ALL = [
    re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I),
    re.compile(r"<math\b.*?</math>", re.S | re.I),
    re.compile(r"<(code|pre|kbd|samp|tt)\b.*?</\1>", re.S | re.I),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"```.*?```", re.S),
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # a Markdown image: its alt text is a file name
    re.compile(r"(?<=\])\([^)\s]*\)"),  # a Markdown link's target
    re.compile(r"`[^`\n]*`"),
    re.compile(r"\$\$.*?\$\$", re.S),
    re.compile(r"(?<!\\)\$[^$]*?(?<!\\)\$", re.S),
    re.compile(r"\\\(.*?\\\)", re.S),
    re.compile(r"\\\[.*?\\\]", re.S),
    re.compile(r"\\begin\{(equation|align|gather|multline|math|displaymath|verbatim)\*?\}.*?\\end\{\1\*?\}", re.S),
    re.compile(r"\\(texttt|verb|url|href|label|ref|includegraphics|input|usepackage|begin|end|documentclass|setmainfont|setCJKmainfont|newcommand|renewcommand|hypersetup|setlength|geometry|pagestyle|fancyhead|fancyfoot|color|textcolor|definecolor)\*?(\[[^\]]*\])?(\{[^{}]*\})*"),
    re.compile(r"\{[A-Za-z]+=[^{}]*\}"),  # a TeX key=value list ({PunctStyle=quanjiao})
    re.compile(r"(?<=\})\[[A-Za-z]+\]"),  # a TeX optional argument after an argument (\multirowgradetable{2}[questions])
    re.compile(r"\\[,;:! ]"),  # TeX spacing: \, \; \: \! and a control space
    re.compile(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?"),
    re.compile(r"<[^>]+>"),
    re.compile(r"&[a-zA-Z]+;|&#\d+;"),
    re.compile(r"\bq:[\w-]+\.\d+\b"),
    re.compile(r"\b[\w-]+(?:\.[\w-]+)+\b"),  # module.names, file.names
    re.compile(r"['\"‘“][A-Za-z]+['\"’”]"),  # 'valid', "full"
    re.compile(r"\b[a-z]+(?:-[a-z0-9]+)+\b"),  # ids: least-squares-gradient, --part names
    re.compile(r"--[a-z-]+"),
    re.compile(r"https?://\S+"),
]
MARK = "∎"  # what stripped math or code leaves: neither a letter nor Chinese nor a space
_OPAQUE = ("<math", "<code", "<pre", "<kbd", "<samp", "<tt", "<script", "<style")  # tags whose content is not prose
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]{3,}(?![A-Za-z0-9_^'])(?!\s*\()")  # not a call f(…), not a symbol delta^(l)


MATH_MACROS = ("fitmath", "ensuremath", "texttt", "boxed")  # a TeX macro whose braced argument is math or code


def _drop_macros(text: str) -> str:
    """``\\fitmath{…}`` and friends removed with their balanced braced argument."""
    out, i = [], 0
    pattern = re.compile(r"\\(" + "|".join(MATH_MACROS) + r")\s*\{")
    while (m := pattern.search(text, i)) is not None:
        out.append(text[i : m.start()])
        depth, k = 1, m.end()
        while k < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[k], 0) if text[k - 1] != "\\" else 0
            k += 1
        out.append(" ")
        i = k
    out.append(text[i:])
    return "".join(out)


@lru_cache(maxsize=1)
def _function_names() -> frozenset[str]:
    names = set(MATH_WORDS)
    for record in FUNCTIONS.values():
        names.update(record.all_spellings)
    return frozenset(names)


def prose(text: str, kind: str = "text") -> str:
    """``text`` without math, code, markup and identifiers: what a reader reads as words."""
    if kind == "tex" and "\\begin{document}" in text:
        text = text.split("\\begin{document}", 1)[1]
    if kind == "tex":
        text = _drop_macros(text)
    if kind == "html":
        text = re.sub(r"<head\b.*?</head>", lambda m: " ".join(re.findall(r"<title>(.*?)</title>", m.group(), re.S)), text, flags=re.S | re.I)
    for pattern in _STRIP_ALL:
        text = pattern.sub(lambda m: "\n" if m.group().startswith("<") and not m.group().lower().startswith(_OPAQUE) else MARK, text)
    return text


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def latin_words(text: str, kind: str = "text") -> list[Finding]:
    """Every run of Latin words (``take the differential``) in the prose of ``text`` with a word that is
    neither allowed nor a function name; ``context`` holds the run with its Chinese neighbours."""
    body = prose(text, kind)
    allowed = ALLOWED | _function_names()
    runs: list[list[int]] = []  # [start, end, flagged]
    for m in _WORD.finditer(body):
        flagged = m.group() not in allowed and not m.group().isupper()  # ABCD, AXB: products of symbols; acronyms
        gap = body[runs[-1][1] : m.start()] if runs else ""
        if runs and len(gap) < 12 and "\n" not in gap and not _CJK.search(gap):
            runs[-1][1] = m.end()
            runs[-1][2] |= flagged
        else:
            runs.append([m.start(), m.end(), flagged])
    out = []
    for start, end, flagged in runs:
        if flagged and body[start:end] not in ALLOWED:  # a name of several words: Matrix Cookbook
            context = " ".join(body[max(0, start - 12) : end + 12].split())
            out.append(Finding(body[start:end], context))
    return out


@lru_cache(maxsize=1)
def _sources() -> tuple[tuple[str, str], ...]:
    """(path, text) of every source file an output string can come from."""
    roots = ("question_bank", "derivations", "checker", "dlprep")
    files = [p for r in roots for p in sorted((ROOT / r).rglob("*")) if p.suffix in (".py", ".j2", ".txt", ".toml", ".js", ".html", ".md")]
    return tuple((str(p.relative_to(ROOT)), p.read_text(encoding="utf-8", errors="replace")) for p in files)


@lru_cache(maxsize=4096)
def owner(words: str, context: str) -> str:
    """The area whose source holds the run ``words`` (tried with its Chinese neighbours first)."""
    at = max(context.find(words), 0)
    left, right = context[:at], context[at + len(words):]
    lead, tail = left[len(left.rstrip()):], right[: len(right) - len(right.lstrip())]  # the spaces around the run
    sides = [(left.rstrip()[-n:] + lead, tail + right.lstrip()[:n]) for n in (10, 6, 3, 1)]
    needles = ([a + words + b for a, b in sides] + [a + words for a, _ in sides] + [words + b for _, b in sides]
               + [words] + words.split()[:1])
    for needle in needles:
        if len(re.findall(r"[A-Za-z\u4e00-\u9fff]", needle)) < 3:  # a bare "题 (" says nothing about its origin
            continue
        paths = [path for path, text in _sources() if needle in text]
        for prefix, area in OWNERS:
            for path in paths:
                if path.startswith(prefix):
                    if prefix == "derivations/catalog" and not _in_zh_text(path, needle):
                        return f"answers (the catalog's step and proof notes): {path}"
                    return f"{area}: {path}"
    return "unknown: not a literal of the sources (a template's or a composed string)"


def _in_zh_text(path: str, needle: str) -> bool:
    """Is ``needle`` inside a ``"zh": …`` string of a catalog file (else a step note, title or code)?"""
    text = dict(_sources())[path]
    return any('"zh"' in line for line in text.splitlines() if needle in line)


def report(findings: dict[str, list[Finding]], limit: int = 80) -> str:
    """One line per (area, string): how often, where first, in which words; grouped by the area that fixes it."""
    groups: dict[tuple[str, str], list[tuple[str, Finding]]] = {}
    for source, found in findings.items():
        for f in found:
            groups.setdefault((owner(f.word, f.context), f.word), []).append((source, f))
    lines = [f"{area} | {word!r} ×{len(hits)}, e.g. {hits[0][0]}: …{hits[0][1].context}…"
             for (area, word), hits in sorted(groups.items())]
    more = f"\n… and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


_HAN = "\u4e00-\u9fff"
_PUNCTUATION = re.compile(rf"[{_HAN}][,:;!?]|[,:;!?](?=[{_HAN}])|[{_HAN}] ?\((?=[^)]*[{_HAN}])|(?<=[{_HAN}])\)|[{_HAN}] [{_HAN}]")


def zh_punctuation(text: str, kind: str = "text") -> list[Finding]:
    """ASCII , : ; ! ? ( ) inside Chinese sentences and spaces between two Chinese characters (prose only).

    >>> [f.word for f in zh_punctuation("网络, 所有层；总分: 100；证明 梯度；（正确）；$f(x)$ 的梯度")]
    ['络,', '分:', '明 梯']
    """
    body = prose(text, kind)
    return [Finding(m.group(), " ".join(body[max(0, m.start() - 12) : m.end() + 12].split())) for m in _PUNCTUATION.finditer(body)]
