"""`followup mail setup|sync` and `followup inbox`: the mailbox, read-only, and its review queue.

The work is in `service.inbox`; these commands parse options, read the clock and report.
"""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli import FollowupGroup, app

mail_app = typer.Typer(cls=FollowupGroup, no_args_is_help=True,
                       help="Read replies and sent notes from your mailbox (IMAP, read-only).")
app.add_typer(mail_app, name="mail")

inbox_app = typer.Typer(cls=FollowupGroup, invoke_without_command=True,
                        help="What the mailbox sync is unsure of: accept, pick or ignore.")
app.add_typer(inbox_app, name="inbox")


@mail_app.command("setup")
def mail_setup(
    host: Annotated[str, typer.Option("--host", metavar="HOST",
                                      help="IMAP server, e.g. imap.gmail.com.")],
    user: Annotated[str, typer.Option("--user", metavar="USER", help="IMAP login.")],
    port: Annotated[int, typer.Option("--port", metavar="N",
                                      help="993 for tls, 143 for starttls or none.")] = 993,
    security: Annotated[str, typer.Option(
        "--security", metavar="none|starttls|tls",
        help="tls (implicit, port 993), starttls (port 143), none (only on this machine).")
    ] = "tls",
    auth: Annotated[str, typer.Option(
        "--auth", metavar="password|xoauth2",
        help="xoauth2: an OAuth access token (FOLLOWUP_IMAP_TOKEN or the keyring) for Gmail "
             "and Microsoft 365.")] = "password",
    cafile: Annotated[str | None, typer.Option(
        "--cafile", metavar="PEM", help="CA certificates to trust (a self-signed server).")
    ] = None,
) -> None:
    """Save where your mailbox is; the password stays in FOLLOWUP_IMAP_PASSWORD or the keyring.

    When a password (or token) is at hand, the login is tried first and nothing is saved if
    it fails. The password itself is never written to the config file or the database.

    Examples: followup mail setup --host imap.fastmail.com --user you@fastmail.com
              followup mail setup --host imap.example.org --port 993 --user you --security tls
              followup mail setup --host 127.0.0.1 --port 143 --user alex --security none
    """
    from followup.mailbox.imap import KEYRING_SERVICE, PASSWORD_ENV, TOKEN_ENV
    from followup.service import inbox

    if security == "none" and not inbox.is_loopback(host):
        typer.echo(f"warning: --security none sends the password to {host} unencrypted; use "
                   "tls or starttls for any server not on this machine", err=True)
    tried = inbox.setup(host, port, user, security, auth=auth, cafile=cafile)
    typer.echo(f"Mailbox: {user} at {host}:{port} ({security})")
    if tried:
        typer.echo("Login checked: it works.")
    else:
        what = TOKEN_ENV if auth == "xoauth2" else PASSWORD_ENV
        typer.echo(f"No password at hand: set {what}, or run "
                   f"`keyring set {KEYRING_SERVICE} {user}` (it is never stored in clear).")


@mail_app.command("sync")
def mail_sync(
    ctx: typer.Context,
    today: Annotated[str | None, typer.Option(
        "--today", metavar="YYYY-MM-DD", help="The date to sync as (default: today).")] = None,
    watch: Annotated[bool, typer.Option(
        "--watch", help="Keep running: wait for new mail with IMAP IDLE and sync again.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", metavar="text|json",
                                     help="Output format.")] = "text",
) -> None:
    """Log replies and sent notes from INBOX and Sent; queue what is uncertain.

    Read-only: folders are examined, bodies peeked, no flag changed, nothing moved. A second
    sync reads only what is new; an interrupted one picks up where it stopped.

    Examples: followup mail sync
              followup mail sync --today 2026-03-20 --format json
    """
    from followup.cli import common
    from followup.config import settings as config
    from followup.core.errors import UsageError
    from followup.mailbox.imap import Mailbox, credential
    from followup.service import inbox

    if fmt not in ("text", "json"):
        raise UsageError(f"--format: {fmt!r} is not text or json")
    day = common.today(today)
    conf = config.load_config()
    settings = inbox.settings_from_config(conf)
    since = int(conf.get("imap.since_days"))
    store = common.store(ctx)

    def show(report: inbox.SyncReport) -> None:
        if fmt == "json":
            common.echo_json({"folders": report.folders, "counts": report.counts,
                              "bodies_read": report.bodies,
                              "waiting": len(inbox.waiting(store))})
            return
        c = report.counts
        typer.echo(report.summary())
        n = len(inbox.waiting(store))
        if n:
            typer.echo(f"{n} waiting for you: followup inbox")
        if c.get("skipped", 0) or c.get("unrelated", 0):
            typer.echo("Why each was logged, queued or skipped: followup mail log")

    if not watch:
        import os

        # FOLLOWUP_MAIL_BATCH: messages per transaction (the kill test makes it small)
        batch = int(os.environ.get("FOLLOWUP_MAIL_BATCH") or inbox.BATCH)
        show(inbox.sync_now(store, day, batch=batch, config=conf))  # as the web's Sync now
        return
    with Mailbox(settings, credential(settings)) as box:
        import signal

        def stop(_signum: int, _frame: object) -> None:
            raise KeyboardInterrupt  # SIGTERM ends the watch as Ctrl-C does

        signal.signal(signal.SIGTERM, stop)
        try:
            inbox.watch(store, box, lambda: common.today(today), since_days=since,
                        on_sync=show)
        except KeyboardInterrupt:
            return


@mail_app.command("log")
def mail_log(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", metavar="text|json",
                                     help="Output format.")] = "text",
    limit: Annotated[int | None, typer.Option(
        "--limit", metavar="N", help="Only the N newest messages.")] = None,
) -> None:
    """Every message the sync read, newest first: its class, match, decision and why.

    Skipped messages are listed too, with the reason (an automatic receipt, a newsletter,
    a message that could not be read).

    Examples: followup mail log
              followup mail log --format json --limit 50
    """
    from followup.cli import common
    from followup.core.errors import UsageError
    from followup.service import inbox

    if fmt not in ("text", "json"):
        raise UsageError(f"--format: {fmt!r} is not text or json")
    entries = inbox.mail_log(common.store(ctx), limit)
    if fmt == "json":
        common.echo_json(entries)
        return
    if not entries:
        typer.echo("No mail read yet (followup mail sync reads it).")
        return
    for e in entries:
        at = (e["at"] or "?").replace("T", " ")
        match = e["opportunity"] or "-"
        if e["person"]:
            match += f"/{e['person']}"
        date = f" date {e['date']}" if e["date"] else ""
        typer.echo(f"{at}  {e['decision'] or '?':<7} {e['class'] or '-':<16} {match}{date}")
        typer.echo(f"    {e['from'] or '?'}: {e['subject'] or '(no subject)'}")
        typer.echo(f"    why: {e['reason'] or '-'}")


@inbox_app.callback()
def inbox_list(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", metavar="text|json",
                                     help="Output format.")] = "text",
) -> None:
    """List what the mailbox sync left for you to decide.

    Examples: followup inbox
              followup inbox --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from followup.cli import common
    from followup.core.errors import UsageError
    from followup.service import inbox

    if fmt not in ("text", "json"):
        raise UsageError(f"--format: {fmt!r} is not text or json")
    items = inbox.waiting(common.store(ctx))
    if fmt == "json":
        common.echo_json([inbox.review_dict(r) for r in items])
        return
    if not items:
        typer.echo("Nothing waiting (followup mail sync reads new mail).")
        return
    for r in items:
        who = r.sender_name or ""
        addr = f"<{r.sender_email}>" if r.sender_email else ""
        arrow = "from" if r.direction.value == "in" else "to"
        typer.echo(f"[{r.id}] {r.at:%a %d %b %Y %H:%M} {arrow} {who} {addr}".rstrip())
        if r.subject:
            typer.echo(f"    {r.subject}")
        line = f"    {r.opportunity or '?'}: {r.kind}"
        if r.new_by:
            line += f", new date {r.new_by.isoformat()}"
        if r.status:
            line += f", status -> {r.status}"
        if r.snooze_until:
            line += f", snooze until {r.snooze_until.isoformat()}"
        if r.new_address:
            line += f", record {r.new_address} for {r.person}"
        typer.echo(line)
        typer.echo(f"    why: {r.reason}")
    typer.echo("followup inbox accept N [--opportunity ID] | followup inbox ignore N")


@inbox_app.command("accept")
def inbox_accept(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(metavar="N", help="The item's number.")],
    opportunity: Annotated[str | None, typer.Option(
        "--opportunity", metavar="ID", help="The opportunity it belongs to (when unsure).")
    ] = None,
) -> None:
    """Do what an item proposes: log the touch, set the new date, change the status, snooze.

    Examples: followup inbox accept 3
              followup inbox accept 4 --opportunity acme-analyst
    """
    from followup.cli import common
    from followup.service import inbox

    typer.echo(inbox.accept(common.store(ctx), number, opportunity))


@inbox_app.command("ignore")
def inbox_ignore(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(metavar="N", help="The item's number.")],
) -> None:
    """Drop an item: that message is never asked about again.

    Example: followup inbox ignore 5
    """
    from followup.cli import common
    from followup.service import inbox

    inbox.ignore(common.store(ctx), number)
    typer.echo(f"Ignored {number}.")
