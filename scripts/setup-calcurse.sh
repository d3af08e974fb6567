#!/usr/bin/env bash
# tests/test_calendar_clients.py imports the exported calendar into Debian's calcurse (a
# second, independent iCalendar reader). Installs calcurse only when it is missing.
set -euo pipefail
if command -v calcurse >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
echo "setup-calcurse: installing Debian's calcurse for the calendar tests" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends calcurse >/dev/null
command -v calcurse >/dev/null
