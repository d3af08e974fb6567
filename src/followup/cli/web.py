"""`followup serve`: the local web app, on 127.0.0.1 unless told otherwise.

FastAPI, Jinja2 and uvicorn are imported inside the command: no other command pays for them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli import app
from followup.cli import common as c

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@app.command("serve")
def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    host: Annotated[str, typer.Option(
        help="Address to bind. Anything but 127.0.0.1 exposes your data to the network.")
    ] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option(
        "--open", help="Open the app in your web browser.")] = False,
    today: c.TodayOption = None,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=64,
        help="Worker processes (one per core serves most under load).")] = 1,
) -> None:
    """Run the web app: Today, the pipeline, timelines, and a compose box with live lint.

    Example: followup serve --open
    """
    import uvicorn

    from followup.web import WebSettings, create_app
    from followup.web.security import url_host
    from followup.web.server import config

    if host not in LOOPBACK:
        typer.echo(f"warning: listening on {host}: anyone who can reach this machine on port "
                   f"{port} can read and change your data (the app has no login)", err=True)
    root = ctx.find_root().obj or {}
    settings = WebSettings(db=root.get("db"), host=host, port=port,
                           today=c.today(today) if today else None)
    if workers == 1:
        web = create_app(settings)
    else:  # each worker builds its own app; a database that can't be opened is said here
        from followup import service

        service.open_store(settings.db).close()
        web = None
    url = f"http://{url_host(host)}:{port}/"
    typer.echo(f"followup is at {url} (Ctrl-C to stop)", err=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    import gc

    gc.enable()  # a long-running server: see `followup.cli.main`
    if web is None:
        from followup.web.server import serve_workers

        serve_workers(settings, workers)
        return
    uvicorn.Server(config(web, host, port)).run()
