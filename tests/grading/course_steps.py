"""Step files in the course's notation (re-typed from the seeds' derivations, and variants with one
planted slip): (label, problem id, part, content, expected verdict, first wrong line or None)."""

LS_LATEX = r"""$$\begin{aligned} df &= (Adx)^T (Ax - b) + (Ax - b)^T Adx \\
&= (dx)^T A^T (Ax - b) + (Ax - b)^T Adx \\
&= 2(Ax - b)^T Adx \end{aligned}$$

$$J = 2(Ax - b)^T A, \nabla_x = 2A^T (Ax - b)$$"""
LS_PLAIN = """df = (A dx)^T (Ax - b) + (Ax - b)^T A dx
= dx^T A^T (Ax - b) + (Ax - b)^T A dx
= 2(Ax - b)^T A dx
J = 2(Ax - b)^T A, grad = 2A^T(Ax - b)"""

SM_LATEX = r"""$$\begin{aligned} d(\text{softmax}(\mathbf{z}); \mathbf{z}) &= \frac{\exp(\mathbf{z}) \circ d\mathbf{z}}{\mathbf{1}^T \exp(\mathbf{z})} - \exp(\mathbf{z}) \frac{1}{(\mathbf{1}^T \exp(\mathbf{z}))^2} \mathbf{1}^T (\exp(\mathbf{z}) \circ d\mathbf{z}) \\
&= \frac{\text{diag}(\exp(\mathbf{z})) d\mathbf{z}}{\mathbf{1}^T \exp(\mathbf{z})} - \frac{\exp(\mathbf{z})}{\mathbf{1}^T \exp(\mathbf{z})} \mathbf{1}^T \frac{\text{diag}(\exp(\mathbf{z}))}{\mathbf{1}^T \exp(\mathbf{z})} d\mathbf{z} \\
&= \text{diag}(\mathbf{a}) d\mathbf{z} - \mathbf{a} \mathbf{1}^T \text{diag}(\mathbf{a}) d\mathbf{z} \\
&= \text{diag}(\mathbf{a}) d\mathbf{z} - \mathbf{a} \mathbf{a}^T d\mathbf{z} \end{aligned}$$

$$\nabla_{\mathbf{z}} \text{softmax}(\mathbf{z}) = \text{diag}(\mathbf{a}) - \mathbf{a} \mathbf{a}^T$$"""
SM_PLAIN = """da = exp(z) .* dz / (1^T exp(z)) - exp(z) (1^T (exp(z) .* dz)) / (1^T exp(z))^2
= diag(a) dz - a 1^T diag(a) dz
= diag(a) dz - a a^T dz
J = diag(a) - a a^T"""

CONV_PLAIN = """d(J; z_l) = tr(D[J; z_{l+1}] d(z_{l+1}; z_l))
= tr(delta_{l+1}^T conv2(d(a_l; z_l), omega, 'valid'))
= tr(delta_{l+1}^T conv2(f'(z_l) .* dz_l, omega, 'valid'))
= tr((conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l))^T dz_l)
delta_l = conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)"""
CONV_LATEX = r"""$$\begin{aligned} d(J; \mathbf{z}_l) &= \text{Tr} (D[J; \mathbf{z}_{l+1}] d(\mathbf{z}_{l+1}; \mathbf{z}_l)) \\
&= \text{Tr} (\delta_{l+1}^T \operatorname{conv2}(d(\mathbf{a}_l; \mathbf{z}_l), \omega, 'valid')) \\
&= \text{Tr} (\delta_{l+1}^T \operatorname{conv2}(f'(\mathbf{z}_l) \circ d\mathbf{z}_l, \omega, 'valid')) \\
&= \text{Tr} ([\operatorname{conv2}(\delta_{l+1}, \operatorname{rot180}(\omega), 'full') \circ f'(\mathbf{z}_l)]^T d\mathbf{z}_l) \end{aligned}$$

$$\boxed{\delta_l = \nabla_{\mathbf{z}_l} J = \operatorname{conv2}(\delta_{l+1}, \operatorname{rot180}(\omega), 'full') \circ f'(\mathbf{z}_l)}$$"""

# as the seed writes it, with the course's star for convolution (ω * a narrow, ω̃ * δ wide: whichever fits)
CONV_STAR_LATEX = r"""$$\begin{aligned} d(J; \mathbf{z}_l) &= \text{Tr} (D[J; \mathbf{z}_{l+1}] d(\mathbf{z}_{l+1}; \mathbf{z}_l)) \\ &= \text{Tr} (\delta_{l+1}^T [\omega * d(\mathbf{a}_l; \mathbf{z}_l)]) \\ &= \text{Tr} (\delta_{l+1}^T [\omega * (f'(\mathbf{z}_l) \circ d\mathbf{z}_l)]) \\ &= \text{Tr} ([(\tilde{\omega} * \delta_{l+1}) \circ f'(\mathbf{z}_l)]^T d\mathbf{z}_l) \end{aligned}$$

$$\boxed{\delta_l = \nabla_{\mathbf{z}_l} J = (\tilde{\omega} * \delta_{l+1}) \circ f'(\mathbf{z}_l)}$$"""
CONV_STAR_PLAIN = """d(J; z_l) = tr(D[J; z_{l+1}] d(z_{l+1}; z_l))
= tr(delta_{l+1}^T (omega * d(a_l; z_l)))
= tr(delta_{l+1}^T (omega * (f'(z_l) .* dz_l)))
= tr(((omega_tilde * delta_{l+1}) .* f'(z_l))^T dz_l)
delta_l = (omega_tilde * delta_{l+1}) .* f'(z_l)"""

DELTA_004_LATEX = r"""$$\delta^{(l)} = \frac{\partial C(W, b)}{\partial z^{(l+1)}} \frac{\partial z^{(l+1)}}{\partial z^{(l)}}$$

$$z^{(l+1)} = W^{(l+1)} a^{(l)} + b^{(l+1)} = W^{(l+1)} f(z^{(l)}) + b^{(l+1)}$$

$$\delta^{(l)} = (W^{(l+1)})^T \delta^{(l+1)} \odot f'(z^{(l)})$$"""
DELTA_004_PLAIN = """delta^(l) = ∂C/∂z^(l+1) ∂z^(l+1)/∂z^(l)
z^(l+1) = W^(l+1) a^(l) + b^(l+1) = W^(l+1) f(z^(l)) + b^(l+1)
delta^(l) = (W^(l+1))^T delta^(l+1) .* f'(z^(l))"""
DELTA_002_LATEX = r"""$$\begin{aligned}\delta^{(l)} &\triangleq \frac{\partial \mathcal{L}(\mathbf{y}, \hat{\mathbf{y}})}{\partial \mathbf{z}^{(l)}} && \text{根据 } \mathbf{a}^{(l)} \\
&= \frac{\partial \mathbf{a}^{(l)}}{\partial \mathbf{z}^{(l)}} \cdot \frac{\partial \mathbf{z}^{(l+1)}}{\partial \mathbf{a}^{(l)}} \cdot \frac{\partial \mathcal{L}(\mathbf{y}, \hat{\mathbf{y}})}{\partial \mathbf{z}^{(l+1)}} && \text{因此有} \\
&= \text{diag}(f'_l(\mathbf{z}^{(l)})) \cdot (\mathbf{W}^{(l+1)})^T \cdot \delta^{(l+1)} \\
&= f'_l(\mathbf{z}^{(l)}) \odot \left((\mathbf{W}^{(l+1)})^T \delta^{(l+1)} \right) \in \mathbb{R}^{M_l}\end{aligned}$$"""
DELTA_002_PLAIN = """delta^(l) = ∂L/∂z^(l)
= ∂a^(l)/∂z^(l) ∂z^(l+1)/∂a^(l) ∂L/∂z^(l+1)
= diag(f'(z^(l))) (W^(l+1))^T delta^(l+1)
= f'(z^(l)) .* ((W^(l+1))^T delta^(l+1))"""
DELTA_CHAIN_LATEX = r"""$$\begin{aligned} dJ &= \operatorname{Tr}(\delta^{(l+1)T} dz^{(l+1)}) \\
&= \operatorname{Tr}(\delta^{(l+1)T} W^{(l+1)} da^{(l)}) \\
&= \operatorname{Tr}(\delta^{(l+1)T} W^{(l+1)} (f'(z^{(l)}) \circ dz^{(l)})) \\
&= \operatorname{Tr}\left(\left(W^{(l+1)\top} \delta^{(l+1)} \circ f'(z^{(l)})\right)^T dz^{(l)}\right) \end{aligned}$$"""
DELTA_CHAIN_PLAIN = """dJ = tr(delta^(l+1)^T dz^(l+1))
= tr(delta^(l+1)^T W^(l+1) da^(l))
= tr(delta^(l+1)^T W^(l+1) (f'(z^(l)) .* dz^(l)))
= tr((W^(l+1)^T delta^(l+1) .* f'(z^(l)))^T dz^(l))
delta^(l) = f'(z^(l)) .* (W^(l+1)^T delta^(l+1))"""
GRADW_LATEX = r"""$$\frac{\partial C(W, b)}{\partial W^{(l)}} = \frac{\partial C(W, b)}{\partial z^{(l)}} \frac{\partial z^{(l)}}{\partial W^{(l)}} = \delta^{(l)} a^{(l-1)\top}$$"""
GRADW_PLAIN = """∂C/∂W^(l) = ∂C/∂z^(l) ∂z^(l)/∂W^(l)
= delta^(l) a^(l-1)^T"""
BPTT_PLAIN = """dL = tr(delta_{t,k+1}^T dz_{k+1})
= tr(delta_{t,k+1}^T U dh_k)
= tr(delta_{t,k+1}^T U diag(f'(z_k)) dz_k)
= tr((diag(f'(z_k)) U^T delta_{t,k+1})^T dz_k)
delta_{t,k} = diag(f'(z_k)) U^T delta_{t,k+1}"""
BPTT_LATEX = r"""$$\begin{aligned} \mathrm{d}L &= \operatorname{tr}\left(\delta_{t,k+1}^\top \,\mathrm{d}\mathbf{z}_{k+1}\right) \\
&= \operatorname{tr}\left(\delta_{t,k+1}^\top U \,\mathrm{d}\mathbf{h}_k\right) \\
&= \operatorname{tr}\left(\delta_{t,k+1}^\top U \operatorname{diag}(f'(\mathbf{z}_k)) \,\mathrm{d}\mathbf{z}_k\right) \end{aligned}$$

$$\delta_{t,k} = \operatorname{diag}(f'(\mathbf{z}_k))\, U^\top \delta_{t,k+1}$$"""


def slip(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


CASES = [
    # seed 000, 填空题 3: least squares
    ("000 least squares, LaTeX", "least-squares-gradient", "gradient", LS_LATEX, "correct", None),
    ("000 least squares, plain", "least-squares-gradient", "gradient", LS_PLAIN, "correct", None),
    ("000 least squares, LaTeX, transpose dropped", "least-squares-gradient", "gradient",
     slip(LS_LATEX, "(dx)^T A^T (Ax - b)", "(dx)^T A (Ax - b)"), "incorrect", 2),
    ("000 least squares, plain, factor 2 dropped", "least-squares-gradient", "gradient",
     slip(LS_PLAIN, "= 2(Ax - b)^T A dx", "= (Ax - b)^T A dx"), "incorrect", 3),
    ("000 least squares, plain, wrong gradient", "least-squares-gradient", "gradient",
     slip(LS_PLAIN, "grad = 2A^T(Ax - b)", "grad = A^T(Ax - b)"), "incorrect", 4),
    ("000 least squares, LaTeX, Jacobian transposed", "least-squares-gradient", "gradient",
     slip(LS_LATEX, "J = 2(Ax - b)^T A,", "J = 2A^T(Ax - b),"), "incorrect", 5),
    ("least squares from f, plain", "least-squares-gradient", "gradient", "f = ||Ax - b||^2\n" + LS_PLAIN, "correct", None),
    ("least squares, a right answer after a wrong middle step", "least-squares-gradient", "gradient",
     "df = (Ax - b)^T A dx\n= 2(Ax - b)^T A dx\ngrad = 2A^T(Ax - b)", "incorrect", 1),
    # seed 000, 证明题 1: the softmax Jacobian
    ("000 softmax proof, LaTeX", "softmax-jacobian", "jacobian", SM_LATEX, "correct", None),
    ("000 softmax proof, plain", "softmax-jacobian", "jacobian", SM_PLAIN, "correct", None),
    ("000 softmax proof, LaTeX, −aaᵀ lost", "softmax-jacobian", "jacobian",
     slip(SM_LATEX, r"- \mathbf{a} \mathbf{a}^T d\mathbf{z} \end", r"\end"), "incorrect", 4),
    ("000 softmax proof, plain, aᵀa for aaᵀ", "softmax-jacobian", "jacobian",
     slip(SM_PLAIN, "= diag(a) dz - a a^T dz", "= diag(a) dz - a^T a dz"), "incorrect", 3),
    ("000 softmax proof, plain, square lost in the quotient rule", "softmax-jacobian", "jacobian",
     slip(SM_PLAIN, "/ (1^T exp(z))^2", "/ (1^T exp(z))"), "incorrect", 1),
    ("000 softmax, the note's form", "softmax-jacobian", "jacobian",
     "da = diag(a) dz - a 1^T diag(a) dz\n= (diag(a) - a a^T) dz\njac = diag(a) - a a^T", "correct", None),
    # seed 000, 证明题 2: the residual through a convolution layer, in d(J; z) and D[J; z]
    ("000 conv residual, plain", "conv-residual", "delta", CONV_PLAIN, "correct", None),
    ("000 conv residual, LaTeX", "conv-residual", "delta", CONV_LATEX, "correct", None),
    ("000 conv residual, plain, kernel not flipped", "conv-residual", "delta",
     slip(CONV_PLAIN, "= tr((conv2(delta_{l+1}, rot180(omega)", "= tr((conv2(delta_{l+1}, omega"), "incorrect", 4),
    ("000 conv residual, LaTeX, f' lost", "conv-residual", "delta",
     slip(CONV_LATEX, r"(f'(\mathbf{z}_l) \circ d\mathbf{z}_l", r"(d\mathbf{z}_l"), "incorrect", 3),
    ("000 conv residual with ω *, LaTeX (one-line block)", "conv-residual", "delta", CONV_STAR_LATEX, "correct", None),
    ("000 conv residual with ω *, plain", "conv-residual", "delta", CONV_STAR_PLAIN, "correct", None),
    ("000 conv residual with ω *, LaTeX, ω for ω̃", "conv-residual", "delta",
     slip(CONV_STAR_LATEX, r"(\tilde{\omega} * \delta_{l+1}) \circ f'(\mathbf{z}_l)]^T", r"(\omega * \delta_{l+1}) \circ f'(\mathbf{z}_l)]^T"),
     "incorrect", 1),
    ("000 conv residual with ω *, plain, f' dropped", "conv-residual", "delta",
     slip(CONV_STAR_PLAIN, "= tr(delta_{l+1}^T (omega * (f'(z_l) .* dz_l)))", "= tr(delta_{l+1}^T (omega * dz_l))"), "incorrect", 3),
    # seed 004: the δ recursion and ∂C/∂W, products of partials
    ("004 δ recursion, LaTeX", "mlp-backprop", "delta", DELTA_004_LATEX, "correct", None),
    ("004 δ recursion, plain", "mlp-backprop", "delta", DELTA_004_PLAIN, "correct", None),
    ("004 δ recursion as printed: δ^(l+1) dropped", "mlp-backprop", "delta",
     slip(DELTA_004_PLAIN, "delta^(l) = (W^(l+1))^T delta^(l+1) .* f'(z^(l))", "delta^(l) = (W^(l+1))^T .* f'(z^(l))"), "incorrect", 3),
    ("004 δ recursion, LaTeX, W not transposed", "mlp-backprop", "delta",
     slip(DELTA_004_LATEX, r"(W^{(l+1)})^T \delta^{(l+1)} \odot", r"W^{(l+1)} \delta^{(l+1)} \odot"), "incorrect", 5),
    ("004 z^(l+1) aside written wrong", "mlp-backprop", "delta",
     slip(DELTA_004_PLAIN, "= W^(l+1) f(z^(l)) + b^(l+1)", "= W^(l+1) z^(l) + b^(l+1)"), "incorrect", 2),
    ("004 ∂C/∂W, LaTeX", "mlp-backprop", "grad-W", GRADW_LATEX, "correct", None),
    ("004 ∂C/∂W, plain", "mlp-backprop", "grad-W", GRADW_PLAIN, "correct", None),
    ("004 ∂C/∂W = δa without the transpose, LaTeX", "mlp-backprop", "grad-W",
     slip(GRADW_LATEX, r"a^{(l-1)\top}", "a^{(l-1)}"), "incorrect", 1),
    ("004 ∂C/∂W = δa without the transpose, plain", "mlp-backprop", "grad-W",
     slip(GRADW_PLAIN, "a^(l-1)^T", "a^(l-1)"), "incorrect", 2),
    # seed 002: δ in denominator order, and the chain rule through dz^(l+1), da^(l)
    ("002 δ, LaTeX", "mlp-backprop", "delta", DELTA_002_LATEX, "correct", None),
    ("002 δ, plain", "mlp-backprop", "delta", DELTA_002_PLAIN, "correct", None),
    ("002 δ, plain, diag(f') on the wrong side", "mlp-backprop", "delta",
     slip(DELTA_002_PLAIN, "= diag(f'(z^(l))) (W^(l+1))^T delta^(l+1)", "= (W^(l+1))^T diag(f'(z^(l+1))) delta^(l+1)"), "incorrect", 3),
    ("002 δ, LaTeX, ∘ for ·", "mlp-backprop", "delta",
     slip(DELTA_002_LATEX, r"\odot \left((\mathbf{W}^{(l+1)})^T \delta^{(l+1)} \right)", r"\odot \left(\delta^{(l+1)} \right)"), "incorrect", 4),
    ("δ by the chain rule, LaTeX", "mlp-backprop", "delta", DELTA_CHAIN_LATEX, "correct", None),
    ("δ by the chain rule, plain", "mlp-backprop", "delta", DELTA_CHAIN_PLAIN, "correct", None),
    ("δ by the chain rule, plain, da^(l) through Wᵀ", "mlp-backprop", "delta",
     slip(DELTA_CHAIN_PLAIN, "= tr(delta^(l+1)^T W^(l+1) da^(l))", "= tr(delta^(l+1)^T W^(l+1)^T da^(l))"), "incorrect", 2),
    ("δ by the chain rule, LaTeX, f' at z^(l+1)", "mlp-backprop", "delta",
     slip(DELTA_CHAIN_LATEX, r"(f'(z^{(l)}) \circ dz^{(l)})) \\", r"(f'(z^{(l+1)}) \circ dz^{(l)})) \\"), "incorrect", 3),
    # seed 002: BPTT, δ_{t,k} from δ_{t,k+1} through h_k = f(z_k), z_{k+1} = U h_k + W x_{k+1} + b
    ("002 BPTT, plain", "rnn-bptt", "delta", BPTT_PLAIN, "correct", None),
    ("002 BPTT, LaTeX", "rnn-bptt", "delta", BPTT_LATEX, "correct", None),
    ("002 BPTT, plain, U for Uᵀ", "rnn-bptt", "delta",
     slip(BPTT_PLAIN, "delta_{t,k} = diag(f'(z_k)) U^T delta_{t,k+1}", "delta_{t,k} = diag(f'(z_k)) U delta_{t,k+1}"), "incorrect", 5),
    ("002 BPTT, LaTeX, dh_k through Uᵀ", "rnn-bptt", "delta",
     slip(BPTT_LATEX, r"U \,\mathrm{d}\mathbf{h}_k", r"U^\top \,\mathrm{d}\mathbf{h}_k"), "incorrect", 2),
    # labels the issue lists
    ("quadratic form d(xᵀAx)", "quadratic-form-gradient", "gradient",
     "d(x^T A x) = dx^T A x + x^T A dx\n= x^T (A + A^T) dx\n\\nabla_x f = (A + A^T) x", "correct", None),
    ("quadratic form, 2Ax for a general A", "quadratic-form-gradient", "gradient",
     "d(x^T A x) = dx^T A x + x^T A dx\n= 2 x^T A dx\n\\nabla_x f = 2 A x", "incorrect", 2),
    ("dσ(z), LaTeX", "sigmoid-derivative", "jacobian",
     r"$$d\sigma(\mathbf{z}) = \sigma(\mathbf{z}) \circ (1 - \sigma(\mathbf{z})) \circ d\mathbf{z}$$", "correct", None),
    ("dσ(z) = σ dz", "sigmoid-derivative", "jacobian", r"$$d\sigma(z) = \sigma(z) \circ dz$$", "incorrect", 1),
    ("d log det X", "logdet-gradient", "gradient",
     "d \\log\\det X = \\operatorname{tr}(X^{-1} dX)\n\\frac{\\partial f}{\\partial X} = X^{-T}", "correct", None),
    ("d log det X, gradient not transposed", "logdet-gradient", "gradient",
     "d \\log\\det X = \\operatorname{tr}(X^{-1} dX)\n\\frac{\\partial f}{\\partial X} = X^{-1}", "incorrect", 2),
    ("d‖W‖_F²", "l2-penalty-gradient", "gradient", "d\\|W\\|_F^2 = 2 \\operatorname{tr}(W^T dW)\n∂f/∂W = 2W", "correct", None),
    ("ℓ and dℓ for softmax cross-entropy", "softmax-cross-entropy-gradient", "gradient",
     "\\ell = -e_y^T \\log a\nd\\ell = -e_y^T (da ./ a)\n= (a - e_y)^T dz\n\\nabla_z \\ell = a - e_y", "correct", None),
    ("ℓ, gradient sign flipped", "softmax-cross-entropy-gradient", "gradient",
     "ℓ = -e_y^T log(a)\ndℓ = (a - e_y)^T dz\n∇_z ℓ = e_y - a", "incorrect", 3),
]
