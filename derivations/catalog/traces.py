"""Traces and the matrix differentials built on them (CATALOG A; lecture ch. 2)."""

from __future__ import annotations

from derivations.catalog.model import Entry, MalRule, Part


ENTRIES = (
    Entry(
        id="trace-cyclic",
        topic="traces",
        title={"en": "Cyclic property of the trace", "zh": "迹的循环性质"},
        statement={
            "en": "Tr(ABCD) equals the trace of every cyclic shift, Tr(DABC) = Tr(CDAB) = Tr(BCDA), and of its transpose; a non-cyclic reordering is in general different.",
            "zh": "Tr(ABCD) 等于其任一循环移位的迹 Tr(DABC) = Tr(CDAB) = Tr(BCDA)，也等于其转置的迹；非循环的重排一般不相等。",
        },
        asked=("identity", "fill-in"),
        symbols="A: m x n, B: n x p, C: p x q, D: q x m",
        parts=(Part("equal", "scalar", "tr(A B C D)"),),
        identities=("tr(A B C D) = tr(D A B C) = tr(C D A B) = tr(B C D A) = tr((A B C D)^T)",),
        core=True,
    ),
    Entry(
        id="trace-hadamard",
        topic="traces",
        title={"en": "Trace of a Hadamard product", "zh": "哈达玛积的迹"},
        statement={
            "en": "For A, B, C of one shape, Tr(Aᵀ(B∘C)) = Tr((A∘B)ᵀC): both sum A_ij B_ij C_ij. Without the transpose on A the identity holds only for symmetric A.",
            "zh": "对同形的 A、B、C，有 Tr(Aᵀ(B∘C)) = Tr((A∘B)ᵀC)：两边都等于 Σ A_ij B_ij C_ij。若去掉 A 上的转置，只有 A 对称时才成立。",
        },
        asked=("identity", "fill-in"),
        symbols="A, B, C: m x n",
        parts=(Part("equal", "scalar", "tr(A^T (B .* C))", malrules=(
            MalRule("dropped-transpose", "tr(A (B .* C))", {
                "en": "The course notes' misprint: without the transpose on A, Tr(A(B∘C)) = Tr((A∘B)ᵀC) needs A square and holds only for symmetric A.",
                "zh": "讲义的笔误：A 上少了转置时，Tr(A(B∘C)) = Tr((A∘B)ᵀC) 要求 A 为方阵，且只在 A 对称时成立。"}),
        )),),
        identities=("tr(A^T (B .* C)) = tr((A .* B)^T C) = sum(A .* B .* C)",),
        core=True,
    ),
    Entry(
        id="trace-linear-gradient",
        topic="traces",
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
        topic="traces",
        title={"en": "Gradient of log det X", "zh": "log det X 的梯度"},
        statement={
            "en": "d log det X = Tr(X⁻¹ dX) = Tr((X⁻ᵀ)ᵀ dX), so ∇_X log det X = X⁻ᵀ (Matrix Cookbook eq. 57).",
            "zh": "d log det X = Tr(X⁻¹ dX) = Tr((X⁻ᵀ)ᵀ dX)，所以 ∇_X log det X = X⁻ᵀ（Matrix Cookbook 式 57）。",
        },
        asked=("gradient",),
        symbols="X: n x n invertible",
        parts=(Part("gradient", "n x n", "X^{-T}", kind="gradient", function="log(det(X))", wrt="X"),),
    ),
)
