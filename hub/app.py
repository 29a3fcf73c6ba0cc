"""The hub's ASGI application: GraphQL, health, metrics, the OAuth token endpoint
and the console's login, logout and session.

``create_app()`` is a factory (``uvicorn --factory hub.app:create_app``) so that each
worker process opens its own Neo4j driver in the lifespan. If Neo4j is down the
process still starts — ``/healthz`` says the process is up, ``/readyz`` answers 503
until the database answers — so an orchestrator can hold traffic back instead of
restarting the hub in a loop; ``patent-hub serve`` refuses to start instead.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from strawberry.schema.base import BaseSchema

from graph.config import Neo4jSettings, neo4j_settings
from graph.db import AsyncGraph, GraphUnavailable, async_driver, connect_async
from hub.auth.account_state import AccountStates
from hub.auth.keys import public_jwks
from hub.auth.login import Logins
from hub.auth.oauth import Guards, token_endpoint
from hub.auth.session import SessionRenewalMiddleware
from hub.auth.settings import (
    AuthSettings,
    SessionSettings,
    auth_settings,
    dev_mode,
    session_settings,
)
from hub.auth.sso import SingleSignOn, SsoSettings, sso_settings
from hub.auth.tokens import TokenVerifier
from hub.console import console_routes
from hub.export.endpoint import Exports
from hub.extensions import default_extensions
from hub.graphql_http import HubGraphQL
from hub.imports.limit import BodyLimit
from hub.imports.routes import report as import_report
from hub.imports.runner import Runner
from hub.imports.settings import upload_settings
from hub.observability import RequestContextMiddleware, metrics_payload
from hub.schema import build_schema

log = logging.getLogger("hub.app")

READY_TIMEOUT_SECONDS = 3.0


def default_schema() -> BaseSchema:
    """The hub's schema as served: every query and mutation group, the default extensions."""
    return build_schema(extensions=default_extensions())


async def open_graph(settings: Neo4jSettings) -> AsyncGraph:
    """One driver per process; a database that is down is reported in one line,
    and the driver kept, so the hub becomes ready as soon as Neo4j answers."""
    try:
        driver = await connect_async(settings)
        log.info("connected to Neo4j at %s", settings.uri)
    except GraphUnavailable as exc:
        log.error("%s; /readyz answers 503 until it is reachable", exc)
        driver = async_driver(settings)
    return AsyncGraph(driver, settings.database)


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    graph: AsyncGraph = request.app.state.graph
    try:
        await asyncio.wait_for(graph.read("RETURN 1 AS ok"), READY_TIMEOUT_SECONDS)
    except Exception as exc:
        return JSONResponse(
            {"status": "unavailable", "reason": f"Neo4j does not answer ({type(exc).__name__})"},
            status_code=503,
        )
    return JSONResponse({"status": "ready"})


async def metrics(request: Request) -> Response:
    body, content_type = metrics_payload()
    return Response(body, media_type=content_type)


def create_app(
    schema: BaseSchema | None = None,
    *,
    neo4j: Neo4jSettings | None = None,
    auth: AuthSettings | None = None,
    session: SessionSettings | None = None,
    sso: SsoSettings | None = None,
    graphiql: bool | None = None,
) -> Starlette:
    """The hub. Every argument defaults to the environment (see docs/http.md)."""
    auth = auth or auth_settings()
    session = session or session_settings()
    sso = sso or sso_settings()
    neo4j = neo4j or neo4j_settings()
    schema = schema or default_schema()
    graphiql = dev_mode() if graphiql is None else graphiql
    verifier = TokenVerifier(auth)
    guards = Guards()
    graphql = HubGraphQL(schema, verifier, graphiql=graphiql)
    logins = Logins(auth, session, verifier)

    uploads = upload_settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.graph = await open_graph(neo4j)
        app.state.imports = Runner(app.state.graph, uploads)
        app.state.imports.start()
        try:
            yield
        finally:
            await app.state.imports.close()
            await app.state.graph.close()

    async def jwks(request: Request) -> Response:
        return JSONResponse(public_jwks(auth.key_dir), headers={"Cache-Control": "max-age=300"})

    async def oauth_metadata(request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        body: dict[str, Any] = {
            "issuer": auth.issuer,
            "token_endpoint": f"{base}/oauth/token",
            "jwks_uri": f"{base}/.well-known/jwks.json",
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }
        return JSONResponse(body)

    async def oauth_token(request: Request) -> Response:
        return await token_endpoint(request, request.app.state.graph, auth, guards)

    routes: list[BaseRoute] = [
        Route("/graphql", graphql),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/.well-known/jwks.json", jwks, methods=["GET"]),
        Route("/.well-known/oauth-authorization-server", oauth_metadata, methods=["GET"]),
        Route("/oauth/token", oauth_token, methods=["POST"]),
        Route("/login", logins.page, methods=["GET"]),
        Route("/login", logins.login, methods=["POST"]),
        Route("/logout", logins.logout, methods=["POST"]),
        Route("/session", logins.current, methods=["GET"]),
        Route("/export", Exports(schema, verifier).handle, methods=["GET", "POST"]),
        Route("/imports/{id}/report", import_report, methods=["GET"]),
    ]
    if sso is not None:
        routes.append(SingleSignOn(sso, logins, session).mount(auth))
    routes += console_routes()  # the console's pages and assets, last
    middleware = [
        Middleware(RequestContextMiddleware),
        Middleware(BodyLimit, max_bytes=uploads.max_bytes),
        Middleware(SessionRenewalMiddleware, session=session),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
    app.state.auth = auth
    app.state.session = session
    app.state.account_states = AccountStates(session.state_cache_seconds)
    app.state.logins = logins
    app.state.verifier = verifier
    app.state.schema = schema
    return app


# Young collections every 10,000 allocations rather than Python's 700: a request of the
# largest size the limits admit allocates hundreds of thousands of objects.
GC_YOUNG_THRESHOLD = 10_000


def served_app() -> Starlette:
    """The app as ``patent-hub serve`` runs it, with the garbage collector set for latency.

    A full collection scans every tracked object and holds the event loop meanwhile:
    163 ms on the hub at rest after the largest admitted documents. What exists once the
    app is built (modules, the schema) lives as long as the process, so it is frozen out
    of the scans (``gc.freeze``), and young collections run less often."""
    app = create_app()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    return app
