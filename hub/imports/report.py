"""The problem report of an upload as an xlsx: the uploaded sheet with a column of reasons
on each faulty row (as the national platform hands them back), and a sheet listing every
problem. Built by the import worker, served by ``GET /imports/{id}/report``."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from graph.ingest.limits import check_xlsx
from graph.ingest.readers import UnreadableFile, decode_bytes
from graph.ingest.table import Problem

__all__ = ["write_report"]

log = logging.getLogger("hub.imports")

REASONS = "问题说明"
SUMMARY = "问题汇总"
FAULTY = PatternFill("solid", fgColor="FFC7CE")


def _reasons(problems: list[Problem]) -> dict[tuple[str, int], list[str]]:
    out: dict[tuple[str, int], list[str]] = defaultdict(list)
    for p in problems:
        out[(p.sheet, p.row)].append(f"{p.column}: {p.reason}" if p.column else p.reason)
    return out


def _summary(wb: Workbook, problems: list[Problem]) -> None:
    ws = wb.create_sheet(SUMMARY)
    ws.append(["工作表", "行", "列", "问题说明", "级别", "问题代码"])
    for p in problems:
        severity = str(getattr(p, "severity", "ERROR"))
        ws.append([p.sheet, p.row, p.column, p.reason, severity, p.code])


def _from_xlsx(path: Path, problems: list[Problem]) -> Workbook:
    check_xlsx(str(path), path.name)  # the archive's directory first: never parse a bomb
    wb = load_workbook(path, data_only=True)
    by_row = _reasons(problems)
    for ws in wb.worksheets:
        rows = {r: texts for (sheet, r), texts in by_row.items() if sheet == ws.title and r > 0}
        if not rows:
            continue
        column = ws.max_column + 1
        ws.cell(row=1, column=column, value=REASONS).font = Font(bold=True, color="9C0006")
        for r, texts in rows.items():
            cell = ws.cell(row=r, column=column, value="；".join(texts))
            cell.fill = FAULTY
    return wb


def _from_text(path: Path, fmt: str, problems: list[Problem]) -> Workbook:
    """A sheet named after the file, one row per line as the importer numbered them."""
    text = decode_bytes(path.read_bytes(), path.name)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = path.name[:31]
    lines: list[tuple[int, list[Any]]] = []
    if fmt == "csv":
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, [])
        line = reader.line_num + 1
        for values in reader:
            lines.append((line, list(values)))
            line = reader.line_num + 1
    else:
        keys: dict[str, None] = {}
        objects: list[tuple[int, dict[str, Any]]] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            try:
                obj = json.loads(raw) if raw.strip() else None
            except ValueError:
                obj = {"(原文)": raw}
            if isinstance(obj, dict):
                keys.update(dict.fromkeys(map(str, obj)))
                objects.append((number, obj))
        header = list(keys)
        lines = [(n, [_cell(o.get(k)) for k in header]) for n, o in objects]
    by_row = {r: t for (_, r), t in _reasons(problems).items() if r > 0}
    ws.append(["行号", *header, REASONS])
    for number, values in lines:
        texts = by_row.get(number)
        ws.append([number, *values, "；".join(texts) if texts else None])
        if texts:
            ws.cell(row=ws.max_row, column=len(header) + 2).fill = FAULTY
    return wb


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_report(path: Path, problems: list[Problem], target: Path) -> bool:
    """Write the report of ``path`` to ``target``; False when the file cannot be read back
    (the problems are still in the job)."""
    fmt = path.suffix.lstrip(".")
    try:
        wb = _from_xlsx(path, problems) if fmt == "xlsx" else _from_text(path, fmt, problems)
        _summary(wb, problems)
        wb.save(target)
    except (UnreadableFile, OSError, ValueError, KeyError, MemoryError) as exc:
        log.warning("no report for %s: %s", path, exc)
        return False
    return True
