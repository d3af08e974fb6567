"""The use cases both faces call: the CLI and the web app hold no rule and no query.

Each function takes a `Store` and plain values (the caller parses input and reads the
clock), checks what it is given, and raises a `FollowupError` naming what is wrong before
anything is written. One module per area: `records` (what happened), `planning` (what to
do next), `messages` (what to say), `invites` (calendar invitations), `inbox` (the mailbox,
imported by name: `from followup.service import inbox`).

The package exports names, listed here, not its modules' imports: each module has `__all__`.
"""

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
    RecordProblem,
    Unplannable,
    collecting,
    diagnose,
    plannable,
    planned,
    repair_all,
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
    edit_interview,
    edit_opportunity,
    edit_person,
    export_snoozes,
    find_person,
    import_cases,
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
from followup.store import Store  # the faces name the type; they never open it

__all__ = ["AGENDA_SECTIONS", "Agenda", "BOARD_STAGES", "COMING_UP_DAYS", "Cancellation",
           "Card", "Change", "Checked", "Column", "Confirm", "Context", "ImportedInvite",
           "InviteMatch", "InviteOutcome", "LintBlocked", "MAPPINGS", "Outgoing",
           "PROFILE_FIELDS", "PROFILE_MAX", "PlanCache", "PlanCalendar", "Prepared",
           "REMOVED", "RecordProblem", "RecordedInterview", "ReplyResult", "SheetImport",
           "Snapshot", "Store", "UndoError", "Unplannable", "action_badge",
           "add_opportunity", "add_person", "add_value", "agenda", "agenda_section",
           "apply_reply", "backup_database", "calendar_items", "cancel_interview",
           "cancellation", "change", "check_incoming", "check_message", "check_promised",
           "collecting", "complete_action", "context", "database_file", "delete_interview",
           "delete_opportunity", "delete_opportunity_confirmed", "delete_touch", "diagnose",
           "draft_for_action", "draft_message", "edit_interview", "edit_opportunity",
           "edit_person", "email_draft", "export_csv", "export_snoozes", "export_xlsx",
           "feed_created", "feed_token_ok", "find_invited", "find_person", "fresh", "go_on",
           "import_cases", "import_csv", "import_invite", "import_tracker", "in_force",
           "insights", "inspect_backup", "invite_to_interview", "last_change",
           "last_contact", "learning_wanted", "lint_email", "lint_gate", "load_case",
           "load_cases", "log_touch", "mark_sent", "match_invite", "message_eml",
           "message_kind", "my_addresses", "new_feed_token", "next_message", "note_context",
           "older_copy", "open_store", "opportunities", "outgoing_email", "pipeline_board",
           "plan_all", "plan_calendar", "plan_case", "plannable", "planned", "plans",
           "plural", "policies_in_force", "prepare_email", "profile", "profile_problems",
           "read_invite", "record_interview", "remember_copy", "repair_all", "replace_case",
           "reply_target", "resolve_learning", "restore_database", "send_email",
           "set_promise", "set_status", "snooze_action", "snooze_next", "sound_candidate",
           "split_subject", "store_exists", "take_snapshot", "undo", "unsent_email",
           "update_profile", "warn", "warnings_to"]
