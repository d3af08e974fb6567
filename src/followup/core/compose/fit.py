"""Which of the candidate's lines of value fit this role (content.value).

A follow-up brings something of value, but only something that matters to the reader: a
sales role's thank-you should not mention a pottery course. A value fits when it shares a
field's keyword with the role's field (from the recorded field, else from the role's
title), or a distinctive word with the role's title or the interview's topics. The
keyword lists are short on purpose: a value that matches nothing is left out, which
costs a line; a wrong one costs the reader's trust.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# field family -> the words that mark a value (or a role title) as belonging to it
KEYWORDS: dict[str, frozenset[str]] = {
    "sales": frozenset("""sales quota quotas pipeline crm salesforce prospecting prospects
        deals deal revenue territory negotiation outbound inbound upsell renewals renewal
        closing closed account accounts selling sold bookings sdr bdr""".split()),
    "finance": frozenset("""finance financial accounting accountant audit auditing ifrs gaap
        cfa cpa acca cima excel modeling modelling forecasting forecast budget budgeting
        valuation tax treasury fp&a bookkeeping reconciliation ledger controller investment
        investments reporting""".split()),
    "engineering": frozenset("""engineering engineer software code coding python java
        javascript typescript rust golang kubernetes docker aws azure gcp cloud devops sre
        terraform linux api apis backend frontend open-source github testing developer
        programming architect""".split()),
    "marketing": frozenset("""marketing seo sem campaign campaigns brand branding content
        social newsletter copywriting ads advertising hubspot launch growth funnel email
        audience engagement""".split()),
    "law": frozenset("""law legal bar attorney lawyer litigation paralegal contract contracts
        compliance gdpr counsel""".split()),
    "design": frozenset("""design designer ux ui figma prototype prototyping usability
        research researcher portfolio""".split()),
    "healthcare": frozenset("""nurse nursing patient patients clinical clinic acls bls
        medical health healthcare hospital rn""".split()),
    "people": frozenset("""hr recruiting recruiter talent onboarding payroll shrm benefits
        people""".split()),
}
FIELD_FAMILY: dict[str, str] = {
    "sales": "sales", "business development": "sales", "business_development": "sales",
    "bizdev": "sales", "finance": "finance", "accounting": "finance", "banking": "finance",
    "audit": "finance", "engineering": "engineering", "software": "engineering",
    "software engineering": "engineering", "it": "engineering", "tech": "engineering",
    "technology": "engineering", "data": "engineering", "marketing": "marketing",
    "advertising": "marketing", "communications": "marketing", "pr": "marketing",
    "public relations": "marketing", "law": "law", "legal": "law", "design": "design",
    "ux": "design", "healthcare": "healthcare", "health": "healthcare",
    "nursing": "healthcare", "medicine": "healthcare", "hr": "people",
    "human resources": "people", "recruiting": "people",
}
# Words too common in titles and values to tie one to the other.
_PLAIN = frozenset("""the a an of and for in on at to with my our your from last this that
    year years month months team senior junior lead principal manager management associate
    representative coordinator specialist officer head director assistant staff regional
    global new first course certificate certification completed finished passed earned
    renewed level""".split())
_WORD = re.compile(r"[a-z][a-z0-9&+\-]*")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def family(field: str | None, role: str) -> str | None:
    """The role's field family: the recorded field's, else the one its title names."""
    if field and field.strip().lower() in FIELD_FAMILY:
        return FIELD_FAMILY[field.strip().lower()]
    title = _words(role)
    best = max(KEYWORDS, key=lambda name: len(title & KEYWORDS[name]))
    return best if title & KEYWORDS[best] else None


def fits(value: str, field: str | None, role: str, topics: Iterable[str] = ()) -> bool:
    """Whether a line of value is about this role's work."""
    words = _words(value)
    fam = family(field, role)
    if fam is not None and words & KEYWORDS[fam]:
        return True
    distinctive = (_words(role) | {w for t in topics for w in _words(t)}) - _PLAIN
    return bool({w for w in words - _PLAIN if len(w) >= 3} & distinctive)


def fitting(values: Iterable[str], field: str | None, role: str,
            topics: Iterable[str] = ()) -> list[str]:
    return [v for v in values if v.strip() and fits(v, field, role, topics)]
