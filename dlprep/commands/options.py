"""Option types shared by the commands: each refusal is one line naming the option and the value.

>>> SECONDS.convert("2.5", None, None)
2.5
>>> import click
>>> try:
...     SECONDS.convert("nan", None, None)
... except click.BadParameter as exc:
...     print(exc.message)
nan is not a finite number of seconds (0 < s <= 3600)
"""

from __future__ import annotations

import math
from typing import Any

import click

from checker.language.limits import LIMITS

SEED = click.IntRange(min=0, max=2**32 - 1)
COUNT = click.IntRange(min=1, max=100_000)
MAX_SECONDS = 3600.0


class Seconds(click.ParamType):
    """A finite, positive number of seconds (nan, inf, 0 and negatives refused)."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{str(value)[:40]!r} is not a number of seconds", param, ctx)
        if not math.isfinite(number) or not 0 < number <= MAX_SECONDS:
            self.fail(f"{str(value)[:40]} is not a finite number of seconds (0 < s <= {MAX_SECONDS:g})", param, ctx)
        return number


class Text(click.ParamType):
    """Text an option carries into the grammar: at most the text_chars limit (a 20 KB --wrt is refused, not echoed)."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        limit = LIMITS["text_chars"]
        if len(text) > limit.value:
            self.fail(f"{len(text)} characters is over the limit {limit.name} = {limit.value:g}", param, ctx)
        return text


SECONDS = Seconds()
TEXT = Text()
