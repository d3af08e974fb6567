"""What the linter knows in every lint path: a recorded opportunity (`followup lint ID
FILE`), the signer's name from the profile (with and without `--case`), and the same context
in the web app's compose box. Real SQLite files under the test's FOLLOWUP_HOME."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from followup.cli import app
from followup.core.model import Candidate
from followup.service import open_store
from tests.web_helpers import make_client, token

CASES = Path(__file__).parents[2] / "cases"
EXAMPLE = str(CASES / "contract_example.json")
GOOD = (Path(__file__).parent / "good" / "01_fin_thank_you_dana.txt").read_text()
# A note whose signer's surname is one letter from the interviewer's (RULEBOOK names.spelling)
RIVERA = ("Subject: Thank you\n\nDear Dana,\n\nThank you for Monday. This is Jon Rivera from "
          "the grid planning interview: your point that solar exports already reverse two "
          "feeders by noon is the problem I worked on last year, and I am very interested in "
          "the Grid Planning Engineer role.\n\nBest regards,\nJon Rivera\n")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def rules(output: str) -> set[str]:
    return {f["rule"] for f in json.loads(output)["files"][0]["findings"]}


def imported(runner: CliRunner) -> None:
    r = runner.invoke(app, ["import", EXAMPLE])
    assert r.exit_code == 0, r.output


# -- followup lint ID FILE ----------------------------------------------------------------


def test_lint_against_a_recorded_opportunity_needs_no_export(
        runner: CliRunner, tmp_path: Path) -> None:
    imported(runner)
    clean = write(tmp_path, "clean.txt", GOOD)
    r = runner.invoke(app, ["lint", "acme-analyst", clean, "--to", "dana"])
    assert (r.exit_code, r.output) == (0, "")
    # a prefix and a name work too, and the recorded people are the context
    wrong = write(tmp_path, "wrong.txt", GOOD.replace("Dear Dana,", "Dear Priya,"))
    r = runner.invoke(app, ["lint", "acme", wrong, "--to", "Dana Whitfield", "--format", "json"])
    assert r.exit_code == 1
    assert json.loads(r.output)["files"][0]["path"] == wrong
    assert "names.wrong-recipient" in rules(r.output)
    # the recorded promised date counts: a check-in that doesn't recall it is told so
    check_in = write(tmp_path, "check_in.txt", (
        "Subject: Checking in\n\nDear Dana,\n\nI hope the quarter has been kind to your "
        "team. I remain very interested in the Senior Data Analyst role and the dbt work "
        "you described, and would be glad to send anything that helps.\n\nBest,\nAlex "
        "Morgan\n"))
    r = runner.invoke(app, ["lint", "acme", check_in, "--kind", "check_in", "--to", "dana",
                            "--format", "json"])
    found = json.loads(r.output)["files"][0]["findings"]
    assert [f["message"] for f in found if f["rule"] == "content.where-left-off"] == [
        "Doesn't recall the timeline they gave (Friday 20 March)."]


def test_a_file_wins_over_an_opportunity_of_the_same_name(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    imported(runner)
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "acme", GOOD)
    write(tmp_path, "other.txt", GOOD)
    r = runner.invoke(app, ["lint", "acme", "other.txt", "--format", "json"])
    assert [f["path"] for f in json.loads(r.output)["files"]] == ["acme", "other.txt"]


@pytest.mark.parametrize(("args", "message"), [
    (["lint", "nosuch", "NOTE"], "error: nosuch: no such file, and no opportunity 'nosuch'"),
    (["lint", "acme"], "error: acme: give the note to check after the opportunity"),
    (["lint", "acme", "NOTE", "--case", EXAMPLE], "error: give an opportunity ID or --case"),
    (["lint", "acme", "NOTE", "--to", "zoe"], "error: --to: 'zoe' matches nobody"),
])
def test_bad_opportunity_usage_exits_2_with_one_line(
        runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    imported(runner)
    note = write(tmp_path, "note.txt", GOOD)
    r = runner.invoke(app, [note if a == "NOTE" else a for a in args])
    assert r.exit_code == 2, r.output
    assert len(r.output.splitlines()) == 1 and r.output.startswith(message), r.output


def test_without_a_database_an_unknown_id_says_so_and_creates_none(
        runner: CliRunner, tmp_path: Path) -> None:
    note = write(tmp_path, "note.txt", GOOD)
    r = runner.invoke(app, ["lint", "acme", note])
    assert r.exit_code == 2
    assert r.output == "error: acme: no such file, and no database to look up an opportunity\n"
    assert not (Path(os.environ["FOLLOWUP_HOME"]) / "followup.db").exists()


# -- the signer's name from the profile ---------------------------------------------------


def test_lint_without_case_reads_the_signers_name_from_the_profile(
        runner: CliRunner, tmp_path: Path) -> None:
    note = write(tmp_path, "rivera.txt", RIVERA)
    args = ["lint", note, "--person", "Dana Rivers", "--format", "json"]
    before = runner.invoke(app, args)
    assert "names.spelling" in rules(before.output)  # "Rivera" is one edit from "Rivers"
    assert not (Path(os.environ["FOLLOWUP_HOME"]) / "followup.db").exists()  # none made
    assert runner.invoke(app, ["profile", "--name", "Jon Rivera"]).exit_code == 0
    after = runner.invoke(app, args)
    assert after.exit_code == 0, after.output
    assert "names.spelling" not in rules(after.output)
    # the signer's own name misspelled in the signature is still caught
    typo = write(tmp_path, "typo.txt", RIVERA.replace("regards,\nJon Rivera", "regards,\nJon "
                                                                                "Riviera"))
    found = json.loads(runner.invoke(app, ["lint", typo, "--format", "json"]).output)
    assert [(f["rule"], f["excerpt"]) for f in found["files"][0]["findings"]
            if f["rule"] == "names.spelling"] == [("names.spelling", "Jon Riviera")]


def test_a_case_file_without_a_candidate_takes_the_profiles(
        runner: CliRunner, tmp_path: Path) -> None:
    case = json.loads(Path(EXAMPLE).read_text())
    case["candidate"] = {}
    case["people"][0]["name"] = "Dana Rivers"
    path = write(tmp_path, "case.json", json.dumps(case))
    note = write(tmp_path, "rivera.txt", RIVERA)
    args = ["lint", note, "--case", path, "--to", "dana", "--format", "json"]
    assert "names.spelling" in rules(runner.invoke(app, args).output)
    runner.invoke(app, ["profile", "--name", "Jon Rivera"])
    assert "names.spelling" not in rules(runner.invoke(app, args).output)


# -- the web's compose box ----------------------------------------------------------------


def test_compose_lint_knows_the_profile_the_opportunity_and_the_recipient(
        tmp_path: Path) -> None:
    client: TestClient = make_client(tmp_path)
    t = token(client)
    made = client.post("/opportunities", data={
        "company": "Westmere Energy", "role": "Grid Planning Engineer", "csrf_token": t})
    assert made.status_code == 303
    # /o/<slug>, without the toast's ?done=<change>
    page = made.headers["location"].split("127.0.0.1:8765")[1].split("?")[0]
    assert client.post(f"{page}/interviews", data={
        "at": "2026-03-02 10:00", "with_names": "Dana Rivers, Priya Raman",
        "topics": "solar exports reversing feeders", "csrf_token": t}).status_code == 303

    def lint(text: str) -> str:
        r = client.post(f"{page}/compose/lint", headers={"x-csrf-token": t},
                        data={"kind": "thank_you", "to": "dana", "text": text})
        assert r.status_code == 200
        return r.text

    assert 'data-rule="names.spelling"' in lint(RIVERA)  # no profile yet
    open_store(str(tmp_path / "web.db")).save_candidate(Candidate(name="Jon Rivera"))
    assert 'data-rule="names.spelling"' not in lint(RIVERA)
    # the recipient and the recorded people are known too
    assert 'data-rule="names.wrong-recipient"' in lint(RIVERA.replace("Dear Dana", "Dear Priya"))
