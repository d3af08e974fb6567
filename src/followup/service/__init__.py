"""The use cases both faces call: the CLI and the web app hold no rule and no query.

Each function takes a `Store` and plain values (the caller parses input and reads the
clock), checks what it is given, and raises a `FollowupError` naming what is wrong before
anything is written. One module per area: `records` (what happened), `planning` (what to
do next), `messages` (what to say), `invites` (calendar invitations), ...

The package imports a module when one of its names is first used (`NAMES`, PEP 562), so
`followup today` pays for planning and records, not for invites, feeds or backups.
tests/service/test_lazy_service.py checks `NAMES` against what each module defines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers see: every name, as the faces use it
    from followup.service.backups import *  # noqa: F403
    from followup.service.feeds import *  # noqa: F403
    from followup.service.health import *  # noqa: F403
    from followup.service.history import *  # noqa: F403
    from followup.service.insights import *  # noqa: F403
    from followup.service.invites import *  # noqa: F403
    from followup.service.messages import *  # noqa: F403
    from followup.service.planning import *  # noqa: F403
    from followup.service.records import *  # noqa: F403
    from followup.service.sheets import *  # noqa: F403
    from followup.service.snapshot import *  # noqa: F403
    from followup.service.weeks import *  # noqa: F403
    from followup.store import Store as Store  # the faces name the type; they never open it

# The names each module gives the faces (a module's `__all__` where it has one).
NAMES: dict[str, tuple[str, ...]] = {
    "backups": ("database_file", "backup_database", "inspect_backup", "restore_database", "plural"),
    "feeds": ("REMOVED", "PlanCalendar", "plan_calendar", "new_feed_token", "feed_created",
        "feed_token_ok"),
    "health": ("Finding", "collecting", "diagnose", "doctor", "planned", "repair_all",
        "sound_candidate", "warn", "warnings_to"),
    "history": ("Change", "UndoError", "change", "last_change", "undo"),
    "insights": ("in_force", "insights", "learning_wanted", "resolve_learning"),
    "invites": ("InviteMatch", "ImportedInvite", "my_addresses", "read_invite", "match_invite",
        "invite_to_interview", "older_copy", "remember_copy", "find_invited", "Cancellation",
        "cancellation", "cancel_interview", "ReplyResult", "reply_target", "apply_reply"),
    "messages": ("Checked", "message_kind", "draft_message", "note_context", "check_message",
        "split_subject", "unsent_email", "message_eml", "mark_sent", "draft_for_action", "Outgoing",
        "outgoing_email", "lint_email", "Prepared", "prepare_email", "send_email", "email_draft"),
    "planning": ("COMING_UP_DAYS", "BOARD_STAGES", "snooze_action", "snooze_next", "next_message",
        "Agenda", "plan_case", "plans", "agenda_section", "agenda", "plan_all", "complete_action",
        "calendar_items", "Card", "Column", "opportunities", "pipeline_board", "SnoozePastDeadline",
        "snooze_warning", "snoozed_steps", "step_to_snooze"),
    "records": ("open_store", "store_exists", "add_opportunity", "edit_opportunity", "replace_case",
        "set_status", "delete_opportunity", "find_person", "add_person", "RecordedInterview",
        "load_case", "load_cases", "profile", "check_promised", "check_incoming",
        "record_interview", "log_touch", "update_profile", "add_value", "import_cases",
        "export_snoozes", "last_contact", "edit_person", "set_promise", "delete_touch",
        "edit_interview", "delete_interview", "delete_opportunity_confirmed", "deletion_summary",
        "export_all", "keep_text", "generation", "write_file"),
    "sheets": ("MAPPINGS", "SheetImport", "export_csv", "export_xlsx", "import_csv",
        "import_tracker"),
    "snapshot": ("PlanCache", "Snapshot", "fresh", "take_snapshot"),
    "weeks": ("WeekDay", "weeks_ahead"),
}
# A function named like its module: bound now, or importing the module (planning does)
# would leave `service.insights` the module. Planning needs the module anyway.
from followup.service.insights import insights as insights  # noqa: E402

_WHERE = {name: module for module, names in NAMES.items() for name in names}


def import_all() -> None:
    """Every service module now: a server pays its imports at start, not on a first request."""
    for module in NAMES:
        __import__(f"followup.service.{module}")


def __getattr__(name: str) -> Any:
    """`service.agenda` and `from followup.service import agenda`: import its module now."""
    if name == "Store":
        from followup.store import Store

        value: Any = Store
    elif name in _WHERE:
        module = __import__(f"followup.service.{_WHERE[name]}", fromlist=[name])
        value = getattr(module, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # the next use is a plain attribute read
    return value
