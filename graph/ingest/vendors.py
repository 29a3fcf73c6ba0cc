"""Base-library files as patent databases export them (CNIPA, incoPat, PatSnap, Innojoy,
HimmPat): the layout is recognised from the headers, or named with ``--profile``, and each
row is translated into the standard columns of ``docs/formats.md`` §1 before the usual checks.

A profile is data (``graph/ingest/profiles/NAME.toml``): which of the export's headers feed
each standard column (in order of preference), the headers that identify the export, and
the export's wording of patent types and legal states (``common.toml`` holds what all share).
A file that fits several profiles is refused with a request for ``--profile``: a column is
never read in a meaning the profile did not give it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from openpyxl.utils import get_column_letter

from graph.ingest import patents
from graph.ingest.cells import FIRST_SHEET
from graph.ingest.limits import LIMITS, Limits
from graph.ingest.readers import Source, UnreadableFile, read_table
from graph.ingest.table import Problem, Row, Table, canon

# The standard columns a profile may fill (docs/formats.md §1).
APP_NO, TITLE, TYPE, LEGAL = "申请号", "专利名称", "专利类型", "法律状态"
OWNERS, INVENTORS, IPC_MAIN, IPC_ALL = "专利权人", "发明人", "IPC主分类号", "IPC分类号"
MULTI = (OWNERS, INVENTORS, IPC_ALL)
# Columns a profile may leave without a header: derived from the application number (type)
# or from the first IPC code (main class).
DERIVED = (TYPE, IPC_MAIN)

_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]", "【": "[", "】": "]"})
_SPACE = re.compile(r"\s+")


def norm(header: Any) -> str:
    """A header as profiles name it: full-width brackets as ASCII, no spaces."""
    return _SPACE.sub("", canon(header).translate(_FULL_WIDTH))


@dataclass(frozen=True)
class Profile:
    name: str
    label: str
    signature: tuple[tuple[str, ...], ...]
    columns: dict[str, tuple[str, ...]]
    separators: tuple[str, ...]
    types: dict[str, str]
    legal: dict[str, str]

    def fits(self, headers: set[str]) -> bool:
        return all(any(h in headers for h in group) for group in self.signature)


@cache
def profiles() -> dict[str, Profile]:
    """The profiles shipped in ``graph/ingest/profiles`` (read once)."""
    folder = resources.files("graph.ingest").joinpath("profiles")
    common = tomllib.loads(folder.joinpath("common.toml").read_text(encoding="utf-8"))
    out: dict[str, Profile] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml") or entry.name == "common.toml":
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        out[data["name"]] = Profile(
            name=data["name"],
            label=data["label"],
            signature=tuple(tuple(norm(h) for h in group) for group in data["signature"]),
            columns={k: tuple(norm(h) for h in v) for k, v in data["columns"].items()},
            separators=tuple(data.get("separators", common["separators"])),
            types={norm(k): v for k, v in (common["types"] | data.get("types", {})).items()},
            legal={norm(k): v for k, v in (common["legal"] | data.get("legal", {})).items()},
        )
    return out


def _known() -> set[str]:
    names = {norm(c) for c in patents.REQUIRED}
    for p in profiles().values():
        for variants in p.columns.values():
            names.update(variants)
    return names


def header_row(rows: list[list[Any]]) -> int | None:
    """The row (1-based) holding the header among the first rows of a sheet: exports put a
    title, the search query or the export date above it. The first row naming an
    application number and two more known columns; None keeps row 1."""
    known = _known()
    for number, values in enumerate(rows, start=1):
        cells = {norm(v) for v in values if v is not None and str(v).strip()}
        if cells & {"申请号", "申请号码"} and len(cells & known) >= 3:
            return number
    return None


@dataclass
class Opened:
    """A base-library file opened for import, and how it was read (for the report)."""

    table: Table
    profile: Profile | None = None
    notes: list[str] = field(default_factory=list)


def read_patents(
    source: Source,
    *,
    name: str | None = None,
    fmt: str | None = None,
    profile: str | None = None,
    limits: Limits = LIMITS,
) -> Opened:
    """The rows of a base-library file in the standard columns, whatever database exported
    it. Raises ``UnreadableFile`` when the layout is unknown or fits several profiles."""
    found: dict[str, int] = {}

    def search(rows: list[list[Any]]) -> int | None:
        h = header_row(rows)
        if h is not None:
            found["row"] = h
        return h

    table = read_table(source, FIRST_SHEET, name=name, fmt=fmt, limits=limits, header_search=search)
    if not table.fixed_header:
        if profile is not None:
            raise UnreadableFile(f"{table.sheet}：数据库导出格式只读取 XLSX 和 CSV，不读取 JSONL")
        return Opened(table)
    headers = {norm(c): c for c in table.columns}
    notes = [f"表头在第 {found['row']} 行"] if found.get("row", 1) > 1 else []
    standard = sum(norm(c) in headers for c in patents.REQUIRED)
    if profile is None and standard == len(patents.REQUIRED):
        return Opened(table, None, notes)
    if (
        profile is None
        and standard >= 3
        and not any(p.fits(set(headers)) for p in profiles().values())
    ):
        return Opened(table, None, notes)  # the standard format lacking columns: say which
    chosen = _choose(table, set(headers), profile)
    notes.insert(0, f"按 {chosen.label} 的导出格式读取（格式 {chosen.name}）")
    return Opened(translate(table, chosen, headers), chosen, notes)


def _choose(table: Table, headers: set[str], name: str | None) -> Profile:
    known = profiles()
    if name is not None:
        if name not in known:
            raise UnreadableFile(f"未知的导出格式“{name}”，应为以下之一：{', '.join(known)}")
        return known[name]
    fits = [p for p in known.values() if p.fits(headers)]
    if len(fits) == 1:
        return fits[0]
    names = ", ".join(known)
    if fits:
        which = "; ".join(f"{p.name} ({p.label})" for p in fits)
        raise UnreadableFile(
            f"{table.sheet}：表头符合多种数据库导出格式：{which}。请用 --profile NAME 指定"
            f"（{names} 之一）；平台不会按猜测的含义读取一列"
        )
    shown = "、".join(list(table.columns)[:12])
    raise UnreadableFile(
        f"{table.sheet}：第 {table.header_row} 行的表头（{shown}）既不是标准格式的列"
        f"（申请号、专利名称……，见 docs/formats.md §1），也不是已知的数据库导出格式："
        f"请用 --profile NAME 指定（{names} 之一）"
    )


def translate(table: Table, profile: Profile, headers: dict[str, str] | None = None) -> Table:
    """``table`` with the standard columns filled from the profile's headers."""
    headers = headers if headers is not None else {norm(c): c for c in table.columns}
    sources: dict[str, list[str]] = {
        std: [headers[h] for h in variants if h in headers]
        for std, variants in profile.columns.items()
    }
    position = {c: i for i, c in enumerate(table.columns)}
    letters: dict[str, str] = {}
    for std, cols in sources.items():
        if cols:
            first = cols[0]
            letter = table.letters.get(first) or get_column_letter(position[first] + 1)
            letters[std] = f"{letter} {first} →"
    missing = [
        std
        for std in patents.REQUIRED
        if not sources.get(std)
        and not (std == TYPE and sources.get(APP_NO))
        and not (std == IPC_MAIN and sources.get(IPC_ALL))
    ]
    if missing:
        for std in missing:
            wanted = " / ".join(profile.columns.get(std, ())) or "（该格式未指定）"
            table.problems.append(
                Problem(
                    table.sheet,
                    table.header_row,
                    std,
                    f"缺少“{std}”列：格式 {profile.name} 从以下列读取：{wanted}",
                    code="MISSING_COLUMN",
                )
            )
        return Table(
            table.sheet, table.header_row, list(patents.REQUIRED), {}, iter(()), 0, table.problems
        )
    columns = [std for std in profile.columns if sources[std]] + [
        std for std in DERIVED if not sources.get(std)
    ]
    return Table(
        table.sheet,
        table.header_row,
        columns,
        letters,
        _rows(table.rows, profile, sources, letters),
        table.size_hint,
        table.problems,
    )


def _rows(
    rows: Iterator[Row], profile: Profile, sources: dict[str, list[str]], letters: dict[str, str]
) -> Iterator[Row]:
    for row in rows:
        cells: dict[str, Any] = {}
        for std, cols in sources.items():
            value = next((row.values[c] for c in cols if row.values.get(c) is not None), None)
            if value is not None:
                cells[std] = value
        if cells:  # a row filling only columns the profile does not read (序号, a total) is none
            yield Row(row.sheet, row.number, normalise(cells, profile), letters)


_VERSION = re.compile(r"\s*\(\d{4}\.\d{2}\)\s*[A-Z]?$")  # H01M4/58(2010.01)I
_PREFIX = re.compile(r"^(CN|ZL)\s*", re.IGNORECASE)


def split(value: Any, separators: tuple[str, ...]) -> list[str]:
    """The values of a multi-valued cell, split on every separator of the profile."""
    parts = [str(value)]
    for sep in separators:
        parts = [piece for part in parts for piece in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]


def patent_type(app_no: str) -> str | None:
    """The type a CNIPA application number encodes: the digit after the year (12-digit
    numbers) or after the two-digit year (8-digit numbers): 1 and 8 invention, 2 and 9
    utility model, 3 design."""
    digits = re.sub(r"\D", "", _PREFIX.sub("", app_no.strip()).split(".")[0])
    kind = digits[4:5] if len(digits) >= 12 else digits[2:3]
    return {"1": "发明", "8": "发明", "2": "实用新型", "9": "实用新型", "3": "外观设计"}.get(kind)


def normalise(cells: dict[str, Any], profile: Profile) -> dict[str, Any]:
    """One row's standard cells with the export's wording turned into ours."""
    out = dict(cells)
    for std in MULTI:
        if std in out:
            parts = split(out[std], profile.separators)
            if std == IPC_ALL:
                parts = [_VERSION.sub("", p) for p in parts]
            out[std] = "；".join(parts)
    if IPC_MAIN in out:
        first = split(out[IPC_MAIN], profile.separators)
        out[IPC_MAIN] = _VERSION.sub("", first[0]) if first else None
    elif out.get(IPC_ALL):
        out[IPC_MAIN] = str(out[IPC_ALL]).split("；")[0]
    if TYPE in out:
        key = norm(out[TYPE])
        out[TYPE] = profile.types.get(key, out[TYPE])
    elif isinstance(out.get(APP_NO), str | int):
        derived = patent_type(str(out[APP_NO]))
        if derived:
            out[TYPE] = derived
    if LEGAL in out:
        states = split(out[LEGAL], profile.separators)
        mapped = next((profile.legal[norm(s)] for s in states if norm(s) in profile.legal), None)
        out[LEGAL] = mapped or (states[0] if states else None)
    return {k: v for k, v in out.items() if v is not None}
