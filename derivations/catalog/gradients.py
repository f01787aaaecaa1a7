"""Gradients of scalar functions of vectors and matrices (CATALOG A, D; lecture ch. 2, 5)."""

from derivations.catalog.model import Entry, Part

ENTRIES = (
    Entry(
        id="quadratic-form-gradient",
        topic="gradients",
        title={"en": "Gradient of a quadratic form", "zh": "二次型的梯度"},
        statement={
            "en": "d(xᵀAx) = dxᵀAx + xᵀA dx = xᵀ(A + Aᵀ)dx, so ∇ₓ xᵀAx = (A + Aᵀ)x; it is 2Ax only for symmetric A.",
            "zh": "d(xᵀAx) = dxᵀAx + xᵀA dx = xᵀ(A + Aᵀ)dx，所以 ∇ₓ xᵀAx = (A + Aᵀ)x；只有 A 对称时才等于 2Ax。",
        },
        asked=("gradient",),
        symbols="A: n x n, x: n",
        parts=(Part("gradient", "n", "(A + A^T) x", kind="gradient", function="x^T A x", wrt="x"),),
    ),
    Entry(
        id="trace-linear-gradient",
        topic="gradients",
        title={"en": "Gradient of Tr(AXB)", "zh": "Tr(AXB) 的梯度"},
        statement={
            "en": "d Tr(AXB) = Tr(BA dX) = Tr((AᵀBᵀ)ᵀ dX), so ∇_X Tr(AXB) = AᵀBᵀ.",
            "zh": "d Tr(AXB) = Tr(BA dX) = Tr((AᵀBᵀ)ᵀ dX)，所以 ∇_X Tr(AXB) = AᵀBᵀ。",
        },
        asked=("gradient",),
        symbols="A: p x m, X: m x n, B: n x p",
        parts=(Part("gradient", "m x n", "A^T B^T", kind="gradient", function="tr(A X B)", wrt="X"),),
    ),
    Entry(
        id="logdet-gradient",
        topic="gradients",
        title={"en": "Gradient of log det X", "zh": "log det X 的梯度"},
        statement={
            "en": "d log det X = Tr(X⁻¹ dX) = Tr((X⁻ᵀ)ᵀ dX), so ∇_X log det X = X⁻ᵀ (Matrix Cookbook eq. 57).",
            "zh": "d log det X = Tr(X⁻¹ dX) = Tr((X⁻ᵀ)ᵀ dX)，所以 ∇_X log det X = X⁻ᵀ（Matrix Cookbook 式 57）。",
        },
        asked=("gradient",),
        symbols="X: n x n invertible",
        parts=(Part("gradient", "n x n", "X^{-T}", kind="gradient", function="log(det(X))", wrt="X"),),
    ),
    Entry(
        id="l2-penalty-gradient",
        topic="regularization",
        title={"en": "Gradient of the L2 penalty", "zh": "L2 惩罚项的梯度"},
        statement={
            "en": "‖W‖_F² = Tr(WᵀW), d‖W‖_F² = 2Tr(Wᵀ dW), so ∇_W ‖W‖_F² = 2W. The penalty is applied to weights, not to biases.",
            "zh": "‖W‖_F² = Tr(WᵀW)，d‖W‖_F² = 2Tr(Wᵀ dW)，所以 ∇_W ‖W‖_F² = 2W。惩罚只作用于权重，不作用于偏置。",
        },
        asked=("gradient",),
        symbols="W: m x n",
        parts=(Part("gradient", "m x n", "2 W", kind="gradient", function="||W||_F^2", wrt="W"),),
    ),
    Entry(
        id="logistic-regression-gradient",
        topic="gradients",
        title={"en": "Gradient of the logistic loss", "zh": "逻辑回归损失的梯度"},
        statement={
            "en": "For ℓ(w) = −Σ[y log σ(Xw) + (1 − y) log(1 − σ(Xw))], using σ' = σ(1 − σ) the terms collapse to ∇_w ℓ = Xᵀ(σ(Xw) − y).",
            "zh": "对 ℓ(w) = −Σ[y log σ(Xw) + (1 − y) log(1 − σ(Xw))]，利用 σ' = σ(1 − σ) 化简得 ∇_w ℓ = Xᵀ(σ(Xw) − y)。",
        },
        asked=("gradient",),
        symbols="X: N x d, w: d, y: N binary",
        parts=(Part("gradient", "d", "X^T (sigmoid(X w) - y)", kind="gradient",
                    function="-(y^T log(sigmoid(X w)) + (1 - y)^T log(1 - sigmoid(X w)))", wrt="w"),),
    ),
    Entry(
        id="softmax-cross-entropy-gradient",
        topic="softmax",
        title={"en": "Gradient of softmax cross-entropy", "zh": "softmax 交叉熵的梯度"},
        statement={
            "en": "With a = softmax(z) and ℓ = −log a_y = −e_yᵀ log a, ∇_z ℓ = a − e_y (the lecture writes −(e(y) − f(x))).",
            "zh": "设 a = softmax(z)，ℓ = −log a_y = −e_yᵀ log a，则 ∇_z ℓ = a − e_y（讲义写作 −(e(y) − f(x))）。",
        },
        asked=("gradient",),
        symbols="z: K",
        parts=(Part("gradient", "K", "a - e_y", kind="gradient", where="a = softmax(z)", function="-e_y^T log(softmax(z))", wrt="z"),),
    ),
    Entry(
        id="tied-autoencoder-gradient",
        topic="autoencoder",
        title={"en": "Gradient of a tied-weight autoencoder", "zh": "权重共享自编码器的梯度"},
        statement={
            "en": "For J = ½‖Wᵀσ(Wx + b) + c − x‖² with h = σ(Wx + b) and r = Wᵀh + c − x, W appears in the decoder and the encoder: ∇_W J = h rᵀ + (σ'(Wx + b) ∘ W r) xᵀ.",
            "zh": "对 J = ½‖Wᵀσ(Wx + b) + c − x‖²，记 h = σ(Wx + b)，r = Wᵀh + c − x。W 同时出现在解码器与编码器中：∇_W J = h rᵀ + (σ'(Wx + b) ∘ W r) xᵀ。",
        },
        asked=("gradient",),
        symbols="W: h x n, x: n, b: h, c: n",
        parts=(Part("gradient", "h x n", "sigmoid(W x + b) (W^T sigmoid(W x + b) + c - x)^T + (sigmoid'(W x + b) .* (W (W^T sigmoid(W x + b) + c - x))) x^T",
                    kind="gradient", function="1/2 ||W^T sigmoid(W x + b) + c - x||^2", wrt="W"),),
    ),
)
