"""The local web app: the same core as the CLI, in a browser (FastAPI + Jinja2 + HTMX).

Only `followup serve` imports this package, so the CLI never pays for FastAPI or Jinja2.
"""

from __future__ import annotations

from followup.web.app import create_app
from followup.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
