"""Grading: problems, answers, derivation steps, identities and batches → a verdict with a diagnosis.

Builds on :mod:`checker.language`; never imports ``derivations``, ``question_bank`` or ``dlprep``.
"""
