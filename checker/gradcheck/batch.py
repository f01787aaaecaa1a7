"""A class at once: one gradient-check result per file, never stopping on a bad file.

``files(targets)`` expands folders to their ``*.py`` files (sorted, not recursive; FILE.py:FUNC kept);
``outcome(target, check)`` runs one check and turns any refusal of that file into a row; rows go out
as JSON lines or CSV, and ``summary(rows)`` counts them:

    {"file": "ana.py", "status": "right", "exit": 0, "loss_ok": true, "first_wrong": null, "error": "", ...}
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Callable, Iterable

from checker.gradcheck.result import Report
from checker.language.errors import DlprepError

STATUS = ("right", "wrong", "unusable", "error")  # exit 0, 1, 2, 3 of a single check
COLUMNS = ("file", "status", "exit", "loss_ok", "first_wrong", "points", "basis", "verdicts", "error")


def files(targets: Iterable[str]) -> list[str]:
    """Each target as given, folders replaced by their .py files (sorted); a missing path is kept (its row says so)."""
    out: list[str] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            out.extend(str(p) for p in sorted(path.glob("*.py")) if p.is_file())
        else:
            out.append(target)
    return out


def outcome(target: str, check: Callable[[str], Report]) -> dict[str, Any]:
    """The row of one file: its verdicts, or the one-line reason it could not be checked."""
    row: dict[str, Any] = {"file": target, "status": "unusable", "exit": 2, "loss_ok": None, "first_wrong": None,
                           "points": 0, "basis": "", "verdicts": {}, "error": ""}
    try:
        report = check(target)
    except DlprepError as exc:
        row["error"] = " ".join(str(exc).split())[:500]
        return row
    except Exception as exc:  # noqa: BLE001 - a bug of ours on one file: reported in its row, the class goes on
        row.update(status="error", exit=3, error=f"internal error (please report): {type(exc).__name__}: "
                   + " ".join(str(exc).split())[:300])
        return row
    wrong = report.first_wrong
    row.update(status="right" if report.ok else "wrong", exit=0 if report.ok else 1, loss_ok=report.loss_ok,
               first_wrong=wrong.name if wrong else None, points=report.points, basis=report.basis,
               verdicts={p.name: p.verdict for p in report.params})
    return row


def jsonl(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"


def csv_header() -> str:
    return _csv_line(list(COLUMNS))


def csv_row(row: dict[str, Any]) -> str:
    verdicts = " ".join(f"{k}={v}" for k, v in row["verdicts"].items())
    return _csv_line([verdicts if c == "verdicts" else "" if row[c] is None else row[c] for c in COLUMNS])


def _csv_line(values: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def summary(rows: list[dict[str, Any]]) -> str:
    """`60 files: 41 right, 15 wrong, 4 unusable`."""
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUS}
    shown = [s for s in STATUS if s != "error" or counts[s]]
    return f"{len(rows)} file{'' if len(rows) == 1 else 's'}: " + ", ".join(f"{counts[s]} {s}" for s in shown)
