"""Convolutional layers: residuals through a convolution, output sizes (CATALOG F; lecture ch. 7)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.model import Entry, MalRule, Part


FLIP = MalRule("kernel-flip", "conv2(delta_{l+1}, omega, 'full') .* f'(z_l)", {
    "en": "The kernel is not flipped. With true convolution in the forward pass, z_{l+1} = conv2(a_l, ω, 'valid'), the residual goes back through a 'full' convolution with rot180(ω).",
    "zh": "卷积核没有翻转。前向传播用真正的卷积 z_{l+1} = conv2(a_l, ω, 'valid') 时，残差要通过与 rot180(ω) 的 'full' 卷积回传。",
})

def _strided_output(m: int, k: int, p: int, s: int) -> int:
    """Slide a k×k window over an m×m map padded by p, with stride s; count the positions."""
    padded = np.pad(np.ones((m, m)), p)
    rows = 0
    for top in range(0, padded.shape[0] - k + 1, s):
        rows += 1
        _ = padded[top : top + k, :k].sum()
    return rows


def check_conv_output_size() -> tuple[float, float]:
    from checker.functions import FUNCTIONS

    worst = 0.0
    conv2 = FUNCTIONS["conv2"].forward
    for m, k in [(7, 3), (8, 5), (6, 1), (9, 4)]:
        a, w = np.ones((m, m)), np.ones((k, k))
        worst = max(worst, abs(conv2(a, w, option="valid").shape[0] - (m - k + 1)),
                    abs(conv2(a, w, option="full").shape[0] - (m + k - 1)), abs(conv2(a, w, option="same").shape[0] - m))
        for p in range(0, 3):
            for s in range(1, 4):
                worst = max(worst, abs(_strided_output(m, k, p, s) - ((m + 2 * p - k) // s + 1)))
    return float(worst), 0.0


ENTRIES = (
    Entry(
        id="conv-residual",
        topic="conv",
        title={"en": "Passing the residual back through a convolution", "zh": "残差通过卷积层回传"},
        statement={
            "en": "Forward: z_{l+1} = conv2(a_l, ω, 'valid') + b·11ᵀ and a_l = f(z_l). Then δ_l = conv2(δ_{l+1}, rot180(ω), 'full') ∘ f'(z_l), ∂J/∂ω = conv2(rot180(a_l), δ_{l+1}, 'valid') and ∂J/∂b = Σ δ_{l+1}.",
            "zh": "前向：z_{l+1} = conv2(a_l, ω, 'valid') + b·11ᵀ，a_l = f(z_l)。于是 δ_l = conv2(δ_{l+1}, rot180(ω), 'full') ∘ f'(z_l)，∂J/∂ω = conv2(rot180(a_l), δ_{l+1}, 'valid')，∂J/∂b = Σ δ_{l+1}。",
        },
        asked=("derivation", "proof"),
        symbols="omega: K x K, a_l: M x M, z_l: M x M, delta_{l+1}: (M-K+1) x (M-K+1), b: scalar",
        aliases={"w": "omega", "omega_tilde": "rot180(omega)"},
        convention={
            "en": "True 2-D convolution (the kernel is flipped), as Matlab's conv2; with cross-correlation the forward kernel is rot180(ω) and every flip below moves.",
            "zh": "采用真正的二维卷积（卷积核翻转），与 Matlab 的 conv2 一致；若用互相关，前向核相当于 rot180(ω)，下面的翻转位置都随之改变。",
        },
        parts=(
            Part("delta", "M x M", "conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)", malrules=(FLIP,), kind="gradient",
                 function="sum(delta_{l+1} .* conv2(f(z_l), omega, 'valid'))", wrt="z_l"),
            Part("grad-kernel", "K x K", "conv2(rot180(a_l), delta_{l+1}, 'valid')", kind="gradient",
                 function="sum(delta_{l+1} .* conv2(a_l, omega, 'valid'))", wrt="omega"),
            Part("grad-bias", "scalar", "sum(delta_{l+1})", kind="gradient",
                 function="sum(delta_{l+1} .* (conv2(a_l, omega, 'valid') + b 1 1^T))", wrt="b"),
        ),
        core=True,
    ),
    Entry(
        id="conv-output-size", topic="conv",
        title={"en": "Output size of a convolution", "zh": "卷积输出的尺寸"},
        statement={"en": "An M×M map and a K×K kernel give M − K + 1 (narrow/valid), M + K − 1 (wide/full), M (same, with P = (K − 1)/2); with padding P and stride S, ⌊(M + 2P − K)/S⌋ + 1.",
                   "zh": "M×M 的输入与 K×K 的卷积核：窄卷积（valid）输出 M − K + 1，宽卷积（full）输出 M + K − 1，等宽卷积（same，P = (K − 1)/2）输出 M；一般地，填充 P、步长 S 时输出 ⌊(M + 2P − K)/S⌋ + 1。"},
        asked=("value", "fill-in"), symbols="M: scalar integer, K: scalar integer, P: scalar integer, S: scalar integer",
        parts=(Part("narrow", "scalar", "M - K + 1"), Part("wide", "scalar", "M + K - 1"), Part("same", "scalar", "M"),
               Part("general", "scalar", "floor((M + 2P - K) / S) + 1")),
        checks=(check_conv_output_size,),
    ),
)
