"""Limits everywhere (issue 20, items 6 and 8): each reproduction on the real CLI.

The bar: exit 2, one line on stderr naming what is wrong, nothing written (every row of
every table compared), never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from followup.cli import app
from tests.conftest import CASES, table_dump

EXAMPLE: dict[str, Any] = json.loads((CASES / "contract_example.json").read_text())


def invoke(db: str, *args: str, env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(app, ["--db", db, *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    (tmp_path / "seed.json").write_text(json.dumps(EXAMPLE))
    assert invoke(url, "import", str(tmp_path / "seed.json")).exit_code == 0
    return url


def refused(db: str, *args: str, says: str, env: dict[str, str] | None = None) -> None:
    before = table_dump(db)
    result = invoke(db, *args, env=env)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), \
        result.stderr
    assert says in result.stderr, result.stderr
    assert table_dump(db) == before


# -- one-line fields: C1 controls, bidi overrides, zero-width characters -------------------

@pytest.mark.parametrize(("char", "what"), [
    ("\u009b", "C1 CSI"), ("\u0085", "C1 next line"), ("\u202e", "right-to-left override"),
    ("\u2066", "left-to-right isolate"), ("\u200b", "zero-width space"),
    ("\u200f", "right-to-left mark"), ("\ufeff", "zero-width no-break space"),
    ("\u2060", "word joiner"), ("\u00ad", "soft hyphen"),
])
def test_one_line_fields_refuse_invisible_and_reordering_characters(db: str, char: str,
                                                                    what: str) -> None:
    code = f"U+{ord(char):04X}"
    refused(db, "add", "person", "acme", "--name", f"Dana{char}Evil", says=code)
    refused(db, "edit", "acme", "--company", f"Acme{char}", says=code)
    refused(db, "add", "opportunity", "--company", f"Bad{char}Co", "--role", "X", says=code)


def test_joiners_that_names_need_are_kept(db: str) -> None:
    """ZWNJ/ZWJ are part of Persian and Indic spelling: refusing them would refuse names."""
    name = "Mehr\u200cnoosh"  # Persian name written with a zero-width non-joiner
    result = invoke(db, "add", "person", "acme", "--name", name)
    assert result.exit_code == 0, result.stderr
    people = json.loads(invoke(db, "export", "acme").stdout)["people"]
    assert name in [p["name"] for p in people]


def test_a_case_file_with_a_bidi_override_is_refused(db: str, tmp_path: Path) -> None:
    data = json.loads(json.dumps(EXAMPLE))
    data["opportunity"]["id"] = "other"
    data["people"][0]["name"] = "Dana\u202eFDP.exe"
    (tmp_path / "c.json").write_text(json.dumps(data))
    refused(db, "import", str(tmp_path / "c.json"),
            says="people[0].name: contains a control character (U+202E)")


# -- free text: line ends -------------------------------------------------------------------

@pytest.mark.parametrize("note", ["one\rtwo\rthree", "one\r\ntwo\r\nthree", "one\ntwo\rthree"])
def test_notes_are_stored_with_one_kind_of_line_end(db: str, note: str) -> None:
    assert invoke(db, "log", "acme", "--kind", "other", "--to", "dana",
                  "--note", note).exit_code == 0
    touches = json.loads(invoke(db, "export", "acme").stdout)["touches"]
    assert touches[-1]["note"] == "one\ntwo\nthree"


def test_a_case_file_note_with_a_bare_cr_is_stored_with_lf(db: str, tmp_path: Path) -> None:
    data = json.loads(json.dumps(EXAMPLE))
    data["opportunity"]["id"] = "cr"
    data["touches"][0]["note"] = "line one\rline two"
    (tmp_path / "c.json").write_text(json.dumps(data))
    assert invoke(db, "import", str(tmp_path / "c.json")).exit_code == 0
    out = json.loads(invoke(db, "export", "cr").stdout)
    assert out["touches"][0]["note"] == "line one\nline two"


# -- snoozes in a bundle ----------------------------------------------------------------------

def test_a_snooze_naming_an_unknown_kind_is_refused_on_import(db: str, tmp_path: Path) -> None:
    data = json.loads(json.dumps(EXAMPLE))
    data["opportunity"]["id"] = "napping"
    bundle = {"version": 1, "cases": [data],
              "snoozes": [{"opportunity": "napping", "kind": "siesta", "until": "2026-03-20"}]}
    (tmp_path / "b.json").write_text(json.dumps(bundle))
    refused(db, "import", str(tmp_path / "b.json"), says='snoozes[0].kind: not an action kind: '
            '"siesta"')


# -- numbers in settings and in the environment ------------------------------------------

@pytest.mark.parametrize(("value", "says"), [
    ("²", 'smtp.port: must be a whole number, not "²"'),
    ("٣", "smtp.port: must be a whole number"),  # an Arabic-Indic digit: isdigit() says yes
    ("9" * 5000, "smtp.port: must be a whole number of at most 20 digits"),
    ("70000", "smtp.port: must be from 1 to 65535, not 70000"),
    ("0", "smtp.port: must be from 1 to 65535, not 0"),
])
def test_config_set_refuses_odd_numbers(db: str, value: str, says: str) -> None:
    refused(db, "config", "set", "smtp.port", value, says=says)


@pytest.mark.parametrize(("variable", "value"), [
    ("FOLLOWUP_SMTP__PORT", "²"), ("FOLLOWUP_IMAP__PORT", "9" * 5000),
    ("FOLLOWUP_POLICY__STANDARD__WEEKLY_CAP_DAYS", "²"),
    ("FOLLOWUP_POLICY__STANDARD__WEEKLY_CAP_DAYS", "9" * 5000),
])
def test_a_bad_environment_value_is_one_line_naming_the_variable(db: str, variable: str,
                                                                 value: str) -> None:
    result = invoke(db, "config", "show", env={variable: value})
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"error: env {variable}: ")
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 300


# -- far dates and zone names -----------------------------------------------------------

@pytest.mark.parametrize(("args", "says"), [
    (("add", "interview", "acme", "--at", "9999-12-31 10:00"), "9999-12-31 is outside"),
    (("add", "interview", "acme", "--at", "2026-03-20 10:00", "--promised", "9999-12-31"),
     "--promised: '9999-12-31' is more than a year after the interview"),
    (("log", "acme", "--kind", "thank_you", "--at", "9999-12-31T10:00"),
     "9999-12-31 is outside"),
    (("edit", "acme", "--applied-on", "9999-12-31"), "9999-12-31 is outside"),
    (("profile", "--timezone", "America"), '"America" is not a time zone name'),
    (("profile", "--timezone", "America/"), "is not a time zone name"),
    (("profile", "--timezone", "../../etc/passwd"), "is not a time zone name"),
])
def test_far_dates_and_odd_zones_are_refused(db: str, args: tuple[str, ...], says: str) -> None:
    refused(db, *args, says=says)
