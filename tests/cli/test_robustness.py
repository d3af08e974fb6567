"""Fuzzing case files: `followup import` and `followup plan --case` never show a traceback.

Hypothesis starts from the CONTRACT.md example and breaks it: random JSON at any field,
wrong types, broken dates, unknown references, huge strings, and names with combining marks
and right-to-left text. Whatever comes in, the answer is exit 0, or exit 2 with exactly one
line `error: ...` on stderr and nothing written.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from followup.cli import app
from followup.store import Store
from tests.conftest import CASES, table_dump

EXAMPLE: dict[str, Any] = json.loads((CASES / "contract_example.json").read_text())

# Every field of the example, as a path into the JSON.
PATHS: list[tuple[Any, ...]] = [("version",)]
for _section in ("candidate", "opportunity"):
    PATHS += [(_section, k) for k in EXAMPLE[_section]]
PATHS += [("people", i, k) for i, p in enumerate(EXAMPLE["people"]) for k in p]
PATHS += [("interviews", 0, k) for k in EXAMPLE["interviews"][0]]
PATHS += [("interviews", 0, "promised", k) for k in EXAMPLE["interviews"][0]["promised"]]
PATHS += [("interviews", 0, "interviewers", 0), ("interviews", 0, "topics", 0)]
PATHS += [("touches", i, k) for i, t in enumerate(EXAMPLE["touches"]) for k in t]
DATE_PATHS = [p for p in PATHS if p[-1] in ("at", "by", "new_by", "applied_on")]
REF_PATHS = [("interviews", 0, "interviewers", 1), ("interviews", 0, "promised", "who"),
             ("touches", 0, "person"), ("touches", 2, "person")]
TEXT_PATHS = [p for p in PATHS if p[-1] in (
    "id", "name", "company", "role", "title", "note", "said", "field", "listing", "format",
    "email", "phone")] + [("interviews", 0, "topics", 0)]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
broken_dates = st.sampled_from([
    "2026-02-30", "31/02/2026", "2026-13-01", "2026-03-02T25:61", "2026-03-02T10:00:00+02:00",
    "0000-01-01", "9999-12-31T23:59", "", " 2026-03-02", "2026-3-2", "tomorrow",
    "２０２６-０３-０２",
    "2026-03-02T10:00:00.123456789", "+2026-03-02", "2026-W10-1",
]) | st.text(max_size=20) | st.integers() | st.floats(allow_nan=False)
COMBINING = "".join(chr(c) for c in range(0x300, 0x370))
RTL = "\u05d0\u05d1\u05d2\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u202e\u202b\u200f"
ODD = "\u200b\u200d\ufeff\U0001f600\U0001f469\u200d\U0001f4bb Ａ\u00a0\u2028"
unicode_names = st.text(
    alphabet=st.sampled_from("abcXYZ -'." + COMBINING + RTL + ODD), min_size=1, max_size=40)
huge = st.sampled_from([
    "x" * 100_001, "é" * 150_000, ("word " * 30_000), "\U0001f600" * 60_000,
    "a" * 81, "a" * 80,
])


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    if isinstance(data, list) and path[-1] >= len(data):
        data.append(value)
    else:
        data[path[-1]] = value


def _delete(data: Any, path: tuple[Any, ...]) -> None:
    for key in path[:-1]:
        data = data[key]
    del data[path[-1]]


Edit = Callable[[Any], None]


@st.composite
def edits(draw: st.DrawFn) -> Edit:
    kind = draw(st.sampled_from(["value", "delete", "unknown", "date", "ref", "text", "huge",
                                 "list"]))
    if kind == "value":
        path, value = draw(st.sampled_from(PATHS)), draw(json_values)
        return lambda d: _set(d, path, value)
    if kind == "delete":
        path = draw(st.sampled_from(PATHS))
        return lambda d: _delete(d, path)
    if kind == "unknown":
        section = draw(st.sampled_from([(), ("opportunity",), ("people", 0), ("touches", 1),
                                        ("interviews", 0, "promised")]))
        key, value = draw(st.text(max_size=10)), draw(json_values)
        return lambda d: _set(d, (*section, key), value)
    if kind == "date":
        path, value = draw(st.sampled_from(DATE_PATHS)), draw(broken_dates)
        return lambda d: _set(d, path, value)
    if kind == "ref":
        path, value = draw(st.sampled_from(REF_PATHS)), draw(unicode_names | st.just("dana"))
        return lambda d: _set(d, path, value)
    if kind in ("text", "huge"):
        path = draw(st.sampled_from(TEXT_PATHS))
        value = draw(unicode_names if kind == "text" else huge)
        return lambda d: _set(d, path, value)
    section = draw(st.sampled_from(["people", "interviews", "touches"]))
    value = draw(st.one_of(json_values, st.just([]), st.just({})))
    return lambda d: d.__setitem__(section, value)


@st.composite
def case_files(draw: st.DrawFn) -> str:
    """The text of a case file: mostly a broken example, sometimes anything at all."""
    shape = draw(st.sampled_from(["edited", "edited", "edited", "json", "text"]))
    if shape == "json":
        return json.dumps(draw(json_values), ensure_ascii=draw(st.booleans()))
    if shape == "text":
        return draw(st.text(max_size=200))
    data = copy.deepcopy(EXAMPLE)
    for edit in draw(st.lists(edits(), min_size=1, max_size=4)):
        try:
            edit(data)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier edit removed what this one aimed at: the file is odd anyway
    if draw(st.booleans()):  # bundles go through the same reader
        data = {"version": 1, "cases": [data, copy.deepcopy(EXAMPLE)]}
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


def check(args: list[str], text: str, db: str | None) -> int:
    """Run one command on the file: a clean exit, or one error line and nothing written."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        if db is not None:
            Store.open(db).close()
            before = table_dump(db)
        db_args = ["--db", db] if db is not None else []
        result = CliRunner().invoke(app, [*db_args, *args, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"traceback for {text[:300]!r}: {result.exception!r}")
    assert result.exit_code in (0, 2), (result.exit_code, result.output[:500])
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr[:500]
        if db is not None:
            assert table_dump(db) == before
    return result.exit_code


FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(text=case_files())
def test_import_never_shows_a_traceback(db_url: str, text: str) -> None:
    check(["import", "--replace"], text, db_url)


@FUZZ
@given(text=case_files(), today=st.dates().map(str) | st.just("2026-03-13"))
def test_plan_case_never_shows_a_traceback(text: str, today: str) -> None:
    for fmt in ("json", "text"):  # plan --case reads no database
        check(["plan", "--today", today, "--format", fmt, "--case"], text, None)


def test_a_case_with_unicode_everywhere_round_trips(db_url: str, tmp_path: Path) -> None:
    """The names fuzzing throws at it are stored and given back exactly."""
    data = copy.deepcopy(EXAMPLE)
    name = ("Zoë Ā\u0301\u0327 \u05d3\u05e0\u05d4 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 "
            "\U0001f469\u200d\U0001f4bb")
    data["people"][0]["name"] = name
    # right-to-left text as written (an override, U+202E, is refused since issue 20)
    data["opportunity"]["company"] = "\u05d0\u05e7\u05de\u05d4 Ltd"
    data["touches"][2]["note"] = "x" * 100_000
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db_url, "import", str(path)]).exit_code == 0
    out = runner.invoke(app, ["--db", db_url, "export", "acme"]).stdout
    assert json.loads(out)["people"][0]["name"] == name
    assert json.loads(out)["opportunity"]["company"] == "\u05d0\u05e7\u05de\u05d4 Ltd"
    assert json.loads(out)["touches"][2]["note"] == "x" * 100_000


def test_a_real_process_prints_one_line_for_a_broken_file(tmp_path: Path) -> None:
    """Outside CliRunner too: the installed entry point, a file that is not UTF-8."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"version": 1, "opportunity": {"id": "\xff\xfe"}}')
    exe = Path(sys.executable).parent / "followup"
    for args in (["import", str(bad)], ["plan", "--case", str(bad)]):
        proc = subprocess.run([str(exe), "--db", str(tmp_path / "f.db"), *args],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2, proc.stderr
        assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("error: ")
        assert "Traceback" not in proc.stderr
