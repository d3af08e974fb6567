"""The columns each read selects, by table: plain tuples, so the sqlite3 fast path of
`store/read.py` never imports SQLAlchemy to build its queries. `tests/store/test_columns.py`
checks them against `store/schema.py`: every column here is in the schema, and every stored
column the schema adds is read (or listed in `NOT_READ` with the reason)."""

from __future__ import annotations

__all__ = ["NOT_READ", "READ", "select_list"]

READ: dict[str, tuple[str, ...]] = {
    "candidates": ("name", "email", "phone", "country", "timezone"),
    "candidate_values": ("text",),
    "opportunities": ("id", "slug", "company", "role", "field", "persistence", "status",
                      "listing", "applied_on", "send_letter"),
    "people": ("id", "opportunity_id", "slug", "name", "title", "email", "phone", "contact"),
    "interviews": ("id", "opportunity_id", "slug", "at", "round", "format", "topics",
                   "next_steps", "promised_by", "promised_channel", "promised_who",
                   "promised_said", "invite_uid"),
    "touches": ("opportunity_id", "at", "direction", "channel", "kind", "person_id", "new_by",
                "note", "message_id"),
}

# Stored but not part of a case: keys, order, bookkeeping.
NOT_READ: dict[str, frozenset[str]] = {
    "candidates": frozenset({"account_id"}),
    "candidate_values": frozenset({"id", "account_id", "position"}),
    "opportunities": frozenset({"account_id", "created_at"}),  # ordering and the change log
    "people": frozenset({"position"}),
    "interviews": frozenset({"position"}),
    "touches": frozenset({"id"}),
}


def select_list(table: str, prefix: str = "") -> str:
    """`id, slug, company, ...` for a SELECT on `table` (quoted where SQL needs it)."""
    return ", ".join(f"{prefix}{c}" for c in READ[table])
