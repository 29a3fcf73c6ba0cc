"""Fixtures for end-to-end tests over real HTTP (imported by ``tests/conftest.py``).

``hub_server``: the base URL of a uvicorn running ``hub.app.create_app()`` (the real
schema) on the test Neo4j, for the whole session. ``mint_token(role, scope=None,
ttl=3600)``: a token signed with the same key the server trusts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from graph.config import Neo4jSettings

TokenMinter = Callable[..., str]


@pytest.fixture(scope="session")
def hub_server(settings: Neo4jSettings, session_graph: object) -> Iterator[str]:
    from hub.app import create_app
    from hub.serve import running

    with running(create_app(neo4j=settings)) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def mint_token() -> TokenMinter:
    from hub.auth.tokens import issue_dev_token

    def mint(role: str, scope: str | None = None, ttl: int = 3600) -> str:
        return issue_dev_token(role, scope, ttl)

    return mint


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
