"""How values read on a page: dates in words, kinds and channels in plain English.

Locale-independent on purpose (the same page on every machine), like the CLI's output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from followup.core.dates import say, say_near, say_short
from followup.core.kinds import CHANNEL_WORDS
from followup.core.kinds import LABELS as KIND_WORDS
from followup.core.model import Case, Direction, Touch
from followup.core.planner import STAGE_STATUS

if TYPE_CHECKING:
    from followup.service.planning import Card


def day(value: date | datetime | None, today: date | None = None) -> str:
    """`Mon 2 Mar`: the program's one date style, with the year only when it is not
    `today`'s year (or `today` is not known)."""
    if value is None:
        return ""
    return say(value, today)


def when_phrase(value: date, today: date) -> str:
    """`today`, `tomorrow`, `yesterday`, else the day as `day` writes it."""
    return say_near(value, today)  # core/dates.py


# How a step reaches the person, after their name: "by email", but "in person".
CHANNEL_PHRASES = {"in_person": "in person", "other": "", "voicemail": "by voicemail"}


def channel_phrase(channel: object) -> str:
    key = str(getattr(channel, "value", channel or ""))
    if not key:
        return ""
    return CHANNEL_PHRASES.get(key, "by " + CHANNEL_WORDS.get(key, key.replace("_", " ")))


class PlannedStep(Protocol):
    """What the pages and the timeline read of a planner `Action`."""

    @property
    def kind(self) -> object: ...
    @property
    def to(self) -> str | None: ...
    @property
    def channel(self) -> object: ...
    @property
    def not_before(self) -> date: ...
    @property
    def due(self) -> date: ...
    @property
    def latest(self) -> date | None: ...
    @property
    def state(self) -> object: ...


class _People(Protocol):
    def person(self, ref: str | None) -> object: ...


def step_when(action: PlannedStep, today: date) -> str:
    """The one date phrase of a planned step, by its state: `overdue since Mon 2 Mar`,
    `due today`, `due by Fri 6 Mar` (may be done now), `from Thu 5 Mar` (not yet)."""
    state = str(getattr(action.state, "value", action.state))
    if state == "overdue":
        return f"overdue since {when_phrase(action.due, today)}"
    if state == "due":
        return "due today" if action.due <= today else f"due by {when_phrase(action.due, today)}"
    if action.not_before > today:
        return f"from {when_phrase(action.not_before, today)}"
    return f"due {when_phrase(action.due, today)}"


def step_sentence(action: PlannedStep, case: _People, today: date) -> str:
    """One sentence a glance reads: `Thank-you note to Hank Scorpio by email, due today`."""
    kind = str(getattr(action.kind, "value", action.kind))
    parts = [KIND_WORDS.get(kind, kind.replace("_", " "))]
    person = case.person(action.to)
    name = getattr(person, "name", None)
    if name:
        parts.append(f"to {name}")
    phrase = channel_phrase(action.channel)
    if phrase and kind != "letter":  # "Mailed letter" says its channel already
        parts.append(phrase)
    return " ".join(parts) + ", " + step_when(action, today)


# The board's "Move" menu: a status the user sets, in words. Active hands the card back to
# the planner (applied, interviewing or waiting, from the facts); the rest are stages.
STATUS_MOVES: tuple[tuple[str, str], ...] = (
    ("active", "Active"),
    ("dormant", "Dormant"),
    ("offer", "Closed: offer"),
    ("accepted", "Closed: accepted"),
    ("declined", "Closed: declined"),
    ("rejected", "Closed: rejected"),
    ("withdrawn", "Closed: withdrew"),
)

# A card dropped on a stage's column: the status that stage stands for (core.planner's
# STAGE_STATUS, "" = ask which way it closed), for the page's script.
STAGE_DROPS: dict[str, str] = {
    stage.value: status.value if status is not None else ""
    for stage, status in STAGE_STATUS.items()}
# Said when a drop can't move a card: why its records keep it where it is.
DROP_NOTES: dict[str, str] = {
    "applied": "an opportunity is under Applied until an interview is recorded",
    "interviewing": "an opportunity is under Interviewing while an interview is coming or a "
                    "note after one is due: add the interview to move it there",
    "waiting": "an opportunity is under Waiting once its interviews are held and the notes "
               "done: record the interview as held to move it there",
}


@dataclass(frozen=True, slots=True)
class Contact:
    at: datetime
    what: str


def last_contact(case: Case, last_touch: Touch | None, now: datetime) -> Contact | None:
    """The latest contact either way: the last touch or an interview already held
    (an interview is a contact too: "none yet" the day after one reads wrong)."""
    found: Contact | None = None
    if last_touch is not None:
        kind = words(last_touch.kind, KIND_WORDS).lower()
        mine = last_touch.direction is Direction.OUT
        found = Contact(last_touch.at, f"{kind} {'by you' if mine else 'from them'}")
    for interview in case.interviews:
        at = interview.at
        if at <= now and (found is None or at > found.at):
            found = Contact(at, f"interview {interview.id}")
    return found


def short_day(value: date | datetime) -> str:
    """`2 Mar` (core/dates.py)."""
    return say_short(value)


def moment(value: datetime | None, today: date | None = None) -> str:
    """`Mon 2 Mar 2026 10:00` (no time when it is midnight: a date alone was given)."""
    if value is None:
        return ""
    if value.hour == 0 and value.minute == 0:
        return day(value, today)
    return f"{day(value, today)} {value:%H:%M}"


def words(value: object, table: dict[str, str]) -> str:
    key = getattr(value, "value", value)
    return table.get(str(key), str(key).replace("_", " ")) if key is not None else ""


@pass_context
def _day_here(context: Context, value: date | datetime | None) -> str:
    today = context.get("today")
    return day(value, today if isinstance(today, date) else None)


@pass_context
def _sentence(context: Context, action: PlannedStep, case: _People) -> str:
    return step_sentence(action, case, context["today"])


@pass_context
def _when(context: Context, action: PlannedStep) -> str:
    return step_when(action, context["today"])


@pass_context
def _last(context: Context, card: Card) -> Contact | None:
    today: date = context["today"]
    now = datetime.combine(today, datetime.max.time())
    return last_contact(card.case, card.last, now)


@pass_context
def _moment_here(context: Context, value: datetime | None) -> str:
    today = context.get("today")
    return moment(value, today if isinstance(today, date) else None)


def install_filters(env: Environment) -> None:
    env.filters["day"] = _day_here
    env.filters["sentence"] = _sentence
    env.filters["step_when"] = _when
    env.filters["channel_phrase"] = channel_phrase
    env.globals["last_contact"] = _last
    env.globals["status_moves"] = STATUS_MOVES
    env.globals["stage_drops"] = STAGE_DROPS
    env.globals["drop_notes"] = DROP_NOTES
    env.globals["place"] = place
    env.filters["severity"] = lambda v: SEVERITY_WORDS.get(str(v), str(v))
    env.filters["short_day"] = short_day
    env.filters["moment"] = _moment_here
    env.filters["kind"] = lambda v: words(v, KIND_WORDS)
    env.filters["channel"] = lambda v: words(v, CHANNEL_WORDS)
    env.filters["iso"] = lambda v: v.isoformat() if v is not None else ""
    env.filters["opp_path"] = opp_path
    env.globals["error_field"] = error_field
    from followup.service.planning import action_badge

    env.filters["badge"] = action_badge
    env.globals["section"] = _section
    env.filters["generation"] = _generation


def _generation(case: object) -> str:
    """The case's change generation (service.generation), for the board's Move form: a
    move from a page older than the case is refused."""
    from followup import service

    return service.generation(case)  # type: ignore[arg-type]


def _section(action: object, today: date) -> str:
    """The agenda section a step is listed in (service.agenda_section), for its badge."""
    from followup.service.planning import agenda_section

    return agenda_section(action, today)  # type: ignore[arg-type]


def error_field(error: str | None, names: Sequence[str]) -> str | None:
    """Which of a form's fields an error message names (`--company: ...`, `when: ...`),
    so it is shown beside that field; None: the form's own error line shows it."""
    if not error:
        return None
    head = error.split(":", 1)[0].strip().lstrip("-").replace("-", " ").replace("_", " ")
    for name in names:
        if head.casefold() == name.replace("_", " ").casefold():
            return name
    return None


def opp_path(ref: str) -> str:
    """`/o/REF`: the opportunity page's path, without `url_for` (which walks every route:
    a third of the time of a page of 75 cards)."""
    from urllib.parse import quote

    return "/o/" + quote(ref, safe="")


# One word a severity, the same in the tally and on each finding's badge.
SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "suggestion",
                  "suggestion": "suggestion"}


@dataclass(frozen=True, slots=True)
class Place:
    """Where a finding is, as a person finds it in the box: the subject line or the
    paragraph's number, and the excerpt with a little of the text around it."""

    where: str
    before: str
    excerpt: str
    after: str


def place(text: str, line: int, column: int, excerpt: str, around: int = 28) -> Place:
    """`line`/`column` (1-based, the linter's) read as the box shows them: paragraphs
    (runs of lines between blank lines) rather than line numbers a wrapped box hides."""
    lines = text.replace("\r\n", "\n").split("\n")
    line = max(1, min(line, len(lines))) if lines else 1
    paragraph, blank = 0, True
    subject = lines[0].lower().startswith("subject:") if lines else False
    for n, content in enumerate(lines[:line], start=1):
        if not content.strip():
            blank = True
            continue
        if blank or (subject and n == 2):
            paragraph += 1
        blank = False
    if subject:
        where = "the subject line" if line == 1 else f"paragraph {paragraph - 1}"
    else:
        where = f"paragraph {max(paragraph, 1)}"
    content = lines[line - 1] if lines else ""
    begin = max(0, min(column - 1, len(content)))
    if excerpt and content[begin:begin + len(excerpt)] != excerpt:
        found = content.find(excerpt)
        begin = found if found >= 0 else begin
    end = begin + len(excerpt)
    before = content[max(0, begin - around):begin]
    after = content[end:end + around]
    return Place(where, ("…" if begin > around else "") + before, content[begin:end] or excerpt,
                 after + ("…" if end + around < len(content) else ""))
