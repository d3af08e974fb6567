"""The stance model's training data (issue 22, round eight), tuning material only: read by
scripts/train_stance.py (which fits the weights) and tests/core/lint/test_lint_stance.py
(which checks the shipped weights were fitted on the data as it is now). No scikit-learn.

- hostile (1): the rude lines of the tuning parts of data/impolite_sentences.toml (`tune`,
  `tune_b`) and the impatient lines of data/impatience_sentences.toml's tuning parts
  (`impatient`, `probe_impatient`);
- innocent (0): the innocent lines of those parts (`polite`, `probe_polite`), and every body
  sentence, split by the linter's own splitter, of every good note in field/tuning/ and
  good/: in-domain sentences, the false alarms that matter.
The held-out parts (`heldout`, `heldout_b`, `heldout_impatient`, `heldout_polite`, and
field/heldout/) are never read here. Bad tuning notes are left out (their rude sentence is
not marked, and their other sentences are not innocent enough to label)."""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from corpus import load_field, parse_header  # noqa: E402

from followup.core.lint.parse import parse  # noqa: E402

IMPOLITE = HERE / "data" / "impolite_sentences.toml"
IMPATIENCE = HERE / "data" / "impatience_sentences.toml"
GOOD = HERE / "good"
IMPOLITE_TUNING = ("tune", "tune_b")
IMPATIENCE_TUNING = {"impatient": 1, "probe_impatient": 1, "polite": 0, "probe_polite": 0}


def good_notes() -> list[tuple[Path, str]]:
    """(file, note text) of every good note of the tuning material."""
    out = [(n.path, n.text) for n in load_field("tuning") if n.good]
    for path in sorted(GOOD.glob("*.txt")):
        text = path.read_text("utf-8")
        if not parse_header(text).get("expect"):
            out.append((path, text))
    return out


def note_sentences(text: str) -> list[str]:
    """The body sentences of a note, as the linter splits them (comments blanked)."""
    p = parse(text)
    return [" ".join(p.folded[s:e].split()) for s, e in p.body_sentences]


def files() -> list[Path]:
    """The data files the model is trained on, in a fixed order."""
    return [IMPOLITE, IMPATIENCE, *(path for path, _ in good_notes())]


def data_hash() -> str:
    """sha256 over each training file's path (relative to this folder) and bytes."""
    h = hashlib.sha256()
    for path in files():
        h.update(path.relative_to(HERE).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def training_data() -> list[tuple[str, int, str]]:
    """(sentence, label, source) for every labelled sentence, each (sentence, label) once."""
    out: list[tuple[str, int, str]] = []
    imp = tomllib.loads(IMPOLITE.read_text("utf-8"))
    for kind, label in (("rude", 1), ("innocent", 0)):
        for group, table in imp[kind].items():
            for key in IMPOLITE_TUNING:
                out.extend((t, label, f"impolite.{kind}.{group}.{key}")
                           for t in table.get(key, []))
    pat = tomllib.loads(IMPATIENCE.read_text("utf-8"))
    for key, label in IMPATIENCE_TUNING.items():
        out.extend((t, label, f"impatience.{key}") for t in pat[key])
    for path, text in good_notes():
        out.extend((s, 0, f"good:{path.name}") for s in note_sentences(text))
    seen: set[tuple[str, int]] = set()
    unique = []
    for s, label, src in out:
        if (s, label) not in seen and s.strip():
            seen.add((s, label))
            unique.append((s, label, src))
    return unique
