"""Shared test helpers.

``need(tool)``: the system tools the output tests drive (xelatex, pdfinfo, pdftoppm, chromium) are
installed by `.ci/run` with apt-get. A missing one fails the test, with the packages to install; it
never skips, so CI cannot pass without really compiling and opening the outputs.
"""

from __future__ import annotations

import shutil

import pytest

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


@pytest.fixture
def chromium_path() -> str:
    return need("chromium")
