"""What the sheet says, grouped as a student revises: one module per half, each a tuple of sections.

``sections()`` is the sheet in order; ``--topics`` names section keys (aliases in ``TOPIC_ALIASES``).
"""

from __future__ import annotations

from question_bank.cheatsheet.content.matrix import SECTIONS as MATRIX
from question_bank.cheatsheet.content.networks import SECTIONS as NETWORKS
from question_bank.cheatsheet.content.slips import slips_section
from question_bank.cheatsheet.model import Section



def sections() -> tuple[Section, ...]:
    """The sheet in order (the slips box is read from the catalog's mal-rules at each call)."""
    return MATRIX + NETWORKS + (slips_section(),)


KEYS = tuple(s.key for s in MATRIX + NETWORKS) + ("slips",)

TOPIC_ALIASES: dict[str, str] = {
    "convention": "conventions", "differential": "differentials", "trace": "traces", "gradient": "gradients",
    "activation": "activations", "softmax": "output", "sparsemax": "output", "mlp": "backprop",
    "backpropagation": "backprop", "cnn": "conv", "pooling": "conv", "lstm": "rnn", "batchnorm": "training",
    "dropout": "training", "regularization": "training", "slip": "slips", "autoencoder": "more", "attention": "more", "rbm": "more", "maxout": "more", "example": "worked", "examples": "worked",
}

CONVENTION = {
    "en": "Vectors are columns; ∇ₓf has the shape of x; the Jacobian ∂y/∂x is m×n (a row for scalar f); "
          "df = Tr(GᵀdX) ⇔ ∇f = G; ∘ Hadamard, * 2-D convolution (kernel flipped); products bind before ∘.",
    "zh": "向量均为列向量；∇ₓf 与 x 同形；雅可比矩阵 ∂y/∂x 为 m×n（标量 f 时为行向量）；df = Tr(GᵀdX) ⇔ ∇f = G；"
          "∘ 为哈达玛积，* 为二维卷积（核翻转）；矩阵乘法先于 ∘。",
}
