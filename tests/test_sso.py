"""Single sign-on against a small OpenID Connect provider the test starts on
127.0.0.1: the code flow, id_token checks, the claim mapping rule, disabled people."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from graph.config import Neo4jSettings
from graph.db import Graph
from hub.app import create_app
from hub.auth.settings import SESSION_COOKIE
from hub.auth.sso import SsoSettings, sso_settings
from hub.cli import main as cli
from hub.serve import running
from tests.http_schema import tiny_schema
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    p = Provider()
    with running(p.app()) as url:
        p.base = url
        yield p


def configured(provider: Provider, monkeypatch: pytest.MonkeyPatch, **env: str) -> SsoSettings:
    monkeypatch.setenv("PATENT_HUB_OIDC_ISSUER", provider.base)
    monkeypatch.setenv("PATENT_HUB_OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("PATENT_HUB_OIDC_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("PATENT_HUB_OIDC_LABEL", "浙江政务服务网登录")
    for key, value in env.items():
        monkeypatch.setenv(f"PATENT_HUB_OIDC_{key}", value)
    settings = sso_settings()
    assert settings is not None
    return settings


@pytest.fixture(scope="module")
def hub(provider: Provider, settings: Neo4jSettings, session_graph: Graph) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as mp:
        sso = configured(provider, mp, PROVINCE="33")
    with running(create_app(tiny_schema(), neo4j=settings, sso=sso)) as url:
        yield url


def sign_in(hub: str, next_path: str = "/progress") -> tuple[httpx.Client, httpx.Response]:
    """The browser's walk: hub → provider → hub's callback."""
    client = httpx.Client(base_url=hub)
    start = client.get("/sso/login", params={"next": next_path})
    assert start.status_code == 302, start.text
    at_provider = httpx.get(start.headers["location"])
    assert at_provider.status_code == 302, at_provider.text
    callback = at_provider.headers["location"]
    assert callback.startswith(f"{hub}/sso/callback?")
    return client, client.get(callback)


def test_province_person_signs_in(hub: str, provider: Provider, graph: Graph) -> None:
    page = httpx.get(f"{hub}/login")
    assert "浙江政务服务网登录" in page.text and "/sso/login" in page.text
    provider.person = {
        "sub": "ZJ-000123",
        "preferred_username": "Wang.XM",
        "name": "王晓梅",
        "patent_hub_role": "PROVINCE",
        "patent_hub_scope": "33",
    }
    client, done = sign_in(hub)
    assert done.status_code == 303, done.text
    assert done.headers["location"] == "/progress"
    assert "SameSite=Strict" in done.headers["set-cookie"]
    me = client.get("/session").json()
    assert me["username"] == "sso.wang.xm" and me["name"] == "王晓梅"
    assert (me["role"], me["scope"]) == ("PROVINCE", "33")
    viewer = client.post("/graphql", json={"query": "{ viewer { role scope subject } }"})
    assert viewer.json()["data"]["viewer"]["subject"] == "user:sso.wang.xm"
    rows = graph.read("MATCH (u:UserAccount) RETURN u.source AS s, u.passwordHash AS h")
    assert rows == [{"s": "oidc", "h": None}]
    logins = graph.read("MATCH (a:AuditEntry {action: 'login'}) RETURN a.args AS args")
    assert '"method": "oidc"' in logins[0]["args"]


def test_claims_the_provider_may_not_grant(hub: str, provider: Provider, graph: Graph) -> None:
    graph.write(
        "CREATE (:Institution {id: '1111010001', provinceCode: '11', name: '北京某大学'}), "
        "(:Institution {id: '1133010001', provinceCode: '33', name: '浙江某大学'})"
    )
    refused = [
        {"sub": "a1", "patent_hub_role": "NATIONAL"},
        {"sub": "a2", "patent_hub_role": "PROVINCE", "patent_hub_scope": "11"},
        {"sub": "a3", "patent_hub_role": "INSTITUTION", "patent_hub_scope": "1111010001"},
        {"sub": "a4", "patent_hub_role": "PROVINCE", "patent_hub_scope": "3"},
        {"sub": "a5"},
    ]
    for person in refused:
        provider.person = person
        client, done = sign_in(hub)
        assert done.status_code == 303 and done.headers["location"] == "/login?error=sso_role", (
            person
        )
        assert SESSION_COOKIE not in client.cookies
    provider.person = {
        "sub": "a6",
        "patent_hub_role": "INSTITUTION",
        "patent_hub_scope": "1133010001",
    }
    client, done = sign_in(hub, "/")
    assert done.headers["location"] == "/"
    assert client.get("/session").json()["scope"] == "1133010001"
    failures = graph.read("MATCH (a:AuditEntry {action: 'loginFailed'}) RETURN a.args AS args")
    assert len(failures) == len(refused)
    assert "may not grant NATIONAL" in " ".join(f["args"] for f in failures)
    assert "未授予本平台的角色" in httpx.get(f"{hub}/login?error=sso_role").text


def test_forged_or_replayed_callbacks_are_refused(
    hub: str, provider: Provider, graph: Graph
) -> None:
    provider.person = {"sub": "b1", "patent_hub_role": "PROVINCE", "patent_hub_scope": "33"}
    client = httpx.Client(base_url=hub)
    client.get("/sso/login")
    forged = client.get("/sso/callback", params={"code": "made-up", "state": "made-up"})
    assert forged.status_code == 303 and forged.headers["location"] == "/login?error=sso"
    # a callback taken to another browser (without the state cookie) does not sign in
    _, real = sign_in(hub)
    assert real.status_code == 303
    start = httpx.Client(base_url=hub).get("/sso/login")
    callback = httpx.get(start.headers["location"]).headers["location"]
    stranger = httpx.Client(base_url=hub).get(callback)
    assert stranger.headers["location"] == "/login?error=sso"
    assert SESSION_COOKIE not in stranger.cookies


def test_disabled_sso_person_is_refused(
    hub: str, provider: Provider, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider.person = {"sub": "c1", "patent_hub_role": "PROVINCE", "patent_hub_scope": "33"}
    client, _ = sign_in(hub)
    assert client.get("/session").status_code == 200
    assert cli(["users", "disable", "--username", "sso.c1"]) == 0
    _, again = sign_in(hub)
    assert again.headers["location"] == "/login?error=disabled"


def test_default_role_and_scope_from_settings(
    provider: Provider, settings: Neo4jSettings, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    sso = configured(provider, monkeypatch, DEFAULT_ROLE="PROVINCE", DEFAULT_SCOPE="33")
    assert sso.allowed_roles and sso.province is None
    provider.person = {"sub": "d1", "name": "李明"}
    with running(create_app(tiny_schema(), neo4j=settings, sso=replace(sso))) as url:
        client, done = sign_in(url, "/")
        assert done.status_code == 303 and done.headers["location"] == "/"
        me = client.get("/session").json()
    assert (me["role"], me["scope"], me["name"]) == ("PROVINCE", "33", "李明")
