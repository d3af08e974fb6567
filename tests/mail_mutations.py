"""Hostile mail for the mailbox fuzz runs (scripts/fuzz_mail.py, tests/mailbox/test_mailbox_fuzz).

Starts from the fixture mailbox (tests/fixtures/mailbox: real patterns, our words) and breaks
each message the ways issue 20's audit did and a few more: odd or dangerous charset names
(unknown, binary codecs such as `hex` and `rot13`, NUL in the name), encoded words holding
NUL, escape sequences and bidi overrides, dates in 9999/2150/2300 or none, MIME trees
thousands deep, hundreds of thousands of parts, message/rfc822 nested in itself, HTML of
nothing but `<`, headers of a megabyte, broken base64 and quoted-printable, and plain byte
damage (flips, cuts, repeats).
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "mailbox"
FILES = sorted(FIXTURES.glob("*/*.eml")) + sorted(FIXTURES.glob("ats/*/*.eml"))

CHARSETS = ["x-unknown", "rot13", "hex", "base64", "zlib", "utf-7", "utf-16", "utf-32", "idna",
            "punycode", "unicode_escape", "raw_unicode_escape", "unknown-8bit", "a" * 300,
            "utf-8\x00", "'\"", "iso-2022-jp", "cp65001", "utf_8_sig", "", "us-ascii",
            "windows-1252", "x-mac-roman", "gb18030", "koi8-r"]
DATES = ["Fri, 31 Dec 9999 23:59:59 -1200", "Mon, 2 Mar 2150 10:00:00 +0000",
         "Sun, 2 Mar 2300 10:00:00 +0000", "Mon, 1 Jan 0001 00:00:00 +0000",
         "Wed, 31 Dec 1969 23:59:59 -0500", "Thu, 30 Feb 2026 10:00:00 +0000",
         "Mon, 2 Mar 99999999 10:00:00 +0000", "Mon, 2 Mar 2026 99:99:99 +9999",
         "99999999999999999999 Jan 2026", "yesterday", "", "Mon, 2 Mar 2026 10:00:00 -0000"]
NASTY = "\x00\x1b[2J\x1b]0;x\x07\u202e\u200b\r\n\x85\u2028\ud800"


def _head_body(raw: bytes) -> tuple[bytes, bytes]:
    head, _, body = raw.partition(b"\n\n")
    return head, body


def _set_header(raw: bytes, name: bytes, value: bytes) -> bytes:
    head, body = _head_body(raw)
    lines = [x for x in head.split(b"\n") if not x.lower().startswith(name.lower() + b":")]
    return b"\n".join([*lines, name + b": " + value]) + b"\n\n" + body


def _charset(raw: bytes, rnd: random.Random) -> bytes:
    cs = rnd.choice(CHARSETS).encode("utf-8", "surrogatepass")
    return _set_header(raw, b"Content-Type", b'text/plain; charset="' + cs + b'"')


def _encoded_subject(raw: bytes, rnd: random.Random) -> bytes:
    text = "".join(rnd.choice(NASTY + "Thank you ") for _ in range(rnd.randint(1, 40)))
    payload = base64.b64encode(text.encode("utf-8", "surrogatepass")).decode()
    cs = rnd.choice(CHARSETS[:12] + ["utf-8"] * 6)
    words = " ".join(f"=?{cs}?B?{payload}?=" for _ in range(rnd.choice([1, 2, 500])))
    return _set_header(raw, b"Subject", words.encode("utf-8", "surrogatepass"))


def _date(raw: bytes, rnd: random.Random) -> bytes:
    value = rnd.choice(DATES)
    if not value:
        head, body = _head_body(raw)
        kept = [x for x in head.split(b"\n") if not x.lower().startswith(b"date:")]
        return b"\n".join(kept) + b"\n\n" + body
    return _set_header(raw, b"Date", value.encode())


def _deep(raw: bytes, rnd: random.Random) -> bytes:
    levels = rnd.choice([15, 200, 2000, 10_000])
    body = b"".join(b"--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n" % (i, i + 1)
                    for i in range(levels)) + b"--b%d\nContent-Type: text/plain\n\nx\n" % levels
    raw = _set_header(raw, b"Content-Type", b"multipart/mixed; boundary=b0")
    return _head_body(raw)[0] + b"\n\n" + body


def _rfc822(raw: bytes, rnd: random.Random) -> bytes:
    levels = rnd.choice([20, 500, 3000])
    inner = b"Content-Type: text/plain\n\nhello\n"
    for _ in range(levels):
        inner = b"Content-Type: message/rfc822\n\n" + inner
    head, _ = _head_body(_set_header(raw, b"Content-Type", b"message/rfc822"))
    return head + b"\n\n" + inner


def _parts(raw: bytes, rnd: random.Random) -> bytes:
    n = rnd.choice([150, 5_000, 200_000])
    body = b"".join(b"--b\nContent-Type: text/plain\n\nx\n" for _ in range(n)) + b"--b--\n"
    raw = _set_header(raw, b"Content-Type", b"multipart/mixed; boundary=b")
    return _head_body(raw)[0] + b"\n\n" + body


def _html(raw: bytes, rnd: random.Random) -> bytes:
    unit = rnd.choice([b"<", b"<script", b"<blockquote", b"<!--", b"<div class=gmail_quote",
                       b"<br", b"&#", b"<a href='"])
    raw = _set_header(raw, b"Content-Type", b"text/html; charset=utf-8")
    return _head_body(raw)[0] + b"\n\n" + unit * (400_000 // len(unit))


def _huge_header(raw: bytes, rnd: random.Random) -> bytes:
    name = rnd.choice([b"References", b"Subject", b"From", b"To", b"Message-ID"])
    unit = {b"References": b"<a@b> ", b"From": b"a@b.example, ", b"To": b"x <c@d>, "}.get(
        name, b"x")
    return _set_header(raw, name, unit * (rnd.choice([70_000, 1_000_000]) // len(unit)))


def _transfer(raw: bytes, rnd: random.Random) -> bytes:
    cte = rnd.choice([b"base64", b"quoted-printable", b"x-uuencode", b"8bit"])
    raw = _set_header(raw, b"Content-Transfer-Encoding", cte)
    junk = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 5000)))
    return _head_body(raw)[0] + b"\n\n" + junk + b"=\n=ZZ=\n"


def _names(raw: bytes, rnd: random.Random) -> bytes:
    name = "".join(rnd.choice(NASTY + "Dana ") for _ in range(30)).encode("utf-8",
                                                                         "surrogatepass")
    return _set_header(raw, b"From", b'"' + name + b'" <dana@acme.example>')


def _bytes(raw: bytes, rnd: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rnd.randint(1, 20)):
        op = rnd.randrange(3)
        i = rnd.randrange(max(1, len(data)))
        if op == 0 and data:
            data[i] = rnd.randrange(256)
        elif op == 1:
            del data[i:i + rnd.randint(1, 200)]
        else:
            data[i:i] = data[i:i + rnd.randint(1, 200)] * rnd.randint(1, 50)
    return bytes(data)


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "charset": _charset, "encoded-subject": _encoded_subject, "date": _date, "deep": _deep,
    "rfc822": _rfc822, "parts": _parts, "html": _html, "huge-header": _huge_header,
    "transfer": _transfer, "names": _names, "bytes": _bytes,
}


def mutate(rnd: random.Random) -> tuple[str, str, bytes]:
    """(source file, mutations applied, message): one to three mutations of a fixture."""
    source = rnd.choice(FILES)
    raw = source.read_bytes().replace(b"\r\n", b"\n")
    names = rnd.sample(sorted(MUTATIONS), rnd.choice([1, 1, 2, 3]))
    for name in names:
        raw = MUTATIONS[name](raw, rnd)
    raw = _set_header(raw, b"Message-ID", f"<fuzz-{rnd.getrandbits(64):x}@fuzz.example>"
                      .encode()) if rnd.random() < 0.9 else raw
    return source.name, "+".join(names), raw
