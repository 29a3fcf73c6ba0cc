"""People's accounts and the console's cookie session, over real HTTP on the real Neo4j:
users commands, /login, /logout, /session, CSRF, sliding renewal, locks, throttling,
disabled accounts and the audit trail."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import unquote

import httpx
import pytest
from joserfc import jwt

from graph.config import Neo4jSettings
from graph.db import Graph
from graph.vocab import Role, label
from hub.app import create_app
from hub.auth.keys import local_key_set
from hub.auth.settings import SESSION_COOKIE, auth_settings, session_settings
from hub.cli import main as cli
from hub.serve import running
from tests.conftest_http import TokenMinter, bearer
from tests.http_schema import tiny_schema

PASSWORD = "浙江-zhejiang-2024"
VIEWER = {"query": "{ viewer { role scope subject } }"}
SESSION = replace(
    session_settings(),
    ttl=6,
    max_age=30,
    secure_cookie=False,
    max_failures=3,
    lock_seconds=60,
    address_failures=50,
    address_window=60,
    state_cache_seconds=0.5,
)


@pytest.fixture(scope="module")
def base(settings: Neo4jSettings, session_graph: Graph) -> Iterator[str]:
    auth = replace(auth_settings(), leeway_seconds=0)  # expiry to the second
    with running(create_app(tiny_schema(), neo4j=settings, auth=auth, session=SESSION)) as url:
        yield url


def users(monkeypatch: pytest.MonkeyPatch, *args: str, password: str | None = None) -> int:
    if password is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return cli(["users", *args])


def make_user(monkeypatch: pytest.MonkeyPatch, username: str = "zj.admin", *extra: str) -> None:
    args = ["create", "--username", username, "--name", "王晓梅", "--password-stdin"]
    if not extra:
        extra = ("--role", "PROVINCE", "--scope", "33")
    assert users(monkeypatch, *args, *extra, password=PASSWORD) == 0


def login(
    base: str, username: str, password: str, next_path: str | None = None, **headers: str
) -> tuple[httpx.Client, httpx.Response]:
    client = httpx.Client(base_url=base)
    form = {"username": username, "password": password}
    if next_path is not None:
        form["next"] = next_path
    return client, client.post("/login", data=form, headers=headers)


def audit(graph: Graph, action: str) -> list[dict[str, object]]:
    return graph.read(
        "MATCH (a:AuditEntry {action: $action}) RETURN a.target AS target, "
        "a.actorRole AS role, a.args AS args ORDER BY a.at",
        {"action": action},
    )


# --------------------------------------------------------------------- accounts


def test_users_commands(
    graph: Graph, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_user(monkeypatch, "ZJ.Admin")
    assert "created zj.admin (王晓梅): PROVINCE 33" in capsys.readouterr().out
    row = graph.read("MATCH (u:UserAccount) RETURN u")[0]["u"]
    assert row["passwordHash"].startswith("$argon2id$")
    assert PASSWORD not in str(row)
    args = ["create", "--username", "unit.staff", "--role", "INSTITUTION"]
    unit = [*args, "--scope", "4111010335", "--unit", "4111010335/人工智能学院", "--password-stdin"]
    assert users(monkeypatch, *unit, password=PASSWORD) == 0
    assert users(monkeypatch, "list", "--json") == 0
    listed = capsys.readouterr().out
    assert '"username": "unit.staff"' in listed and '"unit": "4111010335/人工智能学院"' in listed
    assert "passwordHash" not in listed and "$argon2" not in listed

    refusals = [
        (["--username", "zj.admin", "--role", "PROVINCE", "--scope", "33"], PASSWORD, "taken"),
        (["--username", "x2", "--role", "PROVINCE", "--scope", "99"], PASSWORD, "GB/T 2260"),
        (["--username", "x3", "--role", "KING"], PASSWORD, "unknown role"),
        (["--username", "x4", "--role", "NATIONAL"], "short", "at least 10"),
        (
            ["--username", "x5", "--role", "NATIONAL", "--unit", "U1"],
            PASSWORD,
            "belongs to an INSTITUTION scope",
        ),
        (["--username", "张三", "--role", "NATIONAL"], PASSWORD, "username"),
    ]
    for extra, password, why in refusals:
        code = users(monkeypatch, "create", *extra, "--password-stdin", password=password)
        assert code == 2, extra
        assert why in capsys.readouterr().err
    assert users(monkeypatch, "disable", "--username", "nobody") == 2
    assert "no account 'nobody'" in capsys.readouterr().err
    assert graph.read("MATCH (u:UserAccount) RETURN count(u) AS n")[0]["n"] == 2


# ---------------------------------------------------------------------- login


def test_login_sets_a_strict_http_only_cookie_and_session(
    base: str, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user(monkeypatch)
    client, r = login(base, "ZJ.admin", PASSWORD, "/patents?q=锂电池")
    assert r.status_code == 303
    assert unquote(r.headers["location"]) == "/patents?q=锂电池"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    for attribute in ("HttpOnly", "SameSite=Strict", "Path=/"):
        assert attribute in cookie
    assert "Secure" not in cookie

    token = client.cookies[SESSION_COOKIE]
    claims = jwt.decode(token, local_key_set(auth_settings().key_dir)).claims
    assert claims["sub"] == "user:zj.admin"
    assert claims["role"] == "PROVINCE" and claims["scope_id"] == "33"
    assert claims["exp"] - claims["iat"] == SESSION.ttl

    me = client.get("/session")
    assert me.status_code == 200
    assert me.json() == {
        "username": "zj.admin",
        "name": "王晓梅",
        "role": "PROVINCE",
        "roleLabel": label(Role.PROVINCE),
        "scope": "33",
        "unit": None,
    }
    viewer = client.post("/graphql", json=VIEWER).json()["data"]["viewer"]
    assert viewer == {"role": "PROVINCE", "scope": "33", "subject": "user:zj.admin"}
    assert [e["target"] for e in audit(graph, "login")] == ["zj.admin"]
    assert httpx.get(f"{base}/session").status_code == 401


def test_unit_staff_session_carries_the_unit(
    base: str, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    role = ("--role", "INSTITUTION", "--scope", "4111010335", "--unit", "4111010335/人工智能学院")
    make_user(monkeypatch, "lab.staff", *role)
    client, r = login(base, "lab.staff", PASSWORD)
    assert r.status_code == 303 and r.headers["location"] == "/"
    me = client.get("/session").json()
    assert me["unit"] == "4111010335/人工智能学院" and me["role"] == "INSTITUTION"


def test_next_never_leaves_the_site(
    base: str, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user(monkeypatch)
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "login"):
        _, r = login(base, "zj.admin", PASSWORD, target)
        assert r.headers["location"] == "/", target


def test_login_page_is_chinese_and_shows_only_known_messages(base: str) -> None:
    page = httpx.get(f"{base}/login?error=locked&next=/progress")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert 'lang="zh-CN"' in text and "用户名" in text and "密码" in text
    assert "已被暂时锁定" in text and "1 分钟" in text
    assert 'name="next" value="/progress"' in text
    forged = httpx.get(f"{base}/login", params={"error": "<b>请拨打电话</b>"}).text
    assert "请拨打电话" not in forged and "<b>" not in forged


def test_csrf_cookie_requests_must_be_json_or_carry_the_header(
    base: str, graph: Graph, monkeypatch: pytest.MonkeyPatch, mint_token: TokenMinter
) -> None:
    make_user(monkeypatch)
    client, _ = login(base, "zj.admin", PASSWORD)
    query = VIEWER["query"]
    refused = [
        client.post("/graphql", content=query, headers={"content-type": "application/graphql"}),
        client.post("/graphql", data={"query": query}),
        client.post(
            "/graphql",
            files={"operations": (None, '{"query": "{ viewer { role } }"}'), "map": (None, "{}")},
        ),
        client.get("/graphql", params={"query": query}),
        client.post("/graphql", json=VIEWER, headers={"sec-fetch-site": "cross-site"}),
    ]
    for r in refused:
        assert r.status_code == 403, r.text
        error = r.json()["errors"][0]
        assert error["extensions"]["code"] == "CSRF_REFUSED"
        assert (
            "X-Requested-With: patent-hub" in error["message"]
            or "another site" in (error["message"])
        )
    header = {"X-Requested-With": "patent-hub"}
    ok = client.get("/graphql", params={"query": query}, headers=header)
    assert ok.status_code == 200 and ok.json()["data"]["viewer"]["role"] == "PROVINCE"
    ok = client.post("/graphql", json=VIEWER)
    assert ok.status_code == 200 and ok.json()["data"]["viewer"]["scope"] == "33"
    # bearer clients are unchanged: GET without the header, with a cookie or not
    token = mint_token("NATIONAL")
    r = httpx.get(f"{base}/graphql", params={"query": query}, headers=bearer(token))
    assert r.status_code == 200 and r.json()["data"]["viewer"]["role"] == "NATIONAL"
    r = client.get("/graphql", params={"query": query}, headers=bearer(token))
    assert r.status_code == 200 and r.json()["data"]["viewer"]["role"] == "NATIONAL"


def test_wrong_passwords_lock_the_account_and_are_audited(
    base: str, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user(monkeypatch)
    _, r = login(base, "zj.admin", "wrong password")
    assert r.status_code == 303 and r.headers["location"] == "/login?error=invalid"
    _, r = login(base, "zj.admin", "wrong password", accept="application/json")
    assert r.status_code == 401 and r.json()["message"] == "用户名或密码错误。"
    _, r = login(base, "zj.admin", "wrong again", accept="application/json")
    assert r.status_code == 423 and "已被暂时锁定" in r.json()["message"]
    # locked: even the right password is refused, and says why
    _, r = login(base, "zj.admin", PASSWORD, accept="application/json")
    assert r.status_code == 423 and r.json()["error"] == "locked"
    assert int(r.headers["retry-after"]) > 50
    _, r = login(base, "zj.admin", PASSWORD)
    assert r.headers["location"] == "/login?error=locked"
    failures = audit(graph, "loginFailed")
    assert len(failures) == 5 and {f["target"] for f in failures} == {"zj.admin"}
    assert "account locked" in str(failures[-1]["args"]) and "127.0.0.1" in str(failures[0]["args"])
    assert audit(graph, "login") == []
    # an administrator's reset lifts the lock
    assert (
        users(
            monkeypatch,
            "reset-password",
            "--username",
            "zj.admin",
            "--password-stdin",
            password=PASSWORD,
        )
        == 0
    )
    client, r = login(base, "zj.admin", PASSWORD)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert client.get("/session").status_code == 200


def test_failures_are_throttled_per_address(settings: Neo4jSettings, graph: Graph) -> None:
    tight = replace(SESSION, address_failures=4, address_window=60)
    with running(create_app(tiny_schema(), neo4j=settings, session=tight)) as url:
        statuses = [
            login(url, f"nobody{i}", "whatever-it-is", accept="application/json")[1]
            for i in range(6)
        ]
    assert [r.status_code for r in statuses] == [401, 401, 401, 401, 429, 429]
    assert "此地址登录失败次数过多" in statuses[-1].json()["message"]
    assert int(statuses[-1].headers["retry-after"]) > 0
    assert len(audit(graph, "loginFailed")) == 6


def test_disabled_person_is_refused_within_seconds(
    base: str, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user(monkeypatch)
    client, _ = login(base, "zj.admin", PASSWORD)
    assert client.post("/graphql", json=VIEWER).status_code == 200
    assert users(monkeypatch, "disable", "--username", "zj.admin") == 0
    time.sleep(SESSION.state_cache_seconds + 0.2)
    r = client.post("/graphql", json=VIEWER)
    assert r.status_code == 401, r.text
    assert r.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "disabled" in r.json()["errors"][0]["message"]
    assert (
        f'{SESSION_COOKIE}=""' in r.headers["set-cookie"]
        or "Max-Age=0" in (r.headers["set-cookie"])
    )
    _, again = login(base, "zj.admin", PASSWORD, accept="application/json")
    assert again.status_code == 403 and again.json()["message"] == "该账户已停用，请联系管理员。"
    assert users(monkeypatch, "enable", "--username", "zj.admin") == 0
    _, back = login(base, "zj.admin", PASSWORD)
    assert back.status_code == 303 and back.headers["location"] == "/"


def test_reset_password_ends_earlier_sessions(
    base: str, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user(monkeypatch)
    client, _ = login(base, "zj.admin", PASSWORD)
    time.sleep(1.1)  # validAfter has a resolution of one second
    new = "另一个-password-2025"
    assert (
        users(
            monkeypatch,
            "reset-password",
            "--username",
            "zj.admin",
            "--password-stdin",
            password=new,
        )
        == 0
    )
    time.sleep(SESSION.state_cache_seconds + 0.2)
    assert client.get("/session").status_code == 401
    _, old = login(base, "zj.admin", PASSWORD, accept="application/json")
    assert old.status_code == 401
    client, _ = login(base, "zj.admin", new)
    assert client.get("/session").json()["username"] == "zj.admin"


def test_sliding_renewal_and_logout(
    base: str, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user(monkeypatch)
    client, _ = login(base, "zj.admin", PASSWORD)
    first = client.cookies[SESSION_COOKIE]
    early = client.post("/graphql", json=VIEWER)
    assert "set-cookie" not in early.headers  # young token: not renewed
    time.sleep(SESSION.ttl / 2 + 0.5)
    r = client.post("/graphql", json=VIEWER)
    assert r.status_code == 200 and SESSION_COOKIE in r.headers["set-cookie"]
    second = client.cookies[SESSION_COOKIE]
    keys = local_key_set(auth_settings().key_dir)
    old, new = (jwt.decode(t, keys).claims for t in (first, second))
    assert new["exp"] > old["exp"] and new["auth_time"] == old["auth_time"]
    time.sleep(SESSION.ttl / 2 + 0.5)  # the first token has expired, the renewed one holds
    assert client.get("/session").status_code == 200
    expired = httpx.get(f"{base}/session", cookies={SESSION_COOKIE: first})
    assert expired.status_code == 401 and "expired" in expired.json()["reason"]

    out = client.post("/logout")
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert "Max-Age=0" in out.headers["set-cookie"]
    assert client.get("/session").status_code == 401
    assert [e["target"] for e in audit(graph, "logout")] == ["zj.admin"]


def test_session_ends_at_max_age(
    settings: Neo4jSettings, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = replace(SESSION, ttl=4, max_age=5)
    make_user(monkeypatch)
    with running(create_app(tiny_schema(), neo4j=settings, session=short)) as url:
        client, _ = login(url, "zj.admin", PASSWORD)
        time.sleep(2.5)
        client.get("/session")  # renewed, but only up to auth_time + max_age
        token = client.cookies[SESSION_COOKIE]
        claims = jwt.decode(token, local_key_set(auth_settings().key_dir)).claims
        assert claims["exp"] <= claims["auth_time"] + short.max_age


def test_secure_cookie_by_configuration(
    base: str, settings: Neo4jSettings, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATENT_HUB_PUBLIC_URL", "https://patents.zj.gov.cn/")
    assert session_settings().secure_cookie is True
    monkeypatch.setenv("PATENT_HUB_COOKIE_SECURE", "0")
    assert session_settings().secure_cookie is False
    monkeypatch.delenv("PATENT_HUB_PUBLIC_URL")
    monkeypatch.setenv("PATENT_HUB_COOKIE_SECURE", "1")
    secure = session_settings()
    assert secure.secure_cookie is True
    make_user(monkeypatch)
    with running(create_app(tiny_schema(), neo4j=settings, session=secure)) as url:
        _, r = login(url, "zj.admin", PASSWORD, host="patents.example")
    assert "; Secure" in r.headers["set-cookie"]
    # not guessed from the request: a forwarded https scheme does not make it Secure
    _, plain = login(base, "zj.admin", PASSWORD, **{"x-forwarded-proto": "https"})
    assert plain.status_code == 303 and "Secure" not in plain.headers["set-cookie"]
