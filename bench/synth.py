"""Synthetic cases of realistic shape, for the benchmarks and the robustness tests.

A job seeker's opportunity as the store sees them: 2-4 people, 1-3 interviews, about ten
touches (application, thank-yous, check-ins, replies, an outcome), mixed statuses, dates
spread over the months before `TODAY`. Deterministic for a given seed, so two runs of
`make bench` plan the same data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from followup.core.model import (
    Candidate,
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Persistence,
    Person,
    Promise,
    PromiseChannel,
    Status,
    Touch,
    TouchKind,
)

TODAY = date(2026, 3, 13)

COMPANIES = [
    "Acme Analytics", "Initech", "Globex", "Umbrella Health", "Hooli", "Stark Logistics",
    "Wayne Finance", "Wonka Foods", "Cyberdyne Systems", "Soylent Partners", "Tyrell Labs",
    "Vandelay Industries", "Massive Dynamic", "Pied Piper", "Dunder Mifflin", "Oscorp",
    "Nakatomi Trading", "Aperture Science", "Gringotts Bank", "Blue Sun", "Zorg Retail",
    "Café Lumière", "Ørsted Consulting", "Müller & Söhne", "São Paulo Digital",
]
ROLES = [
    ("Senior Data Analyst", "finance"), ("Account Executive", "sales"),
    ("Business Development Manager", "business development"), ("Paralegal", "law"),
    ("Marketing Coordinator", "marketing"), ("Software Engineer", "engineering"),
    ("Product Manager", None), ("Staff Accountant", "finance"), ("UX Designer", "design"),
    ("Operations Lead", None), ("Nurse Practitioner", "healthcare"),
    ("Sales Development Representative", "sales"),
]
FIRST = ["Dana", "Priya", "Marcus", "Elena", "Tomás", "Aisha", "Kenji", "Olga", "Liam",
         "Fatima", "Noah", "Zoë", "Chidi", "Ingrid", "Rafael", "Mei", "Sven", "Amara"]
LAST = ["Whitfield", "Raman", "Okafor", "Novak", "García", "Khan", "Tanaka", "Petrova",
        "O'Brien", "Haddad", "Schmidt", "Lindqvist", "Adeyemi", "Rossi", "Chen", "Dubois"]
TITLES = ["Head of Analytics", "Senior Analyst", "Recruiter", "Hiring Manager",
          "VP Sales", "Team Lead", "HR Business Partner", "Director of Operations", None]
TOPICS = [
    "moving monthly reporting onto dbt", "stakeholder dashboards", "pipeline forecasting",
    "the Q3 product launch", "onboarding new clients", "reducing churn in the mid-market",
    "contract review turnaround", "the migration to a new CRM", "hiring plans for next year",
    "cross-team data quality", "the regional expansion", "customer interviews",
]
NOTES = [
    "Still finishing interviews.", "Thanks for your patience.", "left a message",
    "They will decide next week.", "Asked for references.", None, None, None,
]
STATUSES = ([Status.ACTIVE] * 60 + [Status.REJECTED] * 15 + [Status.OFFER] * 6
            + [Status.WITHDRAWN] * 5 + [Status.DORMANT] * 8 + [Status.ACCEPTED] * 2
            + [Status.DECLINED] * 4)

CANDIDATE = Candidate(name="Alex Morgan", email="alex@example.com", phone="+1 555 0100",
                      country="US", values=("Finished the dbt Fundamentals course",))


def _at(day: date, rng: random.Random, start: int = 8, end: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, rng.randrange(start, end),
                    rng.choice((0, 15, 30, 45)))


def make_case(n: int, rng: random.Random) -> Case:
    """Opportunity number `n` (its id is unique for each n)."""
    company = rng.choice(COMPANIES)
    role, field = rng.choice(ROLES)
    status = rng.choice(STATUSES)
    applied = TODAY - timedelta(days=rng.randrange(20, 150))

    people: list[Person] = []
    used: set[str] = set()
    for k in range(rng.randint(2, 4)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        pid = "".join(ch for ch in first.lower() if ch.isascii() and ch.isalnum())
        if pid in used:
            pid = f"{pid}-{k}"
        used.add(pid)
        people.append(Person(
            id=pid, name=f"{first} {last}", title=rng.choice(TITLES),
            email=f"{pid}@{company.split()[0].lower()}.example" if rng.random() < 0.7 else None,
            phone=f"+1 555 01{rng.randrange(10, 99)}" if rng.random() < 0.4 else None,
            contact=k == 0,
        ))

    touches: list[Touch] = [Touch(at=_at(applied, rng), direction=Direction.OUT,
                                  channel=Channel.EMAIL, kind=TouchKind.APPLICATION)]
    interviews: list[Interview] = []
    day = applied + timedelta(days=rng.randrange(5, 20))
    for r in range(rng.randint(1, 3)):
        if day >= TODAY + timedelta(days=10):
            break
        who = rng.sample([p.id for p in people], k=rng.randint(1, min(3, len(people))))
        at = _at(day, rng, 9, 17)
        promised = None
        if rng.random() < 0.6:
            by = day + timedelta(days=rng.randrange(3, 15))
            promised = Promise(by=by, channel=rng.choice(list(PromiseChannel)),
                               who=rng.choice(who), said="I'll get back to you by then")
        interviews.append(Interview(
            id=f"r{r + 1}", at=at, round=r + 1, format=rng.choice(("onsite", "video", "phone")),
            interviewers=tuple(who), topics=tuple(rng.sample(TOPICS, k=rng.randint(1, 3))),
            next_steps=("reference checks",) if rng.random() < 0.3 else (), promised=promised,
        ))
        if day < TODAY:
            for pid in who:  # a thank-you to each interviewer, the same evening
                touches.append(Touch(at=at + timedelta(hours=rng.randint(3, 8)),
                                     direction=Direction.OUT, channel=Channel.EMAIL,
                                     kind=TouchKind.THANK_YOU, person=pid))
        day += timedelta(days=rng.randrange(7, 21))

    # Check-ins and replies after the last interview, then an outcome for closed ones.
    last = max(i.at for i in interviews) if interviews else touches[0].at
    moment = last + timedelta(days=rng.randrange(5, 10))
    target = rng.randint(10, 14)
    contact = people[0].id
    while len(touches) < target - (0 if status is Status.ACTIVE else 1):
        if moment.date() >= TODAY:
            break
        if rng.random() < 0.5:
            touches.append(Touch(at=moment, direction=Direction.OUT,
                                 channel=rng.choice((Channel.EMAIL, Channel.PHONE)),
                                 kind=TouchKind.CHECK_IN, person=contact,
                                 note=rng.choice(NOTES)))
        else:
            new_by = (moment + timedelta(days=7)).date() if rng.random() < 0.3 else None
            touches.append(Touch(at=moment, direction=Direction.IN, channel=Channel.EMAIL,
                                 kind=TouchKind.REPLY, person=rng.choice(people).id,
                                 new_by=new_by, note=rng.choice(NOTES)))
        moment += timedelta(days=rng.randrange(3, 9), hours=rng.randrange(0, 5))
    outcome = {Status.REJECTED: TouchKind.REJECTION, Status.OFFER: TouchKind.OFFER,
               Status.ACCEPTED: TouchKind.OFFER, Status.DECLINED: TouchKind.OFFER}.get(status)
    if outcome is not None:
        touches.append(Touch(at=moment, direction=Direction.IN, channel=Channel.EMAIL,
                             kind=outcome, person=contact))

    return Case(
        opportunity=Opportunity(
            id=f"{company.split()[0].lower()}-{n}".encode("ascii", "ignore").decode(),
            company=company, role=role, field=field,
            persistence=rng.choice((None, None, None, Persistence.RESERVED,
                                    Persistence.PERSISTENT)),
            status=status, listing=f"We are hiring a {role.lower()} to help with "
                                   f"{rng.choice(TOPICS)}.",
            applied_on=applied, send_letter=rng.random() < 0.1,
        ),
        candidate=CANDIDATE,
        people=tuple(people),
        interviews=tuple(interviews),
        touches=tuple(touches),
    )


def make_cases(count: int, seed: int = 7) -> Iterator[Case]:
    rng = random.Random(seed)
    for n in range(count):
        yield make_case(n, rng)


SENTENCES = [
    "Thank you for taking the time to meet with me on {day} to talk about the {role} role.",
    "I enjoyed our conversation about {topic}, and it left me even more excited about {company}.",
    "Your point about {topic} stayed with me on the way home.",
    "In my current job I rebuilt our monthly reporting so the finance team gets its numbers "
    "two days earlier, and I would bring the same care to your team.",
    "I also finished the dbt Fundamentals course last month, which fits the work you described.",
    "If it helps your decision, I am happy to share a short sample of a dashboard I built.",
    "Please let me know if there is anything else you need from me before {promised}.",
    "I look forward to hearing from you and to the next steps.",
    "It was good to meet {other} as well, and to hear how the teams work together.",
    "The way your team approaches {topic} matches how I like to work.",
]


def make_note(case: Case, rng: random.Random, words: int = 150) -> str:
    """A thank-you note of about `words` words addressed to the case's contact."""
    to = case.people[0]
    other = case.people[-1].name
    iv = case.interviews[0] if case.interviews else None
    topic = iv.topics[0] if iv and iv.topics else "the role"
    fill = {"day": "Monday", "role": case.opportunity.role, "topic": topic,
            "company": case.opportunity.company, "other": other,
            "promised": "next Wednesday"}
    body: list[str] = []
    count = 0
    pool: list[str] = []
    while count < words - 10:
        if not pool:
            pool = rng.sample(SENTENCES, k=len(SENTENCES))
        sentence = pool.pop().format(**fill)
        body.append(sentence)
        count += len(sentence.split())
    return (f"Subject: Thank you, {case.opportunity.role} interview\n\n"
            f"Dear {to.name.split()[0]},\n\n" + " ".join(body)
            + f"\n\nBest regards,\n{CANDIDATE.name}\n")
