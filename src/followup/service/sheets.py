"""Spreadsheets: `export --csv DIR`, `export --xlsx FILE`, `import --csv DIR` and another
tracker's CSV through a mapping (`import --csv FILE --map MAP`). All or nothing both ways."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from followup.core.errors import UsageError
from followup.store import Store

__all__ = ["MAPPINGS", "SheetImport", "export_csv", "export_xlsx", "import_csv",
           "import_tracker"]

MAPPINGS = Path(__file__).parents[1] / "mappings"  # generic.toml, huntr.toml


def export_csv(store: Store, folder: Path) -> list[Path]:
    """The four tables of every record into `folder` (docs/spreadsheets.md)."""
    from followup.core.sheets import to_tables
    from followup.sheets import write_csv_folder

    return write_csv_folder(folder, to_tables(store.load_cases()))


def export_xlsx(store: Store, path: Path) -> int:
    """The same four tables as sheets of one workbook; returns how many opportunities."""
    from followup.core.sheets import OPPORTUNITIES, to_tables
    from followup.sheets.xlsx import write_workbook

    tables = to_tables(store.load_cases())
    write_workbook(path, tables)
    return len(tables[OPPORTUNITIES])


@dataclass(frozen=True)
class SheetImport:
    opportunities: tuple[str, ...]  # ids written
    skipped: int = 0  # rows the mapping says to leave out (not applied to yet)


def import_csv(store: Store, folder: Path, *, replace_existing: bool = False) -> SheetImport:
    """What `export --csv` wrote, back as the same records: every cell checked first, then
    one transaction (nothing written on a bad cell)."""
    from followup.core.sheets import from_tables
    from followup.service.records import import_cases
    from followup.sheets import read_csv_folder

    cases = from_tables(read_csv_folder(folder))
    import_cases(store, cases, replace_existing=replace_existing)
    return SheetImport(tuple(c.opportunity.id for c in cases))


def mapping_text(ref: str) -> tuple[str, str]:
    """A mapping by shipped name (`generic`, `huntr`) or as a file: (text, source)."""
    from followup.sheets import read_text

    shipped = MAPPINGS / f"{ref}.toml"
    if "/" not in ref and "." not in ref and shipped.is_file():
        return shipped.read_text(encoding="utf-8"), f"{ref} (shipped mapping)"
    path = Path(ref)
    if not path.is_file():
        names = ", ".join(sorted(p.stem for p in MAPPINGS.glob("*.toml")))
        raise UsageError(f"--map: no mapping {ref!r} (a TOML file, or one of: {names})")
    return read_text(path), str(path)


def import_tracker(store: Store, file: Path, mapping: str) -> SheetImport:
    """Another tracker's CSV through a mapping: each row an opportunity with its applied date
    and stage history as records; all or nothing."""
    from followup.core.tracker_map import parse_map, read_tracker
    from followup.service.records import import_cases
    from followup.sheets import read_text

    text, source = mapping_text(mapping)
    spec = parse_map(text, source)
    found = read_tracker(file.name, read_text(file, file.name), spec, store_ids(store))
    import_cases(store, found.cases)
    return SheetImport(tuple(c.opportunity.id for c in found.cases), found.skipped)


def store_ids(store: Store) -> set[str]:
    with store.reading() as conn:
        return set(store.slugs(conn))
