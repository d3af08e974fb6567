"""`followup server`: the career centre's face (CONTRACT.md "Centre server").

A third face beside the CLI and the local web app: a FastAPI app serving `/api/v1` with
bearer tokens, on PostgreSQL as a role the database's row-level security binds. It calls
`followup.service.centre` and decides nothing the other faces don't.
"""

from followup.server.app import ServerSettings, create_server
from followup.server.workers import ServerOptions, serve_workers

__all__ = ["ServerOptions", "ServerSettings", "create_server", "serve_workers"]
