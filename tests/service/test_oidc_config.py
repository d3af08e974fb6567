"""The centre server's OpenID Connect options, checked before anything starts: a one-line
error naming the option (`followup server` exits 2), and the client secret never shown."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.errors import UsageError
from followup.service import oidc
from followup.service.oidc import Provider, configured

OK = "https://login.uni.example/realms/uni/.well-known/openid-configuration"


@pytest.mark.parametrize(("url", "words"), [
    ("http://login.uni.example/.well-known/openid-configuration", "https is required"),
    ("https://login.uni.example/", "--oidc-metadata: the provider's"),
    ("https://u:pw@login.uni.example/.well-known/openid-configuration", "no user"),
    ("ftp://login.uni.example/.well-known/openid-configuration", "an https URL"),
])
def test_a_bad_metadata_url_is_named(url: str, words: str) -> None:
    with pytest.raises(UsageError, match=words):
        Provider.configured("Uni", url, "client", "secret")


def test_http_is_allowed_on_loopback_only() -> None:
    local = "http://127.0.0.1:9000/.well-known/openid-configuration"
    assert Provider.configured("Uni", local, "client", "secret").metadata_url == local


def test_options_go_together_and_the_secret_is_required() -> None:
    assert configured("Uni", None, None, None, None) is None
    with pytest.raises(UsageError, match="--oidc-client-id"):
        configured("Uni", OK, None, "secret", None)
    with pytest.raises(UsageError, match="--oidc-metadata"):
        configured("Uni", None, "client", "secret", None)
    with pytest.raises(UsageError, match="FOLLOWUP_OIDC_CLIENT_SECRET"):
        configured("Uni", OK, "client", None, None)
    with pytest.raises(UsageError, match="--oidc-redirect"):
        configured("Uni", OK, "client", "secret", "https://centre.uni.example/elsewhere")
    with pytest.raises(UsageError, match="--oidc-trust-email: only with"):
        configured("Uni", None, None, None, None, trust_email=True)
    with pytest.raises(UsageError, match="--oidc-name"):
        configured("x" * 61, OK, "client", "secret", None)


def test_the_secret_is_not_in_the_providers_repr() -> None:
    provider = configured("Uni", OK, "client", "the-client-secret", None)
    assert provider is not None and "the-client-secret" not in repr(provider)


def test_the_server_refuses_a_bad_option_in_one_line() -> None:
    env = {**os.environ, "FOLLOWUP_OIDC_CLIENT_SECRET": "the-client-secret"}
    done = subprocess.run(
        [sys.executable, "-m", "followup", "server", "--db", "postgresql+psycopg://x@h/db",
         "--oidc-metadata", "http://login.uni.example/.well-known/openid-configuration",
         "--oidc-client-id", "centre"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done
    assert len(done.stderr.strip().splitlines()) == 1 and "https is required" in done.stderr
    assert "the-client-secret" not in done.stderr + done.stdout


# -- invariants -----------------------------------------------------------------------

token_text = st.text(alphabet=st.characters(codec="ascii"), max_size=60)


@given(state=token_text, code=token_text, cookie=st.none() | token_text,
       error=st.sampled_from(["", "access_denied"]))
def test_no_answer_goes_further_unless_its_state_is_the_browsers(
        state: str, code: str, cookie: str | None, error: str) -> None:
    """Before the database or the provider is asked anything (both None here), an answer
    whose state is not the one in this browser's cookie, or that carries no code, or that
    is the provider's own refusal, is refused."""
    mine = (cookie or "").partition(".")
    if not error and state and code and mine[0] == state and mine[2]:
        return  # the one case that goes on to the database
    params = {"state": state, "code": code, **({"error": error} if error else {})}
    with pytest.raises(oidc.SignInRefused):
        oidc.finish(None, None, params=params, cookie=cookie,  # type: ignore[arg-type]
                    redirect_uri="http://127.0.0.1/signin/oidc/callback",
                    now=datetime(2026, 3, 13, 9))


@given(st.from_regex(r"(https?|ftp|javascript)://[a-z0-9.:@\[\]%]{0,30}/[a-z./#-]{0,40}",
                     fullmatch=True))
def test_an_accepted_url_is_https_or_on_loopback(url: str) -> None:
    try:
        oidc._check_url(url, "--oidc-metadata")
    except UsageError:
        return
    parts = urlsplit(url)
    assert parts.scheme == "https" or oidc._loopback(parts.hostname)
    assert not parts.username and not parts.password
