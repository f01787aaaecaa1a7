"""The coverage list of issue #3: (label with source, f, wrt, shapes, where, expected ∇ as a person writes it)."""

COVERAGE = [
    ("Cookbook eq. 69: d(aᵀx)/dx = a", "a' x", "x", "a: n, x: n", None, "a"),
    ("Cookbook eq. 81: d(xᵀAx)/dx = (A + Aᵀ)x", "x' A x", "x", "x: n, A: n x n", None, "(A + A') x"),
    ("Cookbook eq. 100: d Tr(AXB)/dX = AᵀBᵀ", "tr(A X B)", "X", "A: p x m, X: m x n, B: n x p", None, "A' B'"),
    ("Cookbook eq. 107: d Tr(XᵀAX)/dX = (A + Aᵀ)X", "tr(X' A X)", "X", "X: m x n, A: m x m", None, "(A + A') X"),
    ("Cookbook eq. 116: d Tr(AXBXᵀ)/dX = AᵀXBᵀ + AXB", "tr(A X B X')", "X", "A: m x m, X: m x n, B: n x n", None, "A' X B' + A X B"),
    ("Cookbook eq. 70: d(aᵀXb)/dX = abᵀ", "a' X b", "X", "a: m, X: m x n, b: n", None, "a b'"),
    ("Cookbook eq. 57: d log det X/dX = X⁻ᵀ", "log(det(X))", "X", "X: n x n", None, "inv(X)'"),
    ("Cookbook eq. 49: d det X/dX = det(X) X⁻ᵀ", "det(X)", "X", "X: n x n", None, "det(X) inv(X)'"),
    ("Cookbook eq. 63: d Tr(X⁻¹A)/dX = −X⁻ᵀAᵀX⁻ᵀ", "tr(inv(X) A)", "X", "X: n x n, A: n x n", None, "-inv(X)' A' inv(X)'"),
    ("Cookbook eq. 72: d(xᵀX⁻¹x)/dX = −X⁻ᵀxxᵀX⁻ᵀ", "x' inv(X) x", "X", "x: n, X: n x n", None, "-inv(X)' x x' inv(X)'"),
    ("lecture ch. 3: least squares ∇‖Ax − b‖² = 2Aᵀ(Ax − b)", "norm(A x - b)^2", "x", "A: m x n, x: n, b: m", None, "2 A'(A x - b)"),
    ("Cookbook eq. 103: d‖X‖_F²/dX = 2X", "norm(X, F)^2", "X", "X: m x n", None, "2 X"),
    ("lecture ch. 3: ridge ∇(‖Ax − b‖² + λ‖x‖²)", "norm(A x - b)^2 + lambda norm(x)^2", "x", "A: m x n, x: n, b: m, lambda: scalar", None, "2 A'(A x - b) + 2 lambda x"),
    ("lecture ch. 4: ∇_w σ(wᵀx) = σ(1 − σ)x", "sigmoid(w' x)", "w", "w: n, x: n", None, "sigmoid(w' x)(1 - sigmoid(w' x)) x"),
    ("lecture ch. 4: ∇_W 1ᵀtanh(Wx + b)", "1' tanh(W x + b)", "W", "W: m x n, x: n, b: m", None, "(1 - tanh(W x + b).^2) x'"),
    ("lecture ch. 4: ∇_b 1ᵀtanh(Wx + b)", "1' tanh(W x + b)", "b", "W: m x n, x: n, b: m", None, "1 - tanh(W x + b).^2"),
    ("lecture ch. 2: ∇ sum(exp(X)) = exp(X)", "sum(exp(X))", "X", "X: m x n", None, "exp(X)"),
    ("lecture ch. 2: ∇ Tr(A(X∘B)) = Aᵀ∘B", "tr(A (X .* B))", "X", "A: n x m, X: m x n, B: m x n", None, "A' .* B"),
    ("lecture ch. 5: ∇ logsumexp(z) = softmax(z)", "logsumexp(z)", "z", "z: n", None, "softmax(z)"),
    ("lecture ch. 5: cross-entropy ∇_z −yᵀlog softmax(z) = a − y (1ᵀy = 1)", "-y' log(a)", "z", "z: n, y: n probability", "a = softmax(z)", "softmax(z) (1' y) - y"),
    ("lecture ch. 4: logistic log-likelihood ∇_w", "y log(sigmoid(w' x)) + (1 - y) log(1 - sigmoid(w' x))", "w", "w: n, x: n, y: scalar", None, "(y - sigmoid(w' x)) x"),
    ("lecture ch. 6: two-layer loss ∇_W1", "1/2 norm(W2 sigmoid(W1 x + b1) + b2 - y)^2", "W1", "W1: h x n, x: n, b1: h, W2: m x h, b2: m, y: m", None,
     "(sigmoid(W1 x + b1) .* (1 - sigmoid(W1 x + b1)) .* (W2' (W2 sigmoid(W1 x + b1) + b2 - y))) x'"),
    ("lecture ch. 9: tied autoencoder ∇_W", "1/2 norm(W' sigmoid(W x + b) + c - x)^2", "W", "W: h x n, x: n, b: h, c: n", None,
     "sigmoid(W x + b) (W' sigmoid(W x + b) + c - x)' + (sigmoid(W x + b) .* (1 - sigmoid(W x + b)) .* (W (W' sigmoid(W x + b) + c - x))) x'"),
]

JACOBIANS = [
    ("lecture ch. 5: softmax Jacobian diag(a) − aaᵀ", "softmax(z)", "z", "z: n", None, "diag(softmax(z)) - softmax(z) softmax(z)'"),
    ("lecture ch. 4: σ Jacobian diag(σ∘(1−σ))", "sigmoid(z)", "z", "z: n", None, "diag(sigmoid(z) .* (1 - sigmoid(z)))"),
    ("lecture ch. 4: affine layer Jacobian W", "W x + b", "x", "W: m x n, x: n, b: m", None, "W"),
]
