"""The tables, as SQLAlchemy Core metadata (the current shape; migrations build it).

Every row belongs to one account: opportunities carry `account_id`, and the rest hang off an
opportunity with ON DELETE CASCADE. The desktop has a single `default` account; a career
centre's server will have one per student, with nothing in the store that assumes only one.
Opportunities, people and interviews keep the readable ids users type (`slug`) beside an
integer key, unique within their parent, so two accounts may both have `acme-analyst`.
"""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

accounts = Table(
    "accounts", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
)

candidates = Table(
    "candidates", metadata,
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("name", Text),
    Column("email", Text),
    Column("phone", Text),
    Column("country", String(8)),
    Column("timezone", String(64)),
)

candidate_values = Table(
    "candidate_values", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

opportunities = Table(
    "opportunities", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("slug", String(80), nullable=False),
    Column("company", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("field", Text),
    Column("persistence", String(16)),
    Column("status", String(16), nullable=False),
    Column("listing", Text),
    Column("applied_on", Date),
    Column("send_letter", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("account_id", "slug", name="uq_opportunities_account_slug"),
)

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("opportunity_id", Integer, ForeignKey("opportunities.id", ondelete="CASCADE"),
           nullable=False),
    Column("slug", String(80), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("title", Text),
    Column("email", Text),
    Column("phone", Text),
    Column("contact", Boolean, nullable=False),
    UniqueConstraint("opportunity_id", "slug", name="uq_people_opportunity_slug"),
)

interviews = Table(
    "interviews", metadata,
    Column("id", Integer, primary_key=True),
    Column("opportunity_id", Integer, ForeignKey("opportunities.id", ondelete="CASCADE"),
           nullable=False),
    Column("slug", String(80), nullable=False),
    Column("position", Integer, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("round", Integer),
    Column("format", Text),
    Column("topics", JSON, nullable=False),
    Column("next_steps", JSON, nullable=False),
    Column("promised_by", Date),
    Column("promised_channel", String(16)),
    Column("promised_who", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("promised_said", Text),
    Column("invite_uid", Text),  # the calendar invite's UID (0004)
    UniqueConstraint("opportunity_id", "slug", name="uq_interviews_opportunity_slug"),
)

interviewers = Table(
    "interviewers", metadata,
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"),
           primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
)

touches = Table(
    "touches", metadata,
    Column("id", Integer, primary_key=True),
    Column("opportunity_id", Integer, ForeignKey("opportunities.id", ondelete="CASCADE"),
           nullable=False),
    Column("at", DateTime, nullable=False),
    Column("direction", String(8), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("new_by", Date),
    Column("note", Text),
    Column("message_id", Text),  # the mail's Message-ID (0007); unique in the account
)

snoozes = Table(
    "snoozes", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("opportunity", String(80), nullable=False),  # the slug: survives update_case
    Column("kind", String(32), nullable=False),
    Column("person", String(80)),
    Column("until", Date, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

changes = Table(  # the change log (0006): what each change was, and how to revert it
    "changes", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("at", DateTime, nullable=False),
    Column("what", Text, nullable=False),
    Column("undo", Text, nullable=False),  # JSON: the state before the change
    Column("after", String(64), nullable=False),  # a fingerprint of the state after it
    Column("undone_at", DateTime),
)

Index("ix_changes_account_id", changes.c.account_id, changes.c.id)

# -- the mailbox (0007) -----------------------------------------------------------------

mail_folders = Table(  # how far each IMAP folder has been read: a second sync reads nothing
    "mail_folders", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("folder", Text, nullable=False),
    Column("uidvalidity", Integer, nullable=False),
    Column("last_uid", Integer, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("account_id", "folder", name="uq_mail_folders_account_folder"),
)

mail_messages = Table(  # every Message-ID we wrote (draft, send) or read, and what came of it
    "mail_messages", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("message_id", Text, nullable=False),
    Column("origin", String(16), nullable=False),  # draft | send | sync
    Column("outcome", String(16), nullable=False),  # written | logged | queued | skipped ...
    Column("opportunity", String(80)),  # a slug, like snoozes: survives update_case
    Column("person", String(80)),
    Column("kind", String(16)),
    Column("created_at", DateTime, nullable=False),
    # the mail log (0008): what the sync made of it, for `followup mail log`
    Column("at", DateTime),  # when it was written, in the candidate's zone
    Column("sender", Text),
    Column("subject", Text),
    Column("mail_class", String(20)),  # CONTRACT.md "Mailbox decisions": `class`
    Column("named_date", Date),
    Column("decision", String(16)),  # logged | queued | skipped
    Column("reason", Text),
    UniqueConstraint("account_id", "message_id", name="uq_mail_messages_account_message"),
)

mail_reviews = Table(  # the review queue (`followup inbox`): uncertain mail, user decides
    "mail_reviews", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("message_id", Text, nullable=False),
    Column("state", String(16), nullable=False),  # waiting | accepted | ignored
    Column("reason", Text, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("direction", String(8), nullable=False),
    Column("sender_name", Text),
    Column("sender_email", Text),
    Column("subject", Text),
    Column("excerpt", Text),
    Column("opportunity", String(80)),  # the best guess, a slug
    Column("person", String(80)),
    Column("kind", String(16), nullable=False),
    Column("new_by", Date),
    Column("status", String(16)),  # a proposed status change (offer, rejected)
    Column("snooze_until", Date),
    Column("created_at", DateTime, nullable=False),
    Column("new_address", Text),  # an address the person wrote from, offered to their record
    UniqueConstraint("account_id", "message_id", name="uq_mail_reviews_account_message"),
)

Index("ix_touches_message_id", touches.c.message_id)
Index("ix_mail_reviews_account_state", mail_reviews.c.account_id, mail_reviews.c.state)
Index("ix_mail_messages_account_at", mail_messages.c.account_id, mail_messages.c.at)
Index("ix_snoozes_account_opportunity", snoozes.c.account_id, snoozes.c.opportunity)
Index("ix_touches_opportunity_at", touches.c.opportunity_id, touches.c.at)
Index("ix_people_opportunity", people.c.opportunity_id)
Index("ix_interviews_opportunity", interviews.c.opportunity_id)

# -- calendars (0005) -------------------------------------------------------------------

# The newest copy of each invite imported (RFC 5546: SEQUENCE, then DTSTAMP), so an older
# copy imported later changes nothing. Keyed by the invite's UID, apart from the case: a
# cancelled invite's row stays, so a stale copy of it cannot bring the interview back.
invite_revisions = Table(
    "invite_revisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("uid", Text, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("stamp", DateTime),  # DTSTAMP in UTC, naive
    Column("method", String(16), nullable=False),  # REQUEST, CANCEL or REPLY
    UniqueConstraint("account_id", "uid", name="uq_invite_revisions_account_uid"),
)

# What the exported calendar (file or feed) last said about each event, so an event that
# changed carries a higher SEQUENCE and a new LAST-MODIFIED (RFC 5545 3.8.7.3-4).
calendar_events = Table(
    "calendar_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("uid", String(120), nullable=False),
    Column("fingerprint", String(64), nullable=False),  # sha256 of what the event shows
    Column("sequence", Integer, nullable=False),
    Column("modified", DateTime, nullable=False),  # UTC, naive
    UniqueConstraint("account_id", "uid", name="uq_calendar_events_account_uid"),
)

# The subscription feed's secret: only its SHA-256 is kept, so the database holds no
# address anyone could subscribe with.
calendar_feeds = Table(
    "calendar_feeds", metadata,
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
)

# -- the centre server (0009) -----------------------------------------------------------

# Who may sign in to `followup server`: one user per account (the account's name is the
# user's email). Passwords are kept as argon2 hashes only (pwdlib).
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False, unique=True),
    Column("email", String(254), nullable=False, unique=True),  # lower case
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False),  # student | coach | admin
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("deactivated_at", DateTime),  # 0011: history kept, sign-in refused
    Column("must_change_password", Boolean, nullable=False, server_default=false()),  # 0011
)

# Bearer tokens for /api/v1: only the SHA-256 of each is kept; it expires and can be revoked.
api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
)

# A student's consent: the coach reads the student's records while `ended_at` is null.
# Ended grants stay (when access started and ended is part of the record).
grants = Table(
    "grants", metadata,
    Column("id", Integer, primary_key=True),
    Column("student_account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("coach_account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("ended_at", DateTime),
)

Index("ix_grants_coach", grants.c.coach_account_id, grants.c.student_account_id)
Index("ix_grants_student", grants.c.student_account_id, grants.c.coach_account_id)

# Every read of an account's records by someone else: the student reads it (GET /audit).
audit_events = Table(
    "audit_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),  # whose records were read
    Column("actor_account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("actor", String(254), nullable=False),  # the reader's email, as it was then
    Column("action", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

Index("ix_audit_events_account", audit_events.c.account_id, audit_events.c.id)

# Failed sign-ins, per address and per client, for the token endpoint's rate limit: kept in
# the database so every web process of one deployment counts the same failures.
login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False),  # "email:..." or "client:..."
    Column("at", DateTime, nullable=False),
)

Index("ix_login_failures_key_at", login_failures.c.key, login_failures.c.at)

# -- the coach's caseload (0014) --------------------------------------------------------

# Derived data, one row per opportunity: what the planner said of it on `planned_on`
# (stage, next step's due and last days, the standing promised date, the last touch).
# Rewritten on every write through the centre server and by the nightly plan; the caseload
# page aggregates it in one statement (service/caseload.py).
caseload_cards = Table(
    "caseload_cards", metadata,
    Column("opportunity_id", Integer, ForeignKey("opportunities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("stage", String(16), nullable=False),
    Column("next_kind", String(32)),
    Column("next_due", Date),
    Column("next_end", Date),  # the step's `latest`, else its `due`: overdue after it
    Column("promised_by", Date),
    Column("last_touch", DateTime),
    Column("planned_on", Date, nullable=False),
)

# The same cards summed per student (0016), written with them: what the caseload page
# reads, one row a student (core.caseload.Summary).
CASELOAD_DATES = ARRAY(Date).with_variant(JSON(), "sqlite")
caseload_students = Table(
    "caseload_students", metadata,
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("opportunities", Integer, nullable=False),
    Column("active", Integer, nullable=False),
    Column("accepted", Boolean, nullable=False),
    Column("stages", String(200), nullable=False),  # space-separated, sorted
    Column("last_touch", DateTime),
    Column("next_due", Date),
    Column("planned_on", Date),
    Column("ends", CASELOAD_DATES, nullable=False),  # each next step's last day, sorted
    Column("promises", CASELOAD_DATES, nullable=False),  # promised dates not yet kept
)

# A coach's notes about a student: private to the author, or shared with the student too.
coach_notes = Table(
    "coach_notes", metadata,
    Column("id", Integer, primary_key=True),
    Column("student_account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("author_account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("shared", Boolean, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

Index("ix_coach_notes_student", coach_notes.c.student_account_id, coach_notes.c.id)
# -- the centre's background work (0010, `followup worker`) ------------------------------

# The students who asked for the morning digest: a row while they want it.
digest_settings = Table(
    "digest_settings", metadata,
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("since", DateTime, nullable=False),
)

# One row per account, day and kind of work (plan | digest): the lock a duplicated or
# retried job meets, inserted in the transaction that records the work's result (JSON).
job_runs = Table(
    "job_runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("day", Date, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("result", Text, nullable=False),
    UniqueConstraint("account_id", "day", "kind", name="uq_job_runs_account_day_kind"),
)

# A centre student's mailbox (0015_mailjob): the password only as a Fernet token made with
# the centre's mailbox key (mailbox/vault.py), and the last sync's one-line outcome.
mailbox_settings = Table(
    "mailbox_settings", metadata,
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("host", String(255), nullable=False),
    Column("port", Integer, nullable=False),
    Column("security", String(16), nullable=False),
    Column("login", String(320), nullable=False),
    Column("secret", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("synced_at", DateTime),
    Column("sync_ok", Boolean),
    Column("sync_result", String(300)),
)

# -- stored plans (0012) ----------------------------------------------------------------

# Each opportunity's plan, kept so a read does not plan every case again (issue 24): derived
# data, rebuilt by `followup doctor --fix` and after a restore. A write deletes the rows of
# the cases it touches (store/plans.py), a row with another `basis` (the day, the policies,
# the profile, the version) is planned again on the next read. `generation` is the case's
# change generation when it was planned (`service.generation`), for the doctor's check.
plans = Table(
    "plans", metadata,
    Column("opportunity_id", Integer, ForeignKey("opportunities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("generation", String(64), nullable=False),
    Column("basis", String(64), nullable=False),
    Column("plan", Text, nullable=False),  # JSON: the plan, its steps with rule ids
    Column("lines", Text, nullable=False),  # JSON: the agenda lines derived from it
)

Index("ix_plans_account", plans.c.account_id)

# -- sign-in by OpenID Connect (0013) ---------------------------------------------------

# An identity provider's (issuer, subject) -> the one user it signs in; one per user and
# issuer. No row-level security: the sign-in reads it before any account is known.
oidc_identities = Table(
    "oidc_identities", metadata,
    Column("id", Integer, primary_key=True),
    Column("issuer", String(300), nullable=False),
    Column("subject", String(255), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
    UniqueConstraint("issuer", "subject", name="uq_oidc_identities_issuer_subject"),
    UniqueConstraint("issuer", "user_id", name="uq_oidc_identities_issuer_user_id"),
)

# A sign-in sent to the provider and not yet back: the SHA-256 of its state (good once:
# the row goes when the answer comes), the nonce the ID token must carry, when it lapses.
oidc_logins = Table(
    "oidc_logins", metadata,
    Column("state_hash", String(64), primary_key=True),
    Column("nonce", String(128), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

Index("ix_oidc_logins_expires_at", oidc_logins.c.expires_at)
