"""`followup server --workers N`: N server processes sharing one listening socket.

uvicorn's supervisor starts the workers; each builds its own app (`worker_server`, uvicorn's
factory) from the options `serve_workers` put in the environment, with its own connection
pool. Nothing is shared between them but PostgreSQL and the keys: the session key and the
mailbox key are loaded (or made) once here, before any worker starts, so all sign the same
cookies (a session begun on one is good on every other) and read the same passwords. The
database URL and the OpenID client secret stay in the environment of our own child
processes, never on a command line or in a log.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

SETTINGS_VARIABLE = "FOLLOWUP_SERVER_SETTINGS"

__all__ = ["SETTINGS_VARIABLE", "ServerOptions", "serve_workers", "worker_server"]


@dataclass(frozen=True)
class ServerOptions:
    """`followup server`'s options, as each worker needs them to build its app."""

    db: str
    host: str
    port: int
    hosts: tuple[str, ...] = ()
    oidc_name: str = "your university"
    oidc_metadata: str | None = None
    oidc_client_id: str | None = None
    oidc_redirect: str | None = None
    oidc_trust_email: bool = False
    mailbox_keys: tuple[str, ...] = ()
    mailbox_loopback: bool = False

    def settings(self) -> Any:
        from followup.server.app import ServerSettings
        from followup.service.oidc import configured

        provider = configured(self.oidc_name, self.oidc_metadata, self.oidc_client_id,
                              os.environ.get("FOLLOWUP_OIDC_CLIENT_SECRET"),
                              self.oidc_redirect, trust_email=self.oidc_trust_email)
        return ServerSettings(db=self.db, host=self.host, hosts=self.hosts, oidc=provider,
                              oidc_redirect=self.oidc_redirect, mailbox_keys=self.mailbox_keys,
                              mailbox_loopback=self.mailbox_loopback)


def worker_server() -> Any:
    """One worker's app (uvicorn's factory)."""
    from followup.server.app import create_server

    given = json.loads(os.environ[SETTINGS_VARIABLE])
    given["hosts"] = tuple(given["hosts"])
    given["mailbox_keys"] = tuple(given["mailbox_keys"])
    return create_server(ServerOptions(**given).settings())


def serve_workers(options: ServerOptions, workers: int) -> None:
    """Run `workers` processes on one socket until stopped (Ctrl-C, SIGTERM)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from followup.config.settings import config_dir
    from followup.server.session import SECRET_ENV, load_server_secret
    from followup.service.mailjob import centre_vault

    options.settings()  # a bad option is said once, here, not by every worker
    if SECRET_ENV not in os.environ:  # one key for all: made now if it is not there yet
        load_server_secret(config_dir())
    centre_vault(options.mailbox_keys)  # the mailbox key too, before any worker reads it
    fields = dict(options.__dict__)
    fields["hosts"] = list(options.hosts)
    fields["mailbox_keys"] = list(options.mailbox_keys)
    os.environ[SETTINGS_VARIABLE] = json.dumps(fields)
    cfg = uvicorn.Config("followup.server.workers:worker_server", factory=True,
                         host=options.host, port=options.port, log_level="warning",
                         server_header=False, workers=workers)
    Multiprocess(cfg, sockets=[cfg.bind_socket()]).run()
