"""What each kind of step or note is, in one table every part reads.

The planner's actions (`prepare`, `thank_you`, ... `move_on`), the notes the composer writes
and the linter checks (`thank_you`, `check_in`, `final`, `letter`, `voicemail`) and the touches
a user logs (`application`, `reply`, ...) share their names, so one row per name says how the
faces call it, how it is sent, whether it can be drafted, which touch marks it done, its word
cap and its subject line. Pure data, no I/O: the faces, the linter, the composer and the
calendar all read it, so no part keeps its own labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from followup.core.model import FOLLOW_UP_TOUCHES, Channel, TouchKind

# RULEBOOK "Thresholds": the caps the length rules check (length.words, length.scroll,
# length.one-page) and the web's word counter shows.
SHORT_NOTE_WORDS = 150  # length.words
SCROLL_WORDS = 250  # length.scroll
ONE_PAGE_WORDS = 350  # length.one-page


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of step or note.

    `label` heads a card or a calendar event ("Thank-you note"); `short` fits a table cell
    ("thank-you"); `verb` is the imperative the agenda prints, `{who}` the person's name;
    `note` is how the linter's messages name it ("keep a thank-you note within 150").
    """

    name: str
    label: str
    short: str
    verb: str | None = None  # None: not a planned action
    channel: Channel | None = None  # how it goes when the kind fixes it
    email: bool = False  # sent as an email (drafts carry a subject, `send` sends it)
    draftable: bool = False  # the composer writes it and the linter knows it
    writes: str | None = None  # the note the composer writes for this action, if any
    done_by: TouchKind | None = None  # the outgoing touch that marks the step done
    follow_up: bool = False  # counts on the ladder after the interviews (timing.weekly-cap)
    per_interview: bool = False  # one per held interview and recipient (timing.thank-you)
    says_channel: bool = True  # the agenda line says how it goes ("by email")
    # listed as due from `not_before` (the interview's day), not from its due day: RULEBOOK
    # "Order of operations", a thank-you note is due right away, the same day ideally
    due_from_start: bool = False
    word_cap: int | None = None  # the body's cap in words
    subject: str | None = None  # str.format template with {role} and {company}
    note: str = "note"
    recipient_word: str = "with"  # "to Dana" or "with Dana" in a heading
    noun: str = ""  # in a sentence: "Logged a {noun}", "Snoozed the {noun}"; "": `short`

    @property
    def words(self) -> str:
        """How a sentence names it (the change log, the toast, `followup undo`)."""
        return self.noun or self.short


_TABLE = (
    Kind("prepare", "Prepare for the interview", "prepare",
         verb="Prepare for the interview with {who}", says_channel=False,
         noun="preparing for the interview"),
    Kind("thank_you", "Thank-you note", "thank-you",
         verb="Send a thank-you note to {who}", channel=Channel.EMAIL, email=True,
         draftable=True, writes="thank_you", done_by=TouchKind.THANK_YOU,
         word_cap=SHORT_NOTE_WORDS, subject="Thank you: {role} interview",
         note="thank-you note", recipient_word="to", per_interview=True,
         noun="thank-you note", due_from_start=True),
    Kind("letter", "Mailed letter", "letter", verb="Post a one-page letter to {who}",
         channel=Channel.LETTER, draftable=True, writes="letter", done_by=TouchKind.OTHER,
         word_cap=ONE_PAGE_WORDS, note="letter", recipient_word="to", per_interview=True,
         says_channel=False, noun="mailed letter"),
    Kind("check_in", "Check-in", "check in", verb="Check in with {who}", email=True,
         draftable=True, writes="check_in", done_by=TouchKind.CHECK_IN, follow_up=True,
         word_cap=SHORT_NOTE_WORDS, subject="Checking in: {role} role at {company}",
         note="check-in", noun="check-in"),
    Kind("final", "Final message", "final message", verb="Send the final message to {who}",
         channel=Channel.EMAIL, email=True, draftable=True, writes="final",
         done_by=TouchKind.FINAL, follow_up=True, word_cap=SHORT_NOTE_WORDS,
         subject="{role} role: a last note", note="final message", noun="final message"),
    Kind("move_on", "Move on", "move on", verb="Move on: mark the opportunity dormant",
         noun="moving on"),
    Kind("application_follow_up", "Application follow-up", "application follow-up",
         verb="Follow up on the application with {who}", channel=Channel.EMAIL,
         writes="check_in", done_by=TouchKind.CHECK_IN),
    Kind("voicemail", "Voicemail", "voicemail", channel=Channel.VOICEMAIL, draftable=True,
         writes="voicemail", done_by=TouchKind.CHECK_IN, word_cap=SCROLL_WORDS,
         note="voicemail"),
    Kind("application", "Application", "application"),
    Kind("reply", "Reply", "reply"),
    Kind("offer", "Offer", "offer"),
    Kind("rejection", "Rejection", "rejection"),
    Kind("other", "Other", "other", noun="note"),
)

KINDS: dict[str, Kind] = {k.name: k for k in _TABLE}
# The notes the composer drafts and the linter checks, in the order help lists them.
MESSAGE_KINDS: tuple[str, ...] = ("thank_you", "check_in", "final", "letter", "voicemail")
EMAIL_KINDS: frozenset[str] = frozenset(k.name for k in _TABLE if k.email and k.draftable)
SHORT_NOTES: frozenset[str] = frozenset(
    k.name for k in _TABLE if k.draftable and k.word_cap == SHORT_NOTE_WORDS)
ACTION_KINDS: tuple[str, ...] = tuple(k.name for k in _TABLE if k.verb is not None)
# The planned actions the composer has a draft for.
DRAFTABLE_ACTIONS: frozenset[str] = frozenset(
    k for k in ACTION_KINDS if KINDS[k].writes is not None)

# How a heading names each kind.
LABELS: dict[str, str] = {k.name: k.label for k in _TABLE}


@dataclass(frozen=True, slots=True)
class ChannelWords:
    """How the faces say a channel: `word` in a table cell, a legend or "by {word}" on a
    card; `by` after "by" in the change log's sentence; `answer` in the planner's reason
    for answering on the channel they used (timing.match-channel)."""

    name: str
    word: str
    by: str
    answer: str


_CHANNELS = (
    ChannelWords("email", "email", "email", "email"),
    ChannelWords("phone", "phone", "phone", "phone"),
    ChannelWords("voicemail", "voicemail", "voicemail", "phone (leave a voicemail)"),
    ChannelWords("letter", "letter", "letter", "letter"),
    ChannelWords("in_person", "in person", "in person", "in person"),
    ChannelWords("message", "message", "message", "message"),
    ChannelWords("other", "other", "other means", "other"),
)
CHANNELS: dict[str, ChannelWords] = {c.name: c for c in _CHANNELS}
CHANNEL_WORDS: dict[str, str] = {c.name: c.word for c in _CHANNELS}
assert {c.value for c in Channel} <= set(CHANNELS)


def channel(name: str) -> ChannelWords:
    """The words for channel `name`; an unknown one (a newer file) is said as it is."""
    found = CHANNELS.get(name)
    if found is not None:
        return found
    word = name.replace("_", " ")
    return ChannelWords(name, word, word, word)

assert FOLLOW_UP_TOUCHES == {k.done_by for k in _TABLE if k.follow_up}
assert set(MESSAGE_KINDS) == {k.name for k in _TABLE if k.draftable}


def kind(name: str) -> Kind:
    """The row for `name`; an unknown name (a newer file) gets a row made from the name."""
    found = KINDS.get(name)
    if found is not None:
        return found
    words = name.replace("_", " ")
    return Kind(name, words[:1].upper() + words[1:], words)


def label(name: str) -> str:
    return kind(name).label


def subject(name: str, role: str, company: str) -> str | None:
    """The draft's subject line, for the kinds sent as email."""
    template = kind(name).subject
    return template.format(role=role, company=company) if template else None


def message_kind(action: str, channel: str | None = None) -> str | None:
    """The note written for a planned action: a phone check-in is a voicemail script."""
    if action == "check_in" and channel in ("phone", "voicemail"):
        return "voicemail"
    return kind(action).writes
