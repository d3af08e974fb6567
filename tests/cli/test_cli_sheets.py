"""Spreadsheets end to end on real databases: `export --csv` then `import --csv` into an
empty database gives the same records (`export --all` agrees), a bad cell is refused with
its file, row and column and nothing written, `--xlsx` writes four typed sheets, and other
trackers' CSVs import through their mappings (tuning set, and a held-out set)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from followup.cli import app
from followup.core import caseio
from followup.core.model import Candidate, Case, Person
from tests.conftest import CASES, table_dump
from tests.core.test_caseio import cases as case_files

TRACKERS = Path(__file__).parents[1] / "fixtures" / "trackers"


def run(db: str, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", db, *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def sqlite(path: Path) -> str:
    return f"sqlite:///{path}"


def _none(value: str | None) -> str | None:
    return value or None  # a spreadsheet cell: empty means no value


def spreadsheet_form(case: Case) -> Case:
    """What a spreadsheet can hold: no profile, an empty text is no text."""
    o = case.opportunity
    return replace(
        case, candidate=Candidate(),
        opportunity=replace(o, field=_none(o.field), listing=_none(o.listing)),
        people=tuple(replace(p, title=_none(p.title), phone=_none(p.phone))
                     for p in case.people),
        interviews=tuple(replace(i, format=_none(i.format), invite_uid=_none(i.invite_uid),
                                 promised=replace(i.promised, said=_none(i.promised.said))
                                 if i.promised else None) for i in case.interviews),
        touches=tuple(replace(t, note=_none(t.note), message_id=t.message_id.replace(
            "@", f".{o.id}@") if t.message_id else None)  # unique in the account
            for t in case.touches))


@given(st.lists(case_files(), max_size=3, unique_by=lambda c: c.opportunity.id),
       st.sampled_from(["=SUM(A1)", "+1 555 0100", "'quoted", "-", "@x", "a\r\nb", "x;y\\z"]))
@settings(max_examples=12, deadline=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_csv_round_trip_is_lossless(tmp_path_factory: pytest.TempPathFactory,
                                    generated: list[Case], awkward: str) -> None:
    root = tmp_path_factory.mktemp("trip")
    records = [spreadsheet_form(c) for c in generated]
    if records:  # a value a spreadsheet would run as a formula, or that needs escaping
        first = records[0]
        records[0] = replace(first, opportunity=replace(first.opportunity, listing=awkward),
                             people=(*first.people, Person(
                                 "zz", "Zed", phone=" ".join(awkward.split()) or "-")))
    bundle = json.dumps(caseio.bundle_to_dict(records))
    before, after = sqlite(root / "before.db"), sqlite(root / "after.db")
    code, _, err = run(before, "import", "-", input=bundle)
    assert code == 0, err
    assert run(before, "export", "--csv", str(root / "sheets"))[0] == 0
    code, _, err = run(after, "import", "--csv", str(root / "sheets"))
    assert code == 0, err
    assert run(before, "export", "--all")[1] == run(after, "export", "--all")[1]


def test_the_contract_example_through_csv(tmp_path: Path) -> None:
    before, after = sqlite(tmp_path / "a.db"), sqlite(tmp_path / "b.db")
    run(before, "import", str(CASES / "contract_example.json"))
    code, _, err = run(before, "export", "--csv", str(tmp_path / "s"))
    assert code == 0 and err.count("Wrote") == 4
    people = (tmp_path / "s" / "people.csv").read_text(encoding="utf-8")
    assert people.splitlines()[1] == ("acme-analyst,dana,Dana Whitfield,Head of Analytics,"
                                      "dana@acme.example,'+1 555 0142,true")
    interviews = (tmp_path / "s" / "interviews.csv").read_text(encoding="utf-8")
    assert "dana; priya,moving monthly reporting onto dbt; stakeholder dashboards" in interviews
    assert run(after, "import", "--csv", str(tmp_path / "s"))[0] == 0
    exported = [json.loads(run(db, "export", "--all")[1])["cases"][0] for db in (before, after)]
    exported[0].pop("candidate")  # the profile is not a record: it stays in `export --all`
    assert exported[0] == exported[1]


def test_a_malformed_csv_is_refused_whole_and_nothing_is_written(tmp_path: Path) -> None:
    source, target = sqlite(tmp_path / "a.db"), sqlite(tmp_path / "b.db")
    run(source, "import", str(CASES / "contract_example.json"))
    run(source, "import", str(CASES / "sales_northwind.json"))
    run(source, "export", "--csv", str(tmp_path / "s"))
    touches = tmp_path / "s" / "touches.csv"
    lines = touches.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",in,", ",inbound,", 1)
    touches.write_text("".join(lines), encoding="utf-8")
    run(target, "profile", "--name", "Alex Morgan")
    empty = table_dump(target)
    code, out, err = run(target, "import", "--csv", str(tmp_path / "s"))
    assert (code, out) == (2, "")
    assert err == ('error: touches.csv: row 4, column direction: must be one of out, in, '
                   'not "inbound"\n')
    assert table_dump(target) == empty


def test_export_xlsx_writes_four_typed_sheets(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    db = sqlite(tmp_path / "a.db")
    data = json.loads((CASES / "contract_example.json").read_text())
    data["touches"][0]["note"] = "=HYPERLINK(\"http://evil.example\")"
    run(db, "import", "-", input=json.dumps(data))
    code, _, err = run(db, "export", "--xlsx", str(tmp_path / "f.xlsx"))
    assert code == 0 and "(1 opportunity)" in err
    book = load_workbook(tmp_path / "f.xlsx")
    assert book.sheetnames == ["opportunities", "people", "interviews", "touches"]
    touches = book["touches"]
    assert [c.value for c in touches[1]][:3] == ["opportunity", "at", "direction"]
    note = touches.cell(row=2, column=8)
    assert note.value == "=HYPERLINK(\"http://evil.example\")" and note.data_type == "s"
    assert touches.cell(row=2, column=2).is_date
    assert book["interviews"].cell(row=2, column=4).value == 1


def test_export_options_are_refused_together(tmp_path: Path) -> None:
    db = sqlite(tmp_path / "a.db")
    code, _, err = run(db, "export", "--all", "--csv", str(tmp_path / "s"))
    assert code == 2 and "--csv DIR and --xlsx FILE" in err
    code, _, err = run(db, "import", "--csv", str(tmp_path / "nowhere"))
    assert code == 2 and "is not a folder" in err


# -- another tracker's CSV through a mapping -------------------------------------------


def imported(db: str) -> dict[str, dict[str, object]]:
    return {c["opportunity"]["id"]: c for c in json.loads(run(db, "export", "--all")[1])["cases"]}


def test_generic_mapping_with_a_bom_aliases_and_stage_history(tmp_path: Path) -> None:
    db = sqlite(tmp_path / "a.db")
    code, out, _ = run(db, "import", "--csv", str(TRACKERS / "generic_bom.csv"),
                       "--map", "generic")
    assert (code, out) == (0, f"Imported 3 opportunities from {TRACKERS / 'generic_bom.csv'}; "
                              "1 row not applied to yet left out\n")
    found = imported(db)
    northwind = found["northwind-executive"]
    assert northwind["opportunity"]["applied_on"] == "2026-08-03"
    assert northwind["opportunity"]["status"] == "rejected"
    assert [(i["at"], i["format"]) for i in northwind["interviews"]] == [
        ("2026-08-08T00:00", "phone screen"), ("2026-08-12T00:00", "interview")]
    assert [(t["kind"], t["at"][:10]) for t in northwind["touches"]] == [
        ("application", "2026-08-03"), ("rejection", "2026-08-20")]
    assert northwind["people"][0]["email"] == "lena@northwind.example"
    globex = found["globex-engineer"]  # ghosted: no response observed, never a rejection
    assert globex["opportunity"]["status"] == "dormant"
    assert [t["kind"] for t in globex["touches"]] == ["application"]
    assert found["hooli-engineer"]["opportunity"]["status"] == "offer"


def test_huntr_mapping(tmp_path: Path) -> None:
    db = sqlite(tmp_path / "a.db")
    code, out, _ = run(db, "import", "--csv", str(TRACKERS / "huntr_jobs.csv"), "--map", "huntr")
    assert code == 0 and "Imported 3 opportunities" in out and "1 row not applied" in out
    found = imported(db)
    assert found["umbrella-engineer"]["opportunity"]["applied_on"] == "2026-05-20"
    assert found["vandelay-growth"]["opportunity"]["status"] == "rejected"
    assert [t["kind"] for t in found["vandelay-growth"]["touches"]] == ["rejection"]
    assert found["acme-designer"]["interviews"][0]["at"] == "2026-06-10T00:00"


def test_a_bad_tracker_cell_names_row_and_column_and_writes_nothing(tmp_path: Path) -> None:
    db = sqlite(tmp_path / "a.db")
    bad = tmp_path / "jobs.csv"
    text = (TRACKERS / "generic_bom.csv").read_text(encoding="utf-8-sig")
    bad.write_text(text.replace("08/14/2026", "14th of Aug"), encoding="utf-8")
    before = table_dump(db) if (tmp_path / "a.db").exists() else None
    code, _, err = run(db, "import", "--csv", str(bad), "--map", "generic")
    assert code == 2
    assert err == 'error: jobs.csv: row 3, column Date Applied: not a date: "14th of Aug"\n'
    assert before is None or table_dump(db) == before
    assert run(db, "list")[1].count("\n") <= 1


def test_a_mapping_file_of_ones_own(tmp_path: Path) -> None:
    db = sqlite(tmp_path / "a.db")
    mine = tmp_path / "mine.toml"
    mine.write_text('[columns]\ncompany = "Firm"\nrole = "Job"\nstatus = "Where"\n'
                    '[stages]\nabgelehnt = "rejected"\n', encoding="utf-8")
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("Firm;Job;Where\nMuster GmbH;Controller;Abgelehnt\n", encoding="utf-8")
    assert run(db, "import", "--csv", str(jobs), "--map", str(mine))[0] == 0
    assert imported(db)["muster-controller"]["opportunity"]["status"] == "rejected"
    mine.write_text('[columns]\ncompany = "Firm"\n', encoding="utf-8")
    code, _, err = run(db, "import", "--csv", str(jobs), "--map", str(mine))
    assert code == 2 and err == f"error: {mine}: columns.role: missing\n"


# Held out: written before the mappings were tuned (tests/fixtures/trackers/heldout/README.md).
# (file, company) -> (status, applied_on, interview days, touch kinds) as a person reads them.
HELD_OUT = {
    ("spreadsheet_template.csv", "Wayne Enterprises"): ("active", "2026-10-02",
                                                        ["2026-10-15"], ["application"]),
    ("spreadsheet_template.csv", "Cyberdyne"): ("dormant", "2026-10-05", [], ["application"]),
    ("spreadsheet_template.csv", "Soylent Corp"): ("rejected", "2026-10-09", [],
                                                   ["application"]),
    ("spreadsheet_template.csv", "Tyrell"): None,  # saved, not applied: left out
    ("german_proof.csv", "Muster GmbH"): ("rejected", "2026-08-03", [],
                                          ["application", "rejection"]),
    ("german_proof.csv", "Beispiel AG"): ("active", "2026-08-05", [], ["application"]),
}


def held_out_score(tmp_path: Path) -> tuple[int, int]:
    right = 0
    for name in sorted({f for f, _ in HELD_OUT}):
        db = sqlite(tmp_path / f"{name}.db")
        shutil.copy(TRACKERS / "heldout" / name, tmp_path / name)
        code, _, _ = run(db, "import", "--csv", str(tmp_path / name), "--map", "generic")
        found = {c["opportunity"]["company"]: c for c in imported(db).values()} if code == 0 \
            else {}
        for (file, company), expected in HELD_OUT.items():
            if file != name or code != 0:
                continue
            case = found.get(company)
            got = None if case is None else (
                case["opportunity"]["status"], case["opportunity"].get("applied_on"),
                [i["at"][:10] for i in case["interviews"]], [t["kind"] for t in case["touches"]])
            right += got == expected
    return right, len(HELD_OUT)


def test_held_out_tracker_files(tmp_path: Path) -> None:
    # Measured before tuning: 4 of 6 (german_proof.csv, `;`-separated with German stage
    # words, was refused). Since: `;` files are read; "Abgelehnt" still needs one's own
    # mapping line (test_a_mapping_file_of_ones_own), so that file is refused as a whole.
    assert held_out_score(tmp_path) == (4, 6)


def test_an_endless_file_is_refused_at_once(tmp_path: Path) -> None:
    """`import --csv /dev/zero` (a size of 0 that never ends) is refused in one line, with
    nothing read and nothing written (issue 20: every door reads with a budget)."""
    db = sqlite(tmp_path / "a.db")
    code, out, err = run(db, "import", "--csv", "/dev/zero", "--map", "generic")
    assert code == 2 and "zero: not a regular file" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in out + err
