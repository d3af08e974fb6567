"""The `followup` command line: Typer parses, the core decides, `cli.output` renders.

Each command group lives in its own module and registers itself on `app` when imported at
the bottom of this file. `FollowupGroup` turns every `FollowupError` into one line on stderr
and exit status 2 (todoman's `catch_errors` habit), for `main()` and `CliRunner` alike, so a
user mistake never shows a traceback. Modules import heavy libraries inside the command that
needs them: `followup --help` must stay fast.
"""

from followup.cli.root import HELP_ORDER, FollowupGroup, app, main, usage_line

__all__ = ["HELP_ORDER", "FollowupGroup", "app", "main", "usage_line"]

# Command groups register themselves on import; keep this list in the order of `--help`.
# isort: off
from followup.cli import records  # noqa: E402,F401
from followup.cli import plan  # noqa: E402,F401
from followup.cli import lint  # noqa: E402,F401
from followup.cli import web  # noqa: E402,F401
from followup.cli import calendar  # noqa: E402,F401
from followup.cli import backup  # noqa: E402,F401
from followup.cli import doctor  # noqa: E402,F401
from followup.cli import history  # noqa: E402,F401
from followup.cli import mailbox  # noqa: E402,F401
from followup.cli import insights  # noqa: E402,F401
