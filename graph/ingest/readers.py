"""Readers for XLSX (openpyxl, read-only), CSV (UTF-8 with or without BOM, GB18030) and JSONL.

A hostile file ends in problems (sheet, row, column, reason), never in an exception: an XLSX
archive is checked before parsing (``limits.check_xlsx``), only the header's columns are read,
rows are capped and a sheet ends at the first long run of empty rows; a CSV cell over the
field limit, a JSON line nested too deep or holding NaN/Infinity are problems of their row.
``read_table`` takes a path or the bytes of an upload, so every caller gets the same bounds.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from graph.errors import InvalidInput
from graph.ingest.limits import LIMITS, Limits, Refused, check_xlsx
from graph.ingest.table import Layout, Problem, Row, Table, canon, present

__all__ = ["Source", "UnreadableFile", "decode_bytes", "read_table"]


class UnreadableFile(InvalidInput, ValueError):
    """The file cannot be read at all (wrong type, missing sheet, bad encoding, refused)."""


FORMATS = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

Source = Path | str | bytes
HeaderSearch = Callable[[list[list[Any]]], int | None]
PEEK = 15  # rows searched for a header below title rows


def read_table(
    source: Source,
    layout: Layout,
    *,
    name: str | None = None,
    fmt: str | None = None,
    limits: Limits = LIMITS,
    header_search: HeaderSearch | None = None,
) -> Table:
    """The rows of a file, from its path or its bytes (an upload). ``fmt`` (``xlsx``, ``csv``,
    ``jsonl``) overrides the type the name's suffix gives, for content sniffed by a caller.
    ``header_search``, given the first rows of a sheet, names the header row (title rows of
    database exports stand above it); None keeps the layout's."""
    if isinstance(source, bytes):
        label = name or "upload"
    else:
        source = Path(source)
        label = name or source.name
    kind = fmt or FORMATS.get(Path(label).suffix.lower())
    if kind == "xlsx":
        return _xlsx(source, label, layout, limits, header_search)
    if kind == "csv":
        return _csv(_decode(source, label), label, limits, header_search)
    if kind == "xls":
        raise UnreadableFile(
            f"{label}：这是 Excel 97-2003 工作簿（.xls），请另存为 .xlsx（Excel：另存为 → "
            "Excel 工作簿）或导出为 CSV"
        )
    if kind == "jsonl":
        return _jsonl(_decode(source, label), label, limits)
    suffix = Path(label).suffix.lower()
    raise UnreadableFile(f"{label}：不支持的文件类型“{suffix}”（应为 xlsx、csv 或 jsonl）")


def _bytes(source: Path | bytes) -> bytes:
    return source if isinstance(source, bytes) else source.read_bytes()


def _xlsx(
    source: Path | bytes,
    name: str,
    layout: Layout,
    limits: Limits,
    header_search: HeaderSearch | None = None,
) -> Table:
    handle: str | IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    try:
        check_xlsx(handle, name, limits)
        if not isinstance(handle, str):
            handle.seek(0)
        wb = load_workbook(handle, read_only=True, data_only=True)  # formulas: cached values
    except Refused as exc:
        raise UnreadableFile(str(exc)) from None
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile(f"{name}：不是可读取的 XLSX 文件（{exc}）") from None
    if layout.sheet is not None and layout.sheet in wb.sheetnames:
        ws = wb[layout.sheet]
    elif layout.sheet is not None and len(layout.header_rows) > 1:
        wb.close()
        raise UnreadableFile(f"{name}：缺少工作表“{layout.sheet}”")
    else:
        ws = wb.worksheets[0]
    sheet = str(ws.title)
    # The declared dimension is no bound (Excel writes A1:XFD1048576 for formatted whole
    # columns): read the header rows up to the column cap, then only the header's columns.
    declared_rows = ws.max_row if isinstance(ws.max_row, int) else None
    ws.reset_dimensions()
    if header_search is not None:
        try:
            top = ws.iter_rows(min_row=1, max_row=PEEK, max_col=limits.columns, values_only=True)
            found = header_search([list(r) for r in top])
        except Exception as exc:
            wb.close()
            raise UnreadableFile(f"{name}：工作表“{sheet}”无法读取（{exc}）") from None
        if found is not None:
            layout = Layout(layout.sheet, (found,), found + 1)
    last_header = max(layout.header_rows)
    headers: dict[int, str] = {}
    problems: list[Problem] = []
    try:
        for number, values in enumerate(
            ws.iter_rows(min_row=1, max_row=last_header, max_col=limits.columns, values_only=True),
            start=1,
        ):
            if number not in layout.header_rows:
                continue
            for i, v in enumerate(values):
                name_ = canon(v)
                if name_:
                    headers[i] = name_  # a later header row wins; merged cells keep the upper text
    except Exception as exc:
        wb.close()
        reason = f"{name}：工作表“{sheet}”的表头无法读取（{exc}）"
        raise UnreadableFile(reason) from None
    columns = list(dict.fromkeys(headers.values()))
    letters = {name_: get_column_letter(i + 1) for i, name_ in headers.items()}
    width = max(headers) + 1 if headers else 1
    size = None
    if declared_rows is not None:
        size = max(0, min(declared_rows, last_header + limits.rows) - layout.first_row + 1)

    def rows() -> Iterator[Row]:
        number = layout.first_row - 1
        empty = 0
        read = 0
        try:
            for number, values in enumerate(
                ws.iter_rows(min_row=layout.first_row, max_col=width, values_only=True),
                start=layout.first_row,
            ):
                cells: dict[str, Any] = {}
                for i, v in enumerate(values):
                    column = headers.get(i)
                    if column is not None:
                        p = present(v, column)
                        if p is not None:
                            cells[column] = p
                if not cells:
                    empty += 1
                    if empty >= limits.empty_run:
                        return  # the documented end of a sheet: a long run of empty rows
                    continue
                empty = 0
                read += 1
                if read > limits.rows:
                    problems.append(_too_many(sheet, number, limits))
                    return
                yield Row(sheet, number, cells, letters)
        except Exception as exc:  # a sheet broken half-way (bad XML, bad cell types)
            problems.append(
                Problem(
                    sheet,
                    number + 1,
                    "",
                    f"工作表从此行起无法读取（{exc}）",
                    code="UNREADABLE_ROWS",
                )
            )
        finally:
            wb.close()

    return Table(sheet, last_header, columns, letters, rows(), size, problems=problems)


def _too_many(sheet: str, row: int, limits: Limits) -> Problem:
    return Problem(
        sheet,
        row,
        "",
        f"数据行过多：一个文件至多 {limits.rows:,} 行，请拆分文件（从此行起未读取）",
        code="TOO_MANY_ROWS",
    )


def _decode(source: Path | bytes, name: str) -> str:
    return decode_bytes(_bytes(source), name)


def decode_bytes(data: bytes, name: str) -> str:
    """Text of a CSV or JSONL file: UTF-8 (with or without BOM), else GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise UnreadableFile(f"{name}：文本编码既不是 UTF-8 也不是 GB18030") from None


def _csv(
    content: str, sheet: str, limits: Limits, header_search: HeaderSearch | None = None
) -> Table:
    csv.field_size_limit(max(limits.cell, 1))
    skip = 0
    if header_search is not None:
        top: list[list[Any]] = []
        peek = csv.reader(io.StringIO(content, newline=""))
        try:
            for _ in range(PEEK):
                top.append(list(next(peek)))
        except (StopIteration, csv.Error):
            pass
        skip = (header_search(top) or 1) - 1
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        for _ in range(skip):
            next(reader)
        header = next(reader, [])
    except csv.Error as exc:
        raise UnreadableFile(f"{sheet}：表头行无法读取（{exc}）") from None
    problems: list[Problem] = []
    if len(header) > limits.columns:
        problems.append(
            Problem(
                sheet,
                1,
                "",
                f"列数过多：共 {len(header):,} 列，只读取前 {limits.columns:,} 列",
                code="TOO_MANY_COLUMNS",
            )
        )
        header = header[: limits.columns]
    names = [canon(h) for h in header]
    columns = [n for n in dict.fromkeys(names) if n]

    def rows() -> Iterator[Row]:
        line = reader.line_num + 1
        read = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems.append(Problem(sheet, line, "", *_csv_reason(exc, limits)))
                line = reader.line_num + 1
                continue
            cells = {}
            for name, v in zip(names, values, strict=False):
                p = present(v, name)
                if name and p is not None:
                    cells[name] = p
            if cells:
                read += 1
                if read > limits.rows:
                    problems.append(_too_many(sheet, line, limits))
                    return
                yield Row(sheet, line, cells)
            line = reader.line_num + 1

    return Table(sheet, skip + 1, columns, {}, rows(), content.count("\n"), problems=problems)


def _csv_reason(exc: csv.Error, limits: Limits) -> tuple[str, str, str]:
    """(reason, severity, code) of a CSV line that cannot be read."""
    if "field limit" in str(exc):
        return f"单元格过长：超过 {limits.cell:,} 个字符（本行未读取）", "ERROR", "CELL_TOO_LONG"
    return f"不是有效的 CSV 行（{exc}）", "ERROR", "BAD_CSV_ROW"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _finite(text: str) -> float | str:
    """JSON numbers beyond a float (``1e999``) stay text, so the column's check refuses them."""
    n = float(text)
    return n if math.isfinite(n) else text


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} 不是数字")


_loads: Callable[[str], Any] = json.JSONDecoder(
    parse_float=_finite, parse_constant=_no_constant
).decode


class JsonlRows:
    """Rows of a JSON Lines file; lines that are not JSON objects of plain values become
    problems of their line."""

    def __init__(self, sheet: str, content: str, limits: Limits) -> None:
        self.sheet = sheet
        self.content = content
        self.limits = limits
        self.problems: list[Problem] = []

    def _problem(self, number: int, column: str, reason: str, code: str) -> None:
        self.problems.append(Problem(self.sheet, number, column, reason, code=code))

    def __iter__(self) -> Iterator[Row]:
        read = 0
        for number, line in enumerate(self.content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = _loads(line)
            except RecursionError:
                self._problem(number, "", "JSON 嵌套过深：每行应为一个扁平的对象", "BAD_JSON")
                continue
            except json.JSONDecodeError as exc:
                self._problem(number, "", f"不是有效的 JSON（{exc.msg}）", "BAD_JSON")
                continue
            except ValueError as exc:  # NaN / Infinity literals, integers of 4,300+ digits
                self._problem(number, "", f"不是有效的 JSON（{exc}）", "BAD_JSON")
                continue
            if not isinstance(obj, dict):
                self._problem(number, "", "不是 JSON 对象：每行应为一个对象", "BAD_JSON")
                continue
            cells = self._cells(number, obj)
            if cells:
                read += 1
                if read > self.limits.rows:
                    self.problems.append(_too_many(self.sheet, number, self.limits))
                    return
                yield Row(self.sheet, number, cells)

    def _cells(self, number: int, obj: dict[str, Any]) -> dict[str, Any]:
        cells: dict[str, Any] = {}
        for k, v in obj.items():
            column = canon(k)
            if isinstance(v, list):
                if not all(isinstance(x, str | int | float) and not isinstance(x, bool) for x in v):
                    self._problem(number, column, "列表中只能有文本和数字", "BAD_JSON_VALUE")
                    continue
                v = "；".join(map(str, v))
            elif isinstance(v, dict):
                self._problem(number, column, "JSON 对象不能作为单元格的值", "BAD_JSON_VALUE")
                continue
            if isinstance(v, str) and (_SURROGATE.search(v) or _SURROGATE.search(column)):
                self._problem(
                    number, column, "文本含有孤立的 UTF-16 代理字符（\\ud800…）", "BAD_TEXT"
                )
                continue
            if isinstance(v, str) and len(v) > self.limits.cell:
                self._problem(
                    number,
                    column,
                    f"单元格过长：超过 {self.limits.cell:,} 个字符",
                    "CELL_TOO_LONG",
                )
                continue
            p = present(v, column)
            if p is not None:
                cells[column] = p
        return cells


def _jsonl(content: str, sheet: str, limits: Limits) -> Table:
    source = JsonlRows(sheet, content, limits)
    return Table(
        sheet,
        1,
        [],
        {},
        iter(source),
        content.count("\n"),
        problems=source.problems,
        fixed_header=False,
    )
