"""Tokens, the JWKS mode and the OAuth client_credentials flow, over real HTTP."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from graph.config import Neo4jSettings
from graph.db import Graph
from graph.vocab import Role
from hub.app import create_app
from hub.auth.claims import ScopeError, check_scope
from hub.auth.clients import create_client
from hub.auth.settings import auth_settings
from hub.auth.tokens import issue_dev_token, sign, token_claims
from hub.cli import main as cli
from hub.serve import running
from tests.conftest_http import TokenMinter, bearer
from tests.http_schema import tiny_schema

VIEWER = "{ viewer { role scope subject } }"


@pytest.fixture(scope="module")
def base(settings: Neo4jSettings, session_graph: Graph) -> Iterator[str]:
    with running(create_app(tiny_schema(), neo4j=settings)) as url:
        yield url


def ask(base: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(f"{base}/graphql", json={"query": VIEWER}, headers=headers or {})


def assert_unauthenticated(r: httpx.Response, why: str) -> None:
    assert r.status_code == 401, r.text
    assert r.headers["www-authenticate"].startswith("Bearer")
    error = r.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert why in error["message"]


# ----------------------------------------------------------- scope validation


def test_scope_must_fit_the_role() -> None:
    assert check_scope(Role.PROVINCE, "33") == "33"
    assert check_scope(Role.MINISTRY, "moe") == "MOE"
    assert check_scope(Role.ENTERPRISE, "91330106ma2gl0e24y") == "91330106MA2GL0E24Y"
    assert check_scope(Role.INSTITUTION, "4111010001") == "4111010001"
    assert check_scope(Role.INSTITUTION, "RI-0001") == "RI-0001"
    assert check_scope(Role.NATIONAL, None) is None
    bad = [
        (Role.PROVINCE, "3", "2-digit GB/T 2260"),
        (Role.PROVINCE, "99", "2-digit GB/T 2260"),
        (Role.PROVINCE, None, "needs a scope"),
        (Role.NATIONAL, "33", "takes no scope"),
        (Role.MINISTRY, "XYZ", "ministry code"),
        (Role.ENTERPRISE, "12345", "unified social credit code"),
        (Role.INSTITUTION, "清华大学", "institution id"),
    ]
    for role, scope, why in bad:
        with pytest.raises(ScopeError, match=why):
            check_scope(role, scope)
    with pytest.raises(ScopeError, match="unknown role"):
        issue_dev_token("KING", None)
    with pytest.raises(ScopeError, match="ANONYMOUS"):
        issue_dev_token("ANONYMOUS", None)
    with pytest.raises(ValueError, match="ttl"):
        issue_dev_token("NATIONAL", None, ttl=0)


# --------------------------------------------------------------- hub's tokens


def test_valid_tokens_show_role_and_scope(base: str, mint_token: TokenMinter) -> None:
    r = ask(base, bearer(mint_token("PROVINCE", "33")))
    assert r.status_code == 200
    assert r.json()["data"]["viewer"] == {
        "role": "PROVINCE",
        "scope": "33",
        "subject": "dev:province:33",
    }
    national = ask(base, bearer(mint_token("national"))).json()["data"]["viewer"]
    assert (national["role"], national["scope"]) == ("NATIONAL", None)


def test_missing_token_is_anonymous(base: str) -> None:
    assert ask(base).json()["data"]["viewer"]["role"] == "ANONYMOUS"


def _token(**overrides: Any) -> str:
    settings = auth_settings()
    claims = token_claims(Role.PROVINCE, "33", 600, "test", settings)
    claims.update(overrides)
    return sign({k: v for k, v in claims.items() if v is not None}, settings)


def test_bad_tokens_are_401(base: str) -> None:
    now = int(time.time())
    assert_unauthenticated(ask(base, bearer(_token(exp=now - 3600, iat=now - 7200))), "expired")
    assert_unauthenticated(ask(base, bearer(_token(aud="someone-else"))), "aud")
    assert_unauthenticated(ask(base, bearer(_token(iss="https://evil.example"))), "iss")
    assert_unauthenticated(ask(base, bearer(_token(role="EMPEROR"))), "unknown role")
    assert_unauthenticated(ask(base, bearer(_token(scope_id="3"))), "GB/T 2260")
    assert_unauthenticated(ask(base, bearer("not.a.jwt")), "token rejected")
    assert_unauthenticated(ask(base, bearer("garbage")), "token rejected")
    assert_unauthenticated(ask(base, {"Authorization": "Basic dXNlcjpwdw=="}), "Bearer")
    assert_unauthenticated(ask(base, {"Authorization": "Bearer"}), "Bearer")


def test_bad_signature_is_401(base: str) -> None:
    settings = auth_settings()
    from hub.auth.keys import signing_key

    own = signing_key(settings.key_dir)
    forger = RSAKey.generate_key(2048, parameters={"kid": own.kid})  # same kid, other key
    claims = token_claims(Role.NATIONAL, None, 600, "forger", settings)
    forged = jwt.encode({"alg": "RS256", "kid": own.kid}, claims, forger)
    assert_unauthenticated(ask(base, bearer(forged)), "token rejected")
    genuine = issue_dev_token("NATIONAL", None)
    tampered = genuine.rsplit(".", 1)[0] + "." + base64.urlsafe_b64encode(b"x" * 256).decode()
    assert_unauthenticated(ask(base, bearer(tampered)), "token rejected")


def test_jwks_endpoint_verifies_hub_tokens(base: str) -> None:
    document = httpx.get(f"{base}/.well-known/jwks.json").json()
    assert all("d" not in key for key in document["keys"])  # public parts only
    keys = KeySet.import_key_set(document)
    token = issue_dev_token("MINISTRY", "MOE")
    decoded = jwt.decode(token, keys)
    assert decoded.claims["role"] == "MINISTRY"
    assert decoded.claims["scope_id"] == "MOE"
    assert decoded.header["typ"] == "at+jwt"


def test_cli_token(base: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["token", "--role", "PROVINCE", "--scope", "44", "--ttl", "60"]) == 0
    token = capsys.readouterr().out.strip()
    assert ask(base, bearer(token)).json()["data"]["viewer"]["scope"] == "44"


# ------------------------------------------------------------------ JWKS mode

IDP_ISSUER = "https://idp.example.gov.cn"


class IdentityProvider:
    """A stand-in identity provider: a JWKS served over HTTP, keys it can rotate."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"alg": "RS256"}, auto_kid=True)
        self.fetches = 0

    def rotate(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"alg": "RS256"}, auto_kid=True)

    def app(self) -> Starlette:
        async def jwks(request: Request) -> JSONResponse:
            self.fetches += 1
            return JSONResponse({"keys": [self.key.as_dict(private=False)]})

        return Starlette(routes=[Route("/jwks", jwks)])

    def token(self, role: str, scope: str | None, **overrides: Any) -> str:
        settings = auth_settings()
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": IDP_ISSUER,
            "aud": settings.audience,
            "sub": "zhang.san@zjamr.zj.gov.cn",
            "iat": now,
            "exp": now + 600,
            "role": role,
        }
        if scope:
            claims["scope_id"] = scope
        claims.update(overrides)
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)


def test_jwks_url_mode(settings: Neo4jSettings, session_graph: Graph) -> None:
    idp = IdentityProvider()
    with running(idp.app()) as idp_url:
        auth = replace(auth_settings(), jwks_url=f"{idp_url}/jwks", jwks_issuer=IDP_ISSUER)
        with running(create_app(tiny_schema(), neo4j=settings, auth=auth)) as hub:
            viewer = ask(hub, bearer(idp.token("PROVINCE", "33"))).json()["data"]["viewer"]
            assert viewer == {
                "role": "PROVINCE",
                "scope": "33",
                "subject": "zhang.san@zjamr.zj.gov.cn",
            }
            assert idp.fetches == 1
            ask(hub, bearer(idp.token("NATIONAL", None)))
            assert idp.fetches == 1  # cached
            assert_unauthenticated(
                ask(hub, bearer(idp.token("PROVINCE", "33", iss="urn:patent-hub"))), "iss"
            )
            # the hub's own tokens (dev, OAuth clients) still verify
            own = ask(hub, bearer(issue_dev_token("EXPERT", "EXP-001")))
            assert own.json()["data"]["viewer"]["role"] == "EXPERT"


def test_jwks_rotation_refetches(settings: Neo4jSettings, session_graph: Graph) -> None:
    idp = IdentityProvider()
    with running(idp.app()) as idp_url:
        auth = replace(auth_settings(), jwks_url=f"{idp_url}/jwks", jwks_issuer=IDP_ISSUER)
        app = create_app(tiny_schema(), neo4j=settings, auth=auth)
        with running(app) as hub:
            assert ask(hub, bearer(idp.token("NATIONAL", None))).status_code == 200
            idp.rotate()
            verifier = app.state.verifier
            verifier.jwks.min_refresh_interval = 0  # allow an immediate refetch
            assert ask(hub, bearer(idp.token("NATIONAL", None))).status_code == 200
            assert idp.fetches == 2


def test_jwks_unreachable_is_401(settings: Neo4jSettings, session_graph: Graph) -> None:
    auth = replace(auth_settings(), jwks_url="http://127.0.0.1:9/jwks", jwks_issuer=IDP_ISSUER)
    with running(create_app(tiny_schema(), neo4j=settings, auth=auth)) as hub:
        idp = IdentityProvider()
        assert_unauthenticated(ask(hub, bearer(idp.token("NATIONAL", None))), "signing keys")


# ---------------------------------------------------------------------- OAuth


def test_client_credentials_flow(base: str, graph: Graph) -> None:
    client_id, secret = create_client(graph, "PROVINCE", "33", "浙江省知识产权公共服务平台")
    stored = graph.read(
        "MATCH (c:OAuthClient {clientId: $id}) RETURN c {.*} AS c", {"id": client_id}
    )[0]["c"]
    assert stored["role"] == "PROVINCE"
    assert stored["scope"] == "33"
    assert stored["name"] == "浙江省知识产权公共服务平台"
    assert secret not in str(stored)
    assert stored["secretHash"].startswith("scrypt$")

    basic = httpx.post(
        f"{base}/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
    )
    assert basic.status_code == 200, basic.text
    token = basic.json()
    assert token["token_type"].lower() == "bearer"
    assert token["expires_in"] > 0
    assert basic.headers["cache-control"] == "no-store"
    viewer = ask(base, bearer(token["access_token"])).json()["data"]["viewer"]
    assert viewer == {"role": "PROVINCE", "scope": "33", "subject": client_id}

    post = httpx.post(
        f"{base}/oauth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )
    assert post.status_code == 200, post.text
    assert ask(base, bearer(post.json()["access_token"])).status_code == 200


def test_oauth_refusals(base: str, graph: Graph) -> None:
    client_id, secret = create_client(graph, "NATIONAL", None)
    wrong = httpx.post(
        f"{base}/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, "nope")
    )
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"
    unknown = httpx.post(
        f"{base}/oauth/token", data={"grant_type": "client_credentials"}, auth=("ph_none", "x")
    )
    assert unknown.status_code == 401
    assert unknown.json()["error"] == "invalid_client"
    wrong_post = httpx.post(
        f"{base}/oauth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": "x"},
    )
    assert wrong_post.status_code in (400, 401)
    assert wrong_post.json()["error"] == "invalid_client"
    grant = httpx.post(
        f"{base}/oauth/token", data={"grant_type": "password"}, auth=(client_id, secret)
    )
    assert grant.status_code == 400
    assert grant.json()["error"] == "unsupported_grant_type"
    as_json = httpx.post(f"{base}/oauth/token", json={"grant_type": "client_credentials"})
    assert as_json.status_code == 400
    assert as_json.json()["error"] == "invalid_request"
    with pytest.raises(ScopeError):
        create_client(graph, "PROVINCE", "3", None)
    meta = httpx.get(f"{base}/.well-known/oauth-authorization-server").json()
    assert meta["token_endpoint"] == f"{base}/oauth/token"
    assert meta["grant_types_supported"] == ["client_credentials"]


def test_cli_accounts_create(base: str, graph: Graph, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        cli(["accounts", "create", "--role", "MINISTRY", "--scope", "CAS", "--name", "中国科学院"])
        == 0
    )
    out = capsys.readouterr().out
    client_id = out.split("client_id:")[1].split()[0]
    secret = out.split("client_secret:")[1].split()[0]
    r = httpx.post(
        f"{base}/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
    )
    viewer = ask(base, bearer(r.json()["access_token"])).json()["data"]["viewer"]
    assert (viewer["role"], viewer["scope"]) == ("MINISTRY", "CAS")
