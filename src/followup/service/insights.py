"""What the candidate's own records say works: `followup stats` and the Insights page.

One use case, one function (`insights`), both faces call it; the figures are decided in
`followup.core.stats`. `in_force` resolves `policy.learn` (timing.learned) against every
record of the account, for the planning use cases that get a policy asking for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from followup.core.model import Case, Persistence

if TYPE_CHECKING:
    from followup.core.policy import Policy
    from followup.core.stats import Stats
    from followup.store import Store

__all__ = ["in_force", "insights", "learning_wanted", "resolve_learning"]


def insights(store: Store, today: date) -> Stats:
    """`followup stats` and the Insights page: every opportunity of the account, closed ones
    included, as it stood on `today` (CONTRACT.md "Stats")."""
    from followup.core.stats import stats

    return stats(store.load_cases(), today)


def learning_wanted(policies: Mapping[Persistence, Policy] | None) -> bool:
    return policies is not None and any(p.learn for p in policies.values())


def resolve_learning(policies: Mapping[Persistence, Policy] | None, cases: Sequence[Case],
                     today: date) -> Mapping[Persistence, Policy] | None:
    """`policies` with `policy.learn` resolved against `cases` (all of the account's)."""
    if not learning_wanted(policies):
        return policies
    from followup.core.stats import learned_policies

    assert policies is not None
    return learned_policies(policies, cases, today)


def in_force(store: Store, today: date, policies: Mapping[Persistence, Policy] | None
             ) -> Mapping[Persistence, Policy] | None:
    """The policies to plan with: `policy.learn` resolved against every record (loaded only
    when learning was asked for; off by default)."""
    if not learning_wanted(policies):
        return policies
    return resolve_learning(policies, store.load_cases(), today)
