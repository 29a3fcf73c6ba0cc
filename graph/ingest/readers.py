"""Readers for XLSX (openpyxl, read-only), CSV (UTF-8 with or without BOM, GB18030) and JSONL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from graph.ingest.table import Layout, Problem, Row, Table, canon, present


class UnreadableFile(ValueError):
    """The file cannot be read at all (wrong type, missing sheet, bad encoding)."""


def read_table(path: Path, layout: Layout) -> Table:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, layout)
    if suffix == ".csv":
        return _csv(path)
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl(path)
    raise UnreadableFile(f"{path.name}: unknown file type {suffix!r} (xlsx, csv or jsonl)")


def _xlsx(path: Path, layout: Layout) -> Table:
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile(f"{path.name}: not a readable XLSX file ({exc})") from None
    if layout.sheet is not None and layout.sheet in wb.sheetnames:
        ws = wb[layout.sheet]
    elif layout.sheet is not None and len(layout.header_rows) > 1:
        raise UnreadableFile(f"{path.name}: sheet {layout.sheet!r} is missing")
    else:
        ws = wb.worksheets[0]
    sheet = str(ws.title)
    last_header = max(layout.header_rows)
    headers: dict[int, str] = {}
    for number, values in enumerate(
        ws.iter_rows(min_row=1, max_row=last_header, values_only=True), start=1
    ):
        if number not in layout.header_rows:
            continue
        for i, v in enumerate(values):
            name = canon(v)
            if name:
                headers[i] = name  # a later header row wins; merged cells keep the upper text
    columns = list(dict.fromkeys(headers.values()))
    letters = {name: get_column_letter(i + 1) for i, name in headers.items()}
    size = ws.max_row - layout.first_row + 1 if ws.max_row else None

    def rows() -> Iterator[Row]:
        try:
            for number, values in enumerate(
                ws.iter_rows(min_row=layout.first_row, values_only=True), start=layout.first_row
            ):
                cells: dict[str, Any] = {}
                for i, v in enumerate(values):
                    name = headers.get(i)
                    if name is not None:
                        p = present(v)
                        if p is not None:
                            cells[name] = p
                if cells:
                    yield Row(sheet, number, cells, letters)
        finally:
            wb.close()

    return Table(sheet, last_header, columns, letters, rows(), size)


def _decode(path: Path) -> str:
    return decode_bytes(path.read_bytes(), path.name)


def decode_bytes(data: bytes, name: str) -> str:
    """Text of a CSV or JSONL file: UTF-8 (with or without BOM), else GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise UnreadableFile(f"{name}: neither UTF-8 nor GB18030 text") from None


def _csv(path: Path) -> Table:
    content = _decode(path)
    reader = csv.reader(io.StringIO(content, newline=""))
    header = next(reader, [])
    names = [canon(h) for h in header]
    columns = [n for n in dict.fromkeys(names) if n]
    sheet = path.name

    def rows() -> Iterator[Row]:
        line = reader.line_num + 1
        for values in reader:
            cells = {}
            for name, v in zip(names, values, strict=False):
                p = present(v)
                if name and p is not None:
                    cells[name] = p
            if cells:
                yield Row(sheet, line, cells)
            line = reader.line_num + 1

    return Table(sheet, 1, columns, {}, rows(), content.count("\n"))


class JsonlRows:
    """Rows of a JSON Lines file; lines that are not JSON objects become problems."""

    def __init__(self, path: Path, content: str) -> None:
        self.sheet = path.name
        self.content = content
        self.problems: list[Problem] = []

    def __iter__(self) -> Iterator[Row]:
        for number, line in enumerate(self.content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                self.problems.append(Problem(self.sheet, number, "", f"not JSON ({exc.msg})"))
                continue
            if not isinstance(obj, dict):
                self.problems.append(Problem(self.sheet, number, "", "not a JSON object"))
                continue
            cells = {}
            for k, v in obj.items():
                p = present(v)
                if p is not None:
                    cells[canon(k)] = p if not isinstance(p, list) else "；".join(map(str, p))
            if cells:
                yield Row(self.sheet, number, cells)


def _jsonl(path: Path) -> Table:
    content = _decode(path)
    source = JsonlRows(path, content)
    return Table(
        path.name,
        1,
        [],
        {},
        iter(source),
        content.count("\n"),
        problems=source.problems,
        fixed_header=False,
    )
