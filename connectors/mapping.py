"""Provincial records to rows of the standard format (``docs/formats.md``).

The mapping names, for each standard header, the provincial field it comes from (a dotted
path into nested JSON). Lists become the format's ``；``-separated multiple values; a value
table turns provincial codes into the format's words; constants fill columns the province
does not send.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connectors.config import ConnectorConfig

__all__ = ["map_record", "pick"]

SEPARATOR = "；"


def pick(record: Any, path: str) -> Any:
    """The value at a dotted path (``owner.name``, ``inventors.0``; ``inventors.name`` over
    a list of objects gives the list of their names); None if absent."""
    value = record
    parts = path.split(".") if path else []
    for n, part in enumerate(parts):
        if isinstance(value, Mapping):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit():
            value = value[int(part)] if int(part) < len(value) else None
        elif isinstance(value, list):
            rest = ".".join(parts[n:])
            return [v for v in (pick(item, rest) for item in value) if v is not None]
        else:
            return None
    return value


def _cell(value: Any, table: Mapping[str, str] | None) -> Any:
    if isinstance(value, list):
        return SEPARATOR.join(str(_cell(v, table)) for v in value if v is not None)
    if table is not None and value is not None:
        return table.get(str(value), value)
    return value


def map_record(record: Mapping[str, Any], config: ConnectorConfig) -> dict[str, Any]:
    """One standard-format row from one provincial record."""
    row: dict[str, Any] = dict(config.constants)
    for field, header in config.mapping.items():
        value = _cell(pick(record, field), config.values.get(header))
        if value is not None and value != "":
            row[header] = value
    return row
