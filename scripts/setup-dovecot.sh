#!/usr/bin/env bash
# The mailbox tests run against Debian's Dovecot (dovecot-imapd), started by the pytest fixture
# in tests/mailbox_server.py from a config in a temp dir. Installs it only when it is missing;
# the package's own service is not used (the fixture starts its own instance per test run).
set -euo pipefail
if [ -x /usr/sbin/dovecot ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
echo "setup-dovecot: installing Debian's dovecot-imapd for the mailbox tests" >&2
$SUDO apt-get update -qq
# policy-rc.d-free: the Debian service may start; the tests never talk to it (port 143 unused).
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    dovecot-imapd >/dev/null
test -x /usr/sbin/dovecot
