"""Several settings in one go (the web's one Save): checked together, written together."""

from __future__ import annotations

from followup.config import settings as config


def test_a_due_and_a_latest_raised_together_are_saved() -> None:
    # One at a time, due 60 would pass latest 48 and be refused.
    problems = config.set_values({"policy.standard.thank_you_due_hours": "60",
                                  "policy.standard.thank_you_latest_hours": "72"})
    assert problems == {}
    loaded = config.load_config()
    assert loaded.entry("policy.standard.thank_you_due_hours").value == 60
    assert loaded.entry("policy.standard.thank_you_latest_hours").value == 72


def test_one_bad_value_writes_nothing_and_names_its_key() -> None:
    config.set_values({"policy.standard.no_date_days": "9"})
    problems = config.set_values({"policy.standard.no_date_days": "5",
                                  "policy.standard.weekly_cap_days": "ninety"})
    assert list(problems) == ["policy.standard.weekly_cap_days"]
    assert config.load_config().entry("policy.standard.no_date_days").value == 9


def test_an_empty_value_goes_back_to_the_default() -> None:
    config.set_values({"policy.reserved.no_date_days": "12"})
    assert config.set_values({"policy.reserved.no_date_days": ""}) == {}
    assert config.load_config().entry("policy.reserved.no_date_days").source == "default"
