"""The centre's background work on a PostgreSQL job queue (procrastinate): an adapter.

`queue` builds the queue's app and its tasks; each task only calls a `service.nightly`
function, which decides everything (who, what is due, whether it was done already).
`worker` runs one worker process (`followup worker --db APP_URL`): start more of them, on
more machines, against the same database to go faster. `install` puts the queue's tables in
the centre's database (`followup centre init`).
"""

from __future__ import annotations
