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


# ---------------------------------------------------------------- issue #21: reading every derivation a student writes
# (label, problem id, part, content, verdict, first wrong line or None, diagnosis of the first wrong line or None)
# Classes: names (J, L_t, ℓ, E, J(W, b), δ^(L), ∂p/∂z, Jacobian/gradient words), chains through the declared
# network (dz^(l), da^(l), dh_k, dZ, dz_{l+1}), update and definition arrows (←, :=, \gets, \triangleq), operator
# forms (∂/∂x (…), ∂/∂x = …, d/dx, ∂_x, D[J; z], d(J; z)); every catalog entry with a derivation, plain and LaTeX.

TRACE_PLAIN = """df = tr(A dX B)
= tr(B A dX)
D[f; X] = B A
∇_X f = A^T B^T"""
TRACE_LATEX = r"""$$\begin{aligned} df &= \text{Tr}(\mathbf{A}\, d\mathbf{X}\, \mathbf{B}) \\
&= \text{Tr}(\mathbf{B}\mathbf{A}\, d\mathbf{X}) \end{aligned}$$

$$\frac{\partial f}{\partial \mathbf{X}} = \mathbf{A}^T \mathbf{B}^T$$"""
LOGDET_LATEX = r"""$$d \log\det \mathbf{X} = \text{Tr}(\mathbf{X}^{-1} d\mathbf{X})$$
$$\nabla_{\mathbf{X}} \log\det \mathbf{X} = \mathbf{X}^{-T}$$"""
LS_NAMES = r"""J(x) = \|Ax - b\|^2
dJ(x) = 2(Ax - b)^T A\, dx
\frac{\partial}{\partial x} = 2A^T(Ax - b)"""
LS_OPERATOR = r"""$$\frac{\partial}{\partial \mathbf{x}} \left(\|\mathbf{A}\mathbf{x} - \mathbf{b}\|^2\right) = 2\mathbf{A}^T(\mathbf{A}\mathbf{x} - \mathbf{b})$$"""
LS_DIFF = """d(f; x) = (A dx)^T (Ax - b) + (Ax - b)^T A dx
= 2(Ax - b)^T A dx"""
QUAD_PLAIN = """d/dx: d(x^T A x) = dx^T A x + x^T A dx
= x^T (A^T + A) dx
\\frac{d}{dx}(x^T A x) = (A + A^T) x"""
QUAD_LATEX = r"""$$\begin{aligned} d(\mathbf{x}^T \mathbf{A} \mathbf{x}) &= d\mathbf{x}^T \mathbf{A}\mathbf{x} + \mathbf{x}^T \mathbf{A}\, d\mathbf{x} \\
&= \mathbf{x}^T(\mathbf{A} + \mathbf{A}^T)\, d\mathbf{x} \end{aligned}$$
$$\partial_{\mathbf{x}} f = (\mathbf{A} + \mathbf{A}^T)\mathbf{x}$$"""
SIG_PLAIN = """dσ(z) = σ(z) .* (1 - σ(z)) .* dz
∂σ(z)/∂z = diag(σ(z) .* (1 - σ(z)))"""
SIG_DERIV_LATEX = r"""$$\frac{d\sigma(z)}{dz} = \sigma(z) \odot (1 - \sigma(z))$$"""
TANH_PLAIN = """f = sum(tanh(z))
\\frac{d}{dz} tanh(z) = 1 - tanh(z).^2"""
TANH_JAC_LATEX = r"""$$\begin{aligned} d\tanh(\mathbf{z}) &= (1 - \tanh^2(\mathbf{z})) \odot d\mathbf{z} \\ &= \text{diag}(1 - \tanh(\mathbf{z})^{\circ 2})\, d\mathbf{z} \end{aligned}$$
$$\text{Jacobian} = \text{diag}(1 - \tanh(\mathbf{z}) .^2)$$"""
RELU_PLAIN = """\\frac{\\partial}{\\partial z} relu(z) = I(z > 0)"""
LEAKY_PLAIN = """f = sum(max(alpha z, z))
∂/∂z max(alpha z, z) = I(z > 0) + alpha I(z < 0)"""
ELU_LATEX = r"""$$\partial_{\mathbf{z}} f = \mathbb{I}(\mathbf{z} \geq 0) + \alpha\, \mathbb{I}(\mathbf{z} < 0) \odot \exp(\mathbf{z})$$"""
MAXOUT_PLAIN = """\\nabla_x f = W^T I(W x + b >= max(W x + b))"""
LOGREG_PLAIN = r"""ℓ(w) = -(y^T log(y_hat) + (1 - y)^T log(1 - y_hat))
dℓ = -(y^T (dy_hat ./ y_hat) - (1 - y)^T (dy_hat ./ (1 - y_hat)))
= -(y^T ((1 - y_hat) .* dz) - (1 - y)^T (y_hat .* dz))
= (y_hat - y)^T X dw
∇_w ℓ = X^T (y_hat - y)"""
LOGREG_LATEX = r"""$$\begin{aligned} d\ell &= -\left(\mathbf{y}^T (d\hat{\mathbf{y}} \oslash \hat{\mathbf{y}}) - (\mathbf{1} - \mathbf{y})^T (d\hat{\mathbf{y}} \oslash (\mathbf{1} - \hat{\mathbf{y}}))\right) \\
&= (\hat{\mathbf{y}} - \mathbf{y})^T d\mathbf{z} \\
&= (\hat{\mathbf{y}} - \mathbf{y})^T \mathbf{X}\, d\mathbf{w} \end{aligned}$$
$$\frac{\partial \ell(\mathbf{w})}{\partial \mathbf{w}} = \mathbf{X}^T (\hat{\mathbf{y}} - \mathbf{y})$$"""
CE_LATEX = r"""$$\begin{aligned} \ell &= -\mathbf{e}_y^T \log \mathbf{a} \\
d\ell &= -\mathbf{e}_y^T (d\mathbf{a} \oslash \mathbf{a}) \\
&= (\mathbf{a} - \mathbf{e}_y)^T d\mathbf{z} \end{aligned}$$
$$\nabla_{\mathbf{z}} \ell = \mathbf{a} - \mathbf{e}_y$$"""
SM_DEFINED = """s := 1^T exp(z)
a = exp(z) / s
da = exp(z) .* dz / s - exp(z) (exp(z)^T dz) / s^2
= (diag(a) - a a^T) dz
∂a/∂z = diag(a) - a a^T"""
SPARSEMAX_PLAIN = """p = sparsemax(z)
dp = s .* (dz - (s^T dz) / (1^T s) 1)
= (diag(s) - s s^T / (1^T s)) dz
∂p/∂z = diag(s) - s s^T / (1^T s)"""
SPARSEMAX_LATEX = r"""$$\frac{\partial \mathbf{p}}{\partial \mathbf{z}} = \text{diag}(\mathbf{s}) - \frac{\mathbf{s}\mathbf{s}^T}{\mathbf{1}^T \mathbf{s}}$$"""
GRADW_CHAIN_PLAIN = """dJ = tr(delta^(l)^T dz^(l))
= tr(delta^(l)^T dW^(l) a^(l-1))
= tr((delta^(l) a^(l-1)^T)^T dW^(l))
∂J/∂W^(l) = delta^(l) a^(l-1)^T"""
GRADW_CHAIN_LATEX = r"""$$\begin{aligned} dJ(\mathbf{W}, \mathbf{b}) &= \text{Tr}(\delta^{(l)T} d\mathbf{z}^{(l)}) \\
&= \text{Tr}(\delta^{(l)T} d\mathbf{W}^{(l)} \mathbf{a}^{(l-1)}) \\
&= \text{Tr}(\mathbf{a}^{(l-1)} \delta^{(l)T} d\mathbf{W}^{(l)}) \end{aligned}$$
$$\frac{\partial J(\mathbf{W}, \mathbf{b})}{\partial \mathbf{W}^{(l)}} = \delta^{(l)} (\mathbf{a}^{(l-1)})^\top$$"""
GRADB_PLAIN = """dE = tr(delta^(l)^T dz^(l))
= delta^(l)^T db^(l)
∇_{b^(l)} E = delta^(l)"""
GRADB_LATEX = r"""$$\begin{aligned} \mathrm{d}C &= \operatorname{tr}(\delta^{(l)\top} \mathrm{d}\mathbf{z}^{(l)}) \\ &= \delta^{(l)\top} \mathrm{d}\mathbf{b}^{(l)} \end{aligned}$$
$$\frac{\partial C(\mathbf{W}, \mathbf{b})}{\partial \mathbf{b}^{(l)}} = \delta^{(l)}$$"""
MSE_PLAIN = """J = 1/2 ||a^(L) - y||^2
dJ = (a^(L) - y)^T da^(L)
= (a^(L) - y)^T (sigmoid'(z^(L)) .* dz^(L))
δ^(L) = (a^(L) - y) .* sigmoid'(z^(L))"""
MSE_LATEX = r"""$$\begin{aligned} dJ &= (\mathbf{a}^{(L)} - \mathbf{y})^T d\mathbf{a}^{(L)} \\
&= (\mathbf{a}^{(L)} - \mathbf{y})^T \left(\sigma(\mathbf{z}^{(L)}) \odot (1 - \sigma(\mathbf{z}^{(L)})) \odot d\mathbf{z}^{(L)}\right) \end{aligned}$$
$$\delta^{(L)} = (\mathbf{a}^{(L)} - \mathbf{y}) \odot \sigma(\mathbf{z}^{(L)}) \odot (1 - \sigma(\mathbf{z}^{(L)}))$$"""
CE_OUT_PLAIN = """L = -y^T log(a^(L))
dL = -y^T (da^(L) ./ a^(L))
= (a^(L) - y)^T dz^(L)
δ^(L) = a^(L) - y"""
UPDATE_LATEX = r"""$$\begin{aligned}\mathbf{W}^{(l)} &\leftarrow \mathbf{W}^{(l)} - \alpha(\delta^{(l)}(\mathbf{a}^{(l-1)})^T + \lambda \mathbf{W}^{(l)}); \\ \mathbf{b}^{(l)} &\leftarrow \mathbf{b}^{(l)} - \alpha \delta^{(l)};\end{aligned}$$"""
UPDATE_PLAIN = """W^(l) := W^(l) - alpha (delta^(l) a^(l-1)^T + lambda W^(l))"""
UPDATE_GETS = r"""W^{(l)} \gets W^{(l)} - \alpha \left(\delta^{(l)} a^{(l-1)\top} + \lambda W^{(l)}\right)"""
UPDATE_ARROW = """W^(l) ← W^(l) - alpha (delta^(l) a^(l-1)^T + lambda W^(l))"""
BATCH_PLAIN = """dJ = tr(Delta^T dZ) / N
= tr(Delta^T dW A) / N
= tr((Delta A^T)^T dW) / N
∇_W J = Delta A^T / N"""
BATCH_B_LATEX = r"""$$\begin{aligned} dJ &= \frac{1}{N}\text{Tr}(\Delta^T d\mathbf{Z}) \\ &= \frac{1}{N}\text{Tr}(\Delta^T d\mathbf{b}\, \mathbf{1}^T) \\ &= \frac{1}{N}(\Delta \mathbf{1})^T d\mathbf{b} \end{aligned}$$
$$\nabla_{\mathbf{b}} J = \frac{1}{N} \Delta \mathbf{1}$$"""
KERNEL_PLAIN = """dJ = tr(delta_{l+1}^T dz_{l+1})
= tr(delta_{l+1}^T conv2(a_l, d omega, 'valid'))
∂J/∂ω = conv2(rot180(a_l), delta_{l+1}, 'valid')"""
KERNEL_LATEX = r"""$$\begin{aligned} d(J; \omega) &= \text{Tr}(D[J; \mathbf{z}_{l+1}]\, d(\mathbf{z}_{l+1}; \omega)) \\ &= \text{Tr}(\delta_{l+1}^T \operatorname{conv2}(\mathbf{a}_l, d\omega, 'valid')) \end{aligned}$$
$$\frac{\partial J}{\partial \omega} = \operatorname{conv2}(\operatorname{rot180}(\mathbf{a}_l), \delta_{l+1}, 'valid')$$"""
BIAS_PLAIN = """dJ = tr(delta_{l+1}^T dz_{l+1})
= tr(delta_{l+1}^T 1 1^T) db
∂J/∂b = sum(delta_{l+1})"""
BPTT_NAMES_LATEX = r"""$$\begin{aligned} \mathrm{d}\mathcal{L}_t &= \operatorname{tr}\left(\delta_{t,k+1}^\top \,\mathrm{d}\mathbf{z}_{k+1}\right) \\
&= \operatorname{tr}\left(\delta_{t,k+1}^\top U \,\mathrm{d}\mathbf{h}_k\right) \end{aligned}$$
$$\delta_{t,k} = \frac{\partial \mathcal{L}_t}{\partial \mathbf{z}_k} = f'(\mathbf{z}_k) \odot (U^\top \delta_{t,k+1})$$"""
BPTT_NAMES_PLAIN = """dL_t = tr(delta_{t,k+1}^T dz_{k+1})
= tr(delta_{t,k+1}^T U dh_k)
= tr(delta_{t,k+1}^T U (f'(z_k) .* dz_k))
δ_{t,k} = f'(z_k) .* (U^T delta_{t,k+1})"""
DELTA_NAMES_PLAIN = """∂J/∂z^(l+1) = delta^(l+1)
dJ(W, b) = tr(delta^(l+1)^T dz^(l+1))
= tr(delta^(l+1)^T W^(l+1) da^(l))
= tr(delta^(l+1)^T W^(l+1) (f'(z^(l)) .* dz^(l)))
δ^(l) = f'(z^(l)) .* (W^(l+1)^T delta^(l+1))"""
AE_PLAIN = """J = 1/2 ||r||^2
dJ = r^T dr
= r^T (dW^T h + W^T dh)
= tr(h r^T dW^T) + r^T W^T (sigmoid'(z) .* dz)
= tr(r h^T dW) + (W r .* sigmoid'(z))^T dW x
∇_W J = h r^T + (sigmoid'(z) .* (W r)) x^T"""
AE_LATEX = r"""$$\begin{aligned} dJ &= \mathbf{r}^T d\mathbf{r} \\
&= \mathbf{r}^T (d\mathbf{W}^T \mathbf{h} + \mathbf{W}^T d\mathbf{h}) \\
&= \text{Tr}(\mathbf{r}\mathbf{h}^T d\mathbf{W}) + (\mathbf{W}\mathbf{r} \odot \sigma'(\mathbf{z}))^T d\mathbf{W}\, \mathbf{x} \end{aligned}$$
$$\frac{\partial J}{\partial \mathbf{W}} = \mathbf{h}\mathbf{r}^T + (\sigma'(\mathbf{z}) \odot \mathbf{W}\mathbf{r})\mathbf{x}^T$$"""
KL_LATEX = r"""$$\frac{\partial}{\partial \hat\rho} = \beta\left(-\frac{\rho}{\hat\rho} + \frac{1 - \rho}{1 - \hat\rho}\right)$$"""
KL_PLAIN = """Omega = beta (rho log(rho / rho_hat) + (1 - rho) log((1 - rho) / (1 - rho_hat)))
dOmega = beta (-rho / rho_hat + (1 - rho) / (1 - rho_hat)) drho_hat
∂Ω/∂rho_hat = beta (-rho / rho_hat + (1 - rho) / (1 - rho_hat))"""
ATT_PLAIN = """dα = diag(α) dz - α α^T dz
\\frac{\\partial α}{\\partial z} = diag(α) - α α^T"""
L2_LATEX = r"""$$\begin{aligned} d\|\mathbf{W}\|_F^2 &= d\,\text{Tr}(\mathbf{W}^T \mathbf{W}) \\ &= 2\,\text{Tr}(\mathbf{W}^T d\mathbf{W}) \end{aligned}$$
$$\nabla_{\mathbf{W}} \|\mathbf{W}\|_F^2 = 2\mathbf{W}$$"""

READER_CASES = [
    # names: J(x), L_t, ℓ, E, C(W, b), Ω, δ^(L), ∂p/∂z; a row given as the gradient is a transpose
    ("names: J(x), dJ(x), ∂/∂x =, plain", "least-squares-gradient", "gradient", LS_NAMES, "correct", None, None),
    ("names: ∇ₓf given the Jacobian row, plain", "least-squares-gradient", "gradient",
     "df = 2(Ax - b)^T A dx\n\\nabla_x f = 2 (Ax - b)^T A", "incorrect", 2, "jacobian-for-gradient"),
    ("names: ∂f/∂x given the Jacobian row, LaTeX", "least-squares-gradient", "gradient",
     r"$$\frac{\partial f}{\partial \mathbf{x}} = 2(\mathbf{A}\mathbf{x} - \mathbf{b})^T \mathbf{A}$$", "incorrect", 1, "jacobian-for-gradient"),
    ("names: D[f; x] given the gradient column, plain", "least-squares-gradient", "jacobian",
     "df = 2(Ax - b)^T A dx\nD[f; x] = 2A^T(Ax - b)", "incorrect", 2, "gradient-for-jacobian"),
    ("names: D[f; x], the row, plain", "least-squares-gradient", "jacobian", "df = 2(Ax - b)^T A dx\nD[f; x] = 2(Ax - b)^T A", "correct", None, None),
    ("names: trace gradient, plain", "trace-linear-gradient", "gradient", TRACE_PLAIN, "correct", None, None),
    ("names: trace gradient, LaTeX", "trace-linear-gradient", "gradient", TRACE_LATEX, "correct", None, None),
    ("names: trace gradient, plain, D[f; X] for ∇", "trace-linear-gradient", "gradient",
     slip(TRACE_PLAIN, "∇_X f = A^T B^T", "∇_X f = B A"), "incorrect", 4, "transpose"),
    ("names: trace gradient, LaTeX, both transposed in the trace", "trace-linear-gradient", "gradient",
     slip(TRACE_LATEX, r"&= \text{Tr}(\mathbf{B}\mathbf{A}\, d\mathbf{X})", r"&= \text{Tr}(\mathbf{A}^T\mathbf{B}^T\, d\mathbf{X})"), "incorrect", 2, None),
    ("names: ∇_X log det X, LaTeX", "logdet-gradient", "gradient", LOGDET_LATEX, "correct", None, None),
    ("names: ∇_X log det X = X⁻¹, LaTeX", "logdet-gradient", "gradient", slip(LOGDET_LATEX, "X}^{-T}", "X}^{-1}"), "incorrect", 2, None),
    ("names: sparsemax ∂p/∂z, plain", "sparsemax-jacobian", "jacobian", SPARSEMAX_PLAIN, "correct", None, None),
    ("names: sparsemax ∂p/∂z, LaTeX", "sparsemax-jacobian", "jacobian", SPARSEMAX_LATEX, "correct", None, None),
    ("names: sparsemax, plain, 1ᵀs lost", "sparsemax-jacobian", "jacobian",
     slip(SPARSEMAX_PLAIN, "= (diag(s) - s s^T / (1^T s)) dz", "= (diag(s) - s s^T) dz"), "incorrect", 3, None),
    ("names: sparsemax ∂p/∂z, LaTeX, ssᵀ lost", "sparsemax-jacobian", "jacobian",
     slip(SPARSEMAX_LATEX, r" - \frac{\mathbf{s}\mathbf{s}^T}{\mathbf{1}^T \mathbf{s}}", ""), "incorrect", 1, None),
    ("names: ℓ and ∇_z ℓ, LaTeX", "softmax-cross-entropy-gradient", "gradient", CE_LATEX, "correct", None, None),
    ("names: ℓ, LaTeX, sign of e_y", "softmax-cross-entropy-gradient", "gradient",
     slip(CE_LATEX, r"&= (\mathbf{a} - \mathbf{e}_y)^T d\mathbf{z}", r"&= (\mathbf{a} + \mathbf{e}_y)^T d\mathbf{z}"), "incorrect", 3, None),
    ("names: δ^(L) for ½‖a − y‖², plain", "mlp-backprop", "output-delta-mse", MSE_PLAIN, "correct", None, None),
    ("names: δ^(L) for ½‖a − y‖², LaTeX", "mlp-backprop", "output-delta-mse", MSE_LATEX, "correct", None, None),
    ("names: δ^(L), plain, σ' lost", "mlp-backprop", "output-delta-mse",
     slip(MSE_PLAIN, "δ^(L) = (a^(L) - y) .* sigmoid'(z^(L))", "δ^(L) = a^(L) - y"), "incorrect", 4, None),
    ("names: δ^(L), LaTeX, (1 − σ) lost", "mlp-backprop", "output-delta-mse",
     slip(MSE_LATEX, r"\odot (1 - \sigma(\mathbf{z}^{(L)})) \odot d\mathbf{z}^{(L)}", r"\odot d\mathbf{z}^{(L)}"), "incorrect", 2, None),
    ("names: L and δ^(L) for softmax + CE, plain", "mlp-backprop", "output-delta-ce", CE_OUT_PLAIN, "correct", None, None),
    ("names: δ^(L) for softmax + CE, plain, y − a", "mlp-backprop", "output-delta-ce",
     slip(CE_OUT_PLAIN, "δ^(L) = a^(L) - y", "δ^(L) = y - a^(L)"), "incorrect", 4, "sign"),
    ("names: dL_t, δ_{t,k} = ∂L_t/∂z_k, LaTeX", "rnn-bptt", "delta", BPTT_NAMES_LATEX, "correct", None, None),
    ("names: dL_t, δ_{t,k}, plain", "rnn-bptt", "delta", BPTT_NAMES_PLAIN, "correct", None, None),
    ("names: dL_t, plain, f' at z_{k+1}", "rnn-bptt", "delta",
     slip(BPTT_NAMES_PLAIN, "= tr(delta_{t,k+1}^T U (f'(z_k) .* dz_k))", "= tr(delta_{t,k+1}^T U (f'(z_{k+1}) .* dz_k))"), "incorrect", 3, None),
    ("names: ∂J/∂z^(l+1) aside, dJ(W, b), plain", "mlp-backprop", "delta", DELTA_NAMES_PLAIN, "correct", None, None),
    ("names: ∂J/∂z^(l+1) aside written wrong", "mlp-backprop", "delta",
     slip(DELTA_NAMES_PLAIN, "∂J/∂z^(l+1) = delta^(l+1)", "∂J/∂z^(l+1) = W^(l+1)^T delta^(l+1)"), "incorrect", 1, None),
    ("names: Ω, dΩ, ∂Ω/∂ρ̂, plain", "sparse-autoencoder-penalty", "derivative", KL_PLAIN, "correct", None, None),
    ("names: ∂Ω/∂ρ̂, plain, sign of ρ/ρ̂", "sparse-autoencoder-penalty", "derivative",
     slip(KL_PLAIN, "∂Ω/∂rho_hat = beta (-rho / rho_hat", "∂Ω/∂rho_hat = beta (rho / rho_hat"), "incorrect", 3, None),
    ("names: Jacobian word, tanh, LaTeX", "tanh-derivative", "jacobian", TANH_JAC_LATEX, "correct", None, None),
    ("names: Jacobian word, tanh, LaTeX, square lost", "tanh-derivative", "jacobian",
     slip(TANH_JAC_LATEX, r"\text{Jacobian} = \text{diag}(1 - \tanh(\mathbf{z}) .^2)", r"\text{Jacobian} = \text{diag}(1 - \tanh(\mathbf{z}))"), "incorrect", 2, None),
    # chains through the declared network: dz^(l), da^(L), dZ, dz_{l+1}, dh_k, dr, dŷ
    ("chain: ∂J/∂W through dz^(l), plain", "mlp-backprop", "grad-W", GRADW_CHAIN_PLAIN, "correct", None, None),
    ("chain: ∂J/∂W through dz^(l), LaTeX", "mlp-backprop", "grad-W", GRADW_CHAIN_LATEX, "correct", None, None),
    ("chain: ∂J/∂W, plain, dz^(l) = a dW", "mlp-backprop", "grad-W",
     slip(GRADW_CHAIN_PLAIN, "= tr(delta^(l)^T dW^(l) a^(l-1))", "= tr(delta^(l)^T dW^(l) a^(l-1) + delta^(l)^T db^(l))"), "incorrect", 2, None),
    ("chain: ∂J/∂W, LaTeX, a δᵀ for δ aᵀ", "mlp-backprop", "grad-W",
     slip(GRADW_CHAIN_LATEX, r"= \delta^{(l)} (\mathbf{a}^{(l-1)})^\top", r"= \mathbf{a}^{(l-1)} \delta^{(l)\top}"), "incorrect", 4, None),
    ("chain: ∂J/∂b through dz^(l), dE, plain", "mlp-backprop", "grad-b", GRADB_PLAIN, "correct", None, None),
    ("chain: ∂C/∂b through dz^(l), LaTeX", "mlp-backprop", "grad-b", GRADB_LATEX, "correct", None, None),
    ("chain: ∂J/∂b, plain, Wᵀδ for δ", "mlp-backprop", "grad-b",
     slip(GRADB_PLAIN, "∇_{b^(l)} E = delta^(l)", "∇_{b^(l)} E = 2 delta^(l)"), "incorrect", 3, "scale"),
    ("chain: batch ∂J/∂W through dZ, plain", "mlp-batch-backprop", "grad-W", BATCH_PLAIN, "correct", None, None),
    ("chain: batch ∂J/∂W, plain, 1/N lost", "mlp-batch-backprop", "grad-W",
     slip(BATCH_PLAIN, "= tr(Delta^T dW A) / N", "= tr(Delta^T dW A)"), "incorrect", 2, None),
    ("chain: batch ∂J/∂b through dZ, LaTeX", "mlp-batch-backprop", "grad-b", BATCH_B_LATEX, "correct", None, None),
    ("chain: batch ∂J/∂b, LaTeX, 1 lost", "mlp-batch-backprop", "grad-b",
     slip(BATCH_B_LATEX, r"\nabla_{\mathbf{b}} J = \frac{1}{N} \Delta \mathbf{1}", r"\nabla_{\mathbf{b}} J = \frac{1}{N} \Delta^T \mathbf{1}"), "incorrect", 2, None),
    ("chain: conv ∂J/∂ω through dz_{l+1}, plain", "conv-residual", "grad-kernel", KERNEL_PLAIN, "correct", None, None),
    ("chain: conv ∂J/∂ω, d(J; ω) and D[J; z], LaTeX", "conv-residual", "grad-kernel", KERNEL_LATEX, "correct", None, None),
    ("chain: conv ∂J/∂ω, plain, a_l not flipped", "conv-residual", "grad-kernel",
     slip(KERNEL_PLAIN, "conv2(rot180(a_l), delta_{l+1}", "conv2(a_l, delta_{l+1}"), "incorrect", 3, None),
    ("chain: conv ∂J/∂b through dz_{l+1}, plain", "conv-residual", "grad-bias", BIAS_PLAIN, "correct", None, None),
    ("chain: conv ∂J/∂b, plain, a trace for a sum", "conv-residual", "grad-bias",
     slip(BIAS_PLAIN, "∂J/∂b = sum(delta_{l+1})", "∂J/∂b = tr(delta_{l+1})"), "incorrect", 3, None),
    ("chain: tied autoencoder through dr, dh, plain", "tied-autoencoder-gradient", "gradient", AE_PLAIN, "correct", None, None),
    ("chain: tied autoencoder, LaTeX", "tied-autoencoder-gradient", "gradient", AE_LATEX, "correct", None, None),
    ("chain: tied autoencoder, plain, decoder term lost", "tied-autoencoder-gradient", "gradient",
     slip(AE_PLAIN, "= r^T (dW^T h + W^T dh)", "= r^T W^T dh"), "incorrect", 3, None),
    ("chain: tied autoencoder, LaTeX, σ' lost", "tied-autoencoder-gradient", "gradient",
     slip(AE_LATEX, r"(\mathbf{W}\mathbf{r} \odot \sigma'(\mathbf{z}))^T", r"(\mathbf{W}\mathbf{r})^T"), "incorrect", 3, None),
    ("chain: logistic regression through dŷ, dz, plain", "logistic-regression-gradient", "gradient", LOGREG_PLAIN, "correct", None, None),
    ("chain: logistic regression, LaTeX", "logistic-regression-gradient", "gradient", LOGREG_LATEX, "correct", None, None),
    ("chain: logistic regression, plain, Xᵀ lost", "logistic-regression-gradient", "gradient",
     slip(LOGREG_PLAIN, "∇_w ℓ = X^T (y_hat - y)", "∇_w ℓ = (y_hat - y)"), "incorrect", 5, None),
    ("chain: logistic regression, LaTeX, y − ŷ", "logistic-regression-gradient", "gradient",
     slip(LOGREG_LATEX, r"&= (\hat{\mathbf{y}} - \mathbf{y})^T d\mathbf{z}", r"&= (\mathbf{y} - \hat{\mathbf{y}})^T d\mathbf{z}"), "incorrect", 2, "sign"),
    ("chain: attention α = softmax(z), plain", "scaled-dot-product", "jacobian", ATT_PLAIN, "correct", None, None),
    ("chain: attention, plain, ααᵀ lost", "scaled-dot-product", "jacobian", slip(ATT_PLAIN, "= diag(α) - α α^T", "= diag(α)"), "incorrect", 2, None),
    # update and definition arrows
    ("arrows: the seed's update rules, ← (LaTeX)", "mlp-backprop", "update-W", UPDATE_LATEX, "correct", None, None),
    ("arrows: :=, plain", "mlp-backprop", "update-W", UPDATE_PLAIN, "correct", None, None),
    ("arrows: \\gets", "mlp-backprop", "update-W", UPDATE_GETS, "correct", None, None),
    ("arrows: ←, plain, weight decay lost", "mlp-backprop", "update-W",
     slip(UPDATE_ARROW, " + lambda W^(l))", ")"), "incorrect", 1, None),
    ("arrows: ← (LaTeX), aᵀ lost", "mlp-backprop", "update-W", slip(UPDATE_LATEX, r"(\mathbf{a}^{(l-1)})^T", r"\mathbf{a}^{(l-1)}"), "incorrect", 1, None),
    ("arrows: s := 1ᵀexp(z) defined, plain", "softmax-jacobian", "jacobian", SM_DEFINED, "correct", None, None),
    ("arrows: s := 1ᵀexp(z), plain, s² → s", "softmax-jacobian", "jacobian",
     slip(SM_DEFINED, "(exp(z)^T dz) / s^2", "(exp(z)^T dz) / s"), "incorrect", 3, None),
    # operator forms
    ("operators: ∂/∂x (‖Ax − b‖²), LaTeX", "least-squares-gradient", "gradient", LS_OPERATOR, "correct", None, None),
    ("operators: ∂/∂x (‖Ax − b‖²), LaTeX, Aᵀ lost", "least-squares-gradient", "gradient",
     slip(LS_OPERATOR, r"= 2\mathbf{A}^T(", r"= 2("), "incorrect", 1, None),
    ("operators: d(f; x), plain", "least-squares-gradient", "differential", LS_DIFF, "correct", None, None),
    ("operators: d(f; x), plain, factor 2 lost", "least-squares-gradient", "differential",
     slip(LS_DIFF, "= 2(Ax - b)^T A dx", "= (Ax - b)^T A dx"), "incorrect", 2, "scale"),
    ("operators: d/dx (xᵀAx), plain", "quadratic-form-gradient", "gradient", QUAD_PLAIN.replace("d/dx: ", ""), "correct", None, None),
    ("operators: ∂_x f, LaTeX", "quadratic-form-gradient", "gradient", QUAD_LATEX, "correct", None, None),
    ("operators: ∂_x f = 2Ax, LaTeX", "quadratic-form-gradient", "gradient",
     slip(QUAD_LATEX, r"\partial_{\mathbf{x}} f = (\mathbf{A} + \mathbf{A}^T)\mathbf{x}", r"\partial_{\mathbf{x}} f = 2\mathbf{A}\mathbf{x}"), "incorrect", 3, None),
    ("operators: dσ and ∂σ(z)/∂z, plain", "sigmoid-derivative", "jacobian", SIG_PLAIN, "correct", None, None),
    ("operators: ∂σ(z)/∂z without diag, plain", "sigmoid-derivative", "jacobian",
     slip(SIG_PLAIN, "∂σ(z)/∂z = diag(σ(z) .* (1 - σ(z)))", "∂σ(z)/∂z = diag(σ(z))"), "incorrect", 2, None),
    ("operators: dσ(z)/dz, LaTeX", "sigmoid-derivative", "derivative", SIG_DERIV_LATEX, "correct", None, None),
    ("operators: dσ(z)/dz = σ(z)², LaTeX", "sigmoid-derivative", "derivative",
     slip(SIG_DERIV_LATEX, r"\sigma(z) \odot (1 - \sigma(z))", r"\sigma(z) \odot \sigma(z)"), "incorrect", 1, None),
    ("operators: d/dz tanh(z), plain", "tanh-derivative", "derivative", TANH_PLAIN, "correct", None, None),
    ("operators: d/dz tanh(z) = 1 − tanh(z), plain", "tanh-derivative", "derivative",
     slip(TANH_PLAIN, "\\frac{d}{dz} tanh(z) = 1 - tanh(z).^2", "\\frac{d}{dz} tanh(z) = 1 - tanh(z)"), "incorrect", 2, None),
    ("operators: ∂/∂z relu(z), plain", "relu-derivative", "derivative", RELU_PLAIN, "correct", None, None),
    ("operators: ∂/∂z relu(z) = I(z ≥ 0)·z, plain", "relu-derivative", "derivative", slip(RELU_PLAIN, "I(z > 0)", "relu(z)"), "incorrect", 1, None),
    ("operators: ∂/∂z max(αz, z), plain", "leaky-relu-derivative", "derivative", LEAKY_PLAIN, "correct", None, None),
    ("operators: ∂/∂z max(αz, z), α on the wrong side", "leaky-relu-derivative", "derivative",
     slip(LEAKY_PLAIN, "I(z > 0) + alpha I(z < 0)", "alpha I(z > 0) + I(z < 0)"), "incorrect", 2, None),
    ("operators: ∂_z f for ELU, LaTeX", "elu-derivative", "derivative", ELU_LATEX, "correct", None, None),
    ("operators: ∂_z f for ELU, LaTeX, exp lost", "elu-derivative", "derivative",
     slip(ELU_LATEX, r" \odot \exp(\mathbf{z})", ""), "incorrect", 1, None),
    ("operators: ∇_x max(Wx + b), plain", "maxout-gradient", "gradient", MAXOUT_PLAIN, "correct", None, None),
    ("operators: ∇_x max(Wx + b), plain, W for Wᵀ", "maxout-gradient", "gradient",
     slip(MAXOUT_PLAIN, "W^T I(", "W I("), "incorrect", 1, None),
    ("operators: ∂/∂ρ̂ = …, LaTeX (the function from the problem)", "sparse-autoencoder-penalty", "derivative", KL_LATEX, "correct", None, None),
    ("operators: ∂/∂ρ̂ = …, LaTeX, 1 − ρ̂ for ρ̂", "sparse-autoencoder-penalty", "derivative",
     slip(KL_LATEX, r"\frac{1 - \rho}{1 - \hat\rho}", r"\frac{1 - \rho}{\hat\rho}"), "incorrect", 1, None),
    ("operators: ∇_W ‖W‖_F², LaTeX", "l2-penalty-gradient", "gradient", L2_LATEX, "correct", None, None),
    ("operators: ∇_W ‖W‖_F² = W, LaTeX", "l2-penalty-gradient", "gradient", slip(L2_LATEX, r"= 2\mathbf{W}$$", r"= \mathbf{W}$$"), "incorrect", 2, "scale"),
]

LS_JAC_LATEX = r"""$$\begin{aligned} \mathrm{d}f &= 2(\mathbf{A}\mathbf{x} - \mathbf{b})^\top \mathbf{A}\, \mathrm{d}\mathbf{x} \end{aligned}$$
$$\mathbf{J}_f = D[f; \mathbf{x}] = 2(\mathbf{A}\mathbf{x} - \mathbf{b})^\top \mathbf{A}$$"""
LS_DIFF_LATEX = r"""$$\begin{aligned} d(f; \mathbf{x}) &= d\left((\mathbf{A}\mathbf{x} - \mathbf{b})^T(\mathbf{A}\mathbf{x} - \mathbf{b})\right) \\ &= 2(\mathbf{A}\mathbf{x} - \mathbf{b})^T \mathbf{A}\, d\mathbf{x} \end{aligned}$$"""
SIG_DERIV_PLAIN = """f = sum(sigmoid(z))
df = (sigmoid(z) .* (1 - sigmoid(z)))^T dz
∂/∂z sigmoid(z) = sigmoid(z) .* (1 - sigmoid(z))"""
TANH_DERIV_LATEX = r"""$$\frac{\mathrm{d}}{\mathrm{d}\mathbf{z}} \tanh(\mathbf{z}) = 1 - \tanh(\mathbf{z}) .^2$$"""
TANH_JAC_PLAIN = """d tanh(z) = (1 - tanh(z).^2) .* dz
= diag(1 - tanh(z).^2) dz
jacobian = diag(1 - tanh(z).^2)"""
RELU_LATEX = r"""$$\frac{\partial}{\partial \mathbf{z}} \operatorname{relu}(\mathbf{z}) = \mathbb{I}(\mathbf{z} > 0)$$"""
LEAKY_LATEX = r"""$$\nabla_{\mathbf{z}} f = \mathbb{I}(\mathbf{z} > 0) + \alpha\, \mathbb{I}(\mathbf{z} < 0)$$"""
ELU_PLAIN = """∂_z f = I(z >= 0) + alpha I(z < 0) .* exp(z)"""
MAXOUT_LATEX = r"""$$\nabla_{\mathbf{x}} \max(\mathbf{W}\mathbf{x} + \mathbf{b}) = \mathbf{W}^T \mathbb{I}(\mathbf{W}\mathbf{x} + \mathbf{b} \geq \max(\mathbf{W}\mathbf{x} + \mathbf{b}))$$"""
CE_OUT_LATEX = r"""$$\begin{aligned} \mathrm{d}L &= -\mathbf{y}^T (\mathrm{d}\mathbf{a}^{(L)} \oslash \mathbf{a}^{(L)}) \\ &= (\mathbf{a}^{(L)} - \mathbf{y})^T \mathrm{d}\mathbf{z}^{(L)} \end{aligned}$$
$$\delta^{(L)} = \mathbf{a}^{(L)} - \mathbf{y}$$"""
BATCH_LATEX = r"""$$\begin{aligned} dJ &= \frac{1}{N}\text{Tr}(\Delta^T d\mathbf{Z}) \\ &= \frac{1}{N}\text{Tr}(\Delta^T d\mathbf{W}\, \mathbf{A}) \\ &= \frac{1}{N}\text{Tr}(\mathbf{A}\Delta^T d\mathbf{W}) \end{aligned}$$
$$\frac{\partial J}{\partial \mathbf{W}} = \frac{1}{N}\Delta \mathbf{A}^T$$"""
BATCH_B_PLAIN = """dJ = tr(Delta^T dZ) / N
= tr(Delta^T db 1^T) / N
= (Delta 1)^T db / N
grad = Delta 1 / N"""
BIAS_LATEX = r"""$$\begin{aligned} dJ &= \text{Tr}(\delta_{l+1}^T d\mathbf{z}_{l+1}) \\ &= \text{Tr}(\delta_{l+1}^T \mathbf{1}\mathbf{1}^T)\, db \end{aligned}$$
$$\frac{\partial J}{\partial b} = \sum \delta_{l+1} = \operatorname{sum}(\delta_{l+1})$$"""
L2_PLAIN = """d||W||_F^2 = 2 tr(W^T dW)
∇_W f = 2 W"""
ATT_LATEX = r"""$$\begin{aligned} d\boldsymbol{\alpha} &= \text{diag}(\boldsymbol{\alpha})\, d\mathbf{z} - \boldsymbol{\alpha}\boldsymbol{\alpha}^T d\mathbf{z} \end{aligned}$$
$$\frac{\partial \boldsymbol{\alpha}}{\partial \mathbf{z}} = \text{diag}(\boldsymbol{\alpha}) - \boldsymbol{\alpha}\boldsymbol{\alpha}^T$$"""

READER_CASES += [
    ("names: J_f = D[f; x], LaTeX", "least-squares-gradient", "jacobian", LS_JAC_LATEX, "correct", None, None),
    ("names: J_f = D[f; x], LaTeX, the gradient instead", "least-squares-gradient", "jacobian",
     slip(LS_JAC_LATEX, r"D[f; \mathbf{x}] = 2(\mathbf{A}\mathbf{x} - \mathbf{b})^\top \mathbf{A}", r"D[f; \mathbf{x}] = 2\mathbf{A}^\top(\mathbf{A}\mathbf{x} - \mathbf{b})"),
     "incorrect", 2, "gradient-for-jacobian"),
    ("operators: d(f; x), LaTeX", "least-squares-gradient", "differential", LS_DIFF_LATEX, "correct", None, None),
    ("operators: d(f; x), LaTeX, A lost", "least-squares-gradient", "differential",
     slip(LS_DIFF_LATEX, r"&= 2(\mathbf{A}\mathbf{x} - \mathbf{b})^T \mathbf{A}\, d\mathbf{x}", r"&= 2(\mathbf{A}\mathbf{x} - \mathbf{b})^T d\mathbf{x}"), "incorrect", 1, None),
    ("operators: ∂/∂z sigmoid(z), plain", "sigmoid-derivative", "derivative", SIG_DERIV_PLAIN, "correct", None, None),
    ("operators: ∂/∂z sigmoid(z), plain, 1 − σ lost", "sigmoid-derivative", "derivative",
     slip(SIG_DERIV_PLAIN, "df = (sigmoid(z) .* (1 - sigmoid(z)))^T dz", "df = sigmoid(z)^T dz"), "incorrect", 2, None),
    ("operators: d/dz tanh(z) upright d, LaTeX", "tanh-derivative", "derivative", TANH_DERIV_LATEX, "correct", None, None),
    ("operators: d/dz tanh(z), LaTeX, sign", "tanh-derivative", "derivative", slip(TANH_DERIV_LATEX, "= 1 - ", "= 1 + "), "incorrect", 1, None),
    ("names: jacobian word, tanh, plain", "tanh-derivative", "jacobian", TANH_JAC_PLAIN, "correct", None, None),
    ("names: jacobian word, tanh, plain, diag lost", "tanh-derivative", "jacobian",
     slip(TANH_JAC_PLAIN, "= diag(1 - tanh(z).^2) dz", "= (1 - tanh(z).^2)^T dz"), "incorrect", 2, None),
    ("operators: ∂/∂z relu(z), LaTeX", "relu-derivative", "derivative", RELU_LATEX, "correct", None, None),
    ("operators: ∂/∂z relu(z), LaTeX, z < 0", "relu-derivative", "derivative", slip(RELU_LATEX, "> 0)", "< 0)"), "incorrect", 1, None),
    ("names: ∇_z f for leaky ReLU, LaTeX", "leaky-relu-derivative", "derivative", LEAKY_LATEX, "correct", None, None),
    ("names: ∇_z f for leaky ReLU, LaTeX, α lost", "leaky-relu-derivative", "derivative",
     slip(LEAKY_LATEX, r" + \alpha\, \mathbb{I}(\mathbf{z} < 0)", ""), "incorrect", 1, None),
    ("operators: ∂_z f for ELU, plain", "elu-derivative", "derivative", ELU_PLAIN, "correct", None, None),
    ("operators: ∂_z f for ELU, plain, α lost", "elu-derivative", "derivative", slip(ELU_PLAIN, "alpha I(z < 0)", "I(z < 0)"), "incorrect", 1, None),
    ("operators: ∇ₓ max(Wx + b), LaTeX", "maxout-gradient", "gradient", MAXOUT_LATEX, "correct", None, None),
    ("operators: ∇ₓ max(Wx + b), LaTeX, Wᵀ lost", "maxout-gradient", "gradient", slip(MAXOUT_LATEX, r"= \mathbf{W}^T \mathbb{I}", r"= \mathbb{I}"), "incorrect", 1, None),
    ("chain: ∂C/∂b, LaTeX, db for dz", "mlp-backprop", "grad-b",
     slip(GRADB_LATEX, r"&= \delta^{(l)\top} \mathrm{d}\mathbf{b}^{(l)}", r"&= \delta^{(l)\top} \mathrm{d}\mathbf{W}^{(l)} \mathbf{a}^{(l-1)}"), "incorrect", 1, None),
    ("names: δ^(L) for softmax + CE, LaTeX", "mlp-backprop", "output-delta-ce", CE_OUT_LATEX, "correct", None, None),
    ("names: δ^(L) for softmax + CE, LaTeX, a for a − y", "mlp-backprop", "output-delta-ce",
     slip(CE_OUT_LATEX, r"\delta^{(L)} = \mathbf{a}^{(L)} - \mathbf{y}", r"\delta^{(L)} = \mathbf{a}^{(L)}"), "incorrect", 2, None),
    ("chain: batch ∂J/∂W through dZ, LaTeX", "mlp-batch-backprop", "grad-W", BATCH_LATEX, "correct", None, None),
    ("chain: batch ∂J/∂W, LaTeX, Aᵀ for A", "mlp-batch-backprop", "grad-W",
     slip(BATCH_LATEX, r"= \frac{1}{N}\Delta \mathbf{A}^T", r"= \frac{1}{N}\mathbf{A}\Delta^T"), "incorrect", 2, None),
    ("chain: batch ∂J/∂b through dZ, plain", "mlp-batch-backprop", "grad-b", BATCH_B_PLAIN, "correct", None, None),
    ("chain: batch ∂J/∂b, plain, 1ᵀ on the wrong side", "mlp-batch-backprop", "grad-b",
     slip(BATCH_B_PLAIN, "= tr(Delta^T db 1^T) / N", "= tr(Delta^T 1 db^T) / N"), "incorrect", 2, None),
    ("chain: conv ∂J/∂ω, LaTeX, a_l not flipped", "conv-residual", "grad-kernel",
     slip(KERNEL_LATEX, r"\operatorname{conv2}(\operatorname{rot180}(\mathbf{a}_l), \delta_{l+1}", r"\operatorname{conv2}(\mathbf{a}_l, \delta_{l+1}"), "incorrect", 2, None),
    ("chain: conv ∂J/∂b through dz_{l+1}, LaTeX", "conv-residual", "grad-bias",
     slip(BIAS_LATEX, r"\sum \delta_{l+1} = ", ""), "correct", None, None),
    ("chain: conv ∂J/∂b, LaTeX, 11ᵀ lost", "conv-residual", "grad-bias",
     slip(slip(BIAS_LATEX, r"\sum \delta_{l+1} = ", ""), r"\mathbf{1}\mathbf{1}^T)\, db", r")\, db"), "incorrect", 1, None),
    ("names: ∇_W f, plain, ‖W‖² for ‖W‖_F²", "l2-penalty-gradient", "gradient", slip(L2_PLAIN, "= 2 tr(W^T dW)", "= tr(W^T dW)"), "incorrect", 1, "scale"),
    ("chain: attention α, LaTeX", "scaled-dot-product", "jacobian", ATT_LATEX, "correct", None, None),
    ("chain: attention α, LaTeX, αᵀα for ααᵀ", "scaled-dot-product", "jacobian",
     slip(ATT_LATEX, r"- \boldsymbol{\alpha}\boldsymbol{\alpha}^T d\mathbf{z}", r"- \boldsymbol{\alpha}^T\boldsymbol{\alpha}\, d\mathbf{z}"), "incorrect", 1, None),
]

READER_CASES += [
    # one word of declared names: a postfix binds to the last one (aa^T is a aᵀ, as the notes mean it)
    ("names: ∂a/∂z = diag(a) − aa^T in one word, plain", "softmax-jacobian", "jacobian", "∂a/∂z = diag(a) - aa^T", "correct", None, None),
    ("names: ∂a/∂z = diag(a) − a^Ta in one word, plain", "softmax-jacobian", "jacobian", "∂a/∂z = diag(a) - a^Ta", "incorrect", 1, None),
]

READER_CASES += [
    # a value asked by its own name (sparsemax's KKT solution): τ = …, p = …
    ("names: τ of the KKT solution, LaTeX", "sparsemax-kkt", "tau", r"$$\tau = \frac{\mathbf{s}^T \mathbf{z} - 1}{\mathbf{1}^T \mathbf{s}}$$", "correct", None, None),
    ("names: τ of the KKT solution, plain, −1 moved out", "sparsemax-kkt", "tau", "tau = (s^T z - 1) / (1^T s)\n= (s^T z) / (1^T s) - 1", "incorrect", 2, None),
    ("names: p = [z − τ1]₊, plain", "sparsemax-kkt", "solution", "p = max(z - tau 1, 0)", "correct", None, None),
    ("names: p = [z − τ1]₊, plain, max with τ1", "sparsemax-kkt", "solution", "p = max(z - tau 1, 0)\n= max(z, tau 1)", "incorrect", 2, None),
]

ZH_PLAIN = """解：由链式法则
dJ ＝ tr(delta^(l)^T dz^(l))，其中 z^(l) = W^(l) a^(l-1) + b^(l)
＝ tr(delta^(l)^T dW^(l) a^(l-1))
因此 ∂J/∂W^(l) ＝ delta^(l) a^(l-1)^T。"""
READER_CASES += [
    # Chinese prose around the steps and full-width ＝ （ ） ， (a line of words is not a step)
    ("names: Chinese prose and full-width ＝, plain", "mlp-backprop", "grad-W", ZH_PLAIN.replace("，其中 z^(l) = W^(l) a^(l-1) + b^(l)", ""), "correct", None, None),
    ("names: Chinese prose, plain, aᵀ lost", "mlp-backprop", "grad-W",
     slip(ZH_PLAIN.replace("，其中 z^(l) = W^(l) a^(l-1) + b^(l)", ""), "＝ delta^(l) a^(l-1)^T", "＝ delta^(l) a^(l-1)"), "incorrect", 4, None),
]

# pooling (lecture ch. 7, seed 000: f(·) →a_l→ down(·) →z_{l+1}): 2×2 mean pooling, down(a) = P a Pᵀ/4, P = kron(I, 1ᵀ)
POOL_PLAIN = """dJ = tr(delta_{l+1}^T dz_{l+1})
= tr(delta_{l+1}^T kron(I, 1^T) da_l kron(I, 1)) / 4
= tr(delta_{l+1}^T kron(I, 1^T) (f'(z_l) .* dz_l) kron(I, 1)) / 4
= tr((kron(I, 1) delta_{l+1} kron(I, 1^T) / 4 .* f'(z_l))^T dz_l)
delta_l = kron(delta_{l+1}, 1 1^T) / 4 .* f'(z_l)"""
POOL_LATEX = r"""$$\begin{aligned} \mathrm{d}J &= \text{Tr}(\delta_{l+1}^T\, \mathrm{d}\mathbf{z}_{l+1}) \\
&= \frac{1}{4}\text{Tr}\left(\delta_{l+1}^T\, \mathbf{P}\, \mathrm{d}\mathbf{a}_l\, \mathbf{P}^T\right) \end{aligned}$$
$$\delta_l = \frac{1}{4}\left(\delta_{l+1} \otimes \mathbf{1}\mathbf{1}^T\right) \odot f'(\mathbf{z}_l)$$"""
# batch normalisation, one feature over a batch (CATALOG G): x_c = x − μ1, v = x_cᵀx_c/m, x̂ = x_c/√(v + ε), ŷ = γx̂ + β1
BN_PLAIN = """L = g^T y_hat
dL = gamma g^T dx_hat
= gamma g^T (dx_c / sqrt(sigma_B^2 + epsilon) - x_c (x_c^T dx_c) / (m sqrt(sigma_B^2 + epsilon)^3))
= gamma (g - x_hat x_hat^T g / m)^T dx_c / sqrt(sigma_B^2 + epsilon)
∂L/∂x = gamma (g - 1 1^T g / m - x_hat x_hat^T g / m) / sqrt(sigma_B^2 + epsilon)"""
BN_LATEX = r"""$$\begin{aligned} \mathrm{d}L &= \gamma\, \mathbf{g}^T \mathrm{d}\hat{\mathbf{x}} \\
&= \frac{\gamma}{\sqrt{\sigma_B^2 + \epsilon}} \left(\mathbf{g} - \frac{1}{m}\hat{\mathbf{x}}\hat{\mathbf{x}}^T \mathbf{g}\right)^T \mathrm{d}\mathbf{x}_c \end{aligned}$$
$$\nabla_{\mathbf{x}} L = \frac{\gamma}{\sqrt{\sigma_B^2 + \epsilon}}\left(\mathbf{g} - \frac{1}{m}\mathbf{1}\mathbf{1}^T\mathbf{g} - \frac{1}{m}\hat{\mathbf{x}}\hat{\mathbf{x}}^T\mathbf{g}\right)$$"""

READER_CASES += [
    ("chain: mean pooling through dz_{l+1}, da_l, plain", "pooling-residual", "mean-delta", POOL_PLAIN, "correct", None, None),
    ("chain: mean pooling, plain, 1/4 lost", "pooling-residual", "mean-delta",
     slip(POOL_PLAIN, "delta_l = kron(delta_{l+1}, 1 1^T) / 4 .* f'(z_l)", "delta_l = kron(delta_{l+1}, 1 1^T) .* f'(z_l)"), "incorrect", 5, "scale"),
    ("chain: mean pooling, LaTeX (P ≜ I ⊗ 1ᵀ defined)", "pooling-residual", "mean-delta",
     r"$$\mathbf{P} \triangleq \mathbf{I} \otimes \mathbf{1}^T$$" + "\n" + POOL_LATEX, "correct", None, None),
    ("chain: mean pooling, LaTeX, f' lost", "pooling-residual", "mean-delta",
     r"$$\mathbf{P} \triangleq \mathbf{I} \otimes \mathbf{1}^T$$" + "\n" + slip(POOL_LATEX, r" \odot f'(\mathbf{z}_l)", ""), "incorrect", 4, None),
    ("chain: batch norm through dx̂, dx_c, plain", "batchnorm-backward", "dx", BN_PLAIN, "correct", None, None),
    ("chain: batch norm, plain, the mean's term lost", "batchnorm-backward", "dx",
     slip(BN_PLAIN, "(g - 1 1^T g / m - x_hat", "(g - x_hat"), "incorrect", 5, None),
    ("chain: batch norm, LaTeX", "batchnorm-backward", "dx", BN_LATEX, "correct", None, None),
    ("chain: batch norm, LaTeX, the x̂ term lost", "batchnorm-backward", "dx",
     slip(BN_LATEX, r" - \frac{1}{m}\hat{\mathbf{x}}\hat{\mathbf{x}}^T \mathbf{g}\right)^T", r"\right)^T"), "incorrect", 2, None),
]
