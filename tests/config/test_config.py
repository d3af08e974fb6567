from __future__ import annotations

from pathlib import Path

import pytest

from followup.config import settings as config
from followup.core.model import Persistence


def test_defaults_without_a_file(_isolated_home: Path) -> None:
    loaded = config.load_config()
    assert loaded.path == _isolated_home / "config.toml"
    entry = loaded.entry("policy.standard.weekly_cap_days")
    assert (entry.value, entry.source) == (7, "default")


def test_set_writes_nested_toml_and_load_reads_it(_isolated_home: Path) -> None:
    assert config.set_value("policy.reserved.weekly_cap_days", "12") == 12
    text = (_isolated_home / "config.toml").read_text()
    assert text == "[policy.reserved]\nweekly_cap_days = 12\n"
    loaded = config.load_config()
    assert loaded.entry("policy.reserved.weekly_cap_days").source == str(
        _isolated_home / "config.toml")
    assert config.policies(loaded)[Persistence.RESERVED].weekly_cap_days == 12
    assert config.unset_value("policy.reserved.weekly_cap_days") is True
    assert config.load_config().get("policy.reserved.weekly_cap_days") == 10


def test_environment_wins_over_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    config.set_value("policy.standard.no_date_days", "9")
    monkeypatch.setenv("FOLLOWUP_POLICY__STANDARD__NO_DATE_DAYS", "4")
    entry = config.load_config().entry("policy.standard.no_date_days")
    assert (entry.value, entry.source) == (4, "env FOLLOWUP_POLICY__STANDARD__NO_DATE_DAYS")


def test_bad_values_and_keys_are_user_errors(_isolated_home: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(config.ConfigError, match="policy.standard.weekly_cap_days: must be"):
        config.set_value("policy.standard.weekly_cap_days", "often")
    with pytest.raises(config.ConfigError, match="smtp.hots: unknown setting"):
        config.set_value("smtp.hots", "x")
    with pytest.raises(config.ConfigError, match="is after"):
        config.set_value("policy.standard.application_due_days", "20")
    assert not (_isolated_home / "config.toml").exists()  # nothing written on error
    _isolated_home.mkdir(parents=True)
    (_isolated_home / "config.toml").write_text("[policy.standard]\nweekly_cap = 3\n")
    with pytest.raises(config.ConfigError, match="policy.standard.weekly_cap: unknown setting"):
        config.load_config()
    (_isolated_home / "config.toml").write_text("[policy\n")
    with pytest.raises(config.ConfigError, match="cannot read the config file"):
        config.load_config()


def test_registry_is_open_for_other_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "SETTINGS", dict(config.SETTINGS))
    config.register("web.port", int, 8000, "port of the web app")
    config.register("smtp.tls", bool, True, "use TLS")
    assert config.set_value("web.port", "8080") == 8080
    assert config.set_value("smtp.tls", "off") is False
    monkeypatch.setenv("FOLLOWUP_WEB__PORT", "9000")
    loaded = config.load_config()
    assert (loaded.get("web.port"), loaded.get("smtp.tls")) == (9000, False)
