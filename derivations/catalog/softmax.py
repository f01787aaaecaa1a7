"""Softmax output units (CATALOG B; lecture ch. 3)."""

from derivations.catalog.model import Entry, MalRule, Part

ENTRIES = (
    Entry(
        id="softmax-jacobian",
        topic="softmax",
        title={"en": "Jacobian of softmax", "zh": "softmax 的 Jacobian 矩阵"},
        statement={
            "en": "With a = softmax(z) = exp(z)/(1ᵀexp(z)), ∂a/∂z = diag(a) − aaᵀ: entry (i, j) is a_i(δ_ij − a_j).",
            "zh": "设 a = softmax(z) = exp(z)/(1ᵀexp(z))，则 ∂a/∂z = diag(a) − aaᵀ，其 (i, j) 元为 a_i(δ_ij − a_j)。",
        },
        asked=("jacobian", "proof"),
        symbols="z: K",
        parts=(
            Part("jacobian", "K x K", "diag(a) - a a^T", kind="jacobian", where="a = softmax(z)", function="softmax(z)", wrt="z", malrules=(
                MalRule("missing-term", "diag(a)", {
                    "en": "The −aaᵀ term is missing: the denominator 1ᵀexp(z) also depends on z, and differentiating it gives −aaᵀ.",
                    "zh": "少了 −aaᵀ 项：分母 1ᵀexp(z) 也依赖于 z，对它求导得到 −aaᵀ。"}),
            )),
        ),
        core=True,
    ),
)
