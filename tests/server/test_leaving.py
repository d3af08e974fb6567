"""Leaving the centre, and coming to it: the student's export is the bundle a desktop
imports (`followup import`), a desktop's `export --all` goes into a centre account, and the
centre then deletes the account. A real PostgreSQL, a real SQLite file, real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from followup.service import centre
from tests.server.conftest import PASSWORD, START, Centre, needs_postgres
from tests.server.test_pages import sign_in

pytestmark = needs_postgres


def desktop(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "followup", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FOLLOWUP_DB": str(db)})


def cases_by_id(bundle: dict[str, Any]) -> dict[str, Any]:
    return {c["opportunity"]["id"]: c for c in bundle["cases"]}


def test_export_to_a_desktop_and_back_into_a_new_centre_account(stocked: Centre,
                                                                 tmp_path: Path) -> None:
    client = stocked.client()
    snoozed = client.get("/api/v1/opportunities", headers=stocked.auth("ada")).json()
    r = client.get("/api/v1/export", headers=stocked.auth("ada"))
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    bundle = r.json()
    assert list(cases_by_id(bundle)) == ["acme-analyst"]
    # the pages' Export gives the same bundle
    page = sign_in(stocked, "ada").get("/export")
    assert page.status_code == 200 and json.loads(page.text) == bundle
    exported = tmp_path / "followup-export.json"
    exported.write_text(r.text)

    # the desktop reads it
    laptop = tmp_path / "laptop.db"
    done = desktop(laptop, "import", str(exported))
    assert done.returncode == 0, done.stderr
    assert "Imported acme-analyst" in done.stdout
    again = desktop(laptop, "export", "--all")
    assert again.returncode == 0, again.stderr
    on_desktop = json.loads(again.stdout)
    assert cases_by_id(on_desktop) == cases_by_id(bundle)
    assert on_desktop.get("snoozes") == bundle.get("snoozes")

    # the desktop's export goes into a new account at the centre, all of it
    centre.add_user(stocked.owner_url, "dora@uni.example", role="student", name="Dora",
                    password=PASSWORD, now=START)
    r = client.post("/api/v1/cases", content=again.stdout, headers=stocked.auth("dora"))
    assert r.status_code == 201, r.text
    back = client.get("/api/v1/export", headers=stocked.auth("dora")).json()
    assert cases_by_id(back) == cases_by_id(bundle)
    dora = client.get("/api/v1/opportunities", headers=stocked.auth("dora")).json()
    assert dora == snoozed  # the same plan, rule for rule

    # then the centre deletes the account it left
    centre.delete_account(stocked.owner_url, "ada@uni.example")
    assert client.get("/api/v1/export", headers=stocked.auth("ada")).status_code == 401
    assert client.get("/api/v1/export", headers=stocked.auth("dora")).json() == back


def test_a_bad_bundle_imports_nothing_and_names_the_field(stocked: Centre) -> None:
    client = stocked.client()
    bundle = client.get("/api/v1/export", headers=stocked.auth("ben")).json()
    broken = json.loads(json.dumps(bundle))
    broken["cases"].append(json.loads(json.dumps(broken["cases"][0])))
    broken["cases"][1]["opportunity"]["id"] = "second-one"
    broken["cases"][1]["opportunity"]["applied_on"] = "not a day"
    centre.add_user(stocked.owner_url, "eve@uni.example", role="student", name="Eve",
                    password=PASSWORD, now=START)
    r = client.post("/api/v1/cases", json=broken, headers=stocked.auth("eve"))
    assert r.status_code == 400 and "cases[1]" in r.json()["error"]
    assert client.get("/api/v1/export", headers=stocked.auth("eve")).json()["cases"] == []
