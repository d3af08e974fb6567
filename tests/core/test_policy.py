from __future__ import annotations

import pytest

from followup.core.model import Persistence
from followup.core.policy import DEFAULT_POLICIES, Policy, PolicyError, policy_keys, with_overrides


def test_defaults_match_the_rulebook_table() -> None:
    r, s, p = (DEFAULT_POLICIES[x] for x in Persistence)
    assert (r.grace_business_days, s.grace_business_days, p.grace_business_days) == (2, 1, 1)
    assert (r.no_date_days, s.no_date_days, p.no_date_days) == (7, 7, 5)
    assert (r.weekly_cap_days, s.weekly_cap_days, p.weekly_cap_days) == (10, 7, 3)
    assert (r.unanswered_before_move_on, s.unanswered_before_move_on,
            p.unanswered_before_move_on) == (2, 3, 5)
    assert (r.check_ins, s.check_ins, p.check_ins) == (1, 2, 4)
    assert (r.days_after_final, s.days_after_final, p.days_after_final) == (10, 7, 7)
    assert (r.application_due_days, s.application_due_days, p.application_due_days) == (10, 10, 7)
    assert {x.application_latest_days for x in (r, s, p)} == {14}
    assert {(x.thank_you_due_hours, x.thank_you_latest_hours) for x in (r, s, p)} == {(24, 48)}


def test_override_one_number() -> None:
    out = with_overrides({"policy.standard.weekly_cap_days": 10,
                          "policy.reserved.no_date_days": "9"})
    assert out[Persistence.STANDARD] == Policy(weekly_cap_days=10)
    assert out[Persistence.RESERVED].no_date_days == 9
    assert out[Persistence.PERSISTENT] == DEFAULT_POLICIES[Persistence.PERSISTENT]
    assert DEFAULT_POLICIES[Persistence.STANDARD].weekly_cap_days == 7  # untouched


@pytest.mark.parametrize(("key", "value", "message"), [
    ("policy.standard.weekly_cap", 3, "policy.standard.weekly_cap: unknown setting"),
    ("policy.pushy.weekly_cap_days", 3, "policy.pushy.weekly_cap_days: unknown level"),
    ("standard.weekly_cap_days", 3, "standard.weekly_cap_days: not a policy key"),
    ("policy.standard.weekly_cap_days", "soon", "must be a whole number"),
    ("policy.standard.weekly_cap_days", True, "must be a whole number"),
    ("policy.standard.weekly_cap_days", 0, "must be from 1"),
    ("policy.standard.no_date_days", -1, "must be from 0"),
    ("policy.standard.thank_you_due_hours", 72, "policy.standard.thank_you_due_hours: 72 is after"),
])
def test_bad_overrides_name_the_key(key: str, value: object, message: str) -> None:
    with pytest.raises(PolicyError) as e:
        with_overrides({key: value})
    assert message in str(e.value)


def test_policy_keys_cover_every_field_and_level() -> None:
    keys = policy_keys()
    assert len(keys) == 27
    assert "policy.persistent.application_latest_days" in keys
    with_overrides({k: 20 for k in keys if "hours" not in k})
