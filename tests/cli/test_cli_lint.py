"""`followup lint` and `followup draft` through the real Typer app (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app

CASES = Path(__file__).parents[1] / "cases"
EXAMPLE = str(CASES / "contract_example.json")
GOOD = (Path(__file__).parents[1] / "core" / "lint" / "good"
        / "01_fin_thank_you_dana.txt").read_text()
CALL_BACK = "Subject: Hi\n\nDear Dana,\n\nThank you for your time. Could you give me a call back?\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_clean_note_exits_0_with_no_output(runner: CliRunner, tmp_path: Path) -> None:
    note = write(tmp_path, "good.txt", GOOD)
    r = runner.invoke(app, ["lint", note, "--case", EXAMPLE, "--to", "dana"])
    assert (r.exit_code, r.output) == (0, "")


def test_text_format_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    note = write(tmp_path, "n.txt", CALL_BACK)
    r = runner.invoke(app, ["lint", note, "--person", "Dana Whitfield",
                            "--company", "Acme Analytics"])
    assert r.exit_code == 1
    assert r.output.splitlines() == [
        f"{note}:1:1: warning content.interest Doesn't restate your interest in this role.",
        f"{note}:1:1: warning content.specifics Mentions nothing specific from the interview "
        "(only phrases any thank-you could hold).",
        f"{note}:1:1: warning length.one-liner 12 words; a note under 25 words reads as a "
        "one-liner.",
        f"{note}:1:1: info content.next-step Doesn't say when you'll follow up.",
        f"{note}:5:36: error tone.call-me-back Asks them to call back: \"give me a call\".",
    ]


def test_json_shape(runner: CliRunner, tmp_path: Path) -> None:
    note = write(tmp_path, "n.txt", CALL_BACK)
    r = runner.invoke(app, ["lint", note, "--format", "json", "--disable", "content.interest",
                            "--disable", "content.next-step", "--disable", "content.specifics"])
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data == {"files": [{"path": note, "words": 12, "findings": [
        {"rule": "length.one-liner", "severity": "warning", "line": 1, "column": 1,
         "excerpt": "", "message": "12 words; a note under 25 words reads as a one-liner.",
         "suggestion": "Say where things stand, why you're writing, and restate your interest."},
        {"rule": "tone.call-me-back", "severity": "error", "line": 5, "column": 36,
         "excerpt": "give me a call", "message": "Asks them to call back: \"give me a call\".",
         "suggestion": "Say when you'll follow up, and add \"You can reach me at <number>\"."},
    ]}]}


def test_warnings_alone_exit_0(runner: CliRunner, tmp_path: Path) -> None:
    note = write(tmp_path, "n.txt", "Subject: Hi\n\nDear Dana,\n\nYour team was great.\n")
    r = runner.invoke(app, ["lint", note, "--format", "json"])
    assert r.exit_code == 0
    assert {f["severity"] for f in json.loads(r.output)["files"][0]["findings"]} == {
        "warning", "info"}


def test_stdin(runner: CliRunner) -> None:
    r = runner.invoke(app, ["lint", "-", "--format", "json"], input=CALL_BACK)
    assert r.exit_code == 1
    assert json.loads(r.output)["files"][0]["path"] == "-"


def test_kind_changes_the_rules(runner: CliRunner, tmp_path: Path) -> None:
    note = write(tmp_path, "n.txt", "Subject: Hi\n\nDear Dana,\n\nYour team was great.\n")
    r = runner.invoke(app, ["lint", note, "--kind", "final", "--format", "json"])
    rules = {f["rule"] for f in json.loads(r.output)["files"][0]["findings"]}
    assert "content.other-options" in rules and "content.thanks" not in rules


def test_inline_suppression(runner: CliRunner, tmp_path: Path) -> None:
    text = "<!-- followup: disable=tone.call-me-back -->\n" + CALL_BACK
    note = write(tmp_path, "n.txt", text)
    r = runner.invoke(app, ["lint", note])
    assert r.exit_code == 0
    assert "tone.call-me-back" not in r.output
    assert f"{note}:6:1" not in r.output  # line numbers stay the file's own


def test_several_files_are_checked_for_copy_paste(runner: CliRunner, tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", GOOD)
    b = write(tmp_path, "b.txt", GOOD.replace("Dear Dana,", "Dear Priya,"))
    r = runner.invoke(app, ["lint", a, b, "--case", EXAMPLE, "--format", "json"])
    files = json.loads(r.output)["files"]
    assert [f["path"] for f in files] == [a, b]
    for f in files:
        assert [x["rule"] for x in f["findings"] if x["severity"] != "info"] == [
            "personal.copy-paste"]
    assert r.exit_code == 0


def test_listing_file(runner: CliRunner, tmp_path: Path) -> None:
    note = write(tmp_path, "n.txt", GOOD)
    listing = write(tmp_path, "listing.txt", "Reconciliation. Reconciliation and ledgers. "
                    "Ledgers and accruals.")
    r = runner.invoke(app, ["lint", note, "--listing", listing])
    assert "info content.mirror" in r.output


def test_explain(runner: CliRunner) -> None:
    r = runner.invoke(app, ["lint", "--explain", "tone.call-me-back"])
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0] == "tone.call-me-back (error, source: GD)"
    assert "  flags: Please return my call." in lines
    assert "  passes: You can reach me at 555-0100." in lines


@pytest.mark.parametrize(("args", "message"), [
    (["lint", "--explain", "tone.nope"], "error: unknown rule 'tone.nope'"),
    (["lint", "x.txt", "--disable", "nope"], "error: unknown rule 'nope'"),
    (["lint", "/no/such/file.txt"], "error: /no/such/file.txt: cannot read"),
    (["lint", "-", "--kind", "fax"], "error: unknown kind 'fax'"),
    (["lint", "-", "--format", "xml"], "error: unknown format 'xml'"),
    (["lint", "-", "--to", "dana"], "error: --to needs an opportunity ID or --case"),
    (["lint", "-", "--case", EXAMPLE, "--to", "zoe"], "error: unknown person 'zoe'"),
    (["lint"], "error: no FILE given"),
])
def test_bad_usage_exits_2_with_one_line(runner: CliRunner, args: list[str],
                                         message: str) -> None:
    r = runner.invoke(app, args, input="")
    assert r.exit_code == 2
    assert len(r.output.splitlines()) == 1
    assert r.output.startswith(message)


def test_bad_case_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    case = write(tmp_path, "case.json", '{"version": 1, "opportunity": {"id": "x"}}')
    r = runner.invoke(app, ["lint", "-", "--case", case], input="Hi\n")
    assert r.exit_code == 2
    assert r.output == f"error: {case}: opportunity.company: missing\n"


def test_draft_prints_a_clean_draft(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(app, ["draft", "--case", EXAMPLE, "--kind", "check_in", "--to", "dana",
                            "--today", "2026-03-23"])
    assert r.exit_code == 0
    assert r.output.startswith("Subject: Checking in: Senior Data Analyst role at Acme "
                               "Analytics\n\nDear Dana Whitfield,\n")
    note = write(tmp_path, "draft.txt", r.output)
    lint = runner.invoke(app, ["lint", note, "--kind", "check_in", "--case", EXAMPLE,
                               "--to", "dana", "--format", "json"])
    findings = json.loads(lint.output)["files"][0]["findings"]
    assert [f for f in findings if f["severity"] != "info"] == []


def test_draft_out_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "letter.txt"
    r = runner.invoke(app, ["draft", "--case", EXAMPLE, "--kind", "letter", "--to", "dana",
                            "--today", "2026-03-03", "--out", str(out)])
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", f"Wrote {out}\n")
    assert out.read_text().startswith("3 March 2026\n\nDear Dana Whitfield,\n")


@pytest.mark.parametrize(("args", "message"), [
    (["--to", "zoe", "--kind", "thank_you"], "error: --to: 'zoe' matches nobody in acme-analyst"),
    (["--to", "dana", "--kind", "fax"], "error: unknown kind 'fax'"),
    (["--to", "dana", "--kind", "final", "--today", "03/03/2026"], "error: --today: not a date"),
])
def test_draft_bad_usage(runner: CliRunner, args: list[str], message: str) -> None:
    r = runner.invoke(app, ["draft", "--case", EXAMPLE, *args])
    assert r.exit_code == 2
    assert r.output.startswith(message) and len(r.output.splitlines()) == 1
