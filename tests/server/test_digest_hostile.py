"""The morning digest sent through a real SMTP server (aiosmtpd on loopback) when the
student's records hold hostile text (issue 20's bar on today's door): a stored name and a
night's plan whose company, role, person and rule ids hold CR/LF, NUL, controls, bidi
overrides, 10,000-character lines and non-ASCII. What arrives parses as one message to the
one student, with no injected header, one readable line per step, and a bounded size.

The rows are written as the owner, as a hand-edited row or an older version's would be: the
API itself refuses such text in one-line fields.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import text

from followup.service import nightly
from tests.server.conftest import Centre, needs_postgres
from tests.server.test_jobs import DAY, Sink, centre_jobs, runtime, smtp  # noqa: F401

pytestmark = needs_postgres

EVIL = ["Acme\r\nBcc: victim@evil.example", "Nul\x00Co", "Bidi \u202egpj.exe",
        "Esc \x1b]0;pwned\x07", "Zero\u200bwidth", "Ünïcødé 日本 \U0001f600", "L" * 10_000,
        "Line\u2028sep\x85next", "=?utf-8?b?QmNjOiB4?="]


def test_hostile_record_text_arrives_as_one_clean_line_per_step(
        centre_jobs: Centre, smtp: tuple[Sink, int]) -> None:
    c, (sink, port) = centre_jobs, smtp
    rt = runtime(c, port)
    ada = c.ids["ada"]
    due = [{"opportunity": f"o{i}", "company": e, "role": EVIL[-1 - i], "kind": "check_in",
            "to": e, "due": DAY.isoformat(), "rules": [e, "timing.check_in"]}
           for i, e in enumerate(EVIL)]
    with c.engine(c.owner_url).begin() as conn:
        conn.execute(text("UPDATE users SET name = :n WHERE account_id = :a"),
                     {"n": "Ada\r\nBcc: victim@evil.example\u202e", "a": ada})
        conn.execute(text("INSERT INTO job_runs (account_id, day, kind, at, result) "
                          "VALUES (:a, :d, 'plan', :at, :r)"),
                     {"a": ada, "d": DAY, "at": datetime(2026, 3, 23, 2),
                      "r": json.dumps({"opportunities": 9, "overdue": 0, "due": due})})

    out = nightly.send_digest(rt.engine, ada, DAY, datetime(2026, 3, 23, 7, tzinfo=UTC),
                              rt.mailer)

    assert out.sent, out
    assert len(sink.messages) == 1
    mail = sink.messages[0]
    assert [a.addr_spec for a in mail["To"].addresses] == ["ada@uni.example"]
    assert mail["Bcc"] is None and mail["Cc"] is None
    assert "victim" not in str(mail["To"]) or "\n" not in str(mail["To"])
    assert set(mail.keys()) <= {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                                "Content-Type", "Content-Transfer-Encoding"}
    assert mail["Subject"] == "followup: 9 steps due today, Mon 23 Mar"
    assert mail.get_content_type() == "text/plain"  # no HTML part to escape
    body = mail.get_content()
    steps = [ln for ln in body.splitlines() if ln.startswith("- ")]
    assert len(steps) == len(EVIL)
    for line in body.splitlines():
        assert line.isprintable(), repr(line)  # no control, bidi or zero-width character
        assert len(line) <= 700
    assert "Ünïcødé 日本 \U0001f600" in body  # non-ASCII kept as written
    assert "Bidi gpj.exe" in body and "Acme Bcc: victim@evil.example" in body  # shown, inert
    assert len(mail.as_bytes()) < 30_000
