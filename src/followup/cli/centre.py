"""`followup centre init|add-user` and `followup server`: a career centre's deployment.

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
) -> None:
    """Add an account; the password is read from FOLLOWUP_PASSWORD. Prints the account's id.

    Example: followup centre add-user ada@uni.example --role student --name "Ada L"
             --db postgresql+psycopg://owner@db/centre
    """
    from datetime import datetime

    from followup.service.centre import add_user as create

    typer.echo(create(db, email, role=role, name=name,
                      password=os.environ.get("FOLLOWUP_PASSWORD"), now=datetime.now()))


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
) -> None:
    """Run the centre's JSON API (/api/v1) for students, coaches and admins.

    Example: followup server --db postgresql+psycopg://followup_app@db/centre --port 8800
    """
    import gc

    import uvicorn

    from followup.server import ServerSettings, create_server
    from followup.service.oidc import configured

    provider = configured(oidc_name, oidc_metadata, oidc_client_id,
                          os.environ.get("FOLLOWUP_OIDC_CLIENT_SECRET"), oidc_redirect,
                          trust_email=oidc_trust_email)
    api = create_server(ServerSettings(db=db, host=host, oidc=provider,
                                       oidc_redirect=oidc_redirect))
    typer.echo(f"followup server is at http://{host}:{port}/api/v1 (Ctrl-C to stop)", err=True)
    gc.enable()  # a long-running server: see `followup.cli.main`
    uvicorn.run(api, host=host, port=port, log_level="warning", server_header=False)
