"""Word counts of the body against the rulebook's caps (RULEBOOK "Thresholds")."""

from __future__ import annotations

from followup.core.kinds import ONE_PAGE_WORDS as PAGE_LIMIT  # length.one-page: about one page
from followup.core.kinds import SCROLL_WORDS as SCROLL_LIMIT  # length.scroll: over 250 is an error
from followup.core.kinds import SHORT_NOTE_WORDS as WORDS_LIMIT  # length.words: 150 is still fine
from followup.core.lint.base import Collector

ONE_LINER = 25  # length.one-liner: under 25 words
VOICEMAIL = 75  # length.voicemail: about 30 seconds spoken


def check(out: Collector) -> None:
    n = len(out.parsed.body_words)
    if n > WORDS_LIMIT:
        out.add("length.words", words=n, limit=WORDS_LIMIT)  # length.words
    if n > SCROLL_LIMIT:
        out.add("length.scroll", words=n, limit=SCROLL_LIMIT)  # length.scroll
    if n > PAGE_LIMIT:
        out.add("length.one-page", words=n, limit=PAGE_LIMIT)  # length.one-page
    if n > VOICEMAIL:
        out.add("length.voicemail", words=n, limit=VOICEMAIL)  # length.voicemail
    if n < ONE_LINER:
        out.add("length.one-liner", words=n, limit=ONE_LINER)  # length.one-liner
