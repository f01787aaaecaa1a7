"""The sheet as built once per session through `dlprep cheatsheet --json` (both languages, every format):
every formula verified and from a catalog id; and as a person gets it: the PDF is at most two A4
pages in each language and dense enough to be worth printing (rendered to PNG and read back as
text), the HTML in headless Chromium shows the
plots and typeset math and prints to at most two pages, and one set of options gives one set of bytes
(issue #14). Real tools, never skipped: xelatex, poppler, Debian's chromium."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import need
from derivations import catalog
from question_bank.cheatsheet.content import KEYS

CATALOG = Path(__file__).resolve().parents[1] / "data" / "CATALOG.md"
CATALOG_IDS = set(re.findall(r"^\| `([a-z0-9-]+)`", CATALOG.read_text(encoding="utf-8"), re.M))
LANGS = ("en", "zh")
WORDS_PER_PAGE = 300  # the floor: a printed sheet page holds 450–1000 words or CJK characters
INK = 0.04  # at least 4% of a page's pixels are not white


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:  # type: ignore[type-arg]
    from dlprep.cli import cli

    need("xelatex")
    out = tmp_path_factory.mktemp("cheatsheet") / "out"
    result = CliRunner().invoke(cli, ["cheatsheet", "--json", "--lang", "both", "--format", "pdf,tex,html,md", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), out


def test_every_formula_in_json_is_verified_and_from_a_catalog_id(built) -> None:  # type: ignore[no-untyped-def]
    data, _ = built
    formulas = [f for s in data["sections"] for f in s["formulas"]]
    assert data["all_verified"] and data["count"] == len(formulas) >= 70
    for f in formulas:
        assert f["verified"] is True, f["key"]
        assert f["source"] in CATALOG_IDS, f["key"]
        assert f["method"] and f["latex"], f["key"]
    assert [s["key"] for s in data["sections"]] == list(KEYS)


def test_the_issue_groups_are_on_the_sheet(built) -> None:  # type: ignore[no-untyped-def]
    """Conventions … slips, as the issue lists them, each from its catalog entry."""
    data, _ = built
    sources = {f["source"] for s in data["sections"] for f in s["formulas"]}
    wanted = {"trace-cyclic", "trace-hadamard", "least-squares-gradient", "quadratic-form-gradient", "trace-linear-gradient",
              "logdet-gradient", "l2-penalty-gradient", "sigmoid-derivative", "tanh-derivative", "relu-derivative",
              "leaky-relu-derivative", "elu-derivative", "softmax-jacobian", "softmax-cross-entropy-gradient", "sparsemax-kkt",
              "sparsemax-jacobian", "mlp-backprop", "conv-residual", "pooling-residual", "conv-output-size", "rnn-bptt",
              "lstm-parameter-count", "batchnorm-backward", "dropout-scaling", "glorot-init", "minibatch-gradient-variance"}
    assert wanted <= sources
    latex = " ".join(f["latex"] for s in data["sections"] for f in s["formulas"])
    for piece in (r"\gamma^{t-k}", r"4 h (d + h + 1)", r"X^{-\top}", r"\operatorname{rot180}", r"\delta^{(l)} {a^{(l-1)}}^{\top}"):
        assert piece in latex


def test_every_catalog_malrule_is_a_slip_and_the_misprint_has_a_counterexample(built) -> None:  # type: ignore[no-untyped-def]
    data, _ = built
    slips = next(s for s in data["sections"] if s["key"] == "slips")["formulas"]
    expected = {f"{e.id}/{p.name}/{r.code}" for e in catalog.all_entries() for p in e.parts for r in p.malrules}
    assert {f["key"] for f in slips} == expected
    assert {"trace-hadamard/equal/dropped-transpose", "mlp-backprop/grad-W/missing-transpose",
            "quadratic-form-gradient/gradient/symmetric-only", "least-squares-gradient/gradient/jacobian-for-gradient"} <= expected
    hadamard = next(f for f in slips if f["source"] == "trace-hadamard")
    sides = re.findall(r"= (-?\d+)", hadamard["counterexample"].split(":")[-1])
    assert len(sides) == 2 and sides[0] != sides[1]
    assert "symmetric" in hadamard["detail"]


def _pages(pdf: Path) -> int:
    info = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _words(pdf: Path, page: int) -> int:
    text = subprocess.run([need("pdftotext"), "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return len(re.findall(r"[\u4e00-\u9fff]|[A-Za-z0-9]+", text))  # a CJK character counts as a word


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_is_at_most_two_a4_pages(built, lang: str) -> None:  # type: ignore[no-untyped-def]
    need("xelatex")
    _, out = built
    pdf = out / f"cheatsheet.{lang}.pdf"
    assert 1 <= _pages(pdf) <= 2
    info = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info), info


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_dense_text_and_renders_to_png(built, lang: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from matplotlib import image

    _, out = built
    pdf = out / f"cheatsheet.{lang}.pdf"
    for page in range(1, _pages(pdf) + 1):
        stem = tmp_path / f"{lang}-{page}"
        subprocess.run([need("pdftoppm"), "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)], check=True)
        pixels = image.imread(str(stem) + ".png")[..., :3]
        ink = float((pixels.mean(axis=2) < 0.85).mean())
        assert ink > INK, f"page {page}: {ink:.1%} ink"
        assert _words(pdf, page) > WORDS_PER_PAGE, f"page {page} has too little text"
    if lang == "zh":
        assert _words(pdf, 1) > 200 and "反向传播" in subprocess.run([need("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout


def test_pdf_has_vector_plots_and_no_overfull_boxes(built) -> None:  # type: ignore[no-untyped-def]
    _, out = built
    for name in ("sigmoid", "tanh", "relu", "leaky-relu", "elu"):
        data = (out / "plots" / f"{name}.pdf").read_bytes()
        assert data.startswith(b"%PDF") and b"/Subtype /Image" not in data and len(data) < 20_000
    tex = (out / "cheatsheet.en.tex").read_text(encoding="utf-8")
    assert r"\begin{multicols}{3}" in tex and "a4paper" in tex


@pytest.mark.parametrize("lang", LANGS)
def test_html_in_chromium_shows_plots_and_typeset_math(built, lang: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, out = built
    count = data["count"]
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((out / f"cheatsheet.{lang}.html").as_uri())
    plots = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth, e.getBoundingClientRect().width])")
    maths = page.eval_on_selector_all("main math", "els => els.filter(e => e.getBoundingClientRect().height > 4).length")
    fallback = page.eval_on_selector_all("code.tex", "els => els.length")
    text = page.inner_text("body")
    formulas = page.eval_on_selector_all("[data-key]", "els => els.length")
    columns = page.eval_on_selector("main", "e => getComputedStyle(e).columnCount")
    page.emulate_media(media="print")
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed), format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    assert len(plots) == 5 and all(done and natural > 0 and shown > 50 for done, natural, shown in plots)
    assert maths >= count and fallback == 0 and formulas >= count
    assert "$" not in text and "\\" not in text  # no raw TeX: no dollar, no backslash command
    assert columns == "3"
    assert all(url.startswith(("file:", "data:")) for url in requests)  # offline: no CDN
    assert _pages(printed) <= 2


def test_same_options_give_the_same_bytes(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A second build (English, every format) is byte-identical to the session's, PDF included."""
    from question_bank.cheatsheet import make

    _, out = built
    made = make("en", ["pdf", "tex", "html", "md"], out=tmp_path / "again")
    assert made.files
    for path in made.files:
        assert path.read_bytes() == (out / path.relative_to(tmp_path / "again")).read_bytes(), path.name


# Issue 20 §6: the essentials a student would fight for, each on the sheet by key and verified.
ESSENTIALS = {
    "least-squares-gradient/d(X Y)": "d(XY) = dX·Y + X·dY, X and Y both moving",
    "least-squares-gradient/d(X^T)": "d(Xᵀ) = (dX)ᵀ",
    "trace-hadamard/d(X .* Y)": "d(X∘Y) = dX∘Y + X∘dY, both terms",
    "sparse-autoencoder-penalty/kl": "the KL(ρ‖ρ̂) definition",
    "sparsemax-kkt/support": "the sparsemax support rule",
    "lstm-parameter-count/gate-i": "the LSTM input gate", "lstm-parameter-count/gate-f": "forget gate",
    "lstm-parameter-count/gate-o": "output gate", "lstm-parameter-count/candidate": "candidate cell",
    "lstm-parameter-count/cell": "cell update", "lstm-parameter-count/hidden": "hidden state",
    "scaled-dot-product/weights": "attention weights", "scaled-dot-product/output": "attention output",
    "tied-autoencoder-gradient/objective": "the autoencoder objective",
    "rbm-gradient/cd1-W": "CD-1 for W", "rbm-gradient/cd1-a": "CD-1 for a", "rbm-gradient/cd1-b": "CD-1 for b",
    "softmax-cross-entropy-gradient/linear-gaussian": "linear output ↔ Gaussian ↔ squared error",
    "logistic-regression-gradient/sigmoid-bernoulli": "sigmoid ↔ Bernoulli ↔ cross-entropy",
    "softmax-cross-entropy-gradient/softmax-categorical": "softmax ↔ categorical ↔ −log a_y",
    "conv-residual/course-form": "the notes' ω̃ * δ / conv2(rot90(w,2), r2, 'full') form",
}


def test_the_essentials_are_on_the_sheet_and_verified(built) -> None:  # type: ignore[no-untyped-def]
    data, _ = built
    formulas = {f["key"]: f for s in data["sections"] for f in s["formulas"]}
    missing = [f"{key} ({what})" for key, what in ESSENTIALS.items() if key not in formulas]
    assert not missing, missing
    assert all(formulas[key]["verified"] for key in ESSENTIALS)
    product = formulas["trace-hadamard/d(X .* Y)"]["latex"]
    assert product.count(r"\circ") == 3, product  # X∘Y = dX∘Y + X∘dY: the X∘dY term is there


def test_a_product_rule_missing_a_term_fails_its_check() -> None:
    """d(X∘Y) = dX∘Y holds only with Y held still: checked with both moving, it is refused."""
    from question_bank.cheatsheet.kinds import Differential

    assert not Differential("trace-hadamard", "X .* Y", "X, Y", "dX .* Y", "X: m x n, Y: m x n").check().ok
    assert Differential("trace-hadamard", "X .* Y", "X, Y", "dX .* Y + X .* dY", "X: m x n, Y: m x n").check().ok


def test_labels_and_slips_have_no_raw_tex_or_code(built) -> None:  # type: ignore[no-untyped-def]
    """Formulas in labels and the slips box are typeset: no `conv2(a_l`, `W ~ U(`, `_{` left as text."""
    _, out = built
    for lang in ("zh", "en"):
        text = subprocess.run(["pdftotext", "-layout", str(out / f"cheatsheet.{lang}.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        for raw in ("conv2(a_l", "z_{l+1}", "W ~ U(", "fan_in", "(inverted)", "Jacobian 为", "\\"):
            assert raw not in text, (lang, raw)


def test_plots_are_legible_at_print_size() -> None:
    """Tick labels at least 6 pt once the plot is placed at its printed width (0.40 of a column)."""
    from question_bank.cheatsheet import plots

    column_in = (210 - 12 - 2 * 3.2) / 3 / 25.4
    assert plots.FONT_PT * (0.40 * column_in) / plots.SIZE_INCHES[0] >= 6.0
