"""One mail message as the sync sees it: who, when, which thread, what it says, what it is.

Headers are decoded with the standard library's modern policy (RFC 2047 words, folded
lines, non-ASCII names); the text is the first text/plain part, else the HTML part turned
into text; the quoted history below a reply is cut by mail-parser-reply. Classification
follows the published signals: RFC 3834 `Auto-Submitted`, the de-facto `X-Autoreply` /
`X-Autorespond` (Exchange, Zimbra), `Precedence: bulk|list|junk` and RFC 2369 `List-*` for
newsletters, RFC 3464 `multipart/report; report-type=delivery-status` and MAILER-DAEMON
senders for bounces.

Every message is read under budgets (issue 20): at most `MAX_HEADER_BYTES` of headers and
`MAX_BODY_BYTES` of message, `MAX_PARTS` MIME parts nested at most `MAX_DEPTH` deep, and
`TIME_BUDGET` seconds; what can't be read within them raises `Unreadable` with the reason,
and the sync records that message as skipped and goes on. Every value taken from a mail meets
the limits of a typed one (`core.limits`): one-line fields lose their control and format
characters and are cut to `MAX_LINE`, text loses control characters but line breaks and tabs,
and the date lies between 1970 and ten years from today, else the message is skipped.
"""

from __future__ import annotations

import hashlib
import html
import re
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.header import Header, decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from followup.core.limits import MAX_LINE, MIN_DAY, clean_line

# What the sync asks for before deciding whether a body is worth reading.
HEADER_FIELDS = (
    "MESSAGE-ID", "IN-REPLY-TO", "REFERENCES", "FROM", "TO", "CC", "DATE", "SUBJECT",
    "AUTO-SUBMITTED", "X-AUTOREPLY", "X-AUTORESPOND", "X-AUTO-RESPONSE-SUPPRESS", "PRECEDENCE",
    "LIST-ID", "LIST-UNSUBSCRIBE", "CONTENT-TYPE", "RETURN-PATH", "X-FAILED-RECIPIENTS",
    "X-MS-EXCHANGE-INBOX-RULES-LOOP", "REPLY-TO", "SENDER",
)
MAX_TEXT = 20_000  # characters of a body kept for reading: a reply is short
MAX_HEADER_BYTES = 64 * 1024  # of the header fields above: real ones take 2-8 KB
MAX_BODY_BYTES = 256 * 1024  # fetched of a message: its text is near the top
MAX_PARTS = 100  # MIME parts in the bytes fetched; real mail has a handful
MAX_DEPTH = 12  # nested multiparts; real mail nests 3 or 4 deep
MAX_HTML = 200_000  # characters of HTML turned into text
TIME_BUDGET = 5.0  # seconds to read one message (the 2,000-input fuzz run: worst 1.7 s traced)


class Unreadable(Exception):  # noqa: N818 - a verdict on a message, not a program error
    """A message that can't be read within the budgets; `reason` says why, in a phrase."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Budget:
    """The time one message may take; `check` raises `Unreadable` once it is spent."""

    def __init__(self, seconds: float = TIME_BUDGET) -> None:
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds

    def check(self, stage: str) -> None:
        if time.monotonic() > self.deadline:
            raise Unreadable(f"took more than {self.seconds:g} s to read ({stage})")


# Free text keeps tab and line breaks; one-line fields are `limits.clean_line`.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                       r"\ud800-\udfff]")


def clean_text(value: str, limit: int = MAX_TEXT) -> str:
    """Free text from a mail: line breaks and tabs kept, CR LF made LF, other control
    characters and bidi overrides dropped, at most `limit` characters."""
    value = value[:limit * 2].replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_TEXT.sub("", value)[:limit]

_MSGID = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True, slots=True)
class Mail:
    """The parts of a message the matching and the review queue use."""

    message_id: str
    at: datetime  # timezone-aware
    sender_name: str
    sender_email: str  # lower case
    recipients: tuple[tuple[str, str], ...]  # (name, email lower case), To then Cc
    subject: str
    in_reply_to: tuple[str, ...]  # In-Reply-To then References, newest first
    auto: str | None  # why it is not a person writing: auto-reply, bounce, newsletter ...
    text: str = ""  # the new text of the message, quoted history cut
    relay: str = ""  # Sender / Reply-To addresses: who it was sent on behalf of, or through
    dated: str = ""  # how `at` was found when not from the Date header ("arrival")


def parse(raw: bytes) -> Message:
    """The message with its headers kept raw (the compat32 policy): decoding only the few
    headers we read is ten times faster than the modern policy's header registry."""
    return message_from_bytes(raw)


def decode(value: str) -> str:
    """An RFC 2047 encoded header (`=?UTF-8?Q?J=C3=BCrgen?=`) as text, on one line; raw
    8-bit UTF-8 (RFC 6532, common in practice) is read as UTF-8."""
    if not value.isascii():
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if "=?" in value:
        try:
            value = str(make_header(decode_header(value)))
        except (LookupError, ValueError, UnicodeError, AssertionError, TypeError):
            pass
    return clean_line(value, MAX_LINE * 4)


def _raw(value: object) -> str:
    """A compat32 header value as a str; raw 8-bit bytes come back as a `Header` of
    unknown-8bit parts, read here as UTF-8 (what such mail nearly always is)."""
    if isinstance(value, Header):
        try:
            return "".join(part.decode("utf-8", "replace") if isinstance(part, bytes) else part
                           for part, _charset in decode_header(value))
        except (LookupError, ValueError, UnicodeError, TypeError):
            return str(value).encode("ascii", "replace").decode()
    return str(value)


def _header(msg: Message, name: str) -> str:
    value = msg.get(name)
    return decode(_raw(value)) if value is not None else ""


def message_ids(value: str) -> tuple[str, ...]:
    """Every `<id@host>` in a header, in order; a bare id without brackets gets them."""
    found = _MSGID.findall(value[:MAX_HEADER_BYTES])
    if not found and value.strip() and " " not in value.strip():
        found = [f"<{value.strip().strip('<>')}>"]
    # an id is a one-line value like any other: printable, at most MAX_LINE characters
    return tuple(f for f in found[:200] if len(f) <= MAX_LINE and f.isprintable())


def _addresses(msg: Message, *names: str) -> tuple[tuple[str, str], ...]:
    values = [_raw(v) for name in names for v in msg.get_all(name, [])]
    out = []
    for display, email in getaddresses(values)[:200]:
        email = email.strip().lower()
        if "@" in email and len(email) <= 254 and email.isprintable() and " " not in email:
            out.append((clean_line(decode(display)), email))
    return tuple(out)


def _when(msg: Message, received: datetime | None, latest: date | None) -> tuple[datetime, str]:
    """When the message was written, and a note when that is not its Date header.

    A missing or unreadable Date takes the server's arrival time (INTERNALDATE), never the
    epoch; a Date outside the limits of a typed date (1970 to `latest`) makes the message
    unreadable; a Date more than a day after its arrival (a sender's clock, or a lie) yields
    to the arrival time.
    """
    raw = _header(msg, "Date")
    try:
        at = parsedate_to_datetime(raw) if raw else None
    except (TypeError, ValueError, IndexError, OverflowError):
        at = None
    if at is not None and at.tzinfo is None:  # RFC 5322 "-0000": the zone is unknown; UTC
        at = at.replace(tzinfo=UTC)
    if at is not None:
        try:
            day = at.astimezone(UTC).date()
        except (OverflowError, ValueError):
            raise Unreadable(f"its Date {raw[:40]!r} is outside the calendar") from None
        if day < MIN_DAY or (latest is not None and day > latest):
            raise Unreadable(f"its Date {day.isoformat()} is outside {MIN_DAY.isoformat()} to "
                             f"{latest.isoformat() if latest else '-'}")
        if received is not None and at > received + timedelta(days=1):
            return received, f"its Date {day.isoformat()} is after its arrival; arrival used"
        return at, ""
    if received is None:
        raise Unreadable("no readable Date and no arrival time")
    if received.tzinfo is None:
        received = received.replace(tzinfo=UTC)
    return received, "no readable Date; arrival used" if raw else "no Date; arrival used"


def stable_id(raw_headers: bytes) -> str:
    """A Message-ID for a message that has none: the same bytes give the same id."""
    return f"<{hashlib.sha256(raw_headers).hexdigest()[:32]}@no-message-id.invalid>"


def read_headers(raw: bytes, received: datetime | None = None, latest: date | None = None
                 ) -> Mail:
    """A message from its header block alone (the sync's first, cheap pass); `received` is
    the server's arrival time, `latest` the last day a date may name (`limits.ahead_of`).
    Raises `Unreadable` when the header block is over budget or its date out of bounds."""
    if len(raw) > MAX_HEADER_BYTES:
        raise Unreadable(f"its headers are over {MAX_HEADER_BYTES // 1024} KB")
    msg = parse(raw)
    ids = message_ids(_header(msg, "Message-ID"))
    sender = _addresses(msg, "From")
    name, email = sender[0] if sender else ("", "")
    thread = message_ids(_header(msg, "In-Reply-To")) + tuple(
        reversed(message_ids(_header(msg, "References"))))
    at, dated = _when(msg, received, latest)
    relay = " ".join(e for _n, e in _addresses(msg, "Sender", "Reply-To"))
    return Mail(
        message_id=ids[0] if ids else stable_id(raw),
        at=at, sender_name=name, sender_email=email,
        recipients=_addresses(msg, "To", "Cc")[:100], subject=clean_line(_header(msg, "Subject")),
        in_reply_to=tuple(dict.fromkeys(thread))[:100], auto=automatic(msg, email),
        relay=clean_line(relay), dated=dated,
    )


def head_of(raw: bytes) -> bytes:
    """The header block of a whole message."""
    cut = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    return raw[:min(cut)] if cut else raw


def read_message(raw: bytes, received: datetime | None = None, *, strip: bool = True,
                 latest: date | None = None, budget: Budget | None = None) -> Mail:
    """A whole message: the headers as above and the new text of its body (`strip=False`:
    the whole text, quoted history included; `new_text` cuts it later, when it matters)."""
    budget = budget or Budget()
    head = read_headers(head_of(raw)[:MAX_HEADER_BYTES + 1], received, latest)
    msg = parse_body(raw, budget)
    auto = head.auto or automatic(msg, head.sender_email, body=True)
    text = body_text(msg, budget)
    budget.check("the text")
    return replace(head, auto=auto, text=new_text(text) if strip else text[:MAX_TEXT])


_PART_HEADER = re.compile(rb"^content-type:[ \t]*multipart/", re.I | re.M)
_ANY_PART = re.compile(rb"^content-type:", re.I | re.M)


def parse_body(raw: bytes, budget: Budget | None = None) -> Message:
    """The whole message parsed, once it is known to fit the budgets: at most
    `MAX_BODY_BYTES`, `MAX_PARTS` parts, `MAX_DEPTH` nested multiparts."""
    raw = raw[:MAX_BODY_BYTES]
    parts = sum(1 for _ in zip(range(MAX_PARTS + 1), _ANY_PART.finditer(raw), strict=False))
    if parts > MAX_PARTS:
        raise Unreadable(f"more than {MAX_PARTS} MIME parts")
    if sum(1 for _ in _PART_HEADER.finditer(raw)) > MAX_DEPTH * 4:
        raise Unreadable("too many nested MIME multiparts")
    try:
        msg = parse(raw)
    except RecursionError:
        raise Unreadable(f"MIME parts nested more than {MAX_DEPTH} deep") from None
    if _depth(msg) > MAX_DEPTH:
        raise Unreadable(f"MIME parts nested more than {MAX_DEPTH} deep")
    if budget is not None:
        budget.check("the MIME parts")
    return msg


def _depth(msg: Message) -> int:
    deepest, stack = 0, [(msg, 1)]
    while stack:
        part, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            return depth
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((p, depth + 1) for p in payload if isinstance(p, Message))
    return deepest


# -- what kind of mail --------------------------------------------------------------

_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|bounces?)([+@.-]|$)")
_OOO_SUBJECT = re.compile(
    r"\b(out of (the )?office|ooo|away from (the )?office|on vacation|on leave|"
    r"abwesenheit\w*|absence|automatic reply|auto(matic)?[- ]?reply|autoreply|"
    r"réponse automatique|respuesta automática)\b", re.I)
_NOREPLY = re.compile(r"^(no-?reply|do-?not-?reply|notifications?|newsletter|news|digest|"
                      r"updates?|marketing|info-?mail)([+@.-]|$)")


def automatic(msg: Message, sender: str, *, body: bool = False) -> str | None:
    """Why this message is not a person writing (None when it is): what never counts as a
    reply (`auto-reply`, `out-of-office`, `bounce`, `newsletter`)."""
    ctype = msg.get_content_type()
    report = str(msg.get_param("report-type", "") or "").lower()
    if (ctype == "multipart/report" and report in {"delivery-status", "disposition-notification"}) \
            or _BOUNCE_SENDERS.match(sender) or _header(msg, "X-Failed-Recipients"):
        return "bounce"  # RFC 3464 DSN, or the sender every MTA uses for them
    subject = _header(msg, "Subject")
    submitted = _header(msg, "Auto-Submitted").lower()
    suppress = _header(msg, "X-Auto-Response-Suppress").lower()
    # Exchange's out-of-office: suppression of all auto-responses plus its rules-loop stamp
    exchange_oof = suppress in {"all", "oof"} and bool(_header(msg,
                                                               "X-MS-Exchange-Inbox-Rules-Loop"))
    auto_reply = (submitted not in ("", "no") or exchange_oof
                  or _header(msg, "X-Autoreply").lower() in {"yes", "true", "1"}
                  or bool(_header(msg, "X-Autorespond")))
    ooo = bool(_OOO_SUBJECT.search(subject)) or "vacation" in submitted or exchange_oof \
        or (submitted.startswith("auto-replied") and "vacation" in subject.lower())
    if auto_reply or _OOO_SUBJECT.search(subject):
        return "out-of-office" if ooo else "auto-reply"
    precedence = _header(msg, "Precedence").lower()
    if precedence in {"bulk", "list", "junk"} or _header(msg, "List-Unsubscribe") \
            or _header(msg, "List-Id") or _NOREPLY.match(sender):
        return "newsletter"
    return None


# -- the text -----------------------------------------------------------------------

def _part_text(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, TypeError, LookupError, AssertionError):
        return ""
    if not isinstance(payload, bytes):
        return ""
    try:
        charset = part.get_content_charset() or "utf-8"
    except (ValueError, TypeError, LookupError, UnicodeError):
        charset = "utf-8"
    import codecs

    try:  # a text encoding, not a codec such as "hex" or "rot13", nor a name with a NUL
        if not codecs.lookup(charset)._is_text_encoding:
            charset = "utf-8"
    except (LookupError, ValueError, TypeError):
        charset = "utf-8"
    try:
        text = payload[:MAX_BODY_BYTES].decode(charset, "replace")
    except (LookupError, ValueError, TypeError, UnicodeError):  # an odd charset name
        text = payload[:MAX_BODY_BYTES].decode("utf-8", "replace")
    return clean_text(text, MAX_HTML)


def _leaves(msg: Message) -> list[Message]:
    """The non-multipart parts, depth first, without recursion (budgets checked before)."""
    out: list[Message] = []
    stack = [msg]
    while stack and len(out) <= MAX_PARTS:
        part = stack.pop()
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend(reversed([p for p in payload if isinstance(p, Message)]))
        else:
            out.append(part)
    return out


def body_text(msg: Message, budget: Budget | None = None) -> str:
    """The readable text: text/plain, else the HTML part as text; attachments skipped."""
    plain = html_part = None
    for part in _leaves(msg):
        try:
            if part.get_content_disposition() == "attachment":
                continue
            ctype = part.get_content_type()
        except (ValueError, TypeError, LookupError, UnicodeError):
            continue
        if ctype == "text/plain" and plain is None:
            plain = _part_text(part)
        elif ctype == "text/html" and html_part is None:
            html_part = _part_text(part)
    if budget is not None:
        budget.check("the parts' text")
    if plain and plain.strip():
        return plain[:MAX_TEXT * 2]
    return html_to_text(html_part or "")[:MAX_TEXT * 2]


# Linear on any input (issue 20: 400 KB of `<` took 46 s with `<[^>]+>`): no pattern here
# can start at one `<` and run past the next one.
_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h\d|/blockquote)\b[^<>]*>", re.I)
_TAG = re.compile(r"<[^<>]*>")
_STRAY = re.compile(r"<+")


def _cut_between(text: str, low: str, start: str, end: str) -> str:
    """`text` without each `start ... end` span (case-insensitive; `low` is text lowered);
    an unclosed span runs to the end. One pass of `str.find`: linear."""
    out, pos = [], 0
    while True:
        i = low.find(start, pos)
        if i < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:i])
        j = low.find(end, i + len(start))
        close = low.find(">", j) if j >= 0 else -1
        if close < 0:
            return "".join(out)
        pos = close + 1


def html_to_text(markup: str) -> str:
    """HTML mail as plain lines; quoted history (blockquote, Gmail's quote div) dropped."""
    text = markup[:MAX_HTML]
    for tag in ("script", "style", "head", "blockquote"):
        low = text.lower()
        if f"<{tag}" in low:
            text = _cut_between(text, low, f"<{tag}", f"</{tag}")
    low = text.lower()
    quote = low.find("gmail_quote")
    if quote >= 0:
        text = text[:max(0, low.rfind("<div", 0, quote))]
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(_STRAY.sub(" ", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(lines).strip()


_ON_WROTE = re.compile(r"^\s*(On\b.{0,200}\bwrote:|Am\b.{0,200}\bschrieb.*:|"
                       r"Le\b.{0,200}\ba écrit\s*:|-{2,}\s*Original Message\s*-{2,}|_{10,}|"
                       r"From:\s.+)\s*$", re.I | re.M)


def new_text(text: str) -> str:
    """The reply without the quoted history: mail-parser-reply first, then a plain cut at
    the first `On ... wrote:` / `> ` block it may have missed (Outlook's `From:` header)."""
    text = text.replace("\r\n", "\n")[:MAX_TEXT * 2]
    try:
        from mailparser_reply import EmailReplyParser

        latest = EmailReplyParser(languages=["en", "de", "fr", "es"]).parse_reply(text=text)
        if latest and latest.strip():
            text = latest
    except Exception:  # noqa: BLE001 - a third-party parser's bug must not stop a sync
        pass
    m = _ON_WROTE.search(text)
    if m and m.start() > 0:
        text = text[:m.start()]
    lines = [line for line in text.split("\n") if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()[:MAX_TEXT]


# -- what a reply says --------------------------------------------------------------

_OFFER = re.compile(
    r"\b(pleased|happy|delighted|excited|thrilled) to (extend|offer|make)\b|"
    r"\b(extend|make|making|extending)( you)? (an|a formal|a verbal|our) offer\b|"
    r"\boffer (letter|of employment)\b|\bwe would like to offer\b|\bwe'd like to offer\b", re.I)
_REJECTION = re.compile(
    r"\b(decided|chosen|decision) (not )?to (move|go|proceed) (forward|ahead)? ?with "
    r"(other|another|a different|candidates)|"
    r"\b(not|won't|will not) (be )?(moving|move|proceed|proceeding) (forward|further)\b|"
    r"\bother candidates\b|\bposition has been filled\b|\brole has been filled\b|"
    r"\bunfortunately\b.{0,80}\b(not|unable|no longer)\b|\bregret to inform\b|"
    r"\bnot (been )?selected\b|\bwill not be offering\b", re.I | re.S)


def reply_kind(text: str) -> str:
    """`offer`, `rejection` or `reply`: what an incoming message tells about the decision."""
    if _OFFER.search(text):
        return "offer"
    if _REJECTION.search(text):
        return "rejection"
    return "reply"


_THANKS = re.compile(r"\bthank(s| you)\b.{0,60}\b(time|meeting|speaking|interview|"
                     r"conversation|chat|talking|call|today|yesterday|opportunity)\b|"
                     r"\b(appreciate|appreciated) (the|your|you taking)\b", re.I | re.S)
_THANKS_SUBJECT = re.compile(r"\bthank(s| you)\b", re.I)
_FINAL = re.compile(r"\b(one last|a last|final) (note|time|check|follow)|\bclose the loop\b|"
                    r"\bwon't (reach out|follow up) again\b|\blast (note|time I)\b", re.I)
_CHECK = re.compile(r"\b(check(ing)? in|follow(ing)?[- ]up|any update|an update|touch base)\b",
                    re.I)
# "I'll check in next week", "I look forward to following up": a promise, not a check-in
_LATER = re.compile(r"\b(will|'ll|shall|going to|plan to|look forward to|happy to|"
                    r"feel free to|later|next week|in a few)\b", re.I)


def sent_scores(subject: str, text: str) -> dict[str, int]:
    """Points for thank_you, check_in and final from the subject (3), the opening two
    sentences (2) and the rest (1), a final note's words twice; a check-in the note only
    promises for later counts nothing (issue 22: "thank you ... I will check in next week"
    is a thank-you)."""
    points = {"thank_you": 0, "check_in": 0, "final": 0}
    subject = re.sub(r"^\s*((re|aw|fwd?|wg)\s*:\s*)+", "", subject, flags=re.I)
    if _FINAL.search(subject):
        points["final"] += 3
    elif _CHECK.search(subject):
        points["check_in"] += 3
    elif _THANKS_SUBJECT.search(subject):
        points["thank_you"] += 3
    for n, sentence in enumerate(_sentences(text)[:30]):
        weight = 2 if n < 2 else 1
        if _FINAL.search(sentence):  # a last note is said in so many words: twice as telling
            points["final"] += 2 * weight
        if _CHECK.search(sentence) and not _LATER.search(sentence):
            points["check_in"] += weight
        if _THANKS.search(sentence):
            points["thank_you"] += weight
    return points


def sent_kind(text: str, subject: str = "") -> str | None:
    """What a note the candidate sent is, from its words; None when they don't say."""
    points = sent_scores(subject, text)
    best = max(points.values())
    if best == 0:
        return None
    return next(k for k in ("final", "thank_you", "check_in") if points[k] == best)


# -- dates in a reply ---------------------------------------------------------------

_DATE_PHRASE = re.compile(
    r"\b(?:by|before|on|until|around|after|in|within)?\s*(?:the\s+)?("
    r"(?:early|mid|middle of|end of|the end of|late|beginning of|the beginning of)\s+"
    r"(?:next|this|the)\s+(?:week|month)|"
    r"(?:end of|the end of)\s+(?:the\s+)?(?:week|month)|"
    r"next\s+(?:monday|tuesday|wednesday|thursday|friday|week|month)|"
    r"(?:this|coming)\s+(?:monday|tuesday|wednesday|thursday|friday)|"
    r"(?:in|within)\s+(?:\d+|a|one|two|three|four|a couple of|a few)\s+"
    r"(?:business\s+)?(?:days?|weeks?)|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)|"
    r"\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}(?:st|nd|rd|th))\b", re.I)
_DECISION_WORDS = re.compile(
    r"\b(decid|decision|get back|hear|update|let you know|reach out|contact|respond|"
    r"news|finali[sz]e|wrap up|next steps|conclude|be in touch|follow up|come back|"
    r"back to you|confirm|timeline|expect)", re.I)
_RETURN_WORDS = re.compile(r"\b(return|back in|back on|back at|returning|back to the office|"
                           r"zurück|de retour)", re.I)


def _sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?;])\s+", flat) if s]


_MONTHS = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}


def phrase_day(phrase: str, base: date) -> date | None:
    """One date phrase resolved against the day the message was written.

    The one place the mailbox asks the date-phrase reader (`followup.core.when`), so a better
    reader can replace it; what `when` does not know yet ("the 20th", "early next month")
    is read here.
    """
    p = " ".join(phrase.lower().replace(".", " ").split())
    m = re.fullmatch(r"([a-z]+) (\d{1,2})(?:st|nd|rd|th)?|"
                     r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)", p)
    if m and (m.group(1) or m.group(4)) in _MONTHS:
        month = _MONTHS[m.group(1) or m.group(4)]
        day = int(m.group(2) or m.group(3))
        for year in (base.year, base.year + 1):  # "March 25": the next one
            try:
                found = date(year, month, day)
            except ValueError:
                return None
            if found >= base:
                return found
        return None
    m = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)", p)
    if m:  # "by the 20th": the next 20th on or after the day it was said
        day = int(m.group(1))
        if not 1 <= day <= 31:
            return None
        for months_ahead in range(0, 3):
            y, mo = base.year + (base.month - 1 + months_ahead) // 12, \
                (base.month - 1 + months_ahead) % 12 + 1
            try:
                found = date(y, mo, day)
            except ValueError:
                continue
            if found >= base:
                return found
        return None
    m = re.fullmatch(r"(early|beginning of|the beginning of|mid|middle of|late|end of|"
                     r"the end of)\s+(next|this|the)\s+(week|month)", p)
    if m and m.group(3) == "month":
        first = date(base.year + (base.month // 12), base.month % 12 + 1, 1) \
            if m.group(2) == "next" else base.replace(day=1)
        which = m.group(1)
        if which in ("early", "beginning of", "the beginning of"):
            return first + timedelta(days=6)  # the end of the month's first week
        if which in ("mid", "middle of"):
            return first.replace(day=15)
    if m and m.group(3) == "week" and m.group(1) in ("early", "beginning of",
                                                      "the beginning of", "mid", "middle of"):
        monday = base + timedelta(days=(7 - base.weekday()) % 7 or 7) \
            if m.group(2) == "next" else base - timedelta(days=base.weekday())
        return monday + timedelta(days=1 if m.group(1).startswith(("early", "begin",
                                                                   "the begin")) else 2)
    from followup.core.when import resolve_phrase

    try:
        resolved = resolve_phrase(p, base)
    except (ValueError, OverflowError):
        return None
    if resolved is None:
        return None
    found = resolved
    return found if found >= base and found <= base + timedelta(days=366) else None


def decision_date(text: str, base: date) -> date | None:
    """A new decision date a reply gives ("we'll decide by the 20th", "early next month"),
    from the sentences that speak of a decision or of getting back; None if none does."""
    for sentence in _sentences(text)[:40]:
        if not _DECISION_WORDS.search(sentence) or _RETURN_WORDS.search(sentence):
            continue
        for m in _DATE_PHRASE.finditer(sentence):
            found = phrase_day(m.group(1), base)
            if found is not None:
                return found
    return None


def return_date(text: str, base: date) -> date | None:
    """The day an out-of-office sender is back ("I will return on March 16")."""
    for sentence in _sentences(text)[:40]:
        back = _RETURN_WORDS.search(sentence) or _UNTIL.search(sentence)
        if back is None:
            continue
        # the first date after "return"/"until": "away from the 9th, back on the 16th"
        for m in _DATE_PHRASE.finditer(sentence, back.start()):
            found = phrase_day(m.group(1), base)
            if found is not None:
                return found
    return None


_UNTIL = re.compile(r"\b(until|till|through)\b", re.I)
