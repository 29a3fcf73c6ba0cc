"""A table as an xlsx workbook (openpyxl, write-only: rows stream, memory stays flat)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hub.export.tabulate import Column

__all__ = ["workbook"]

BOLD = Font(bold=True)
FILL = PatternFill("solid", fgColor="DCE6F1")
MAX_CELL = 32_767  # Excel's limit on the text of one cell
FORMULA_START = ("=", "+", "-", "@")


def _safe(value: Any) -> Any:
    """Text that Excel would read as a formula is written as text (CSV/formula
    injection); over-long text is cut to Excel's cell limit."""
    if isinstance(value, str):
        if value.startswith(FORMULA_START) and not _number(value):
            value = "'" + value
        return value[:MAX_CELL]
    return value


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _width(header: str) -> float:
    return min(60.0, max(10.0, sum(2 if ord(c) > 0x2E7F else 1 for c in header) + 4.0))


def workbook(
    columns: list[Column],
    rows: Iterable[dict[str, Any]],
    sheet: str,
    notes: list[tuple[str, str]],
) -> bytes:
    wb = Workbook(write_only=True)
    ws: Worksheet = wb.create_sheet(sheet[:31] or "导出")
    ws.freeze_panes = "A2"
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(column.header)
    head = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = BOLD
        cell.fill = FILL
        head.append(cell)
    ws.append(head)
    for row in rows:
        ws.append([_safe(row.get(c.field)) for c in columns])
    info: Worksheet = wb.create_sheet("说明")
    info.append(["项目", "内容"])
    info.append(["导出时间", datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S %z")])
    for key, value in notes:
        info.append([key, _safe(value)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
