"""The one tree of the project's own exceptions.

Every exception that ``graph``, ``hub`` and ``connectors`` raise on purpose descends from
``PatentHubError``, so a command line or a server can tell "the hub refused or could not
do this, for a reason it states" from a bug with one ``except``. The branches say what the
caller can do about it; the leaves live beside the code that raises them (``graph`` is the
bottom layer, so the root lives here) and keep the built-in base their callers catch
(``ValueError``, ``RuntimeError``, ``PermissionError``, ``LookupError``, Starlette's
``HTTPException``), shown in brackets::

    PatentHubError
    ├── Unavailable             a service the work needs is away: try again later
    │   ├── GraphUnavailable    [RuntimeError]    graph/db.py
    │   ├── ServerError         [RuntimeError]    graph/neo4j_server.py
    │   └── SourceError         [RuntimeError]    connectors/sources.py
    ├── NotPermitted            who asks may not do this
    │   ├── WriteForbidden      [PermissionError] graph/writes.py
    │   ├── UnknownAccount      [LookupError]     graph/writes.py
    │   ├── InvalidToken                          hub/auth/tokens.py
    │   ├── CsrfRefused                           hub/auth/csrf.py
    │   └── Refusal                               hub/auth/login.py
    ├── InvalidInput            data, a request or a setting that cannot be used
    │   ├── ReferenceDataError  [ValueError]      graph/reference.py
    │   ├── UnknownSupervisor   [ValueError]      graph/reference.py
    │   ├── InvalidIpcCode      [ValueError]      graph/industry_mapping.py
    │   ├── UnitError           [ValueError]      graph/units.py
    │   ├── BulkRefused         [ValueError]      graph/bulk/store.py
    │   ├── BulkDataError       [ValueError]      graph/bulk/csvfiles.py
    │   ├── Refused             [ValueError]      graph/ingest/limits.py
    │   ├── BadValue            [ValueError]      graph/ingest/values.py
    │   ├── UnreadableFile      [ValueError]      graph/ingest/readers.py
    │   ├── AccountError        [ValueError]      hub/auth/users.py
    │   ├── ScopeError          [ValueError]      hub/auth/claims.py
    │   ├── BadBasicHeader      [ValueError]      hub/auth/oauth.py
    │   ├── NotAcceptedFile     [ValueError]      hub/imports/sniff.py
    │   ├── BodyTooLarge                          hub/imports/limit.py (no ValueError on purpose)
    │   ├── ExportError                           hub/export/endpoint.py
    │   ├── MethodNotAllowed    [HTTPException]   hub/graphql_http.py
    │   ├── PayloadTooLarge     [HTTPException]   hub/graphql_http.py
    │   ├── ConfigError         [ValueError]      connectors/config.py
    │   └── WebhookError        [ValueError]      connectors/webhooks.py
    ├── ConnectorError          [RuntimeError]    connectors/pull.py: a run stopped
    ├── NoDemoData              [RuntimeError]    hub/demo_people.py
    └── DemoImportError         [RuntimeError]    graph/demo/__init__.py

The GraphQL errors of ``hub/errors.py`` (``HubError`` and its codes) are the API's contract
and a tree of their own: resolvers turn the leaves above into them (``BadUserInput``,
``Forbidden``…), and the error policy of ``hub/extensions.py`` answers
``SERVICE_UNAVAILABLE`` for ``GraphUnavailable`` and the driver's outages. ``patent-hub``
prints any ``PatentHubError`` as one ``error:`` line and exits 2.
"""

from __future__ import annotations

__all__ = ["InvalidInput", "NotPermitted", "PatentHubError", "Unavailable"]


class PatentHubError(Exception):
    """Raised on purpose by the project's own code; anything else is a bug."""


class Unavailable(PatentHubError):
    """A service the work needs is away or will not run; the same call may work later."""


class NotPermitted(PatentHubError):
    """The caller, its account or its credentials may not do this."""


class InvalidInput(PatentHubError):
    """Data, a request or a setting that cannot be used; the message says what, where, why."""
