"""Markdown: prose escaped, math kept as ``$…$`` / ``$$…$$`` (GitHub, Obsidian, Typora and pandoc read it).

>>> markup_to_md("fan_in *is* $n_{in}$")
'fan\\\\_in \\\\*is\\\\* $n_{in}$'
"""

from __future__ import annotations

from functools import lru_cache

import re

from question_bank.markup import convert
from question_bank.typeset.latex import repair_math

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|$])")


def md_escape(text: str) -> str:
    r"""Prose printed as itself in Markdown."""
    return _SPECIAL.sub(r"\\\1", text)


@lru_cache(maxsize=8192)
def markup_to_md(text: str) -> str:
    return convert(text, prose=md_escape, math=lambda m: "$" + repair_math(m) + "$",
                   display=lambda m: "\n\n$$" + repair_math(m) + "$$\n\n")
