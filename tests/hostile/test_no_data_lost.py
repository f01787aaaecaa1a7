"""No data lost (issue 22 §6): --out never replaces an input, output files keep ordinary modes,
JSON lines split on \\n only, exported formats stay valid for any title, Ctrl-C leaves no partial file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dlprep.cli import cli
from question_bank.export.moodle import cdata, x
from question_bank.typeset.latex import escape

REQUEST = '{"identity": "tr(A B) = tr(B A)", "shapes": "A: m x n, B: n x m"}'


def test_out_that_is_the_input_is_refused(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(REQUEST + "\n")
    result = CliRunner().invoke(cli, ["check", "--batch", str(batch), "--out", str(batch)])
    assert result.exit_code == 2 and "is also an input" in result.stderr and batch.read_text() == REQUEST + "\n"
    link = tmp_path / "link.jsonl"
    link.symlink_to(batch)
    result = CliRunner().invoke(cli, ["check", "--batch", str(batch), "--out", str(link)])
    assert result.exit_code == 2 and batch.read_text() == REQUEST + "\n"


def test_out_files_have_ordinary_modes(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(REQUEST + "\n")
    old = os.umask(0o022)
    try:
        result = CliRunner().invoke(cli, ["check", "--batch", str(batch), "--out", str(tmp_path / "out.jsonl")])
    finally:
        os.umask(old)
    assert result.exit_code == 0 and (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x1c", "\x0b"])
def test_json_lines_split_on_newlines_only(tmp_path: Path, separator: str) -> None:
    """U+2028 and friends are legal inside a JSON string; str.splitlines() split there (5 results for 3)."""
    odd = REQUEST.replace('"tr(A B) = tr(B A)"', f'"tr(A B) = tr(B A)", "note": "a{separator}b"')
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join([REQUEST, odd, REQUEST]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--batch", str(batch)])
    rows = [json.loads(line) for line in result.stdout.split("\n") if line]
    assert [r["line"] for r in rows] == [1, 2, 3]


@pytest.mark.parametrize("title", ["bell\x07", "nul\x00", "two\nlines", "esc\x1b[31m", "sep\u2028"])
def test_a_title_with_control_characters_is_refused_in_one_line(tmp_path: Path, title: str) -> None:
    result = CliRunner().invoke(cli, ["exam", "--questions", "1", "--title", title, "--format", "moodle",
                                      "--out", str(tmp_path / "exam")])
    assert result.exit_code == 2 and "control character" in result.stderr and not (tmp_path / "exam").exists()
    spec = tmp_path / "spec.toml"
    spec.write_text(f"title = {json.dumps(title)}\n[[questions]]\ncount = 1\n")
    result = CliRunner().invoke(cli, ["exam", "--spec", str(spec), "--out", str(tmp_path / "exam")])
    assert result.exit_code == 2 and "control character" in result.stderr


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_moodle_text_is_valid_xml_for_any_text(text: str) -> None:
    ET.fromstring(f'<q a="{x(text)}">{x(text)}{cdata(text)}</q>')


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x3000)))
def test_latex_prose_has_no_control_characters(text: str) -> None:
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in escape(text))


def test_ctrl_c_exits_130_and_leaves_no_partial_file(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text((REQUEST + "\n") * 3000)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "dlprep", "check", "--batch", str(batch), "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        end = time.monotonic() + 60
        while not list(tmp_path.glob(".out.jsonl.*")) and time.monotonic() < end:
            time.sleep(0.05)
        time.sleep(0.5)
        assert process.poll() is None, "the batch ended before Ctrl-C"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    finally:
        process.kill()
        process.communicate()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
