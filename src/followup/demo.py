"""Realistic demo data for `make demo`: eight opportunities at every stage of the method.

Dates are relative to the day the demo is loaded, so the agenda always has something
overdue, something due and something coming. Run: `python -m followup.demo` (it writes into
the database named by FOLLOWUP_DB, never a real one unless you point it there).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from followup.core import caseio
from followup.core.model import Candidate, Case

CANDIDATE = {
    "name": "Alex Morgan", "email": "alex.morgan@example.com", "phone": "+1 555 0100",
    "country": "US", "timezone": "America/New_York",
    "values": ["I have since finished the dbt Fundamentals course",
               "My last team's quarterly report went out four days sooner after I automated it"],
}


def _cases(today: date) -> list[dict[str, Any]]:
    def d(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    def weekday(days: int) -> str:
        """A promised date falls on a working day."""
        day = today + timedelta(days=days)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day.isoformat()

    def at(days: int, hour: int = 10, minute: int = 0) -> str:
        day = today + timedelta(days=days)
        if days > 0:
            while day.weekday() >= 5:  # nobody schedules an interview on a Saturday
                day += timedelta(days=1)
        return datetime.combine(day, time(hour, minute)).isoformat(timespec="minutes")

    return [
        {"opportunity": {
            "id": "acme-analyst", "company": "Acme Analytics", "role": "Senior Data Analyst",
            "field": "finance", "applied_on": d(-30),
            "listing": "We are looking for a senior data analyst to own our monthly reporting, "
                       "build stakeholder dashboards and move our pipelines onto dbt. You "
                       "will partner with finance and operations leaders."},
         "people": [
            {"id": "dana", "name": "Dana Whitfield", "title": "Head of Analytics",
             "email": "dana@acme.example", "phone": "+1 555 0142", "contact": True},
            {"id": "priya", "name": "Priya Raman", "title": "Senior Analyst",
             "email": "priya@acme.example"}],
         "interviews": [
            {"id": "r1", "at": at(-9), "round": 1, "format": "onsite",
             "interviewers": ["dana", "priya"],
             "topics": ["moving monthly reporting onto dbt", "stakeholder dashboards"],
             "next_steps": ["reference checks"],
             "promised": {"by": weekday(-2), "channel": "phone", "who": "dana",
                          "said": "I'll call you by the end of next week"}}],
         "touches": [
            {"at": at(-9, 17, 30), "direction": "out", "channel": "email", "person": "dana",
             "kind": "thank_you"},
            {"at": at(-9, 17, 40), "direction": "out", "channel": "email", "person": "priya",
             "kind": "thank_you"}]},
        {"opportunity": {
            "id": "globex-executive", "company": "Globex", "role": "Account Executive",
            "field": "sales", "applied_on": d(-21),
            "listing": "Globex is hiring an account executive to grow enterprise accounts, run "
                       "a full sales cycle and exceed quota in the Northeast territory."},
         "people": [
            {"id": "hank", "name": "Hank Scorpio", "title": "VP of Sales",
             "email": "hank@globex.example", "contact": True},
            {"id": "mindy", "name": "Mindy Simmons", "title": "Regional Sales Manager",
             "email": "mindy@globex.example"}],
         "interviews": [
            {"id": "r1", "at": at(-1, 14), "round": 1, "format": "video",
             "interviewers": ["hank", "mindy"],
             "topics": ["growing enterprise accounts in the Northeast",
                        "shortening the sales cycle"]}]},
        {"opportunity": {
            "id": "initech-engineer", "company": "Initech", "role": "Data Engineer",
            "field": "engineering", "applied_on": d(-11),
            "listing": "Initech needs a data engineer to build batch and streaming pipelines "
                       "in Python and SQL on a modern cloud warehouse."},
         "touches": [
            {"at": at(-11, 9), "direction": "out", "channel": "email", "kind": "application"}]},
        {"opportunity": {
            "id": "umbrella-manager", "company": "Umbrella Health", "role": "Marketing Manager",
            "field": "marketing", "applied_on": d(-18)},
         "people": [
            {"id": "claire", "name": "Claire Redfield", "title": "Director of Marketing",
             "email": "claire@umbrella.example", "contact": True}],
         "interviews": [
            {"id": "r1", "at": at(-12, 11), "round": 1, "format": "phone",
             "interviewers": ["claire"], "topics": ["the spring product launch campaign"]},
            {"id": "r2", "at": at(3, 13), "round": 2, "format": "onsite",
             "interviewers": ["claire"]}],
         "touches": [
            {"at": at(-12, 15), "direction": "out", "channel": "email", "person": "claire",
             "kind": "thank_you"},
            {"at": at(-8, 10), "direction": "in", "channel": "email", "person": "claire",
             "kind": "reply", "note": "Invited to an onsite round."}]},
        {"opportunity": {
            "id": "hooli-counsel", "company": "Hooli", "role": "Associate Counsel",
            "field": "law", "applied_on": d(-40)},
         "people": [
            {"id": "gavin", "name": "Gavin Belson", "title": "General Counsel",
             "email": "gavin@hooli.example", "phone": "+1 555 0199", "contact": True}],
         "interviews": [
            {"id": "r1", "at": at(-24, 9), "round": 1, "format": "onsite",
             "interviewers": ["gavin"], "topics": ["the vendor contract backlog"],
             "promised": {"by": weekday(-17), "channel": "email", "who": "gavin"}}],
         "touches": [
            {"at": at(-24, 16), "direction": "out", "channel": "email", "person": "gavin",
             "kind": "thank_you"},
            {"at": at(-16, 9), "direction": "out", "channel": "email", "person": "gavin",
             "kind": "check_in"}]},
        {"opportunity": {
            "id": "wayne-accountant", "company": "Wayne Enterprises", "role": "Staff Accountant",
            "field": "accounting", "applied_on": d(-25), "send_letter": True},
         "people": [
            {"id": "lucius", "name": "Lucius Fox", "title": "Controller",
             "email": "lucius@wayne.example", "contact": True},
            {"id": "selina", "name": "Selina Kyle", "title": "Senior Accountant"}],
         "interviews": [
            {"id": "r1", "at": at(0, 9), "round": 1, "format": "onsite",
             "interviewers": ["lucius", "selina"],
             "topics": ["the month-end close", "reconciling intercompany accounts"],
             "promised": {"by": weekday(14), "channel": "email", "who": "lucius",
                          "said": "We'll decide within two weeks"}}]},
        {"opportunity": {
            "id": "stark-designer", "company": "Stark Industries", "role": "Product Designer",
            "field": "design", "status": "rejected", "applied_on": d(-50)},
         "people": [{"id": "pepper", "name": "Pepper Potts", "title": "Head of Design"}],
         "interviews": [{"id": "r1", "at": at(-35, 10), "interviewers": ["pepper"]}],
         "touches": [
            {"at": at(-35, 18), "direction": "out", "channel": "email", "person": "pepper",
             "kind": "thank_you"},
            {"at": at(-28, 11), "direction": "in", "channel": "email", "person": "pepper",
             "kind": "rejection"}]},
        {"opportunity": {
            "id": "vandelay-importer", "company": "Vandelay Industries",
            "role": "Import Coordinator", "field": "logistics", "status": "dormant",
            "applied_on": d(-70)},
         "people": [{"id": "art", "name": "Art Vandelay", "title": "Owner", "contact": True}],
         "interviews": [{"id": "r1", "at": at(-60, 10), "interviewers": ["art"]}],
         "touches": [
            {"at": at(-60, 17), "direction": "out", "channel": "email", "person": "art",
             "kind": "thank_you"},
            {"at": at(-53, 9), "direction": "out", "channel": "email", "person": "art",
             "kind": "check_in"},
            {"at": at(-46, 9), "direction": "out", "channel": "voicemail", "person": "art",
             "kind": "check_in"},
            {"at": at(-39, 9), "direction": "out", "channel": "email", "person": "art",
             "kind": "final"}]},
    ]


def demo_cases(today: date) -> list[Case]:
    return [caseio.from_dict({"version": 1, "candidate": CANDIDATE, **data}, "demo")
            for data in _cases(today)]


def demo_candidate() -> Candidate:
    return caseio.from_dict({"version": 1, "candidate": CANDIDATE,
                             "opportunity": {"id": "x", "company": "x", "role": "x"}}).candidate


def main() -> None:
    import os

    from followup import service

    store = service.open_store(os.environ.get("FOLLOWUP_DB"))
    cases = demo_cases(date.today())
    service.import_cases(store, cases, replace_existing=True)
    store.save_candidate(demo_candidate())
    print(f"Loaded {len(cases)} demo opportunities into {store.engine.url.database}")  # noqa: T201


if __name__ == "__main__":
    main()
