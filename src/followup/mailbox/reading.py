"""One mail message as the sync sees it: who, when, which thread, what it says, what it is.

Headers are decoded with the standard library's modern policy (RFC 2047 words, folded
lines, non-ASCII names); the text is the first text/plain part, else the HTML part turned
into text; the quoted history below a reply is cut by mail-parser-reply. Classification
follows the published signals: RFC 3834 `Auto-Submitted`, the de-facto `X-Autoreply` /
`X-Autorespond` (Exchange, Zimbra), `Precedence: bulk|list|junk` and RFC 2369 `List-*` for
newsletters, RFC 3464 `multipart/report; report-type=delivery-status` and MAILER-DAEMON
senders for bounces.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.header import Header, decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

# What the sync asks for before deciding whether a body is worth reading.
HEADER_FIELDS = (
    "MESSAGE-ID", "IN-REPLY-TO", "REFERENCES", "FROM", "TO", "CC", "DATE", "SUBJECT",
    "AUTO-SUBMITTED", "X-AUTOREPLY", "X-AUTORESPOND", "X-AUTO-RESPONSE-SUPPRESS", "PRECEDENCE",
    "LIST-ID", "LIST-UNSUBSCRIBE", "CONTENT-TYPE", "RETURN-PATH", "X-FAILED-RECIPIENTS",
    "X-MS-EXCHANGE-INBOX-RULES-LOOP",
)
MAX_TEXT = 20_000  # characters of a body kept for reading: a reply is short

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
        except (LookupError, ValueError, UnicodeError, AssertionError):
            pass
    return " ".join(value.split())


def _raw(value: object) -> str:
    """A compat32 header value as a str; raw 8-bit bytes come back as a `Header` of
    unknown-8bit parts, read here as UTF-8 (what such mail nearly always is)."""
    if isinstance(value, Header):
        return "".join(part.decode("utf-8", "replace") if isinstance(part, bytes) else part
                       for part, _charset in decode_header(value))
    return str(value)


def _header(msg: Message, name: str) -> str:
    value = msg.get(name)
    return decode(_raw(value)) if value is not None else ""


def message_ids(value: str) -> tuple[str, ...]:
    """Every `<id@host>` in a header, in order; a bare id without brackets gets them."""
    found = _MSGID.findall(value)
    if not found and value.strip() and " " not in value.strip():
        found = [f"<{value.strip().strip('<>')}>"]
    return tuple(found)


def _addresses(msg: Message, *names: str) -> tuple[tuple[str, str], ...]:
    values = [_raw(v) for name in names for v in msg.get_all(name, [])]
    out = []
    for display, email in getaddresses(values):
        if "@" in email:
            out.append((decode(display), email.strip().lower()))
    return tuple(out)


def _when(msg: Message, received: datetime | None) -> datetime:
    raw = _header(msg, "Date")
    try:
        at = parsedate_to_datetime(raw) if raw else None
    except (TypeError, ValueError, IndexError):
        at = None
    if at is None:
        at = received or datetime(1970, 1, 1, tzinfo=UTC)
    if at.tzinfo is None:  # RFC 5322 "-0000": the zone is unknown; take UTC
        at = at.replace(tzinfo=UTC)
    return at


def stable_id(raw_headers: bytes) -> str:
    """A Message-ID for a message that has none: the same bytes give the same id."""
    return f"<{hashlib.sha256(raw_headers).hexdigest()[:32]}@no-message-id.invalid>"


def read_headers(raw: bytes, received: datetime | None = None) -> Mail:
    """A message from its header block alone (the sync's first, cheap pass)."""
    msg = parse(raw)
    ids = message_ids(_header(msg, "Message-ID"))
    sender = _addresses(msg, "From")
    name, email = sender[0] if sender else ("", "")
    thread = message_ids(_header(msg, "In-Reply-To")) + tuple(
        reversed(message_ids(_header(msg, "References"))))
    return Mail(
        message_id=ids[0] if ids else stable_id(raw),
        at=_when(msg, received), sender_name=name, sender_email=email,
        recipients=_addresses(msg, "To", "Cc"), subject=_header(msg, "Subject"),
        in_reply_to=tuple(dict.fromkeys(thread)), auto=automatic(msg, email),
    )


def read_message(raw: bytes, received: datetime | None = None, *, strip: bool = True) -> Mail:
    """A whole message: the headers as above and the new text of its body (`strip=False`:
    the whole text, quoted history included; `new_text` cuts it later, when it matters)."""
    from dataclasses import replace

    head = read_headers(raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw
                        else raw.split(b"\n\n", 1)[0], received)
    msg = parse(raw)
    auto = head.auto or automatic(msg, head.sender_email, body=True)
    text = body_text(msg)
    return replace(head, auto=auto, text=new_text(text) if strip else text[:MAX_TEXT])


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
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:  # an unknown charset name
        return payload.decode("utf-8", "replace")


def body_text(msg: Message) -> str:
    """The readable text: text/plain, else the HTML part as text; attachments skipped."""
    plain = html_part = None
    for part in msg.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = _part_text(part)
        elif ctype == "text/html" and html_part is None:
            html_part = _part_text(part)
    if plain and plain.strip():
        return plain[:MAX_TEXT * 2]
    return html_to_text(html_part or "")[:MAX_TEXT * 2]


_BLOCK = re.compile(r"<\s*(br|/p|/div|/li|/tr|/h\d|/blockquote)\b[^>]*>", re.I)
_QUOTE_BLOCK = re.compile(r"<blockquote\b.*?</blockquote>", re.I | re.S)
_GMAIL_QUOTE = re.compile(r"<div[^>]*class=\"?gmail_quote.*", re.I | re.S)
_DROP = re.compile(r"<(script|style|head)\b.*?</\1>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """HTML mail as plain lines; quoted history (blockquote, Gmail's quote div) dropped."""
    text = _DROP.sub("", markup)
    text = _GMAIL_QUOTE.sub("", text)
    text = _QUOTE_BLOCK.sub("", text)
    text = _BLOCK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
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
                     r"conversation|chat|talking|call)\b", re.I | re.S)
_FINAL = re.compile(r"\b(one last|a last|final) (note|time|check|follow)|\bclose the loop\b|"
                    r"\bwon't (reach out|follow up) again\b|\blast (note|time I)\b", re.I)
_CHECK = re.compile(r"\b(check(ing)? in|follow(ing)?[- ]up|any update|an update|touch base)\b",
                    re.I)


def sent_kind(text: str) -> str | None:
    """What a note the candidate sent is, from its words; None when they don't say."""
    if _FINAL.search(text):
        return "final"
    if _CHECK.search(text):
        return "check_in"
    if _THANKS.search(text):
        return "thank_you"
    return None


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
