"""A connector's configuration: where to pull from, how to page, how to map.

Read from TOML or JSON (``connectors/config/*.toml`` or any path). Every problem is a
``ConfigError`` naming the file and the key, so an operator can fix it in one go.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("patents", "inventory", "evaluations", "transactions")
SOURCES = ("rest", "graphql", "filedrop")
PAGINGS = ("page", "cursor")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
PROVINCE = re.compile(r"^\d{2}$")
HERE = Path(__file__).resolve().parent / "config"


class ConfigError(ValueError):
    """A connector configuration that cannot be used."""


@dataclass(frozen=True)
class Source:
    type: str
    url: str | None = None
    folder: Path | None = None
    page_size: int = 100
    paging: str = "page"  # REST: ?page=N (from 1) or ?cursor=C
    page_param: str = "page"
    size_param: str = "size"
    cursor_param: str = "cursor"
    records: str = ""  # dotted path to the record list in a REST answer ("" = the answer)
    next: str = "next"  # dotted path to the next cursor in a REST answer (cursor paging)
    query: str = ""  # GraphQL document taking $first and $after
    connection: str = ""  # dotted path under ``data`` to the connection
    headers: dict[str, str] = field(default_factory=dict)
    timeout: float = 30.0


@dataclass(frozen=True)
class ConnectorConfig:
    name: str
    province: str
    kind: str
    source: Source
    mapping: dict[str, str]  # provincial field (dotted path) -> standard-format header
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # header -> value map
    constants: dict[str, Any] = field(default_factory=dict)  # header -> fixed value
    institution: str | None = None  # inventory: the institution the records belong to
    account: str | None = None  # the OAuth client it writes as (connectors/account.py)
    principal: tuple[str, str | None] | None = None  # or a configured (role, scope)


def _get(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = data.get(key)
    if value is None:
        raise ConfigError(f"{where}: {key} is required")
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: {key} has the wrong type ({type(value).__name__})")
    return value


def from_dict(data: dict[str, Any], where: str = "connector config") -> ConnectorConfig:
    """Check and build a configuration; ``where`` names it in error messages."""
    name = _get(data, "name", str, where)
    if not NAME.match(name):
        raise ConfigError(f"{where}: name {name!r} must be letters, digits, '.', '_' or '-'")
    province = str(_get(data, "province", (str, int), where))
    if not PROVINCE.match(province):
        raise ConfigError(f"{where}: province {province!r} is not a 2-digit GB/T 2260 code")
    kind = _get(data, "kind", str, where)
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    src = _get(data, "source", dict, where)
    stype = _get(src, "type", str, f"{where} [source]")
    if stype not in SOURCES:
        raise ConfigError(f"{where} [source]: type {stype!r} is not one of {', '.join(SOURCES)}")
    known = set(Source.__dataclass_fields__)
    unknown = set(src) - known
    if unknown:
        raise ConfigError(f"{where} [source]: unknown keys {sorted(unknown)}")
    args = dict(src)
    if stype == "filedrop":
        args["folder"] = Path(_get(src, "folder", str, f"{where} [source]"))
    else:
        url = _get(src, "url", str, f"{where} [source]")
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"{where} [source]: url {url!r} must be http:// or https://")
    if stype == "graphql" and not src.get("query"):
        raise ConfigError(f"{where} [source]: query is required for a GraphQL source")
    if stype == "graphql" and not src.get("connection"):
        raise ConfigError(f"{where} [source]: connection (path under data) is required")
    if args.get("paging", "page") not in PAGINGS:
        raise ConfigError(f"{where} [source]: paging must be one of {', '.join(PAGINGS)}")
    size = args.get("page_size", 100)
    if not isinstance(size, int) or not 1 <= size <= 10_000:
        raise ConfigError(f"{where} [source]: page_size must be an integer from 1 to 10000")
    source = Source(**args)
    mapping = data.get("mapping") or {}
    if stype != "filedrop" and not mapping:
        raise ConfigError(f"{where}: [mapping] from provincial fields to headers is required")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
        raise ConfigError(f'{where} [mapping]: every entry is field = "标准表头"')
    account = data.get("account")
    if account is not None and not isinstance(account, str):
        raise ConfigError(f"{where}: account is the client id of an OAuth client (a string)")
    principal = data.get("principal")
    if principal is not None:
        principal = _principal(principal, f"{where} [principal]")
        if account is not None:
            raise ConfigError(f"{where}: give account or [principal], not both")
    values = data.get("values") or {}
    for header, table in values.items():
        if not isinstance(table, dict):
            raise ConfigError(f'{where} [values.{header}]: a table of value = "标准值"')
    return ConnectorConfig(
        name=name,
        province=province,
        kind=kind,
        source=source,
        mapping=dict(mapping),
        values={h: {str(k): str(v) for k, v in t.items()} for h, t in values.items()},
        constants=dict(data.get("constants") or {}),
        institution=data.get("institution"),
        account=account,
        principal=principal,
    )


ROLES = ("NATIONAL", "PROVINCE", "INSTITUTION", "ENTERPRISE")


def _principal(data: Any, where: str) -> tuple[str, str | None]:
    """A configured principal: ``role`` and the ``scope`` that role needs."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a table with role and scope")
    role = str(data.get("role") or "").upper()
    if role not in ROLES:
        raise ConfigError(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
    scope = data.get("scope")
    if role == "NATIONAL":
        if scope is not None:
            raise ConfigError(f"{where}: a NATIONAL principal has no scope")
        return role, None
    if not isinstance(scope, str | int) or not str(scope).strip():
        raise ConfigError(f"{where}: scope is required for a {role} principal")
    return role, str(scope).strip()


def load(path_or_name: str | Path) -> ConnectorConfig:
    """A configuration from a TOML/JSON path, or by name from ``connectors/config/``."""
    path = Path(path_or_name)
    if not path.exists():
        for suffix in (".toml", ".json"):
            candidate = HERE / f"{path_or_name}{suffix}"
            if candidate.exists():
                path = candidate
                break
        else:
            raise ConfigError(f"{path_or_name}: no such file, nor a config in {HERE}")
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not readable as {path.suffix[1:] or 'TOML'} ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a table")
    return from_dict(data, str(path))
