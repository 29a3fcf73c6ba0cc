"""The console served beside /graphql: page paths answer the SPA's index.html, the
hashed assets are immutable and compressed, a browser opening /graphql gets a page,
and a hub whose console was not built says how to build it."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import httpx
import pytest

from graph.config import Neo4jSettings
from hub.app import create_app
from hub.console import PAGES, console_dir
from hub.serve import running

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def base(hub_server: str) -> str:
    assert (console_dir() / "index.html").is_file(), "make console builds console/dist"
    return hub_server


def concrete(path: str) -> str:
    return path.replace("{app_no:path}", "CN202310000001.X")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_path_answers_the_console(base: str, path: str) -> None:
    r = httpx.get(base + concrete(path), headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in r.text
    assert r.headers["cache-control"] == "no-cache"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_assets_are_local_immutable_and_gzipped(base: str) -> None:
    index = httpx.get(base + "/").text
    scripts = re.findall(r'src="(/assets/[^"]+\.js)"', index)
    assert scripts, index
    assert "http://" not in index and "https://" not in index  # nothing from a CDN
    r = httpx.get(base + scripts[0], headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers["content-encoding"] == "gzip"
    assert "immutable" in r.headers["cache-control"]
    assert r.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert httpx.get(base + "/assets/nope.js").status_code == 404


def test_assets_are_sent_as_the_build_compressed_them(base: str) -> None:
    """The build's ``.gz`` beside each script is what goes on the wire (compressed once
    at build time, not per request); a client without gzip gets the plain file."""
    index = httpx.get(base + "/").text
    script = re.findall(r'src="/assets/([^"]+\.js)"', index)[0]
    assets = console_dir() / "assets"
    packed = (assets / f"{script}.gz").read_bytes()
    with httpx.Client() as client:
        raw = client.send(
            client.build_request(
                "GET", f"{base}/assets/{script}", headers={"Accept-Encoding": "gzip"}
            ),
            stream=True,
        )
        wire = b"".join(raw.iter_raw())
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.headers["vary"] == "Accept-Encoding"
    assert wire == packed
    assert int(raw.headers["content-length"]) == len(packed)
    plain = httpx.get(f"{base}/assets/{script}", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.content == (assets / script).read_bytes()
    assert gzip.decompress(wire) == plain.content  # the build compressed its final file


def test_unknown_paths_stay_404(base: str) -> None:
    assert httpx.get(base + "/no-such-page").status_code == 404


def test_graphql_in_a_browser_is_a_page_not_406(base: str) -> None:
    r = httpx.get(base + "/graphql", headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 200
    assert "这里是数据枢纽的 GraphQL 接口" in r.text
    # a client's GET with a query still runs it
    q = httpx.get(base + "/graphql", params={"query": "{ viewer { role } }"})
    assert q.json() == {"data": {"viewer": {"role": "ANONYMOUS"}}}


def test_a_hub_without_the_build_says_how_to_build_it(
    settings: Neo4jSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATENT_HUB_CONSOLE_DIR", str(tmp_path / "missing"))
    with running(create_app(neo4j=settings)) as url:
        r = httpx.get(url + "/progress")
    assert r.status_code == 503
    assert "make console" in r.text and "控制台尚未构建" in r.text
