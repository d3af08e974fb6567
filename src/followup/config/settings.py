"""Settings: one TOML file, one environment variable each, and where each value came from.

The file is `config.toml` in `$FOLLOWUP_HOME` when set (tests set it), else the platform's
user config dir (`platformdirs.user_config_dir("followup")`). Keys are dotted
(`policy.standard.weekly_cap_days`) and stored as nested TOML tables. Every key can also be set
by an environment variable named `FOLLOWUP_` + the key in capitals with `.` as `__`
(`FOLLOWUP_POLICY__STANDARD__WEEKLY_CAP_DAYS=5`). Precedence: environment, then the file,
then the default.

Known keys live in one registry: a teammate adding `smtp.host` or `web.port` calls
`register(...)` once, at import time of this module, and gets parsing, `config set`, `config
show` and the environment variable for free. Unknown keys in the file are refused, like
unknown fields in a case file, so a typo never goes unnoticed.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from followup.core.errors import FollowupError
from followup.core.limits import MAX_PORT
from followup.core.model import Persistence
from followup.core.policy import (
    DEFAULT_POLICIES,
    FIELDS,
    POLICY_HELP,
    Policy,
    PolicyError,
    parse_int,
    with_overrides,
)

FILENAME = "config.toml"
ENV_PREFIX = "FOLLOWUP_"

Value = int | str | bool


class ConfigError(FollowupError):
    """An unknown key, a value of the wrong type, or an unreadable config file."""


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    type: type[int] | type[str] | type[bool]
    default: Value
    help: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.key.upper().replace(".", "__")


@dataclass(frozen=True, slots=True)
class Entry:
    """One setting as in force: its value and where it came from (default, file or env)."""

    setting: Setting
    value: Value
    source: str  # "default", the config file's path, or "env FOLLOWUP_..."


@dataclass(frozen=True, slots=True)
class Config:
    path: Path
    entries: Mapping[str, Entry]

    def get(self, key: str) -> Value:
        return self.entry(key).value

    def entry(self, key: str) -> Entry:
        entry: Entry = _lookup(key, self.entries)
        return entry

    def overrides(self, prefix: str) -> dict[str, Value]:
        """The keys under `prefix` set in the file or the environment."""
        return {k: e.value for k, e in self.entries.items()
                if k.startswith(prefix) and e.source != "default"}


SETTINGS: dict[str, Setting] = {}


def register(key: str, type_: type[int] | type[str] | type[bool], default: Value,
             help: str) -> Setting:
    """Add a known key; teammates' modules call this for `smtp.*`, `web.*` and the like."""
    if key in SETTINGS:
        raise ValueError(f"setting {key} registered twice")
    setting = Setting(key, type_, default, help)
    SETTINGS[key] = setting
    return setting


for _level in Persistence:
    for _name in FIELDS:
        register(f"policy.{_level.value}.{_name}", int,
                 getattr(DEFAULT_POLICIES[_level], _name),
                 f"{POLICY_HELP[_name]} ({_level.value})")

# Issue 25: the check-in wait learned from the candidate's own replies (timing.learned).
register("policy.learn", bool, False, "check-in wait follows your contacts' median days to "
         "reply, once 20 follow-ups were answered (see `followup stats`)")

# `followup send` (mail.py). No password here, ever: it comes from the OS keyring or
# FOLLOWUP_SMTP_PASSWORD, so the config file can be shared or committed safely.
register("smtp.host", str, "", "SMTP server for `followup send` (empty: sending is off)")
register("smtp.port", int, 587, "SMTP port (587 submission with STARTTLS, 25 plain)")
register("smtp.starttls", bool, True, "upgrade the SMTP connection with STARTTLS")
register("smtp.user", str, "", "SMTP login (password: keyring `followup-smtp` or "
         "FOLLOWUP_SMTP_PASSWORD)")
register("smtp.cafile", str, "", "PEM file of CAs to trust for STARTTLS (empty: the system's)")
register("imap.host", str, "", "IMAP server `followup mail sync` reads (empty: not set up)")
register("imap.port", int, 993, "IMAP port (993 implicit TLS, 143 STARTTLS or plain)")
register("imap.user", str, "", "IMAP login (password: FOLLOWUP_IMAP_PASSWORD or keyring "
         "`followup-imap`)")
register("imap.security", str, "tls", "tls | starttls | none (none only for this machine)")
register("imap.auth", str, "password", "password | xoauth2 (token: FOLLOWUP_IMAP_TOKEN or "
         "keyring `followup-imap-oauth`)")
register("imap.cafile", str, "", "PEM file of CAs to trust for IMAP TLS (empty: the system's)")
register("imap.since_days", int, 365, "how far back the first sync of a folder reads")


# The whole numbers that are not policy days (those have `core.policy`'s bounds).
RANGES: dict[str, tuple[int, int]] = {
    "smtp.port": (1, MAX_PORT),
    "imap.port": (1, MAX_PORT),
    "imap.since_days": (1, 36_500),
}


def config_dir() -> Path:
    from followup.config.paths import home_dir

    return home_dir("config")


def config_path() -> Path:
    return config_dir() / FILENAME


def _lookup(key: str, entries: Mapping[str, Any]) -> Any:
    try:
        return entries[key]
    except KeyError:
        raise ConfigError(f"{key}: unknown setting (see `followup config show`)") from None


def parse_value(setting: Setting, raw: object, where: str = "") -> Value:
    """A value from the file (typed) or from the command line / environment (text)."""
    label = f"{where}{setting.key}"
    if setting.type is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in ("true", "1", "yes", "on"):
            return True
        if isinstance(raw, str) and raw.strip().lower() in ("false", "0", "no", "off"):
            return False
        raise ConfigError(f"{label}: must be true or false, not {raw!r}")
    if setting.type is int:
        if setting.key.startswith("policy."):
            try:
                return parse_int(setting.key, raw)
            except PolicyError as e:
                raise ConfigError(f"{where}{e}") from None
        from followup.core.limits import number_problem, show

        low, high = RANGES.get(setting.key, (None, None))
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)
        if not isinstance(raw, str):
            raise ConfigError(f"{label}: must be a whole number, not {show(raw)}")
        if problem := number_problem(raw, low, high):
            raise ConfigError(f"{label}: {problem}")
        return int(raw.strip())
    if not isinstance(raw, str):
        raise ConfigError(f"{label}: must be text, not {raw!r}")
    return raw


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, full + "."))
        else:
            out[full] = value
    return out


MAX_CONFIG_BYTES = 1_000_000


def read_file(path: Path) -> dict[str, Any]:
    """The file's settings as dotted keys; {} when there is no file."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_CONFIG_BYTES + 1)  # a cap: the path may name a device
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: cannot read the config file: more than "
                              f"{MAX_CONFIG_BYTES:,} bytes")
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the config file: {e}") from None
    return _flatten(data)


def load_config(environ: Mapping[str, str] | None = None) -> Config:
    """Every known setting with its value in force and where it came from."""
    env = os.environ if environ is None else environ
    path = config_path()
    stored = read_file(path)
    for key in sorted(stored):
        if key not in SETTINGS:
            raise ConfigError(f"{path}: {key}: unknown setting")
    entries: dict[str, Entry] = {}
    for key, setting in SETTINGS.items():
        if setting.env in env:
            value = parse_value(setting, env[setting.env], f"env {setting.env}: ")
            entries[key] = Entry(setting, value, f"env {setting.env}")
        elif key in stored:
            entries[key] = Entry(setting, parse_value(setting, stored[key], f"{path}: "),
                                 str(path))
        else:
            entries[key] = Entry(setting, setting.default, "default")
    config = Config(path, entries)
    policies(config)  # a contradictory pair (due after latest) fails here, not mid-plan
    return config


def _nest(flat: Mapping[str, Value]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted(flat):
        *tables, leaf = key.split(".")
        node = out
        for t in tables:
            node = node.setdefault(t, {})
        node[leaf] = flat[key]
    return out


def set_value(key: str, raw: str) -> Value:
    """Parse `raw` for `key`, check it, and write it to the config file."""
    import tomli_w  # lazy: only writing needs it

    setting = _lookup(key, SETTINGS)
    value = parse_value(setting, raw)
    path = config_path()
    stored = read_file(path)
    stored[key] = value
    if _numbered(key):
        try:
            with_overrides({k: v for k, v in stored.items() if _numbered(k)})
        except PolicyError as e:
            raise ConfigError(str(e)) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(_nest(stored)), encoding="utf-8")
    tmp.replace(path)
    return value


def set_values(changes: Mapping[str, str | None]) -> dict[str, str]:
    """Several settings at once (the web's settings form): each raw value parsed, None or
    empty for the default; the whole set checked together (a due and a latest raised in
    one go), then written in one step. Returns the problems by key and writes nothing
    when there is any."""
    import tomli_w

    path = config_path()
    stored = read_file(path)
    problems: dict[str, str] = {}
    for key, raw in changes.items():
        try:
            setting = _lookup(key, SETTINGS)
            if raw is None or not raw.strip():
                stored.pop(key, None)
            else:
                stored[key] = parse_value(setting, raw.strip())
        except ConfigError as e:
            problems[key] = str(e)
    if problems:
        return problems
    try:
        with_overrides({k: v for k, v in stored.items() if k.startswith("policy.")})
    except PolicyError as e:
        key = next((k for k in (e.key, f"policy.{e.key}") if k in changes),
                   next(iter(changes), ""))
        return {key: str(e)}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(_nest(stored)), encoding="utf-8")
    tmp.replace(path)
    return {}


def unset_value(key: str) -> bool:
    """Remove `key` from the file (back to the default); False when it was not set there."""
    import tomli_w

    _lookup(key, SETTINGS)
    path = config_path()
    stored = read_file(path)
    if key not in stored:
        return False
    del stored[key]
    path.write_text(tomli_w.dumps(_nest(stored)), encoding="utf-8")
    return True


def policies(config: Config | None = None) -> dict[Persistence, Policy]:
    """The planner's policies with the config's overrides applied."""
    config = load_config() if config is None else config
    try:
        found = with_overrides({k: v for k, v in config.overrides("policy.").items()
                                if _numbered(k)})
    except PolicyError as e:
        raise ConfigError(str(e)) from None
    if config.get("policy.learn") is True:  # resolved against the records by the service
        found = {level: replace(p, learn=True) for level, p in found.items()}
    return found


def _numbered(key: str) -> bool:
    """A key of the rulebook's numbers (`policy.LEVEL.NAME`), not `policy.learn`."""
    return key.startswith("policy.") and key.count(".") == 2
