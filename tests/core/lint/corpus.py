"""The lint corpus: notes in tests/core/lint/good and tests/core/lint/bad with their context.

Header format (the first HTML comment of a file; the linter ignores HTML comments, so line
numbers in findings are the file's own):

    <!-- kind: thank_you; company: Acme Analytics; role: Senior Data Analyst;
         people: Dana Whitfield|Priya Raman; to: Dana Whitfield; candidate: Alex Morgan;
         topics: first topic|second topic; listing: text; promised: 2026-03-20;
         group: name; expect: tone.desperate, content.interest -->

`;` separates keys, `|` list items. `to` is a name from `people`. `expect` (bad notes) lists
every error and warning the note must draw, no more; info findings are not checked. Notes
sharing a `group` are linted together, as notes for one interview (personal.copy-paste).
Used by tests/test_lint_corpus.py and bench/lint_corpus_report.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from followup.core.lint import RULES, LintContext, lint_many
from followup.core.model import Person

HERE = Path(__file__).parent
_HEADER = re.compile(r"<!--(.*?)-->", re.DOTALL)


@dataclass(frozen=True)
class Note:
    path: Path
    text: str
    context: LintContext
    expect: frozenset[str]
    group: str | None


def parse_header(text: str) -> dict[str, str]:
    m = _HEADER.search(text)
    if not m:
        return {}
    out: dict[str, str] = {}
    for part in m.group(1).split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            out[key.strip()] = " ".join(value.split())
    return out


def _items(value: str | None, sep: str = "|") -> tuple[str, ...]:
    return tuple(x.strip() for x in (value or "").split(sep) if x.strip())


def load(folder: Path) -> list[Note]:
    notes = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        h = parse_header(text)
        to = h.get("to")
        ctx = LintContext(
            kind=h.get("kind", "thank_you"),
            recipient=Person(id=to.lower().replace(" ", "-"), name=to) if to else None,
            people=_items(h.get("people")), company=h.get("company"), role=h.get("role"),
            candidate=h.get("candidate"), topics=_items(h.get("topics")),
            listing=h.get("listing"),
            promised=date.fromisoformat(h["promised"]) if "promised" in h else None)
        notes.append(Note(path, text, ctx, frozenset(_items(h.get("expect"), ",")),
                          h.get("group")))
    return notes


def run(notes: list[Note]) -> dict[Path, frozenset[str]]:
    """Rule ids of the errors and warnings each note draws."""
    fired: dict[Path, frozenset[str]] = {}
    groups: dict[str, list[Note]] = defaultdict(list)
    for n in notes:
        groups[n.group or str(n.path)].append(n)
    for members in groups.values():
        results = lint_many([n.text for n in members], members[0].context,
                            labels=[n.path.name for n in members]) \
            if len({n.context for n in members}) == 1 else \
            [lint_many([n.text], n.context)[0] for n in members]
        for n, findings in zip(members, results, strict=True):
            fired[n.path] = frozenset(f.rule for f in findings if f.severity != "info")
    return fired


def scores(notes: list[Note], fired: dict[Path, frozenset[str]]
           ) -> dict[str, tuple[int, int, int]]:
    """Per rule: (true positives, false positives, false negatives) over the notes."""
    out: dict[str, list[int]] = {r: [0, 0, 0] for r in RULES}
    for n in notes:
        got = fired[n.path]
        for r in got & n.expect:
            out[r][0] += 1
        for r in got - n.expect:
            out[r][1] += 1
        for r in n.expect - got:
            out[r][2] += 1
    return {r: (v[0], v[1], v[2]) for r, v in out.items()}


def report(notes: list[Note], fired: dict[Path, frozenset[str]]) -> str:
    lines = [f"{'rule':26} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}"]
    for rule, (tp, fp, fn) in scores(notes, fired).items():
        if RULES[rule].severity == "info":
            continue
        p = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
        r = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
        lines.append(f"{rule:26} {tp:4} {fp:4} {fn:4} {p:>10} {r:>8}")
    return "\n".join(lines)


# -- the field corpus (tests/core/lint/field) ----------------------------------------------------
#
# Notes written in our own words after published examples, in two parts: `field/tuning/` (the
# notes the rules were tuned on) and `field/heldout/` (written before any rule change for them,
# never tuned on: the targets are judged there). Each file opens with `# key: value` lines,
# stripped before linting (so line numbers count from the first line after them):
#
#     # kind: thank_you
#     # expect: good                      or: bad tone.impatient, content.interest
#     # source: https://...               the published pattern it stands for
#     # stands for: what kind of note it is
#     # company / role / people (a|b) / to / candidate / topics (a|b) / promised / group
#
# A bad note's first rule is the fault it stands for; any further ones are faults it also has.

_FIELD_LINE = re.compile(r"#\s*([a-z ]+?)\s*:\s*(.*)")


@dataclass(frozen=True)
class FieldNote:
    path: Path
    text: str
    context: LintContext
    good: bool
    expect: tuple[str, ...]  # bad notes: the fault it stands for first
    source: str
    stands_for: str
    group: str | None
    part: str = "tuning"  # "tuning" or "heldout"


PARTS = ("tuning", "heldout")
FIELD = HERE / "field"


def parse_field(raw: str) -> tuple[dict[str, str], str]:
    """The `# key: value` header lines and the note after them."""
    lines = raw.splitlines(keepends=True)
    header: dict[str, str] = {}
    n = 0
    for line in lines:
        m = _FIELD_LINE.fullmatch(line.strip())
        if not line.startswith("#") or not m:
            break
        header[m.group(1)] = m.group(2).strip()
        n += 1
    return header, "".join(lines[n:])


def load_field(part: str | None = None) -> list[FieldNote]:
    """The notes of one part of the field corpus, or of both (tuning first)."""
    if part is None:
        return [n for p in PARTS for n in load_field(p)]
    notes = []
    for path in sorted((FIELD / part).glob("*.txt")):
        h, text = parse_field(path.read_text(encoding="utf-8"))
        verdict, _, rules = h.get("expect", "").partition(" ")
        to = h.get("to")
        ctx = LintContext(
            kind=h.get("kind", "thank_you"),
            recipient=Person(id=to.lower().replace(" ", "-"), name=to) if to else None,
            people=_items(h.get("people")), company=h.get("company"), role=h.get("role"),
            candidate=h.get("candidate"), topics=_items(h.get("topics")),
            listing=h.get("listing"),
            promised=date.fromisoformat(h["promised"]) if "promised" in h else None)
        notes.append(FieldNote(path, text, ctx, verdict == "good", _items(rules, ","),
                               h.get("source", ""), h.get("stands for", ""), h.get("group"),
                               part))
    return notes


def run_field(notes: list[FieldNote]) -> dict[Path, dict[str, str]]:
    """Each note's findings as {rule: the most severe severity it drew}."""
    from followup.core.lint import SEVERITY_ORDER

    out: dict[Path, dict[str, str]] = {}
    groups: dict[str, list[FieldNote]] = defaultdict(list)
    for n in notes:
        groups[n.group or str(n.path)].append(n)
    for members in groups.values():
        texts = [m.text for m in members]
        labels = [m.path.name for m in members]
        # one interview's notes are checked together (personal.copy-paste), each with its
        # own recipient
        results = [lint_many(texts, n.context, labels=labels)[i]
                   for i, n in enumerate(members)]
        for n, findings in zip(members, results, strict=True):
            got: dict[str, str] = {}
            for f in findings:
                if f.rule not in got or SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[got[f.rule]]:
                    got[f.rule] = f.severity
            out[n.path] = got
    return out


LOUD = ("error", "warning")  # what a user is told to fix


def field_scores(notes: list[FieldNote], fired: dict[Path, dict[str, str]]
                 ) -> dict[str, tuple[int, int, int]]:
    """Per rule, counting a finding at any severity: (tp, fp, fn) over the notes."""
    out: dict[str, list[int]] = {r: [0, 0, 0] for r in RULES}
    for n in notes:
        got = set(fired[n.path])
        want = set(n.expect)
        for r in got & want:
            out[r][0] += 1
        for r in got - want:
            out[r][1] += 1
        for r in want - got:
            out[r][2] += 1
    return {r: (v[0], v[1], v[2]) for r, v in out.items()}


def targets(notes: list[FieldNote], fired: dict[Path, dict[str, str]]
            ) -> tuple[list[FieldNote], list[FieldNote]]:
    """(good notes drawing a warning or error, bad notes missing the fault they stand for)."""
    loud_good = [n for n in notes if n.good
                 and any(sev in LOUD for sev in fired[n.path].values())]
    missed = [n for n in notes if not n.good and n.expect[0] not in fired[n.path]]
    return loud_good, missed
