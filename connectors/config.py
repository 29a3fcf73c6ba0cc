"""A connector's configuration: where to pull from, how to page, how to know the platform
failed or ended, how to map.

Read from TOML or JSON (``connectors/config/*.toml`` or any path). Every problem is a
``ConfigError`` naming the file and the key, so an operator can fix it in one go; the
command line prints it as one line and exits 2.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput

__all__ = ["ConfigError", "ConnectorConfig", "Limits", "Source", "from_dict", "load"]

KINDS = ("patents", "inventory", "evaluations", "transactions", "enterprises", "experts")
SOURCES = ("rest", "graphql", "filedrop")
PAGINGS = ("page", "cursor")
ENDS = ("empty", "total", "next")  # how the end of a feed is known
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
PROVINCE = re.compile(r"^\d{2}$")
HERE = Path(__file__).resolve().parent / "config"


class ConfigError(InvalidInput, ValueError):
    """A connector configuration that cannot be used; ``name`` is the connector's name when
    the file got far enough to give one (its checkpoint then records the error)."""

    def __init__(self, message: str, name: str | None = None) -> None:
        super().__init__(message)
        self.name = name


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
    next: str = "next"  # dotted path to the next cursor (cursor paging) or a has-more flag
    end: str = ""  # empty | total | next: what ends the feed (REST: required)
    total: str = ""  # dotted path to the platform's record count (end = "total")
    success: str = ""  # dotted path to the answer's status code ("" = no test)
    success_values: tuple[Any, ...] = ()  # the codes that mean success
    message: str = ""  # dotted path to the platform's error text, quoted in lastError
    item: str = ""  # dotted path inside each list entry to the record (null: skipped)
    distinct: str = ""  # dotted path of a record key: the last record per key is kept
    query: str = ""  # GraphQL document taking $first and $after
    connection: str = ""  # dotted path under ``data`` to the connection
    headers: dict[str, str] = field(default_factory=dict)
    timeout: float = 30.0


@dataclass(frozen=True)
class Limits:
    """What one run may do before it stops as FAILED (the next run goes on from there)."""

    pages: int = 10_000
    records: int = 1_000_000
    seconds: float = 3_600.0


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
    limits: Limits = field(default_factory=Limits)
    batch: int = 10_000  # records written per transaction at most (whole pages)
    account: str | None = None  # the OAuth client it writes as (connectors/account.py)
    principal: tuple[str, str | None] | None = None  # or a configured (role, scope)


# The type each [source] key must have (TOML and JSON both give these).
_STR = (str,)
_TYPES: dict[str, tuple[type, ...]] = {
    "page_size": (int,),
    "timeout": (int, float),
    "headers": (dict,),
    "success_values": (list,),
}


def _get(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = data.get(key)
    if value is None:
        raise ConfigError(f"{where}: {key} is required")
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ConfigError(f"{where}: {key} has the wrong type ({type(value).__name__})")
    return value


def _source(src: dict[str, Any], where: str) -> Source:
    stype = _get(src, "type", str, where)
    if stype not in SOURCES:
        raise ConfigError(f"{where}: type {stype!r} is not one of {', '.join(SOURCES)}")
    known = {f.name for f in fields(Source)}
    unknown = set(src) - known
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    for key, value in src.items():
        if key in ("type", "folder"):
            continue
        _get(src, key, _TYPES.get(key, _STR), where)
        if key == "headers" and not all(isinstance(v, str) for v in value.values()):
            raise ConfigError(f'{where}: headers are Name = "value" (or "env:VARIABLE")')
    args = dict(src)
    if stype == "filedrop":
        args["folder"] = Path(_get(src, "folder", str, where))
        return Source(**args)
    url = _get(src, "url", str, where)
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: url {url!r} must be http:// or https://")
    if args.get("paging", "page") not in PAGINGS:
        raise ConfigError(f"{where}: paging must be one of {', '.join(PAGINGS)}")
    size = args.get("page_size", 100)
    if not 1 <= size <= 10_000:
        raise ConfigError(f"{where}: page_size must be an integer from 1 to 10000")
    if not 0 < float(args.get("timeout", 30.0)) <= 600:
        raise ConfigError(f"{where}: timeout must be from 0 to 600 seconds")
    if stype == "graphql":
        for key in ("query", "connection"):
            if not src.get(key):
                raise ConfigError(f"{where}: {key} is required for a GraphQL source")
        if args.setdefault("end", "next") != "next":
            raise ConfigError(f'{where}: a GraphQL source ends by pageInfo: end = "next"')
    else:
        end = args.get("end")
        if end not in ENDS:
            raise ConfigError(
                f"{where}: end is required, one of {', '.join(ENDS)} "
                "(an empty page, the total reached, no next cursor)"
            )
        if end == "total" and not args.get("total"):
            raise ConfigError(f'{where}: end = "total" needs total = "<path to the count>"')
    if bool(args.get("success")) != bool(args.get("success_values")):
        raise ConfigError(f"{where}: success and success_values go together")
    args["success_values"] = tuple(args.get("success_values", ()))
    return Source(**args)


def _limits(data: Any, where: str) -> Limits:
    if data is None:
        return Limits()
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a table of pages, records, seconds")
    unknown = set(data) - {"pages", "records", "seconds"}
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    for key in data:
        value = _get(data, key, (int, float) if key == "seconds" else int, where)
        if value <= 0:
            raise ConfigError(f"{where}: {key} must be positive")
    return Limits(**data)


def from_dict(data: dict[str, Any], where: str = "connector config") -> ConnectorConfig:
    """Check and build a configuration; ``where`` names it in error messages."""
    name = _get(data, "name", str, where)
    if not NAME.match(name):
        raise ConfigError(f"{where}: name {name!r} must be letters, digits, '.', '_' or '-'")
    try:
        return _build(data, name, where)
    except ConfigError as exc:
        raise ConfigError(str(exc), name) from None


def _build(data: dict[str, Any], name: str, where: str) -> ConnectorConfig:
    province = str(_get(data, "province", (str, int), where))
    if not PROVINCE.match(province):
        raise ConfigError(f"{where}: province {province!r} is not a 2-digit GB/T 2260 code")
    kind = _get(data, "kind", str, where)
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    source = _source(_get(data, "source", dict, where), f"{where} [source]")
    mapping = data.get("mapping") or {}
    if not isinstance(mapping, dict):
        raise ConfigError(f'{where} [mapping]: a table of field = "标准表头"')
    if source.type != "filedrop" and not mapping:
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
    if not isinstance(values, dict):
        raise ConfigError(f'{where} [values]: tables of value = "标准值"')
    for header, table in values.items():
        if not isinstance(table, dict):
            raise ConfigError(f'{where} [values.{header}]: a table of value = "标准值"')
    constants = data.get("constants") or {}
    if not isinstance(constants, dict):
        raise ConfigError(f'{where} [constants]: a table of "标准表头" = value')
    institution = data.get("institution")
    if institution is not None and not isinstance(institution, str):
        raise ConfigError(f"{where}: institution must be a string (an id or a name)")
    batch = data.get("batch", 10_000)
    if not isinstance(batch, int) or isinstance(batch, bool) or not 1 <= batch <= 50_000:
        raise ConfigError(f"{where}: batch must be an integer from 1 to 50000")
    return ConnectorConfig(
        name=name,
        province=province,
        kind=kind,
        source=source,
        mapping=dict(mapping),
        values={h: {str(k): str(v) for k, v in t.items()} for h, t in values.items()},
        constants=dict(constants),
        institution=institution,
        limits=_limits(data.get("limits"), f"{where} [limits]"),
        batch=batch,
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
