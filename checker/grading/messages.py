"""The checker's feedback texts: the one zh/en table lives in :mod:`checker.language.messages`
(layer 0, so the reader's errors use it too); grading code imports it from here or there."""

from checker.language.messages import LANG, LANGS, MESSAGES, code_name, language, message, number, shape_words

__all__ = ["LANG", "LANGS", "MESSAGES", "code_name", "language", "message", "number", "shape_words"]
