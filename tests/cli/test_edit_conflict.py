"""`followup edit` can't lose writes (issue 20, items 4 and 8).

The editor is a real program ($EDITOR, a Python script here); the write made while it is
open is a real second `followup` process, as `mail sync --watch` would be.
"""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from tests.conftest import CASES

EXAMPLE = CASES / "contract_example.json"
ROLE = "Senior Data Analyst"


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "e.db"
    assert run(path, "import", str(EXAMPLE))[0] == 0
    return path


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    script = tmp_path / "editor.py"
    script.write_text("import sys, pathlib, subprocess\np = pathlib.Path(sys.argv[1])\n" + body)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")


def kept_file(err: str) -> Path:
    assert err.count("\n") == 1 and err.startswith("error: "), err
    path = Path(err.rsplit("your text is kept in ", 1)[1].strip())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return path


def role(db: Path) -> str:
    return str(json.loads(run(db, "export", "acme")[1])["opportunity"]["role"])


def test_a_write_made_while_the_editor_is_open_is_not_overwritten(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor(tmp_path, monkeypatch, f"""
p.write_text(p.read_text().replace({ROLE!r}, 'Lead Data Analyst'))
subprocess.run([sys.executable, '-m', 'followup', '--db', {str(db)!r}, 'log', 'acme',
                '--kind', 'reply', '--from', 'dana', '--note', 'logged meanwhile'], check=True)
""")
    code, out, err = run(db, "edit", "acme")
    assert (code, out) == (2, "")
    assert "acme-analyst changed while you were editing it" in err
    assert "nothing was saved" in err
    assert "Lead Data Analyst" in kept_file(err).read_text()  # the user's edit is kept
    touches = json.loads(run(db, "export", "acme")[1])["touches"]
    assert touches[-1]["note"] == "logged meanwhile"  # and the other write is not lost
    assert role(db) == ROLE


def test_an_edit_with_nothing_written_meanwhile_is_saved(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor(tmp_path, monkeypatch,
           f"p.write_text(p.read_text().replace({ROLE!r}, 'Lead Data Analyst'))\n")
    assert run(db, "edit", "acme") == (0, "Updated acme-analyst\n", "")
    assert role(db) == "Lead Data Analyst"


@pytest.mark.parametrize(("body", "says"), [
    ("p.write_bytes(b'{\\xff\\xfe not utf-8')\n", "the edited text is not UTF-8 (byte 1"),
    ("p.write_bytes(p.read_bytes().replace(b'Senior', b'S\\xe9nior'))\n",
     "the edited text is not UTF-8"),
    ("p.unlink()\n", "left no file to read; nothing changed"),
    ("p.unlink(); p.mkdir()\n", "left no file to read; nothing changed"),
    ("p.write_text(p.read_text().replace('Senior', 'Lead')); sys.exit(3)\n", "failed"),
])
def test_an_editor_that_writes_garbage_gets_one_line_and_the_text_is_kept(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, says: str) -> None:
    editor(tmp_path, monkeypatch, body)
    before = db.read_bytes()
    code, out, err = run(db, "edit", "acme")
    assert (code, out) == (2, ""), err
    assert says in err
    assert kept_file(err).stat().st_size > 0
    assert db.read_bytes() == before
