"""The safe expression language: text → tokens → typed tree → shapes → {NumPy, SymPy, printers}.

Lowest layer: imports nothing from ``checker.grading``, ``derivations``, ``question_bank`` or ``dlprep``.
"""
