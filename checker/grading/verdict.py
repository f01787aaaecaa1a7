"""The answer to a check: verdict, diagnosis, message, how the input was read; JSON and exit code.

>>> v = Verdict("correct", message="holds on 5 random instances", read_as="tr(A B) = tr(B A)")
>>> v.exit_code, v.to_json()["verdict"]
(0, 'correct')
>>> from checker.grading.messages import language
>>> with language("zh"):
...     Verdict("incorrect", diagnosis=["transpose"]).to_json()["diagnosis_names"]
['转置错误']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.grading.messages import LANG, code_name

EXIT_CODES = {"correct": 0, "incorrect": 1, "invalid": 2}


@dataclass
class Verdict:
    verdict: str  # "correct" | "incorrect" | "invalid"
    message: str = ""
    read_as: str | None = None
    read_as_latex: str | None = None
    diagnosis: list[str] = field(default_factory=list)
    expected_shape: str | None = None
    counterexample: dict[str, Any] | None = None
    steps: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    lang: str = field(default_factory=LANG.get)  # the language of its texts (codes are named in it)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "verdict": self.verdict,
            "diagnosis": self.diagnosis,
            "diagnosis_names": [code_name(c, self.lang) for c in self.diagnosis],
            "message": self.message,
            "read_as": self.read_as,
            "read_as_latex": self.read_as_latex,
            "expected_shape": self.expected_shape,
            "counterexample": self.counterexample,
            "steps": [{**s, "diagnosis_names": [code_name(c, self.lang) for c in s.get("diagnosis", [])]} for s in self.steps],
        }
        out.update(self.extra)
        return out

    @staticmethod
    def invalid(message: str) -> Verdict:
        return Verdict("invalid", message=message)
