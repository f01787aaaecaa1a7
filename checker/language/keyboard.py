"""Text typed with a Chinese input method, read as its ASCII counterpart, one character for one.

A Chinese IME types full-width punctuation and brackets (，；：（）＝＋－＊／＇), full-width digits and
letters (０–９, Ａ–Ｚ, ａ–ｚ: U+FF01–U+FF5E), the ideographic space U+3000, and CJK punctuation
(【】 for [], 、 for a comma, 。 for a full stop, ‘’ “” for quotes, 《》 for <>, ￥ for $). Each is
replaced by one ASCII character, so every column of the text stays where it was and an error still
points at the character the student typed. Every reader of user text (lexer, literal reader,
``--shapes``, ``--where``, step files) calls :func:`normalize_keyboard` first.

>>> normalize_keyboard("２Ａ＾Ｔ（Ａｘ－ｂ），【１，２；３，４】")
'2A^T(Ax-b),[1,2;3,4]'
>>> len(normalize_keyboard("ｘ\\u3000＋\\u3000ｙ")) == len("ｘ\\u3000＋\\u3000ｙ")
True
"""

from __future__ import annotations

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！ … ～ → ! … ~
_CJK = {
    "\u3000": " ",  # ideographic space
    "【": "[", "】": "]", "〔": "(", "〕": ")", "〈": "<", "〉": ">", "《": "<", "》": ">",
    "、": ",", "。": ".", "‘": "'", "’": "'", "“": '"', "”": '"', "￥": "$", "｡": ".", "､": ",",
}
TABLE: dict[int, int | str] = {**_FULL_WIDTH, **{ord(k): v for k, v in _CJK.items()}}
assert all(len(v) == 1 if isinstance(v, str) else True for v in TABLE.values())  # one char for one: columns hold


def normalize_keyboard(text: str) -> str:
    """``text`` with every full-width or CJK-keyboard character replaced by its ASCII counterpart (same length)."""
    return text.translate(TABLE)
