"""The bank's text markup, split into pieces that each exporter renders in its own way.

Prose with inline math ``$…$`` and display math ``$$…$$``; a blank line separates paragraphs; ``\\$``
is a literal dollar sign. :func:`segments` is the one reader of that markup, so every format (LaTeX,
HTML, Moodle, Anki, Markdown) agrees on what is math.

>>> segments("Let $a = \\\\sigma(z)$. Then\\n\\n$$\\\\sigma'(z) = a(1-a)$$ costs \\\\$1.")
[('text', 'Let '), ('math', 'a = \\\\sigma(z)'), ('text', '. Then'), ('par', ''), ('display', "\\\\sigma'(z) = a(1-a)"), ('text', ' costs $1.')]
>>> convert("$x$ and $$y$$", prose=str.upper, math=lambda m: "\\\\(" + m + "\\\\)", display=lambda m: "\\\\[" + m + "\\\\]")
'\\\\(x\\\\) AND \\\\[y\\\\]'
"""

from __future__ import annotations

import re
from typing import Callable

Segment = tuple[str, str]  # (kind, content); kind: text | math | display | par

_TOKEN = re.compile(r"\\\$|\$\$(.+?)\$\$|\$(.+?)\$|\n[ \t]*\n\s*", re.S)


class MarkupError(ValueError):
    """An unclosed ``$`` in bank text (a bug in a family or template, never user input)."""


def segments(text: str) -> list[Segment]:
    out: list[Segment] = []
    buffer = ""
    pos = 0
    for m in _TOKEN.finditer(text):
        buffer += _plain(text[pos : m.start()], text)
        pos = m.end()
        token = m.group(0)
        if token == "\\$":
            buffer += "$"
            continue
        if buffer:
            out.append(("text", buffer))
            buffer = ""
        if m.group(1) is not None:
            out.append(("display", m.group(1).strip()))
        elif m.group(2) is not None:
            out.append(("math", m.group(2).strip()))
        else:
            out.append(("par", ""))
    buffer += _plain(text[pos:], text)
    if buffer:
        out.append(("text", buffer))
    return out


def _plain(chunk: str, whole: str) -> str:
    if "$" in chunk:
        raise MarkupError(f"unclosed $ in: {whole[:80]!r}")
    return chunk


def convert(source: str, *, prose: Callable[[str], str], math: Callable[[str], str],
            display: Callable[[str], str], par: str = "\n\n") -> str:
    """Render bank text: ``prose`` escapes text for the format, ``math``/``display`` wrap the LaTeX."""
    render = {"text": prose, "math": math, "display": display, "par": lambda _: par}
    return "".join(render[kind](content) for kind, content in segments(source))
