"""Residuals through a convolutional layer (CATALOG F; lecture ch. 7)."""

from derivations.catalog.model import Entry, MalRule, Part

FLIP = MalRule("kernel-flip", "conv2(delta_{l+1}, omega, 'full') .* f'(z_l)", {
    "en": "The kernel is not flipped. With true convolution in the forward pass, z_{l+1} = conv2(a_l, ω, 'valid'), the residual goes back through a 'full' convolution with rot180(ω).",
    "zh": "卷积核没有翻转。前向传播用真正的卷积 z_{l+1} = conv2(a_l, ω, 'valid') 时，残差要通过与 rot180(ω) 的 'full' 卷积回传。",
})

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
)
