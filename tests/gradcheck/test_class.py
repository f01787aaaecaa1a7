"""`dlprep gradcheck FOLDER` grades a class (issue 22 §3): one result per file (JSON lines or CSV),
a summary, never stopping on a bad file. Before, a second file was a usage error."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from dlprep.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "gradcheck"
NET = ["--net", "mlp:4-5-3:sigmoid:mse", "--points", "2", "--timeout", "20"]


def _class(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "ana.py").write_text((DATA / "right.py").read_text())
    (folder / "ben.py").write_text((DATA / "frozen_loss.py").read_text())
    (folder / "cao.py").write_text("def loss_and_grads(params, x, y):\n    return (\n")  # a syntax error
    (folder / "dai.py").write_text("import os\nos._exit(0)\n")  # dies without an answer
    (folder / "notes.txt").write_text("not a submission")
    return folder


def test_a_folder_gives_one_json_line_per_file_and_a_summary(tmp_path: Path) -> None:
    folder = _class(tmp_path)
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(cli, ["gradcheck", str(folder), *NET, "--out", str(out)])
    rows = [json.loads(line) for line in out.read_text().split("\n") if line]
    assert [Path(r["file"]).name for r in rows] == ["ana.py", "ben.py", "cao.py", "dai.py"]
    assert [r["status"] for r in rows] == ["right", "wrong", "unusable", "unusable"]
    assert "syntax error on line 2" in rows[2]["error"] and "exited with code 0" in rows[3]["error"]
    assert rows[1]["verdicts"] == {"W1": "fail", "b1": "fail", "W2": "fail", "b2": "fail"}
    assert result.exit_code == 1 and result.stderr.strip() == "4 files: 1 right, 1 wrong, 2 unusable"
    assert out.stat().st_mode & 0o777 == 0o644 or out.stat().st_mode & 0o077 != 0  # an ordinary file, not 0600


def test_csv_and_several_files(tmp_path: Path) -> None:
    folder = _class(tmp_path)
    result = CliRunner().invoke(cli, ["gradcheck", str(folder / "ana.py"), str(folder / "missing.py"), *NET,
                                      "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["status"] for r in rows] == ["right", "unusable"] and "no such file" in rows[1]["error"]
    assert rows[0]["verdicts"] == "W1=pass b1=pass W2=pass b2=pass" and result.exit_code == 1


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    folder = _class(tmp_path)
    before = (folder / "ana.py").read_text()
    result = CliRunner().invoke(cli, ["gradcheck", str(folder), *NET, "--out", str(folder / "ana.py")])
    assert result.exit_code == 2 and "is also an input" in result.stderr
    assert (folder / "ana.py").read_text() == before
