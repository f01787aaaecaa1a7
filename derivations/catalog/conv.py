"""Convolutional layers: residuals through a convolution, output sizes (CATALOG F; lecture ch. 7)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.model import Entry, MalRule, Part
from derivations.catalog.numeric import central_difference, rel


def check_other_convention() -> tuple[float, float]:
    """With cross-correlation in the forward pass, z = xcorr(a, ω) = conv2(a, rot180(ω), 'valid'), the
    residual is conv2(δ, ω, 'full') ∘ f'(z) (no flip) and ∂J/∂ω = conv2(a, rot180(δ), 'valid'); the
    convolution formulas do not fit that layer: they differ exactly by the kernel flip."""
    from checker.language.functions import FUNCTIONS

    conv2 = FUNCTIONS["conv2"].forward
    rng = np.random.default_rng(4)
    m, k = 6, 3
    z, w, delta = rng.standard_normal((m, m)), rng.standard_normal((k, k)), rng.standard_normal((m - k + 1, m - k + 1))
    xcorr = lambda a, kern: conv2(a, np.rot90(kern, 2), "valid")  # noqa: E731
    fp = 1 - np.tanh(z) ** 2
    numeric_delta = central_difference(lambda zz: float(np.sum(delta * xcorr(np.tanh(zz), w))), z)
    numeric_kernel = central_difference(lambda ww: float(np.sum(delta * xcorr(np.tanh(z), ww))), w)
    rel = lambda a, b: float(np.max(np.abs(a - b)) / np.max(np.abs(b)))  # noqa: E731
    fits = max(rel(conv2(delta, w, "full") * fp, numeric_delta), rel(conv2(np.tanh(z), np.rot90(delta, 2), "valid"), numeric_kernel))
    convolution_formula = rel(conv2(delta, np.rot90(w, 2), "full") * fp, numeric_delta)
    return max(fits, 0.0 if convolution_formula > 1e-2 else 1.0), 1e-6


DELTA_STEPS = (
    ("f = sum(delta_{l+1} .* (conv2(f(z_l), omega, 'valid') + b 1 1^T))", "J's change through z_{l+1}: ⟨δ_{l+1}, dz_{l+1}⟩"),
    ("df = sum(delta_{l+1} .* conv2(f'(z_l) .* dz_l, omega, 'valid'))", "conv2 is linear in its input; d f(z) = f′(z)∘dz"),
    ("df = sum(conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l) .* dz_l)",
     "adjoint of a valid convolution: ⟨δ, conv2(X, ω, 'valid')⟩ = ⟨conv2(δ, rot180(ω), 'full'), X⟩"),
    ("df = tr((conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l))^T dz_l)", "sum(A∘B) = Tr(AᵀB)"),
    ("grad = conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)", "read off G"),
)
KERNEL_STEPS = (
    ("f = sum(delta_{l+1} .* (conv2(a_l, omega, 'valid') + b 1 1^T))", "J's change through z_{l+1} = conv2(a_l, ω, 'valid') + b11ᵀ"),
    ("df = sum(delta_{l+1} .* conv2(a_l, domega, 'valid'))", "conv2 is linear in the kernel"),
    ("df = sum(conv2(rot180(a_l), delta_{l+1}, 'valid') .* domega)",
     "⟨δ, conv2(a, dω, 'valid')⟩ = ⟨conv2(rot180(a), δ, 'valid'), dω⟩ (swap the roles of input and kernel)"),
    ("df = tr(conv2(rot180(a_l), delta_{l+1}, 'valid')^T domega)", "sum(A∘B) = Tr(AᵀB)"),
    ("grad = conv2(rot180(a_l), delta_{l+1}, 'valid')", "read off G"),
)
BIAS_STEPS = (
    ("f = sum(delta_{l+1} .* (conv2(a_l, omega, 'valid') + b 1 1^T))", "J's change through z_{l+1}"),
    ("df = sum(delta_{l+1} .* (db 1 1^T))", "only the bias term depends on b"),
    ("df = sum(delta_{l+1}) db", "sum(δ∘(c·11ᵀ)) = c·sum(δ)"),
    ("grad = sum(delta_{l+1})", "read off the derivative"),
)

FLIP = MalRule("kernel-flip", "conv2(delta_{l+1}, omega, 'full') .* f'(z_l)", {
    "en": "The kernel is not flipped. With true convolution in the forward pass, z_{l+1} = conv2(a_l, ω, 'valid'), the residual goes back through a 'full' convolution with rot180(ω).",
    "zh": "卷积核没有翻转。前向传播用真正的卷积 z_{l+1} = conv2(a_l, ω, 'valid') 时，残差要通过与 rot180(ω) 的 'full' 卷积回传。",
})

def _strided_output(m: int, k: int, p: int, s: int) -> int:
    """Slide a k×k window over an m×m map padded by p, with stride s; count the positions."""
    return len(range(0, m + 2 * p - k + 1, s))


def check_conv_output_size() -> tuple[float, float]:
    from checker.language.functions import FUNCTIONS

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


def check_against_network() -> tuple[float, float]:
    """δ_l, ∂J/∂ω and ∂J/∂b from the formulas equal checker.networks.Conv2D's backward (convolution
    convention, 'valid'), with a_l = σ(z_l)."""
    from checker.language.functions import FUNCTIONS
    from checker.networks import Conv2D

    conv2 = FUNCTIONS["conv2"].forward
    rng = np.random.default_rng(8)
    z, d_next = rng.standard_normal((6, 6)), rng.standard_normal((4, 4))
    layer = Conv2D(3, rng=rng)
    a = 1 / (1 + np.exp(-z))
    layer.forward(a)
    da = layer.backward(d_next)
    w = layer.params["w"]
    return max(rel(conv2(d_next, np.rot90(w, 2), "full") * a * (1 - a), da * a * (1 - a)),
               rel(conv2(np.rot90(a, 2), d_next, "valid"), layer.grads["w"]),
               rel(np.array([[d_next.sum()]]), layer.grads["b"])), 1e-12


# the layer's forward pass, through which ∂J/∂ω and ∂J/∂b are derived (dz_{l+1} = conv2(a_l, dω, 'valid') + db 11ᵀ)
FORWARD = ("z_{l+1} = conv2(a_l, omega, 'valid') + b 1 1^T",)

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
                 function="sum(delta_{l+1} .* z_{l+1})", wrt="z_l", steps=DELTA_STEPS, labels=("delta_l",),
                 network=("a_l = f(z_l)", "z_{l+1} = conv2(a_l, omega, 'valid') + b 1 1^T")),
            Part("grad-kernel", "K x K", "conv2(rot180(a_l), delta_{l+1}, 'valid')", kind="gradient",
                 function="sum(delta_{l+1} .* (conv2(a_l, omega, 'valid') + b 1 1^T))", wrt="omega", steps=KERNEL_STEPS, network=FORWARD),
            Part("grad-bias", "scalar", "sum(delta_{l+1})", kind="gradient",
                 function="sum(delta_{l+1} .* (conv2(a_l, omega, 'valid') + b 1 1^T))", wrt="b", steps=BIAS_STEPS, network=FORWARD),
        ),
        core=True,
        checks=(check_other_convention, check_against_network),
        verified_against="checker.networks.Conv2D (backward, both conventions) and central differences",
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
