"""Connections to Neo4j, used the way a cluster needs them.

Reads go through read transactions and writes through write transactions, so that a
``neo4j://`` routing driver sends each to the right member. Every session of a handle
shares one bookmark manager: a read that follows a write, on any session or connection
of the handle, waits until the member serving it has that write (read-your-writes on a
cluster, where reads go to followers; docs/scaling.md). Connection problems become one
``GraphUnavailable`` with a message a person can act on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, LiteralString, cast

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    AsyncSession,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    NotificationMinimumSeverity,
    Session,
)
from neo4j.api import AsyncBookmarkManager, BookmarkManager
from neo4j.exceptions import (
    AuthError,
    ConnectionAcquisitionTimeoutError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.time import Date, DateTime, Duration, Time

from graph.errors import Unavailable

try:  # the driver's own record exporter, for the rare graph values below
    from neo4j._data import RecordExporter
except ImportError:  # pragma: no cover - a driver that moved it
    RecordExporter = None  # type: ignore[assignment,misc]

from graph.config import Neo4jSettings, neo4j_settings

__all__ = [
    "UNAVAILABLE",
    "AsyncGraph",
    "Graph",
    "GraphUnavailable",
    "async_driver",
    "connect_async",
]

Params = dict[str, Any]


def driver_options() -> dict[str, Any]:
    """The driver's notification filter. The server stays quiet about labels,
    relationship types and properties a query names that the graph does not hold
    (yet): in a young or partly loaded graph those are expected, and the driver
    would log hundreds of multi-line warnings. Warnings and above of every other
    kind (deprecations, performance, security, ...) still arrive and go to the
    ``neo4j.notifications`` logger. ``PATENT_HUB_NEO4J_NOTIFICATIONS=all`` turns
    the filter off."""
    if os.environ.get("PATENT_HUB_NEO4J_NOTIFICATIONS", "").strip().lower() == "all":
        return {}
    return {
        "notifications_min_severity": NotificationMinimumSeverity.WARNING,
        "notifications_disabled_classifications": [NotificationDisabledClassification.UNRECOGNIZED],
    }


def driver(settings: Neo4jSettings) -> Driver:
    return GraphDatabase.driver(
        settings.uri, auth=(settings.user, settings.password), **driver_options()
    )


class GraphUnavailable(Unavailable, RuntimeError):
    """Neo4j cannot be reached or refuses the credentials."""


# What the driver raises when the database is away (or no connection came in time).
UNAVAILABLE: tuple[type[Exception], ...] = (
    ServiceUnavailable,
    SessionExpired,
    ConnectionAcquisitionTimeoutError,
    GraphUnavailable,
)


def explain(exc: Exception, settings: Neo4jSettings) -> GraphUnavailable:
    if isinstance(exc, AuthError):
        return GraphUnavailable(
            f"Neo4j at {settings.uri} refused the credentials of user {settings.user!r} "
            "(check NEO4J_USER / NEO4J_PASSWORD)"
        )
    return GraphUnavailable(
        f"Neo4j at {settings.uri} is not reachable ({type(exc).__name__}); "
        "start it with `patent-hub neo4j start` or point NEO4J_URI at a running server"
    )


class Graph:
    """A synchronous handle on the hub's database, for the CLI and imports."""

    def __init__(self, settings: Neo4jSettings | None = None) -> None:
        self.settings = settings or neo4j_settings()
        self.driver: Driver = driver(self.settings)
        try:
            self.driver.verify_connectivity()
        except (AuthError, ServiceUnavailable, OSError) as exc:
            self.driver.close()
            raise explain(exc, self.settings) from None
        self.bookmarks: BookmarkManager = GraphDatabase.bookmark_manager()

    def session(self) -> Session:
        """A session on the hub's database that reads after every write of this handle."""
        return self.driver.session(database=self.settings.database, bookmark_manager=self.bookmarks)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        with self.session() as session:
            return session.execute_read(_fetch(query, params))

    def write(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        with self.session() as session:
            return session.execute_write(_fetch(query, params))

    @contextmanager
    def transaction(self) -> Iterator[ManagedTransaction]:
        """One explicit write transaction: all of it commits, or none of it."""
        with self.session() as session:
            tx = session.begin_transaction()
            try:
                yield tx  # type: ignore[misc]
                tx.commit()
            except BaseException:
                tx.rollback()
                raise
            finally:
                tx.close()


@dataclass(frozen=True)
class FailFast:
    """How long the hub waits for Neo4j before a request fails with SERVICE_UNAVAILABLE
    (seconds; ``PATENT_HUB_NEO4J_CONNECT_TIMEOUT``, ``PATENT_HUB_NEO4J_ACQUIRE_TIMEOUT``,
    ``PATENT_HUB_NEO4J_RETRY_SECONDS``). The driver's defaults (30 s to connect, 60 s to
    get a connection, 30 s of retries) keep a request hanging for a minute when the
    database is down; the hub answers within about two seconds instead, and the driver
    reconnects by itself once Neo4j is back."""

    connect: float = 1.0
    acquire: float = 2.0
    retry: float = 0.5

    @classmethod
    def from_env(cls) -> FailFast:
        env = os.environ
        base = cls()
        return cls(
            connect=float(env.get("PATENT_HUB_NEO4J_CONNECT_TIMEOUT") or base.connect),
            acquire=float(env.get("PATENT_HUB_NEO4J_ACQUIRE_TIMEOUT") or base.acquire),
            retry=float(env.get("PATENT_HUB_NEO4J_RETRY_SECONDS") or base.retry),
        )


def async_driver(settings: Neo4jSettings, fail_fast: FailFast | None = None) -> AsyncDriver:
    """The hub's driver: bounded connection, acquisition and retry times."""
    bounds = fail_fast or FailFast.from_env()
    return AsyncGraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        connection_timeout=bounds.connect,
        connection_acquisition_timeout=bounds.acquire,
        max_transaction_retry_time=bounds.retry,
        **driver_options(),
    )


async def connect_async(settings: Neo4jSettings | None = None) -> AsyncDriver:
    settings = settings or neo4j_settings()
    handle = async_driver(settings)
    try:
        await handle.verify_connectivity()
    except (AuthError, ServiceUnavailable, OSError) as exc:
        await handle.close()
        raise explain(exc, settings) from None
    return handle


# Values ``Record.data()`` hands through unchanged.
_PLAIN: frozenset[type] = frozenset(
    {str, int, float, bool, type(None), bytes, Date, DateTime, Time, Duration}
)


def _plain(value: Any) -> Any:
    """``value`` as ``Record.data()`` gives it, without its per-value ``isinstance``
    checks against abstract classes: maps and lists of scalars (what the hub's
    statements return) take the exact-type fast path; nodes, relationships, paths and
    anything else go to the driver's own exporter."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if kind is list:
        # A list of scalars is kept as it came; a plain loop, not all() over a generator,
        # which costs a frame switch per item (a record of 3,000 lists checks them all).
        for v in value:
            if type(v) not in _PLAIN:
                return [_plain(v) for v in value]
        return value
    if RecordExporter is None:  # pragma: no cover
        raise TypeError(f"cannot export {kind.__name__} values")
    return RecordExporter().transform(value)


def _row(keys: list[str], values: Any) -> dict[str, Any]:
    return {k: _plain(v) for k, v in zip(keys, values, strict=True)}


def _fetch(
    query: str, params: Params | None
) -> Callable[[ManagedTransaction], list[dict[str, Any]]]:
    """The transaction function of ``Graph.read`` and ``Graph.write``: every row, its
    values as ``_row`` exports them."""

    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        result = tx.run(cast(LiteralString, query), params or {})
        keys = list(result.keys())
        return [_row(keys, r) for r in result]

    return work


class AsyncGraph:
    """The async handle the GraphQL hub uses: one driver per process.

    ``round_trips`` counts statements sent, so tests can catch N+1 query patterns.
    """

    def __init__(
        self, driver: AsyncDriver, database: str, bookmarks: AsyncBookmarkManager | None = None
    ) -> None:
        self.driver = driver
        self.database = database
        self.round_trips = 0
        # One manager per process: a hub replica reads its own writes; another replica
        # can be given the bookmarks (``bookmarks``) to wait for them.
        self.bookmarks = bookmarks or AsyncGraphDatabase.bookmark_manager()

    def session(self) -> AsyncSession:
        """A session that sees every write this handle committed before it."""
        return self.driver.session(database=self.database, bookmark_manager=self.bookmarks)

    @classmethod
    async def open(cls, settings: Neo4jSettings | None = None) -> AsyncGraph:
        settings = settings or neo4j_settings()
        return cls(await connect_async(settings), settings.database)

    async def close(self) -> None:
        await self.driver.close()

    async def read(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Rows as ``Record.data()`` gives them (nodes become property maps)."""
        self.round_trips += 1

        async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
            result = await tx.run(cast(LiteralString, query), params or {})
            keys = list(result.keys())
            return [_row(keys, r) async for r in result]

        async with self.session() as session:
            return await session.execute_read(work)

    async def write(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        self.round_trips += 1

        async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
            result = await tx.run(cast(LiteralString, query), params or {})
            return [r.data() async for r in result]

        async with self.session() as session:
            return await session.execute_write(work)
