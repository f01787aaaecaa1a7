"""The Simplified Chinese faces of Noto Serif CJK as fonts of their own, for the exam PDF.

Debian ships Noto Serif CJK as one collection (``NotoSerifCJK-Regular.ttc``) whose faces (JP, KR, SC,
TC, HK) share one CFF table named ``NotoSerifCJKjp-Regular``. Selecting the SC face gives the right
(Simplified Chinese) glyphs, but the PDF then names the font ``…CJKjp…``. So the exam's PDF build cuts
the SC face down to the characters of the document (fontTools' subsetter, ~1 s a face) and names it
``NotoSerifCJKsc-Regular`` / ``-Bold``: the PDF says what it contains. The template uses these files
when they sit beside the source and falls back to the collection by family name otherwise (a ``.tex``
compiled by hand).
"""

from __future__ import annotations

import io
import shutil
import subprocess

FAMILY = "Noto Serif CJK SC"
FACES = {"NotoSerifCJKsc-Regular": "Regular", "NotoSerifCJKsc-Bold": "Bold"}  # file stem → fontconfig style
MARKER = "NotoSerifCJKsc-Regular.otf"  # a template that names this file asks for the faces


def _locate(style: str) -> tuple[str, int] | None:
    """The file and face index fontconfig gives for the SC family in ``style``, if it is installed."""
    if shutil.which("fc-match") is None:
        return None
    out = subprocess.run(["fc-match", "-f", "%{family}|%{file}|%{index}", f"{FAMILY}:style={style}"],
                         capture_output=True, text=True, timeout=30).stdout
    family, _, rest = out.partition("|")
    path, _, index = rest.partition("|")
    return (path, int(index or 0)) if FAMILY in family.split(",") and path else None


def sc_faces(text: str) -> dict[str, bytes]:
    """``{"NotoSerifCJKsc-Regular.otf": bytes, "NotoSerifCJKsc-Bold.otf": bytes}``: the SC faces cut down to
    ASCII and the other characters of ``text`` and named as SC; ``{}`` when ``text`` has no Chinese or the
    font is missing."""
    if not any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in text):
        return {}  # no Chinese on this paper: no CJK font in its PDF
    from fontTools import subset  # a dependency (pyproject)
    from fontTools.ttLib import TTCollection, TTFont

    chars = "".join(sorted({c for c in text if ord(c) > 0x7F} | {chr(c) for c in range(0x20, 0x7F)}))  # ASCII: xeCJK's spaces
    out: dict[str, bytes] = {}
    for stem, style in FACES.items():
        found = _locate(style)
        if found is None:
            return {}
        path, index = found
        font = TTCollection(path, lazy=True).fonts[index] if path.endswith((".ttc", ".otc")) else TTFont(path, lazy=True)
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        sub = subset.Subsetter(options)
        sub.populate(text=chars)
        sub.subset(font)
        if "CFF " in font:
            font["CFF "].cff.fontNames = [stem]
        for record in font["name"].names:
            if record.nameID == 6:  # the PostScript name
                record.string = stem
        buffer = io.BytesIO()
        font.save(buffer)
        out[f"{stem}.otf"] = buffer.getvalue()
    return out
