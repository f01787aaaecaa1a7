"""Question families: one module per family, each exposing

    def make(rng: numpy.random.Generator, seed: int) -> Question

(one Question holds both languages; its id is ``f"{family}.{seed}"``; every answer is computed from
the draw at generation time). The registry (name → module, with aliases) is ``question_bank.registry``.
"""
