"""Sign-in to the centre server by OpenID Connect (the university's identity provider).

The authorization code flow with PKCE (S256), through authlib:

1. `begin`: a fresh state, nonce and PKCE verifier. The state's SHA-256 and the nonce are
   kept in `oidc_logins` for ten minutes; the state and the verifier go to the browser in a
   cookie (the server's face sets it), so the answer must come back to the browser that
   asked. The browser is sent to the provider's authorization endpoint.
2. `finish`: the state in the answer must be the cookie's and still pending; it is used up
   at once (a replayed answer finds nothing). The code is exchanged at the token endpoint
   with the client's secret and the verifier; the ID token's signature is checked against
   the provider's keys (JWKS, fetched again once for an unknown key id), and its issuer,
   audience, expiry, issue time and nonce by authlib's `CodeIDToken`.
3. Which account it signs in (OIDC-1..OIDC-4 below; docs/centre-oidc.md):
   - OIDC-1: an identity (issuer, subject) tied to a user signs that user in, whatever its
     email says today (an address may be reused; a subject is not).
   - OIDC-2: the first sign-in of an identity ties it to the user whose address is the ID
     token's `email`, only when the provider says the address is verified and an admin has
     made that user (`followup centre add-user`): the admin's account is the invitation.
     One identity per user and provider. Verified: `email_verified` true; or Microsoft
     Entra ID's `xms_edov` true (Entra sends no `email_verified`; `xms_edov` is its
     optional "domain owner verified" claim); or the operator said the provider only
     issues addresses the university owns (`--oidc-trust-email`).
   - OIDC-3: an admin never signs in by OpenID Connect (their password only): a provider
     that can vouch for an address must not be able to make or reach an admin.
   - OIDC-4: nothing else signs in; no account is ever created by a sign-in.

The client secret is read from the environment by the face, kept in `Provider` (never in
its repr), sent only to the token endpoint, and never logged or stored. Errors are one line
and say what was refused, never a token, a code or a secret.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from followup.core.errors import FollowupError, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from followup.store.centre import User

__all__ = ["LOGIN_LIFETIME", "METADATA_LIFETIME", "NoAccount", "OidcClient", "Provider",
           "ProviderUnavailable", "SignInRefused", "Started", "TooManySignIns", "begin",
           "configured", "finish"]

LOGIN_LIFETIME = timedelta(minutes=10)  # from the redirect to the provider's answer
METADATA_LIFETIME = 3600.0  # seconds the provider's metadata and keys are kept
MAX_PENDING = 5000  # sign-ins under way at once (each lapses in LOGIN_LIFETIME)
LEEWAY = 60  # seconds of clock skew allowed on exp, iat and nbf
HTTP_TIMEOUT = 10.0  # seconds for each read from the provider (connect, then each chunk)
HTTP_DEADLINE = 20.0  # seconds for a whole answer: a provider dripping bytes is cut off
MAX_ANSWER = 1_000_000  # bytes of one answer (metadata, keys, tokens are a few KB)
# Signatures only by the provider's private key: never "none", never HS* (a shared secret).
ASYMMETRIC = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
              "ES512", "EdDSA")
WELL_KNOWN = "/.well-known/openid-configuration"


class SignInRefused(FollowupError):
    """The provider's answer does not prove who is signing in (401)."""


class NoAccount(FollowupError):
    """A proven identity that no account of the centre may use (403)."""


class TooManySignIns(FollowupError):
    """More sign-ins under way than a centre ever has: someone is filling the table (429)."""


class ProviderUnavailable(FollowupError):
    """The identity provider did not answer as an OpenID provider does (502)."""


def _loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def _check_url(url: str, where: str) -> str:
    """An https URL (http only on loopback: a test provider), no credentials or fragment."""
    try:
        parts = urlsplit(url)
        _port = parts.port  # a port that is no number: ValueError
    except ValueError:
        raise UsageError(f"{where}: not a URL {url[:100]!r}") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UsageError(f"{where}: an https URL, not {url[:100]!r}")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise UsageError(f"{where}: https is required (http only on loopback), not {url[:100]!r}")
    if parts.username or parts.password or parts.fragment:
        raise UsageError(f"{where}: no user, password or #fragment in the URL")
    return url


@dataclass(frozen=True)
class Provider:
    """One identity provider, as the centre registered the server with it."""

    name: str  # shown on the sign-in page: "Sign in with <name>"
    metadata_url: str  # .../.well-known/openid-configuration
    client_id: str
    client_secret: str = field(repr=False)
    scope: str = "openid email profile"
    trust_email: bool = False  # OIDC-2: its `email` is verified without a claim saying so

    @classmethod
    def configured(cls, name: str, metadata_url: str, client_id: str,
                   client_secret: str | None, *, trust_email: bool = False) -> Provider:
        """A provider from the server's options, each checked, or a one-line UsageError."""
        _check_url(metadata_url, "--oidc-metadata")
        if not urlsplit(metadata_url).path.endswith(WELL_KNOWN):
            raise UsageError(f"--oidc-metadata: the provider's ...{WELL_KNOWN} URL, not "
                             f"{metadata_url[:100]!r}")
        if not client_id.strip():
            raise UsageError("--oidc-client-id: the client id the provider gave the centre")
        if not client_secret:
            raise UsageError("FOLLOWUP_OIDC_CLIENT_SECRET: set the client secret the provider "
                             "gave the centre in it")
        if not name.strip() or len(name) > 60 or not name.isprintable():
            raise UsageError("--oidc-name: the provider's name as people know it, 1 to 60 "
                             "printable characters")
        return cls(name.strip(), metadata_url, client_id.strip(), client_secret,
                   trust_email=trust_email)


def configured(name: str, metadata_url: str | None, client_id: str | None,
               client_secret: str | None, redirect_uri: str | None, *,
               trust_email: bool = False) -> Provider | None:
    """`followup server`'s OpenID options: None when none is given, else all checked."""
    if metadata_url is None and client_id is None:
        if redirect_uri is not None or trust_email:
            raise UsageError(f"--oidc-{'redirect' if redirect_uri else 'trust-email'}: only "
                             "with --oidc-metadata and --oidc-client-id")
        return None
    if metadata_url is None:
        raise UsageError("--oidc-metadata: the provider's metadata URL goes with "
                         "--oidc-client-id")
    if client_id is None:
        raise UsageError("--oidc-client-id: the client id goes with --oidc-metadata")
    if redirect_uri is not None:
        _check_url(redirect_uri, "--oidc-redirect")
        if not urlsplit(redirect_uri).path.endswith("/signin/oidc/callback"):
            raise UsageError("--oidc-redirect: this server's .../signin/oidc/callback URL")
    return Provider.configured(name, metadata_url, client_id, client_secret,
                               trust_email=trust_email)


@dataclass(frozen=True)
class Started:
    """Where to send the browser, and the cookie that binds the answer to it."""

    url: str
    cookie: str  # "<state>.<PKCE verifier>": HttpOnly, for the callback's path only


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class AnswerTooLarge(OSError):
    """The provider's answer outgrew MAX_ANSWER or HTTP_DEADLINE (raised while reading it)."""


def _capped(response: Any, *args: Any, **kwargs: Any) -> Any:
    """A requests response hook: read the body here, at most MAX_ANSWER bytes within
    HTTP_DEADLINE, before requests would read all of it into memory.

    Session.send runs the response hooks before it reads a non-streamed body, so setting
    `_content` here is what `.json()` (ours and authlib's) will parse. The per-read timeout
    stays HTTP_TIMEOUT; the deadline bounds a provider that sends one byte per read, which
    is why the body is read by `read1` (whatever one read brings: `iter_content` would wait
    for a whole 16 KB chunk) and the clock checked after each read.
    """
    started = time.monotonic()
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_ANSWER:
        response.close()
        raise AnswerTooLarge(f"answer of {int(declared):,} bytes (at most {MAX_ANSWER:,})")
    body = bytearray()
    while chunk := response.raw.read1(16_384, decode_content=True):  # what one read brings
        body += chunk
        if len(body) > MAX_ANSWER:
            response.close()
            raise AnswerTooLarge(f"answer over {MAX_ANSWER:,} bytes")
        if time.monotonic() - started > HTTP_DEADLINE:
            response.close()
            raise AnswerTooLarge(f"answer still coming after {HTTP_DEADLINE:.0f} s")
    response._content = bytes(body)
    response._content_consumed = True
    return response


def _hooked(session: Any) -> Any:
    """`session` (requests or authlib's OAuth2Session) with every answer read by _capped."""
    session.hooks["response"] = [_capped]
    return session


class OidcClient:
    """The provider's metadata and keys, fetched when first needed and kept an hour (one per
    server process; thread-safe)."""

    def __init__(self, provider: Provider) -> None:
        self.provider = provider
        self._lock = threading.Lock()
        self._metadata: dict[str, Any] | None = None
        self._keys: dict[str, Any] | None = None
        self._fetched = 0.0

    def _get(self, url: str, what: str) -> dict[str, Any]:
        import requests

        try:
            with _hooked(requests.Session()) as session:
                answer = session.get(url, timeout=HTTP_TIMEOUT, allow_redirects=False,
                                     headers={"accept": "application/json"})
                answer.raise_for_status()
                value = answer.json()
        except (requests.RequestException, ValueError, AnswerTooLarge) as e:
            raise ProviderUnavailable(f"the identity provider's {what}: "
                                      f"{str(e).splitlines()[0][:160] if str(e) else 'no answer'}"
                                      ) from None
        if not isinstance(value, dict):
            raise ProviderUnavailable(f"the identity provider's {what}: not a JSON object")
        return value

    def metadata(self) -> dict[str, Any]:
        with self._lock:
            if self._metadata is None or time.monotonic() - self._fetched > METADATA_LIFETIME:
                self._metadata = self._checked(self._get(self.provider.metadata_url,
                                                         "metadata"))
                self._keys = None
                self._fetched = time.monotonic()
            return self._metadata

    def _checked(self, metadata: dict[str, Any]) -> dict[str, Any]:
        """The metadata as OpenID Connect Discovery defines it, for this very URL."""
        from authlib.oidc.discovery import OpenIDProviderMetadata

        try:
            OpenIDProviderMetadata(metadata).validate()
        except (ValueError, KeyError, TypeError) as e:
            raise ProviderUnavailable(f"the identity provider's metadata: {e}") from None
        issuer = str(metadata["issuer"])
        if issuer.rstrip("/") + WELL_KNOWN != self.provider.metadata_url:
            raise ProviderUnavailable(f"the identity provider's metadata: its issuer "
                                      f"{issuer[:100]!r} does not serve this URL")
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(metadata.get(key), str):
                raise ProviderUnavailable(f"the identity provider's metadata: no {key}")
            try:
                _check_url(metadata[key], key)
            except UsageError as e:
                raise ProviderUnavailable(f"the identity provider's metadata: {e}") from None
        return metadata

    def keys(self, fresh: bool = False) -> Any:
        """The provider's signing keys (joserfc KeySet)."""
        from joserfc.errors import JoseError
        from joserfc.jwk import KeySet

        metadata = self.metadata()
        with self._lock:
            if self._keys is None or fresh:
                self._keys = self._get(str(metadata["jwks_uri"]), "keys (jwks_uri)")
            try:
                return KeySet.import_key_set(self._keys)  # type: ignore[arg-type]
            except (JoseError, ValueError, KeyError, TypeError) as e:
                raise ProviderUnavailable(f"the identity provider's keys: {e}") from None

    def algorithms(self) -> list[str]:
        offered = self.metadata().get("id_token_signing_alg_values_supported") or ["RS256"]
        return [a for a in ASYMMETRIC if a in offered] or ["RS256"]


def begin(engine: Engine, client: OidcClient, redirect_uri: str, now: datetime) -> Started:
    """Step 1: a pending sign-in and the provider's authorization URL to send the browser to."""
    from authlib.integrations.requests_client import OAuth2Session

    from followup.store.oidc import add_login, pending_logins

    metadata = client.metadata()
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    with engine.begin() as conn:
        if pending_logins(conn, now) >= MAX_PENDING:
            raise TooManySignIns("too many sign-ins under way: try again in a few minutes")
        add_login(conn, _sha256(state), nonce, now, now + LOGIN_LIFETIME)
    with OAuth2Session(client.provider.client_id, scope=client.provider.scope,
                       redirect_uri=redirect_uri, code_challenge_method="S256") as oauth:
        url, _state = oauth.create_authorization_url(
            metadata["authorization_endpoint"], state=state, code_verifier=verifier,
            nonce=nonce)
    return Started(str(url), f"{state}.{verifier}")


def finish(engine: Engine, client: OidcClient, *, params: dict[str, str], cookie: str | None,
           redirect_uri: str, now: datetime) -> User:
    """Step 2 and 3: the provider's answer (`params`: the callback's query) -> the user it
    proves, or SignInRefused / NoAccount / ProviderUnavailable, one line each."""
    from followup.store.oidc import take_login

    if params.get("error"):
        raise SignInRefused(f"the identity provider refused: {params['error'][:60]}")
    state, code = params.get("state", ""), params.get("code", "")
    if not state or not code:
        raise SignInRefused("the identity provider's answer has no state or no code")
    mine, _, verifier = (cookie or "").partition(".")
    if not mine or not verifier or not hmac.compare_digest(mine.encode(), state.encode()):
        raise SignInRefused("this sign-in was not started in this browser: start again")
    with engine.begin() as conn:  # used up whatever happens next: an answer is good once
        nonce = take_login(conn, _sha256(state), now)
    if nonce is None:
        raise SignInRefused("this sign-in is unknown, used already or expired: start again")
    metadata = client.metadata()
    if "iss" in params and params["iss"] != metadata["issuer"]:  # RFC 9207: a mix-up
        raise SignInRefused("the answer comes from another identity provider")
    claims = _id_token(client, _exchange(client, code, verifier, redirect_uri), nonce, now)
    return _account(engine, str(metadata["issuer"]), claims, now,
                    trust_email=client.provider.trust_email)


def _exchange(client: OidcClient, code: str, verifier: str, redirect_uri: str
              ) -> dict[str, Any]:
    """The code for tokens at the token endpoint (client_secret_basic, PKCE verifier)."""
    import requests
    from authlib.integrations.base_client.errors import OAuthError
    from authlib.integrations.requests_client import OAuth2Session

    p = client.provider
    try:
        with _hooked(OAuth2Session(p.client_id, p.client_secret,
                                   redirect_uri=redirect_uri)) as oauth:
            token = oauth.fetch_token(client.metadata()["token_endpoint"], code=code,
                                      code_verifier=verifier, timeout=HTTP_TIMEOUT,
                                      grant_type="authorization_code")
    except OAuthError as e:
        raise SignInRefused(f"the identity provider refused the code: {e.error}") from None
    except AnswerTooLarge as e:
        raise ProviderUnavailable(f"the identity provider's token endpoint: {e}") from None
    except (requests.RequestException, ValueError) as e:
        raise ProviderUnavailable(f"the identity provider's token endpoint: "
                                  f"{type(e).__name__}") from None
    if not isinstance(token, dict) or not isinstance(token.get("id_token"), str):
        raise SignInRefused("the identity provider sent no ID token (is `openid` allowed?)")
    return dict(token)


def _id_token(client: OidcClient, token: dict[str, Any], nonce: str, now: datetime
              ) -> dict[str, Any]:
    """The ID token's claims once its signature, issuer, audience, times and nonce hold."""
    from authlib.oidc.core import CodeIDToken
    from joserfc import jwt
    from joserfc.errors import InvalidKeyIdError, JoseError

    p, issuer = client.provider, str(client.metadata()["issuer"])
    try:
        try:
            decoded = jwt.decode(token["id_token"], client.keys(), client.algorithms())
        except InvalidKeyIdError:  # the provider rotated its keys: fetch them once more
            decoded = jwt.decode(token["id_token"], client.keys(fresh=True),
                                 client.algorithms())
        claims = CodeIDToken(
            decoded.claims, decoded.header,
            {"iss": {"essential": True, "value": issuer},
             "aud": {"essential": True, "value": p.client_id},
             "sub": {"essential": True}},
            {"nonce": nonce, "client_id": p.client_id,
             "access_token": token.get("access_token")})
        claims.validate(now=int(now.timestamp()), leeway=LEEWAY)
    except JoseError as e:
        raise SignInRefused(f"the ID token is refused: {_why(e)}") from None
    if not isinstance(claims.get("sub"), str) or not 0 < len(claims["sub"]) <= 255:
        raise SignInRefused("the ID token is refused: its sub is not an identifier")
    return dict(claims)


def _why(e: Exception) -> str:
    from joserfc.errors import (
        BadSignatureError,
        ExpiredTokenError,
        InvalidClaimError,
        InvalidKeyIdError,
        MissingClaimError,
    )

    if isinstance(e, BadSignatureError | InvalidKeyIdError):
        return "its signature is not the identity provider's"
    if isinstance(e, ExpiredTokenError):
        return "it has expired"
    if isinstance(e, InvalidClaimError | MissingClaimError):
        claim = getattr(e, "claim", None) or str(e).split("'")[1:2]
        name = claim if isinstance(claim, str) else (claim[0] if claim else "a claim")
        what = {"aud": "it was issued for another client (aud)",
                "iss": "it was issued by another provider (iss)",
                "nonce": "its nonce is not this sign-in's",
                "iat": "its issue time (iat) is in the future",
                "nbf": "it is not valid yet (nbf)"}.get(name)
        return what or f"its {name} claim is missing or wrong"
    return (str(e).splitlines()[0][:80] if str(e) else type(e).__name__)


def _verified(claims: dict[str, Any], trusted: bool) -> bool:
    """OIDC-2: whether the provider vouches for the address (some send the JSON string)."""
    return trusted or any(claims.get(name) in (True, "true")
                          for name in ("email_verified", "xms_edov"))


def _account(engine: Engine, issuer: str, claims: dict[str, Any], now: datetime, *,
             trust_email: bool) -> User:
    """OIDC-1..OIDC-4: the user this identity signs in."""
    from followup.store.centre import user_by_email
    from followup.store.oidc import has_identity, tie_identity, user_for_identity

    subject = str(claims["sub"])
    with engine.begin() as conn:
        user = user_for_identity(conn, issuer, subject, now)  # OIDC-1
        if user is None:
            email = claims.get("email")
            if not isinstance(email, str) or not email or not _verified(claims, trust_email):
                raise NoAccount("no account for this identity: the identity provider "
                                "vouches for no email address (email_verified)")  # OIDC-2
            found = user_by_email(conn, email.strip().lower()[:254])
            if found is None:
                raise NoAccount(f"no account for {email[:100]}: ask the centre's admin to add "
                                "you")  # OIDC-4: none is made
            user = found[0]
            if user.role == "admin":  # OIDC-3
                raise NoAccount("an admin signs in with their password, not by the identity "
                                "provider")
            if has_identity(conn, issuer, user.id):
                raise NoAccount(f"{email[:100]} is tied to another identity of this provider "
                                "already: ask the centre's admin")  # OIDC-2: one per user
            tie_identity(conn, issuer, subject, user.id, now)
        if user.role == "admin":  # OIDC-3, should an admin's identity have been tied
            raise NoAccount("an admin signs in with their password, not by the identity "
                            "provider")
        if user.deactivated:  # an admin's decision, whichever way one signs in
            raise NoAccount("this account is deactivated: ask the centre's admin")
    return user
