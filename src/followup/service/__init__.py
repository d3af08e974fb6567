"""The use cases both faces call: the CLI and the web app hold no rule and no query.

Each function takes a `Store` and plain values (the caller parses input and reads the
clock), checks what it is given, and raises a `FollowupError` naming what is wrong before
anything is written. One module per area: `records` (what happened), `planning` (what to
do next), `messages` (what to say), `invites` (calendar invitations).
"""

from followup.service.backups import *  # noqa: F403
from followup.service.feeds import *  # noqa: F403
from followup.service.health import *  # noqa: F403
from followup.service.history import *  # noqa: F403
from followup.service.insights import *  # noqa: F403
from followup.service.invites import *  # noqa: F403
from followup.service.messages import *  # noqa: F403
from followup.service.planning import *  # noqa: F403
from followup.service.records import *  # noqa: F403
from followup.service.sheets import *  # noqa: F403
from followup.service.snapshot import *  # noqa: F403
from followup.service.weeks import *  # noqa: F403
from followup.store import Store as Store  # the faces name the type; they never open it
