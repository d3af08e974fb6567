"""`docs/rules.md`: the rules followup applies, explained, generated from the rule tables.

The planner's rule ids (each one's explanation below), the policy numbers
(`policy.DEFAULT_POLICIES`) and the linter's table (`lint.rules.RULES`: severity, kinds,
suggestion) are the sources; `tests/test_rules_doc.py` fails when the file and the tables
disagree, and `make rules-doc` rewrites it. Pure: returns text, writes nothing.
"""

from __future__ import annotations

from followup.core.kinds import kind
from followup.core.model import Persistence
from followup.core.policy import DEFAULT_POLICIES, FIELDS

# The planner's rules, in the order a case meets them, in this project's words.
PLAN_RULES: dict[str, str] = {
    "timing.close-out": "On the day of an interview you are reminded to ask, before it ends, "
    "what happens next, when they expect to decide and whom to contact; what you record "
    "then drives every later date.",
    "timing.thank-you": "After every round, one thank-you note per interviewer, due the day "
    "after the interview and at the latest the day after that. A note still missing a week "
    "after the interview is dropped and the check-in takes its place.",
    "timing.letter": "Only if you opted in for the opportunity: a one-page posted letter to "
    "the contact person on the interview day or the next, so it lands while they decide.",
    "timing.promised-date": "When they named a decision date, nothing is sent before it has "
    "passed: the check-in falls on a business day after it (the first, or the second when "
    "you chose `reserved`).",
    "timing.no-date": "When no date was named, the first check-in comes a week after the "
    "last interview (five days for `persistent`).",
    "timing.weekly-cap": "Follow-ups (check-ins, calls, voicemails, the final) are spaced at "
    "least the cap apart, counting every one you sent, even before their last reply. "
    "Thank-you notes do not count.",
    "timing.match-channel": "The first check-in answers in their channel: a promise made by "
    "phone or their last call gets a call, an email gets an email.",
    "timing.switch-channel": "A check-in that went unanswered is followed, one cap later, by "
    "one on the other channel: a voicemail after an email, an email after a call.",
    "timing.final": "When the check-ins all went unanswered, one last email says you are "
    "still interested, that you are talking with other companies, and asks for their "
    "timeline.",
    "timing.move-on": "When the final message gets no answer either, the plan stops: mark "
    "the opportunity dormant and spend the energy elsewhere.",
    "timing.reply-resets": "Any message from them restarts the ladder. A new date replaces "
    "the old one; a reply without a date gets a check-in a week later (or the old date's "
    "grace day, if later).",
    "timing.next-round": "While another interview is scheduled there are no check-ins; after "
    "it, thank-you notes again and the ladder restarts from that round.",
    "timing.application": "After applying with no word back, one follow-up email, due some "
    "days after applying (see the numbers) and within two weeks; none once they answered or "
    "you wrote again.",
    "timing.persistence": "How hard to push is a setting per opportunity (`reserved`, "
    "`standard`, `persistent`); sales and business development default to persistent. The "
    "numbers below change with it.",
    "timing.slow-process": "Hearing nothing is normal: hiring is slower than candidates "
    "expect, so waiting inside the plan is the step, not a failure.",
    "timing.learned": "Off by default (`followup config set policy.learn true`): once at "
    "least 20 of your follow-ups were answered, the check-in wait when no date was named "
    "(and after a reply without a date) follows the median days your contacts took to "
    "reply, rounded up and kept between 5 and 14 days; the step's reason says so. "
    "`followup stats` shows the median.",
    "pipeline.one-basket": "`today` warns while fewer than three opportunities are active: "
    "keep several going while you wait on one.",
}

# What each policy number means, for the table.
POLICY_WORDS: dict[str, str] = {
    "thank_you_due_hours": "thank-you due, hours after the interview",
    "thank_you_latest_hours": "thank-you at the latest, hours after the interview",
    "grace_business_days": "check-in on this business day after a promised date",
    "no_date_days": "first check-in, days after the last interview, when no date was named",
    "weekly_cap_days": "least days between two follow-ups (the cap)",
    "unanswered_before_move_on": "unanswered follow-ups (the final included) before moving on",
    "days_after_final": "days after the final before moving on",
    "application_due_days": "application follow-up due, days after applying",
    "application_latest_days": "application follow-up at the latest, days after applying",
}


def _kinds(names: frozenset[str]) -> str:
    from followup.core.kinds import MESSAGE_KINDS

    if names >= set(MESSAGE_KINDS):
        return "every note"
    return ", ".join(kind(k).note for k in MESSAGE_KINDS if k in names)


def render() -> str:
    """The whole of docs/rules.md."""
    from followup.core.lint.rules import RULES, severity_label

    out = [
        "# The rules followup applies",
        "",
        "<!-- Generated by `make rules-doc` from the rule tables "
        "(src/followup/rules_doc.py, lint/rules.py, policy.py); "
        "tests/test_rules_doc.py checks it. Edit those, not this file. -->",
        "",
        "Every planned step and every lint finding names the rule ids it rests on: "
        "`followup plan acme` lists them under each step, `followup lint --explain RULE` "
        "shows one lint rule with examples. The rules come from published hiring advice; "
        "here they are in our own words.",
        "",
        "## When to write (the planner)",
        "",
        "| id | what followup does |",
        "| --- | --- |",
    ]
    out += [f"| `{rule}` | {text} |" for rule, text in PLAN_RULES.items()]
    levels = list(Persistence)
    out += [
        "",
        "### The numbers",
        "",
        "Change any of them with `followup config set policy.LEVEL.NAME VALUE` "
        "(`followup config show` lists them).",
        "",
        "| setting | " + " | ".join(f"`{p.value}`" for p in levels) + " |",
        "| --- | " + " | ".join("---" for _ in levels) + " |",
    ]
    for name in FIELDS:
        values = [str(getattr(DEFAULT_POLICIES[p], name)) for p in levels]
        out.append(f"| {POLICY_WORDS[name]} (`{name}`) | " + " | ".join(values) + " |")
    out += [
        "",
        "Dates roll forward off weekends and the public holidays of your profile's country "
        "(`followup profile --country`).",
        "",
        "## What to write (the linter)",
        "",
        "Errors make `followup lint` exit 1; warnings and infos are advice. Drafts from "
        "`followup draft` pass every error and warning.",
        "",
        "| id | severity | checks | what to do |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| `{r.id}` | {severity_label(r)} | {_kinds(r.kinds)} | {r.suggestion} |"
            for r in RULES.values()]
    return "\n".join(out) + "\n"
