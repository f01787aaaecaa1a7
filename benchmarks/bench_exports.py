"""Speed of the Moodle and Anki exporters (issue 11), next to anchors measured in the same run.

Run: python benchmarks/bench_exports.py

Prints a table with, for 100 copies of a 10-question exam (both languages, every family in turn):
* anchor: generating the questions (the registry, answers computed and cross-checked);
* anchor: genanki's own ``Package.write_to_file`` (SQLite on disk), which our Anki exporter replaces;
* our Moodle XML and Anki ``.apkg`` exporters.
"""

from __future__ import annotations

import os
import tempfile
import time


def main() -> None:
    import genanki

    from question_bank.export import anki, moodle
    from question_bank.registry import families, generate

    names = list(families())
    start = time.perf_counter()
    questions = []
    seed = 0
    while len(questions) < 1000:
        try:
            questions.append(generate.__wrapped__(names[seed % len(names)], seed))
        except Exception:  # a family's own draw failure is not this benchmark's subject
            pass
        seed += 1
    generation = time.perf_counter() - start
    copies = [questions[i:i + 10] for i in range(0, 1000, 10)]

    def timed(fn) -> float:
        t = time.perf_counter()
        for copy in copies:
            fn(copy)
        return time.perf_counter() - t

    def genanki_file(copy) -> None:
        fd, path = tempfile.mkstemp(suffix=".apkg")
        os.close(fd)
        genanki.Package(anki.deck(copy, "both", "bench")).write_to_file(path)
        os.unlink(path)

    rows = [
        ("anchor: generate 1,000 questions", generation, ""),
        ("anchor: genanki write_to_file × 100", timed(genanki_file), "SQLite on disk"),
        ("moodle export × 100 copies", timed(lambda c: moodle.export(c, "both", "bench", "inline")), "10 questions each"),
        ("anki export × 100 copies", timed(lambda c: anki.export(c, "both", "bench", "inline")), "in-memory SQLite"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'time':>8}  notes")
    for name, seconds, note in rows:
        print(f"{name.ljust(width)}  {seconds:7.2f}s  {note}")


if __name__ == "__main__":
    main()
