"""The rulebook's numbers as data: one `Policy` per persistence level (timing.persistence).

RULEBOOK.md section 1, "The default policy (numbers)". The planner reads only these fields,
so a user can tune any number (`followup config set policy.standard.weekly_cap_days 5`)
without touching a rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any

from followup.core.errors import FollowupError
from followup.core.model import Persistence


class PolicyError(FollowupError):
    """A policy override with an unknown key or a bad value; `key` is the dotted key."""

    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        self.problem = problem
        super().__init__(f"{key}: {problem}")


def _n(default: int, help: str) -> Any:
    """A policy number with its help text (the field's metadata)."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Learned:
    """A check-in wait learned from the candidate's own replies (timing.learned)."""

    days: int  # the wait in force: the median, rounded up, within the rulebook's bounds
    median: float  # the observed median days to reply
    answered: int  # how many answered follow-ups it rests on


@dataclass(frozen=True, slots=True)
class Policy:
    """The numbers of one persistence level; days are calendar days unless named otherwise."""

    # Each number's help, in one place: `followup config show`, the settings page and
    # docs/rules.md read it (POLICY_HELP).
    thank_you_due_hours: int = _n(24, "thank-you due, hours after the interview")
    thank_you_latest_hours: int = _n(48, "thank-you at the latest, hours after the interview")
    grace_business_days: int = _n(1, "check-in on this business day after a promised date")
    no_date_days: int = _n(7, "first check-in, days after the last interview, when no date "
                           "was named")
    weekly_cap_days: int = _n(7, "least days between two follow-ups (the cap)")
    unanswered_before_move_on: int = _n(3, "unanswered follow-ups (the final included) "
                                        "before moving on")
    days_after_final: int = _n(7, "days after the final before moving on")
    application_due_days: int = _n(10, "application follow-up due, days after applying")
    application_latest_days: int = _n(14, "application follow-up at the latest, days after "
                                      "applying")
    # Not numbers of the table: `policy.learn` asks for the check-in wait to follow the
    # candidate's replies; the service resolves the ask into `learned` (core.stats).
    learn: bool = False
    learned: Learned | None = None

    @property
    def check_ins(self) -> int:
        """Check-ins before the final (RULEBOOK "Spacing": the unanswered count minus one)."""
        return self.unanswered_before_move_on - 1


DEFAULT_POLICIES: Mapping[Persistence, Policy] = MappingProxyType({
    Persistence.RESERVED: Policy(
        grace_business_days=2, weekly_cap_days=10, unanswered_before_move_on=2,
        days_after_final=10,
    ),
    Persistence.STANDARD: Policy(),
    Persistence.PERSISTENT: Policy(
        no_date_days=5, weekly_cap_days=3, unanswered_before_move_on=5, application_due_days=7,
    ),
})

FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Policy) if f.type in ("int", int))
POLICY_HELP: Mapping[str, str] = MappingProxyType(
    {f.name: f.metadata["help"] for f in fields(Policy) if f.name in FIELDS})

# Lower bounds: a grace of 0 would allow contact on the promised day itself, and a move_on
# needs at least the final to go unanswered.
_MINIMUM = {"grace_business_days": 1, "unanswered_before_move_on": 1, "weekly_cap_days": 1}
_MAXIMUM = 3650


def policy_keys() -> tuple[str, ...]:
    """Every dotted key `with_overrides` accepts, in table order."""
    return tuple(f"policy.{level.value}.{name}" for level in Persistence for name in FIELDS)


def parse_int(key: str, value: object) -> int:
    """An int, or text holding one (config files and environment variables)."""
    if isinstance(value, bool):
        raise PolicyError(key, f"must be a whole number, not {value!r}")
    from followup.core.limits import number_problem

    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and number_problem(value) is None:
        number = int(value.strip())
    else:
        raise PolicyError(key, f"must be a whole number, not {value!r}"[:120])
    low = _MINIMUM.get(key.rsplit(".", 1)[-1], 0)
    if not low <= number <= _MAXIMUM:
        raise PolicyError(key, f"must be from {low} to {_MAXIMUM}, not {number}")
    return number


def with_overrides(
    overrides: Mapping[str, object],
    base: Mapping[Persistence, Policy] = DEFAULT_POLICIES,
) -> dict[Persistence, Policy]:
    """`base` with dotted keys such as `policy.standard.weekly_cap_days` replaced.

    Raises `PolicyError` naming the first bad key: an unknown level or field, a value that is
    not a whole number, or a pair that contradicts itself (a due after its latest).
    """
    changes: dict[Persistence, dict[str, Any]] = {}
    for key in sorted(overrides):
        parts = key.split(".")
        if len(parts) != 3 or parts[0] != "policy":
            raise PolicyError(key, "not a policy key (policy.LEVEL.SETTING)")
        _, level_name, name = parts
        try:
            level = Persistence(level_name)
        except ValueError:
            levels = ", ".join(p.value for p in Persistence)
            raise PolicyError(key, f"unknown level {level_name!r} (one of {levels})") from None
        if name not in FIELDS:
            raise PolicyError(key, f"unknown setting {name!r} (one of {', '.join(FIELDS)})")
        changes.setdefault(level, {})[name] = parse_int(key, overrides[key])
    out = dict(base)
    for level, values in changes.items():
        policy = replace(out[level], **values)
        for due, latest in (("thank_you_due_hours", "thank_you_latest_hours"),
                            ("application_due_days", "application_latest_days")):
            if getattr(policy, due) > getattr(policy, latest):
                raise PolicyError(
                    f"policy.{level.value}.{due}",
                    f"{getattr(policy, due)} is after {latest} ({getattr(policy, latest)})",
                )
        out[level] = policy
    return out
