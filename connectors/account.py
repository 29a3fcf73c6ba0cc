"""Who a connector writes as, and the audit entry of each run.

A connector runs as an account: an OAuth client of the hub (``account = "ph_…"``), or a
principal given in the config (``[principal] role = …, scope = …``), checked with the same
write rules (``graph.writes``). Without either, the config's ``province`` is the scope of a
PROVINCE principal. A PROVINCE account's scope must be the config's ``province``: the
province is that account's scope, never a label.
"""

from __future__ import annotations

from typing import Any

from connectors.config import ConfigError, ConnectorConfig
from graph import audit
from graph.db import Graph
from graph.vocab import Role
from graph.writes import Account, UnknownAccount, WriteForbidden, check_kind, from_client

__all__ = ["account_of", "record_run"]


def account_of(graph: Graph, config: ConnectorConfig) -> Account:
    """The account ``config`` writes as; ``ConfigError`` when it is unknown, does not fit
    the province, or may not write the config's kind."""
    where = f"connector {config.name}"
    if config.account is not None:
        try:
            account = from_client(graph, config.account)
        except UnknownAccount as exc:
            raise ConfigError(f"{where}: {exc}", config.name) from None
    elif config.principal is not None:
        role, scope = config.principal
        account = Account(Role(role), scope, f"connector:{config.name}")
    else:
        account = Account(Role.PROVINCE, config.province, f"connector:{config.name}")
    if account.role is Role.PROVINCE and account.scope != config.province:
        raise ConfigError(
            f"{where}: province {config.province} is not the scope of its account "
            f"({account.describe()})",
            config.name,
        )
    try:
        check_kind(account, config.kind)
    except WriteForbidden as exc:
        raise ConfigError(f"{where}: {exc}", config.name) from None
    return account


def record_run(
    graph: Graph,
    config: ConnectorConfig,
    account: Account,
    counts: dict[str, Any],
    problems: list[str],
    error: str | None = None,
) -> None:
    """One audit entry per run: who, which config, what it counted, its problems."""
    args: dict[str, Any] = {
        "config": config.name,
        "kind": config.kind,
        "source": config.source.type,
        "counts": counts,
        "problems": problems[:100],
        "problemCount": len(problems),
    }
    if error is not None:
        args["error"] = error
    audit.record_alone(graph, audit.params(account, "connectorRun", config.name, args))
