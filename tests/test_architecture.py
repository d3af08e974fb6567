"""The arrows point inward: the core imports no adapter, and start-up stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "followup"
CORE = sorted(p.stem for p in (SRC / "core").iterdir()
              if p.name not in {"__init__.py", "__pycache__"} and (p.suffix == ".py" or p.is_dir()))
ADAPTERS = ["sqlalchemy", "typer", "fastapi", "starlette", "uvicorn", "icalendar", "rich",
            "followup.store", "followup.cli", "followup.web", "followup.service",
            "followup.calendar", "followup.mail", "followup.mailbox", "followup.config"]


FACES = ["cli", "web", "server"]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports in functions included)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


@pytest.mark.parametrize("face", FACES)
def test_faces_import_no_store_module(face: str) -> None:
    """The CLI and the web app go through `followup.service`; only it opens the store."""
    offenders = {
        str(path.relative_to(SRC)): sorted(m for m in _imports(path)
                                           if m == "followup.store"
                                           or m.startswith("followup.store."))
        for path in sorted((SRC / face).rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its `__init__.py`)."""
    found = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _graph() -> dict[str, set[str]]:
    """Who imports whom inside `followup`, lazy and TYPE_CHECKING imports included (a circle
    hidden in a function is still a circle a reader has to hold in their head).
    `from a import b` points at the module `a.b` when there is one, else at `a`."""
    import ast

    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name in MODULES)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    if full in MODULES:
                        edges.add(full)
                    elif node.module in MODULES:
                        edges.add(node.module)
        graph[name] = edges - {name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_no_import_circle_inside_followup() -> None:
    """The modules import in one direction: faces -> service -> adapters -> core. A router
    reaches `render` through `web/deps.py`; a command module imports `app` and nothing
    imports the command modules back (the root group loads them by name)."""
    assert circles(_graph()) == []


@pytest.mark.parametrize("face", FACES)
def test_a_face_imports_no_other_face(face: str) -> None:
    """The CLI never reaches into the web app's modules, nor the web app into the CLI's."""
    others = [f"followup.{f}" for f in FACES if f != face]
    offenders = {
        str(path.relative_to(SRC)): sorted(m for m in _imports(path)
                                           if any(m == o or m.startswith(o + ".")
                                                  for o in others))
        for path in sorted((SRC / face).rglob("*.py"))
    }
    # The commands that start another face: `followup serve` (the web app, its address
    # check and uvicorn config), `followup server` (the JSON API), and the server hosting
    # the web app's pages in multi-user mode (its factory, settings and request store), and
    # the coach's caseload page, drawn with the web app's templates and read-only timeline.
    starts = {"cli/web.py": ("followup.web", "followup.web.security", "followup.web.server"),
              "cli/centre.py": ("followup.server",),
              "server/pages.py": ("followup.web", "followup.web.settings", "followup.web.deps"),
              "server/caseload.py": ("followup.web", "followup.web.deps",
                                     "followup.web.timeline"),
              "server/session.py": ("followup.web.security",),
              "server/mailbox.py": ("followup.web.deps",)}  # a student's mailbox page

    def started(path: str, name: str) -> bool:
        return any(name == m or (name.startswith(m + ".") and name not in MODULES)
                   for m in starts.get(path, ()))

    found = {k: [m for m in v if not started(k, m)] for k, v in offenders.items()}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_service_package_exports_names_not_star_imports() -> None:
    import ast

    import followup.service as service

    tree = ast.parse((SRC / "service" / "__init__.py").read_text(encoding="utf-8"))
    stars = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
             and any(a.name == "*" for a in n.names)]
    assert stars == []
    for path in sorted((SRC / "service").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert path.name == "__init__.py" or "__all__ = [" in source, path.name
    assert "date" not in service.__all__ and "Path" not in service.__all__
    assert all(hasattr(service, name) for name in service.__all__)


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_adapter(module: str) -> None:
    loaded = loaded_after(f"import followup.core.{module}")
    assert not {a for a in ADAPTERS if a in loaded}


def test_help_imports_no_database_or_web_code() -> None:
    loaded = loaded_after("import followup.cli")
    heavy = {"sqlalchemy", "fastapi", "jinja2", "icalendar", "dateparser", "holidays",
             "alembic", "rapidfuzz"}
    assert not heavy & loaded


def test_a_warm_today_imports_neither_sqlalchemy_nor_holidays(tmp_path: Path) -> None:
    """Reads of an up-to-date SQLite file go through sqlite3; holidays come from the cache."""
    import json
    import os

    home = tmp_path / "home"
    env = {**os.environ, "FOLLOWUP_HOME": str(home), "FOLLOWUP_DB": str(tmp_path / "f.db")}
    cli = [sys.executable, "-m", "followup"]
    case = tmp_path / "case.json"
    case.write_text((Path(__file__).parent / "cases" / "contract_example.json").read_text())
    subprocess.run([*cli, "import", str(case)], env=env, check=True, capture_output=True)
    subprocess.run([*cli, "profile", "--country", "US"], env=env, check=True,
                   capture_output=True)
    show = ("import runpy, sys, json\n"
            "sys.argv = ['followup', 'today', '--today', '2026-03-20']\n"
            "try:\n    runpy.run_module('followup', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write(json.dumps(sorted(sys.modules)))\n")

    def today() -> tuple[str, set[str]]:
        done = subprocess.run([sys.executable, "-c", show], env=env, check=True,
                              capture_output=True, text=True)
        return done.stdout, set(json.loads(done.stderr))

    cold_out, cold = today()  # fills the holiday cache
    warm_out, warm = today()
    assert "acme-analyst" in warm_out and warm_out == cold_out
    assert "holidays" in cold
    assert not {"sqlalchemy", "alembic", "holidays"} & warm
