"""The sections of CATALOG.md (a public interface) and the section of every catalog entry.

A question's ``topic`` is a section letter; ``SECTION`` places each catalog id in its CATALOG.md
section (tests/question_bank/test_coverage.py reads CATALOG.md to keep this table true).
"""

from __future__ import annotations

Text = dict[str, str]

TOPICS: dict[str, Text] = {
    "A": {"en": "Matrix differentials", "zh": "矩阵微分"},
    "B": {"en": "Output units", "zh": "输出单元"},
    "C": {"en": "Hidden units and backpropagation", "zh": "隐藏单元与反向传播"},
    "D": {"en": "Regularization", "zh": "正则化"},
    "E": {"en": "Autoencoders", "zh": "自编码器"},
    "F": {"en": "Convolutional networks", "zh": "卷积网络"},
    "G": {"en": "Sequence models, normalisation and training", "zh": "序列模型、归一化与训练"},
}

_BY_SECTION = {
    "A": "trace-cyclic trace-hadamard least-squares-gradient quadratic-form-gradient trace-linear-gradient "
         "logdet-gradient linear-network-collapse",
    "B": "sigmoid-derivative softmax-jacobian softmax-cross-entropy-gradient sparsemax-kkt sparsemax-jacobian "
         "logistic-regression-gradient",
    "C": "tanh-derivative relu-derivative leaky-relu-derivative elu-derivative maxout-gradient mlp-backprop "
         "mlp-batch-backprop",
    "D": "l2-penalty-gradient dropout-scaling",
    "E": "sparse-autoencoder-penalty tied-autoencoder-gradient",
    "F": "conv-residual pooling-residual conv-output-size",
    "G": "rnn-bptt lstm-parameter-count batchnorm-backward scaled-dot-product minibatch-gradient-variance "
         "glorot-init rbm-gradient",
}
SECTION: dict[str, str] = {entry: letter for letter, ids in _BY_SECTION.items() for entry in ids.split()}


def topic_name(letter: str, lang: str) -> str:
    return TOPICS[letter][lang]
