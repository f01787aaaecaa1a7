"""PDF: ``latexmk -xelatex`` in a private build directory; a missing TeX is one line naming the packages."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from checker.language.errors import DlprepError
from question_bank.typeset import cjkfont
from question_bank.typeset.files import write

TEX_PACKAGES = "texlive-xetex texlive-lang-chinese latexmk"


class TeXMissing(DlprepError):
    """xelatex or latexmk is not installed."""


class TeXFailed(DlprepError):
    """The LaTeX did not compile (a bug of ours: the bank's LaTeX should always compile)."""


def require_tex() -> None:
    """Raise TeXMissing (one line naming the Debian packages) unless latexmk and xelatex are installed."""
    for tool in ("latexmk", "xelatex"):
        if shutil.which(tool) is None:
            raise TeXMissing(f"cannot make a PDF: {tool} is not installed (apt-get install {TEX_PACKAGES})")


# fixed dates in the PDF (xdvipdfmx honours SOURCE_DATE_EPOCH), so one source gives one byte string
REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "1700000000", "FORCE_SOURCE_DATE": "1"}


def compile_pdf(tex: str, target: str | Path, *, timeout: float = 120.0, files: Mapping[str, bytes] | None = None) -> Path:
    """Compile LaTeX source ``tex`` to the PDF ``target`` (written atomically); ``files`` are written
    beside the source first (relative path → bytes: included graphics; a source naming
    ``NotoSerifCJKsc-Regular.otf`` gets the SC faces of :mod:`.cjkfont`)."""
    require_tex()
    target = Path(target)
    if cjkfont.MARKER in tex:  # the exam: its Chinese in the SC faces, named as such in the PDF
        files = {**cjkfont.sc_faces(tex), **(files or {})}
    with tempfile.TemporaryDirectory(prefix="dlprep-tex-") as build:
        source = Path(build) / "exam.tex"
        source.write_text(tex, encoding="utf-8")
        for name, data in (files or {}).items():
            (Path(build) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(build) / name).write_bytes(data)
        run = subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "-quiet", "exam.tex"],
                             cwd=build, capture_output=True, text=True, timeout=timeout, env={**os.environ, **REPRODUCIBLE})
        pdf = Path(build) / "exam.pdf"
        if run.returncode != 0 or not pdf.is_file():
            log = (Path(build) / "exam.log")
            lines = log.read_text(errors="replace").splitlines() if log.is_file() else run.stdout.splitlines()
            first = next((line for line in lines if line.startswith("!")), lines[-1] if lines else "no output")
            raise TeXFailed(f"xelatex failed on {target.name}: {first}")
        return write(target, pdf.read_bytes())
