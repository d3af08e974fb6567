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
    from followup.service.backups import (
        backup_database,
        database_file,
        inspect_backup,
        plural,
        restore_database,
    )
    from followup.service.contexts import (
        Context,
        context,
        policies_in_force,
    )
    from followup.service.drafts import (
        draft_for_action,
        message_kind,
    )
    from followup.service.feeds import (
        REMOVED,
        PlanCalendar,
        feed_created,
        feed_token_ok,
        new_feed_token,
        plan_calendar,
    )
    from followup.service.health import (
        Kept,
        PlansRebuild,
        RecordProblem,
        Unplannable,
        collecting,
        diagnose,
        doctor,
        kept_plans,
        plan_basis,
        plan_problems,
        plannable,
        planned,
        rebuild_plans,
        repair_all,
        skip,
        sound_candidate,
        warn,
        warnings_to,
    )
    from followup.service.history import (
        Change,
        UndoError,
        change,
        last_change,
        undo,
    )
    from followup.service.insights import (
        in_force,
        insights,
        learning_wanted,
        resolve_learning,
    )
    from followup.service.invites import (
        Cancellation,
        Confirm,
        ImportedInvite,
        InviteMatch,
        InviteOutcome,
        ReplyResult,
        apply_reply,
        cancel_interview,
        cancellation,
        find_invited,
        go_on,
        import_invite,
        invite_to_interview,
        match_invite,
        my_addresses,
        older_copy,
        read_invite,
        remember_copy,
        reply_target,
    )
    from followup.service.messages import (
        Checked,
        LintBlocked,
        Outgoing,
        Prepared,
        check_message,
        draft_message,
        email_draft,
        lint_email,
        lint_gate,
        mark_sent,
        message_eml,
        note_context,
        outgoing_email,
        prepare_email,
        send_email,
        split_subject,
        unsent_email,
    )
    from followup.service.planning import (
        AGENDA_SECTIONS,
        BOARD_STAGES,
        COMING_UP_DAYS,
        Agenda,
        Card,
        Column,
        SnoozePastDeadline,
        action_badge,
        agenda,
        agenda_section,
        calendar_items,
        complete_action,
        next_message,
        opportunities,
        pipeline_board,
        plan_all,
        plan_case,
        plans,
        snooze_action,
        snooze_next,
        snooze_warning,
        snoozed_steps,
        step_to_snooze,
    )
    from followup.service.records import (
        PROFILE_FIELDS,
        PROFILE_MAX,
        RecordedInterview,
        add_opportunity,
        add_person,
        add_value,
        check_incoming,
        check_promised,
        delete_interview,
        delete_opportunity,
        delete_opportunity_confirmed,
        delete_touch,
        deletion_summary,
        edit_interview,
        edit_opportunity,
        edit_person,
        export_all,
        export_snoozes,
        find_person,
        generation,
        import_cases,
        keep_text,
        last_contact,
        load_case,
        load_cases,
        log_touch,
        open_store,
        profile,
        profile_problems,
        record_interview,
        replace_case,
        set_promise,
        set_status,
        store_exists,
        update_profile,
        write_file,
    )
    from followup.service.sheets import (
        MAPPINGS,
        SheetImport,
        export_csv,
        export_xlsx,
        import_csv,
        import_tracker,
    )
    from followup.service.snapshot import (
        PlanCache,
        Snapshot,
        fresh,
        take_snapshot,
    )
    from followup.service.weeks import (
        WeekDay,
        weeks_ahead,
    )
    from followup.store import Store as Store  # the faces name the type; they never open it

# The names each module gives the faces (a module's `__all__` where it has one).
NAMES: dict[str, tuple[str, ...]] = {
    "contexts": ("Context", "context", "policies_in_force"),
    "drafts": ("draft_for_action", "message_kind"),
    "backups": ("backup_database", "database_file", "inspect_backup", "plural",
        "restore_database"),
    "feeds": ("PlanCalendar", "REMOVED", "feed_created", "feed_token_ok", "new_feed_token",
        "plan_calendar"),
    "health": ("Kept", "PlansRebuild", "RecordProblem", "Unplannable", "collecting",
        "diagnose", "doctor", "kept_plans", "plan_basis", "plan_problems", "plannable",
        "planned", "rebuild_plans", "repair_all", "skip", "sound_candidate", "warn",
        "warnings_to"),
    "history": ("Change", "UndoError", "change", "last_change", "undo"),
    "insights": ("in_force", "insights", "learning_wanted", "resolve_learning"),
    "invites": ("Cancellation", "Confirm", "ImportedInvite", "InviteMatch", "InviteOutcome",
        "ReplyResult", "apply_reply", "cancel_interview", "cancellation", "find_invited",
        "go_on", "import_invite", "invite_to_interview", "match_invite", "my_addresses",
        "older_copy", "read_invite", "remember_copy", "reply_target"),
    "messages": ("Checked", "LintBlocked", "Outgoing", "Prepared", "check_message",
        "draft_message", "email_draft", "lint_email", "lint_gate", "mark_sent", "message_eml",
        "note_context", "outgoing_email", "prepare_email", "send_email", "split_subject",
        "unsent_email"),
    "planning": ("AGENDA_SECTIONS", "Agenda", "BOARD_STAGES", "COMING_UP_DAYS", "Card",
        "Column", "SnoozePastDeadline", "action_badge", "agenda", "agenda_section",
        "calendar_items", "complete_action", "next_message", "opportunities",
        "pipeline_board", "plan_all", "plan_case", "plans", "snooze_action", "snooze_next",
        "snooze_warning", "snoozed_steps", "step_to_snooze"),
    "records": ("PROFILE_FIELDS", "PROFILE_MAX", "RecordedInterview", "add_opportunity",
        "add_person", "add_value", "check_incoming", "check_promised", "delete_interview",
        "delete_opportunity", "delete_opportunity_confirmed", "delete_touch",
        "deletion_summary", "edit_interview", "edit_opportunity", "edit_person", "export_all",
        "export_snoozes", "find_person", "generation", "import_cases", "keep_text",
        "last_contact", "load_case", "load_cases", "log_touch", "open_store", "profile",
        "profile_problems", "record_interview", "replace_case", "set_promise", "set_status",
        "store_exists", "update_profile", "write_file"),
    "sheets": ("MAPPINGS", "SheetImport", "export_csv", "export_xlsx", "import_csv",
        "import_tracker"),
    "snapshot": ("PlanCache", "Snapshot", "fresh", "take_snapshot"),
    "weeks": ("WeekDay", "weeks_ahead"),
}
# A function named like its module: bound now, or importing the module (planning does)
# would leave `service.insights` the module. Planning needs the module anyway.
from followup.service.insights import insights as insights  # noqa: E402

__all__ = ["AGENDA_SECTIONS", "Agenda", "BOARD_STAGES", "COMING_UP_DAYS", "Cancellation", "Card",
           "Change", "Checked", "Column", "Confirm", "Context", "ImportedInvite", "InviteMatch",
           "InviteOutcome", "Kept", "LintBlocked", "MAPPINGS", "Outgoing", "PROFILE_FIELDS",
           "PROFILE_MAX", "PlanCache", "PlanCalendar", "PlansRebuild", "Prepared", "REMOVED",
           "RecordProblem", "RecordedInterview", "ReplyResult", "SheetImport", "Snapshot",
           "SnoozePastDeadline", "Store", "UndoError", "Unplannable", "WeekDay", "action_badge",
           "add_opportunity", "add_person", "add_value", "agenda", "agenda_section", "apply_reply",
           "backup_database", "calendar_items", "cancel_interview", "cancellation", "change",
           "check_incoming", "check_message", "check_promised", "collecting", "complete_action",
           "context", "database_file", "delete_interview", "delete_opportunity",
           "delete_opportunity_confirmed", "delete_touch", "deletion_summary", "diagnose", "doctor",
           "draft_for_action", "draft_message", "edit_interview", "edit_opportunity", "edit_person",
           "email_draft", "export_all", "export_csv", "export_snoozes", "export_xlsx",
           "feed_created", "feed_token_ok", "find_invited", "find_person", "fresh", "generation",
           "go_on", "import_all", "import_cases", "import_csv", "import_invite", "import_tracker",
           "in_force", "insights", "inspect_backup", "invite_to_interview", "keep_text",
           "kept_plans", "last_change", "last_contact", "learning_wanted", "lint_email",
           "lint_gate", "load_case", "load_cases", "log_touch", "mark_sent", "match_invite",
           "message_eml", "message_kind", "my_addresses", "new_feed_token", "next_message",
           "note_context", "older_copy", "open_store", "opportunities", "outgoing_email",
           "pipeline_board", "plan_all", "plan_basis", "plan_calendar", "plan_case",
           "plan_problems", "plannable", "planned", "plans", "plural", "policies_in_force",
           "prepare_email", "profile", "profile_problems", "read_invite", "rebuild_plans",
           "record_interview", "remember_copy", "repair_all", "replace_case", "reply_target",
           "resolve_learning", "restore_database", "send_email", "set_promise", "set_status",
           "skip", "snooze_action", "snooze_next", "snooze_warning", "snoozed_steps",
           "sound_candidate", "split_subject", "step_to_snooze", "store_exists", "take_snapshot",
           "undo", "unsent_email", "update_profile", "warn", "warnings_to", "weeks_ahead",
           "write_file"]

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
