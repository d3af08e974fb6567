"""A test OpenID provider on loopback, built on authlib's server side (Flask integration):
the authorization code grant with PKCE (S256 required) and the OpenID Connect extension,
its metadata at `/.well-known/openid-configuration`, its keys at `/jwks`, served by a
real HTTP server (werkzeug) on 127.0.0.1 in a thread.

It stands for a university's provider (Keycloak, Entra ID, Shibboleth's OP...): each
knob below is a way such a provider's answer goes wrong or is forged:
- `who`: the subject the provider signs in at its authorization endpoint (no login form).
- `tamper`: claims that override the ID token's (`aud`, `nonce`, `exp`, `iss`, `email`...).
- `forge_key` (and `forge_kid`): sign the ID token with a key that is not in the
  provider's JWKS.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from flask import Flask, jsonify
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

# Made once (2048-bit RSA takes a while): the provider's key, and another one.
KEY = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"},
                          private=True)
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "k2", "use": "sig", "alg": "RS256"},
                                private=True)


@dataclass
class Person:
    sub: str
    email: str
    email_verified: bool | None = True  # None: the claim is left out (as Entra ID does)
    name: str = "A Student"
    claims: dict[str, Any] = field(default_factory=dict)  # more, e.g. Entra's xms_edov


@dataclass
class Client(ClientMixin):  # type: ignore[misc]
    client_id: str
    client_secret: str
    redirect_uris: list[str]

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        return " ".join(s for s in scope.split() if s in ("openid", "email", "profile"))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return client_secret == self.client_secret

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "client_secret_basic"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):  # type: ignore[misc]
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    person: Person
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time


@dataclass
class TestProvider:
    __test__ = False  # not a test class
    clock: Callable[[], datetime]
    client_id: str = "followup-centre"
    client_secret: str = "s3cret-of-the-client-0123456789"
    redirect_uris: list[str] = field(default_factory=lambda: [
        "http://testserver/signin/oidc/callback"])
    people: dict[str, Person] = field(default_factory=dict)
    who: str | None = None
    tamper: dict[str, Any] = field(default_factory=dict)
    forge_key: Any = None
    forge_kid: str | None = None
    metadata_issuer: str | None = None  # another issuer in the metadata than its own URL's
    base: str = ""
    codes: dict[str, Code] = field(default_factory=dict)
    key: Any = field(default_factory=lambda: KEY)
    issued: list[dict[str, Any]] = field(default_factory=list)  # every token answer

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/.well-known/openid-configuration"

    def now(self) -> int:
        return int(self.clock().timestamp())


def _app(idp: TestProvider) -> Flask:
    app = Flask("test_idp")
    client = Client(idp.client_id, idp.client_secret, idp.redirect_uris)

    class Grant(AuthorizationCodeGrant):  # type: ignore[misc]
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic"]

        def save_authorization_code(self, code: str, request: Any) -> None:
            data = request.payload.data
            idp.codes[code] = Code(code, request.client.client_id,
                                   request.payload.redirect_uri, request.scope, request.user,
                                   data.get("nonce"), data.get("code_challenge"),
                                   data.get("code_challenge_method"), idp.now())

        def query_authorization_code(self, code: str, client: Any) -> Code | None:
            found = idp.codes.get(code)
            return found if found and found.client_id == client.client_id else None

        def delete_authorization_code(self, authorization_code: Code) -> None:
            idp.codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code: Code) -> Person:
            return authorization_code.person

    class IdToken(OpenIDCode):  # type: ignore[misc]
        def resolve_client_private_key(self, client: Any) -> Any:
            return idp.forge_key or idp.key

        def get_client_algorithm(self, client: Any) -> str:
            return "RS256"

        def get_encode_header(self, client: Any) -> dict[str, str]:
            return {"alg": "RS256",
                    "kid": idp.forge_kid or (idp.forge_key or idp.key).kid}

        def get_client_claims(self, client: Any) -> dict[str, Any]:
            now = idp.now()
            return {"iss": idp.base, "aud": [client.get_client_id()], "iat": now,
                    "exp": now + 300, "auth_time": now}

        def exists_nonce(self, nonce: str, request: Any) -> bool:
            return False

        def generate_user_info(self, user: Person, scope: str) -> UserInfo:
            info = UserInfo(sub=user.sub, name=user.name)
            if "email" in scope:
                info["email"] = user.email
                if user.email_verified is not None:
                    info["email_verified"] = user.email_verified
            info.update(user.claims)
            info.update(idp.tamper)  # applied last: it overrides nonce, aud, exp...
            return info

    def save_token(token: dict[str, Any], request: Any) -> None:
        idp.issued.append(token)  # the ID token is added after this: see `token()`

    server = AuthorizationServer(app, query_client=lambda cid: client
                                 if cid == idp.client_id else None, save_token=save_token)
    server.register_grant(Grant, [CodeChallenge(required=True), IdToken(require_nonce=True)])

    @app.get("/.well-known/openid-configuration")
    def metadata() -> Any:
        return jsonify({
            "issuer": idp.metadata_issuer or idp.base,
            "authorization_endpoint": f"{idp.base}/authorize",
            "token_endpoint": f"{idp.base}/token", "jwks_uri": f"{idp.base}/jwks",
            "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"]})

    @app.get("/jwks")
    def jwks() -> Any:
        return jsonify(KeySet([idp.key]).as_dict(private=False))

    @app.get("/authorize")
    def authorize() -> Any:
        person = idp.people.get(idp.who or "")  # None: the person declined (access_denied)
        try:
            grant = server.get_consent_grant(end_user=person)
        except OAuth2Error as error:
            return server.handle_error_response(None, error)
        return server.create_authorization_response(grant_user=person, grant=grant)

    @app.post("/token")
    def token() -> Any:
        answer = server.create_token_response()
        if answer.is_json and idp.issued:
            idp.issued[-1] = dict(answer.get_json())
        return answer

    return app


@contextmanager
def running(idp: TestProvider) -> Iterator[TestProvider]:
    """The provider served on 127.0.0.1 (a free port) until the block ends."""
    http = make_server("127.0.0.1", 0, _app(idp), threaded=True)
    idp.base = f"http://127.0.0.1:{http.server_port}"
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield idp
    finally:
        http.shutdown()
        thread.join(5)
        http.server_close()
