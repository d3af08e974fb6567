"""The columns `store/read.py` selects are derived from `store/schema.py`: none that the
schema lacks, and none the schema stores that nobody reads (a new stored field that is
written but never read back fails here, not in a user's export)."""

from __future__ import annotations

import pytest

from followup.store import schema
from followup.store.columns import NOT_READ, READ


@pytest.mark.parametrize("table", sorted(READ))
def test_each_read_selects_exactly_the_schemas_columns(table: str) -> None:
    stored = {c.name for c in schema.metadata.tables[table].columns}
    assert set(READ[table]) <= stored  # nothing the schema lacks
    assert stored - set(READ[table]) == NOT_READ[table]  # nothing stored and never read
