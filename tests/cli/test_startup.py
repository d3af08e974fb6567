"""Start-up pays only for what runs: `followup today` imports neither the web, the invite
and calendar code, the feed, the mail and mailbox code, nor Rich (issue 24).

The import budget is counted in modules from `python -X importtime` (a loaded machine makes
milliseconds noisy, and speed is measured by `make bench`, not by timed tests).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from followup import service
from followup.cli import COMMANDS, app
from tests.conftest import CASES

# Modules `followup today` must not load, by name prefix, and why.
NOT_FOR_TODAY = {
    "followup.web": "the web app", "followup.calendar": "invites and the calendar file",
    "followup.mail": "outgoing mail (and followup.mailbox: IMAP)",
    "followup.service.feeds": "the calendar feed", "followup.service.invites": "invites",
    "followup.service.inbox": "the mailbox", "followup.service.backups": "backups",
    "followup.service.sheets": "CSV/XLSX", "followup.service.history": "undo",
    "followup.core.lint": "the linter", "followup.core.compose": "drafting",
    "followup.cli.records": "other commands", "followup.cli.lint": "other commands",
    "followup.cli.calendar": "other commands", "followup.cli.mailbox": "other commands",
    "followup.cli.web": "other commands", "followup.cli.backup": "other commands",
    "followup.cli.doctor": "other commands", "followup.cli.insights": "other commands",
    "followup.cli.history": "other commands", "rich": "plain text with ANSI styles serves",
    "fastapi": "web", "starlette": "web", "uvicorn": "web", "jinja2": "web",
    "icalendar": "invites", "imapclient": "mailbox", "mailparser_reply": "mailbox",
    "smtplib": "mail", "keyring": "mail", "openpyxl": "XLSX", "sqlalchemy": "SQLite reads",
    "alembic": "an up-to-date file", "dateparser": "date phrases", "rapidfuzz": "matching",
    "holidays": "the cache serves", "email_validator": "no address is checked on a read",
    "typer": "cli.lean parses `today`", "click": "cli.lean parses `today`",
    "followup.cli.root": "the Typer app", "followup.cli.plan": "the Typer commands",
}
MAX_OWN_MODULES = 43  # followup.* modules `today` loads (38 when this was written; 41 with
# cli.lean, which spares cli.root, cli.plan and Typer; 42 with cli.commands, which ends the
# cli <-> cli.root import circle)


def imported(out: str) -> dict[str, tuple[int, int]]:
    """`-X importtime` lines: module -> (self us, cumulative us)."""
    found = {}
    for line in out.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            own, total, name = line[len("import time:"):].split("|")
            found[name.strip()] = (int(own), int(total))
    return found


@pytest.fixture(scope="module")
def today_imports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, int]]:
    work = tmp_path_factory.mktemp("startup")
    env = {**os.environ, "FOLLOWUP_HOME": str(work / "home"),
           "FOLLOWUP_DB": str(work / "f.db"), "TZ": "UTC"}
    cli = [sys.executable, "-m", "followup"]
    subprocess.run([*cli, "import", str(CASES / "contract_example.json")], env=env,
                   check=True, capture_output=True)
    subprocess.run([*cli, "profile", "--country", "US"], env=env, check=True,
                   capture_output=True)
    today = [sys.executable, "-X", "importtime", "-m", "followup", "today",
             "--today", "2026-03-20"]
    subprocess.run(today, env=env, check=True, capture_output=True)  # fills the caches
    done = subprocess.run(today, env=env, check=True, capture_output=True, text=True)
    assert "Pipeline" in done.stdout
    return imported(done.stderr)


def test_today_loads_none_of_what_it_does_not_use(
        today_imports: dict[str, tuple[int, int]]) -> None:
    loaded = {name for name in today_imports
              for prefix in NOT_FOR_TODAY if name == prefix or name.startswith(prefix + ".")}
    assert sorted(loaded) == []


def test_today_s_own_modules_within_budget(today_imports: dict[str, tuple[int, int]]) -> None:
    own = {name: t for name, t in today_imports.items() if name.split(".")[0] == "followup"}
    assert 20 <= len(own) <= MAX_OWN_MODULES, sorted(own)


def test_each_command_is_in_the_module_commands_names() -> None:
    """`COMMANDS` (what `followup X` imports) is what the modules register, no more."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    listed = group.list_commands(typer.Context(group))  # imports every command module
    assert sorted(listed) == sorted(COMMANDS)
    assert listed == list(COMMANDS)  # in --help order
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        assert info.callback.__module__ == f"followup.cli.{COMMANDS[name]}", name
    for info in app.registered_groups:
        sub = info.typer_instance
        assert sub is not None and info.name is not None
        callbacks = [c.callback for c in sub.registered_commands if c.callback]
        assert callbacks and all(
            c.__module__ == f"followup.cli.{COMMANDS[info.name]}" for c in callbacks), info.name


def test_a_command_s_module_is_imported_when_it_runs() -> None:
    """In a fresh interpreter: `followup.cli` alone registers nothing; naming `serve`
    imports cli.web (and only then)."""
    code = ("import sys\nfrom followup.cli import app\nimport typer.main\n"
            "g = typer.main.get_command(app)\nprint('followup.cli.web' in sys.modules)\n"
            "import click\nc = g.get_command(click.Context(g), 'serve')\n"
            "print(c.name, 'followup.cli.web' in sys.modules, 'followup.cli.lint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "serve", "True", "False"]


@pytest.mark.parametrize("module", sorted(service.NAMES))
def test_service_names_are_each_module_s(module: str) -> None:
    """`service.NAMES` holds every public name a service module defines (or its
    `__all__`), and `service.X` is that very object."""
    import importlib

    mod = importlib.import_module(f"followup.service.{module}")
    names = getattr(mod, "__all__", None) or [
        n for n, v in vars(mod).items() if not n.startswith("_")
        and getattr(v, "__module__", None) == mod.__name__]
    assert set(names) <= set(service.NAMES[module])
    for name in service.NAMES[module]:
        assert getattr(service, name) is getattr(mod, name)


def test_the_faces_use_only_names_the_service_gives() -> None:
    import re

    src = Path(service.__file__).parents[1]
    used = set()
    for face in ("cli", "web"):
        for path in (src / face).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            used |= set(re.findall(r"\bservice\.([A-Za-z_]\w*)", text))
            imports = re.findall(r"from followup\.service import \(([^)]*)\)", text)
            imports += re.findall(r"from followup\.service import ([\w, ]+)$", text, re.M)
            for names in imports:
                used |= {n.split(" as ")[0].strip() for n in names.split(",") if n.strip()}
    given = {n for names in service.NAMES.values() for n in names} | {"Store", "import_all"}
    modules = {p.stem for p in Path(service.__file__).parent.glob("*.py")}
    assert sorted(used - given - modules) == []


def test_the_web_app_imports_every_service_module_at_start() -> None:
    """No user's first request pays for an import the CLI put off."""
    code = ("import sys\nfrom followup.web.app import create_app\ncreate_app()\n"
            "from followup import service\n"
            "print(all(f'followup.service.{m}' in sys.modules for m in service.NAMES))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["True"]
