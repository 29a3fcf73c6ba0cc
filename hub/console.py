"""Serving the console (the browser front end built into ``console/dist``) beside /graphql.

The console is a single-page application: every page path answers the same
``index.html`` and the browser's router draws the page; the hashed files under
``/assets`` are immutable and gzip-compressed on the wire. The console has no data
path of its own: it calls ``/graphql`` with the person's session cookie, so scope
stays in the Cypher. A hub whose console was not built answers the page paths with a
short Chinese page saying how to build it, instead of a 404.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import stat
from pathlib import Path

from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

__all__ = ["PAGES", "console_dir", "console_routes", "graphql_page", "wants_page"]

ROOT = Path(__file__).resolve().parent.parent

# The browser's router knows these; the hub answers index.html for each of them.
PAGES = (
    "/",
    "/progress",
    "/patents",
    "/patents/{app_no:path}",
    "/network",
    "/matches",
    "/evaluations",
    "/imports",
    "/dormant",
    "/audit",
    "/open-licences",
)

# Same origin only: scripts, styles and data from the hub itself (ECharts and Cytoscape
# draw on canvases and set inline styles; PNG export uses data: and blob: URLs).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)

NOT_BUILT = """<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<title>专利盘活数据枢纽</title>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>控制台尚未构建</h1>
<p>这台服务器上没有控制台的前端文件（{dist}）。在项目目录中运行 <code>make console</code>
后刷新本页。GraphQL 接口在 <a href="/graphql">/graphql</a>。</p>
</body></html>"""

GRAPHQL_PAGE = """<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<title>GraphQL 接口 · 专利盘活数据枢纽</title>
<body style="font-family: sans-serif; max-width: 44em; margin: 3em auto; line-height: 1.6">
<h1>这里是数据枢纽的 GraphQL 接口</h1>
<p>本地址供程序调用：以 <code>POST</code> 发送 <code>Content-Type: application/json</code>
的请求体 <code>{"query": "..."}</code>，并附带令牌（<code>Authorization: Bearer …</code>）
或登录后的会话。</p>
<p>要在浏览器中查看数据，请打开 <a href="/">控制台</a>。</p>
</body></html>"""


def console_dir() -> Path:
    """Where the built console is: ``PATENT_HUB_CONSOLE_DIR`` or ``console/dist``."""
    configured = os.environ.get("PATENT_HUB_CONSOLE_DIR")
    return Path(configured) if configured else ROOT / "console" / "dist"


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }


def accepts_gzip(scope: Scope) -> bool:
    headers = dict(scope.get("headers") or [])
    return b"gzip" in headers.get(b"accept-encoding", b"").lower()


class ImmutableStatic(StaticFiles):
    """Hashed build files: cached for a year, never revalidated. The build writes each
    script and style sheet gzip-compressed beside it (``console/vite.config.js``); that
    file is sent as it is, so no request compresses half a megabyte of ECharts on the
    event loop (``GZipMiddleware`` stays for a build without them)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await self._precompressed(path, scope) or await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        response.headers.update(security_headers())
        return response

    async def _precompressed(self, path: str, scope: Scope) -> Response | None:
        if path.endswith(".gz") or scope.get("method") not in ("GET", "HEAD"):
            return None
        if not accepts_gzip(scope):
            return None
        full, found = await asyncio.to_thread(self.lookup_path, path + ".gz")
        if found is None or not stat.S_ISREG(found.st_mode):
            return None
        media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return FileResponse(
            full,
            stat_result=found,
            media_type=media_type,
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )


def graphql_page() -> HTMLResponse:
    """What a person who opens /graphql in a browser sees (GraphiQL is for development)."""
    return HTMLResponse(GRAPHQL_PAGE, headers=security_headers())


def wants_page(scope: Scope) -> bool:
    """A browser navigating to /graphql: GET, HTML accepted, no query to run."""
    if scope.get("method") != "GET":
        return False
    headers = dict(scope.get("headers") or [])
    accept = headers.get(b"accept", b"").decode("latin-1").lower()
    query = scope.get("query_string", b"")
    return "text/html" in accept and b"query=" not in query


def console_routes(dist: Path | None = None) -> list[BaseRoute]:
    """The page paths (index.html) and ``/assets`` (the build's hashed files)."""
    dist = dist or console_dir()
    index = dist / "index.html"

    async def page(request: Request) -> Response:
        if not index.is_file():
            return HTMLResponse(
                NOT_BUILT.replace("{dist}", str(dist)), status_code=503, headers=security_headers()
            )
        headers = {"Cache-Control": "no-cache", **security_headers()}
        return FileResponse(index, media_type="text/html; charset=utf-8", headers=headers)

    routes: list[BaseRoute] = [Route(path, page, methods=["GET", "HEAD"]) for path in PAGES]
    assets = dist / "assets"
    static = ImmutableStatic(directory=assets, check_dir=False)
    routes.append(Mount("/assets", app=GZipMiddleware(static, minimum_size=512)))
    return routes
