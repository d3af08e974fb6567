"""`followup centre init|add-user|add-users|deactivate|reactivate|reset-password|delete` and
`followup server`: a career centre's deployment.

PostgreSQL only (CONTRACT.md "Centre server"). Secrets come from the environment, never
from the command line (where `ps` shows them): FOLLOWUP_APP_PASSWORD, FOLLOWUP_PASSWORD,
FOLLOWUP_OIDC_CLIENT_SECRET.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from followup.cli import FollowupGroup, app

centre_app = typer.Typer(cls=FollowupGroup, no_args_is_help=True,
                         help="Set up a career centre's server (PostgreSQL).")
app.add_typer(centre_app, name="centre")

OwnerDb = Annotated[str, typer.Option(
    "--db", metavar="OWNER_URL", help="The database, as its owner (postgresql+psycopg://...).")]


@centre_app.command("init")
def init(
    db: OwnerDb,
    app_role: Annotated[str, typer.Option(
        "--app-role", metavar="NAME", help="The login role `followup server` connects as.")],
) -> None:
    """Create or upgrade the schema, the app's role and row-level security (rerun: harmless).

    Example: followup centre init --db postgresql+psycopg://owner@db/centre
             --app-role followup_app   (the role's password in FOLLOWUP_APP_PASSWORD)
    """
    from followup.service.centre import init_centre

    tables = init_centre(db, app_role, os.environ.get("FOLLOWUP_APP_PASSWORD"))
    typer.echo(f"Role {app_role}: no superuser, no BYPASSRLS, owns no table; row-level "
               f"security forced on {len(tables)} tables")


@centre_app.command("add-user")
def add_user(
    email: Annotated[str, typer.Argument(metavar="EMAIL", help="Their sign-in address.")],
    role: Annotated[str, typer.Option(help="student, coach or admin.")],
    name: Annotated[str, typer.Option(help="Their name, as coaches see it.")],
    db: OwnerDb,
    no_password: Annotated[bool, typer.Option(
        "--no-password", help="Signs in through the identity provider only (server --oidc-*).")
    ] = False,
) -> None:
    """Add an account; the password is read from FOLLOWUP_PASSWORD. Prints the account's id.

    Example: followup centre add-user ada@uni.example --role student --name "Ada L"
             --db postgresql+psycopg://owner@db/centre
    """
    from datetime import datetime

    from followup.service.centre import add_user as create

    typer.echo(create(db, email, role=role, name=name, no_password=no_password,
                      password=os.environ.get("FOLLOWUP_PASSWORD"), now=datetime.now()))


@centre_app.command("add-users")
def add_users(
    roster: Annotated[str, typer.Argument(
        metavar="FILE", help="CSV: email,name[,role] (role: student or coach; - for stdin).")],
    db: OwnerDb,
) -> None:
    """Add a term's accounts at once, each signing in through the identity provider.

    Every row is checked first: one wrong row names its line and nothing is added.
    Example: followup centre add-users students.csv --db postgresql+psycopg://owner@db/centre
    """
    from datetime import datetime

    from followup.cli.files import ROSTER_BYTES, read_text
    from followup.service.centre import add_users as create_all

    text = read_text(roster, ROSTER_BYTES, "a roster")
    added = create_all(db, text, datetime.now(), source="<stdin>" if roster == "-" else roster)
    typer.echo(f"Added {added} account(s); each signs in through the identity provider")


EmailArg = Annotated[str, typer.Argument(metavar="EMAIL", help="The account's sign-in address.")]


@centre_app.command("deactivate")
def deactivate(email: EmailArg, db: OwnerDb) -> None:
    """Lock an account: its history is kept, nobody signs in, its sessions end now.

    Example: followup centre deactivate ada@uni.example --db postgresql+psycopg://owner@db/centre
    """
    from datetime import datetime

    from followup.service.centre import deactivate_account

    ended = deactivate_account(db, email, datetime.now())
    typer.echo(f"Deactivated {email.strip().lower()} (history kept; {ended} session(s) ended)")


@centre_app.command("reactivate")
def reactivate(email: EmailArg, db: OwnerDb) -> None:
    """Let a deactivated account sign in again.

    Example: followup centre reactivate ada@uni.example --db postgresql+psycopg://owner@db/centre
    """
    from followup.service.centre import reactivate_account

    reactivate_account(db, email)
    typer.echo(f"Reactivated {email.strip().lower()}")


@centre_app.command("reset-password")
def reset_password(email: EmailArg, db: OwnerDb) -> None:
    """Set a one-time password (FOLLOWUP_PASSWORD, or a random one printed once) that the
    user must change at their next sign-in; their sessions end now.

    Example: followup centre reset-password ada@uni.example --db postgresql+psycopg://owner@db/c
    """
    from datetime import datetime

    from followup.service.centre import reset_password as reset

    given = os.environ.get("FOLLOWUP_PASSWORD")
    one_time = reset(db, email, given, datetime.now())
    who = email.strip().lower()
    if given:
        typer.echo(f"{who}: one-time password set from FOLLOWUP_PASSWORD")
    else:
        typer.echo(f"{who}: one-time password {one_time} (hand it over; it is not shown again)")


@centre_app.command("delete")
def delete(
    email: EmailArg, db: OwnerDb,
    yes: Annotated[bool, typer.Option("--yes", help="Really delete: nothing is kept.")] = False,
) -> None:
    """Delete an account and everything of it: records, sessions, grants, audit log. The
    student exports first (Export on the pages, or GET /api/v1/export).

    Example: followup centre delete ada@uni.example --yes --db postgresql+psycopg://owner@db/c
    """
    from followup.core.errors import UsageError
    from followup.service.centre import delete_account

    if not yes:
        raise UsageError("--yes: deleting an account keeps nothing of it; add --yes to go on")
    account = delete_account(db, email)
    typer.echo(f"Deleted account {account} ({email.strip().lower()}): nothing of it is kept")


@app.command("server")
def server(
    db: Annotated[str, typer.Option(
        "--db", metavar="APP_URL", help="The database, as the app role `centre init` made.")],
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8800,
    oidc_metadata: Annotated[str | None, typer.Option(
        "--oidc-metadata", metavar="URL", envvar="FOLLOWUP_OIDC_METADATA_URL",
        help="Sign-in by OpenID Connect: the provider's .well-known/openid-configuration "
        "URL (the client secret in FOLLOWUP_OIDC_CLIENT_SECRET).")] = None,
    oidc_client_id: Annotated[str | None, typer.Option(
        "--oidc-client-id", metavar="ID", envvar="FOLLOWUP_OIDC_CLIENT_ID",
        help="The client id the provider gave the centre.")] = None,
    oidc_name: Annotated[str, typer.Option(
        "--oidc-name", metavar="NAME", envvar="FOLLOWUP_OIDC_NAME",
        help='Shown on the sign-in page: "Sign in with NAME".')] = "your university",
    oidc_redirect: Annotated[str | None, typer.Option(
        "--oidc-redirect", metavar="URL", envvar="FOLLOWUP_OIDC_REDIRECT_URL",
        help="The callback URL registered with the provider (default: this server's "
        "/signin/oidc/callback as the browser reaches it).")] = None,
    oidc_trust_email: Annotated[bool, typer.Option(
        "--oidc-trust-email", envvar="FOLLOWUP_OIDC_TRUST_EMAIL",
        help="The provider issues only addresses the university owns: take its `email` as "
        "verified without an email_verified claim (Entra ID sends none).")] = False,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", metavar="NAME",
        help="A Host name the pages answer to (the public one behind a proxy); repeatable.")
    ] = None,
    mailbox_key_file: Annotated[list[str] | None, typer.Option(
        "--mailbox-key-file", metavar="PATH",
        help="The key the students' mailbox passwords are encrypted with (0600; made if "
        "missing); repeat it to keep older keys readable while rotating, the current one "
        "first. Default: FOLLOWUP_MAILBOX_KEY_FILE, else mailbox-key in the config folder.")
    ] = None,
    mailbox_loopback: Annotated[bool, typer.Option(
        "--allow-loopback-mailbox", hidden=True,
        help="Let a student's mailbox be on this machine (a demo, the tests).")] = False,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=64,
        help="Server processes on one port (one per core serves most under load).")] = 1,
) -> None:
    """Run the centre's pages (sign in at /signin) and JSON API (/api/v1) for students,
    coaches and admins. Sessions are signed with FOLLOWUP_SECRET_KEY (every web process of
    a centre must share it) or a key made in the config folder.

    Example: followup server --db postgresql+psycopg://followup_app@db/centre --port 8800
    """
    import gc

    import uvicorn

    from followup.server import ServerSettings, create_server
    from followup.service.oidc import configured

    if workers > 1:
        from followup.server import ServerOptions, serve_workers

        options = ServerOptions(db, host, port, tuple(allowed_host or ()), oidc_name,
                                oidc_metadata, oidc_client_id, oidc_redirect, oidc_trust_email,
                                tuple(mailbox_key_file or ()), mailbox_loopback)
        from followup.service.centre import centre_engine

        centre_engine(db).dispose()  # a database not set up is said once, here
        typer.echo(f"followup server is at http://{host}:{port}/ ({workers} processes; the "
                   "API at /api/v1; Ctrl-C to stop)", err=True)
        gc.enable()
        serve_workers(options, workers)
        return
    provider = configured(oidc_name, oidc_metadata, oidc_client_id,
                          os.environ.get("FOLLOWUP_OIDC_CLIENT_SECRET"), oidc_redirect,
                          trust_email=oidc_trust_email)
    api = create_server(ServerSettings(db=db, host=host, hosts=tuple(allowed_host or ()),
                                       oidc=provider, oidc_redirect=oidc_redirect,
                                       mailbox_keys=tuple(mailbox_key_file or ()),
                                       mailbox_loopback=mailbox_loopback))
    typer.echo(f"followup server is at http://{host}:{port}/ (the API at /api/v1; Ctrl-C to "
               "stop)", err=True)
    gc.enable()  # a long-running server: see `followup.cli.main`
    uvicorn.run(api, host=host, port=port, log_level="warning", server_header=False)
