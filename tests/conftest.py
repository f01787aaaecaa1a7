"""Shared test helpers.

``need(tool)``: the system tools the output tests drive (xelatex, pdfinfo, pdftoppm, chromium) are
installed by `.ci/run` with apt-get. A missing one fails the test, with the packages to install; it
never skips, so CI cannot pass without really compiling and opening the outputs.
"""

from __future__ import annotations

import shutil

import pytest

# Student files and other test data are read by the tests, never imported as tests (--doctest-modules
# would import, and so run, a hostile student file).
collect_ignore = ["data"]

PACKAGES = {
    "xelatex": "texlive-xetex texlive-lang-chinese",
    "latexmk": "latexmk",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "chromium": "chromium",
    "chromedriver": "chromium-driver",
    "bwrap": "bubblewrap",
}


def need(tool: str) -> str:
    """The path of ``tool``, or a failing test naming the Debian packages that provide it."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed: apt-get install {PACKAGES.get(tool, tool)} (see .ci/run)", pytrace=False)
    return path


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # as root, headless, and no connection leaves the machine


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Debian's chromium driven by Playwright (never a downloaded browser), one per test module."""
    from playwright.sync_api import sync_playwright

    path = need("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()
