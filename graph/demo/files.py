"""Writing the demo rows as the standard upload files, and the manifest of what to import.

The demo goes through the same import code as an institution's real upload, so its rows
are written to real files: CSV and JSON Lines in chunks, and for some institutions the
national inventory template itself (``inventory-template.xlsx``), filled with openpyxl
from row 4 with continuation rows, the way an institution would fill it by hand.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl

from graph.demo.world import TEMPLATE, Inst
from graph.ingest.samples import SAMPLES

__all__ = ["HEADERS", "Chunked", "Entry", "FileSink"]

Row = dict[str, Any]

# Short header name → column letter of the template's sheet 批量导入.
TEMPLATE_COLUMNS: dict[str, str] = {
    "序号": "A",
    "申请号": "B",
    "专利名称": "C",
    "法律状态": "D",
    "维持年限": "E",
    "发明人": "F",
    "所属学院": "G",
    "组合专利名称": "H",
    "组合专利信息": "I",
    "组合专利描述": "J",
    "是否属于财政资助科研项目形成专利": "K",
    "一级实施状态": "L",
    "二级状态描述": "M",
    "金额（万元）/评价结果/产品名称": "N",
    "备注": "O",
    "转化意愿（一级）": "P",
    "转化意愿（二级）": "Q",
    "费用标准（万元）": "R",
    "意向合作城市": "S",
    "意向合作企业": "T",
    "意向价格": "U",
    "联系人": "V",
    "联系方式": "W",
    "技术成熟度": "X",
    "专利价值分级自评": "Y",
    "本专利对应产品、技术优势、性能指标": "Z",
    "国民经济行业分类": "AA",
    "产业化前景描述": "AB",
    "战新分类": "AC",
    "本专利所属技术领域（IPC）": "AD",
}
INVENTORY_HEADER = list(TEMPLATE_COLUMNS)
# The column order of every standard file, as the ingest's own samples define it.
HEADERS: dict[str, list[str]] = {kind: header for kind, (header, _) in SAMPLES.items()}


@dataclass(frozen=True)
class Entry:
    """One file to import: its kind, path (relative to the set's folder), institution."""

    kind: str
    path: str
    institution: str | None = None
    rows: int = 0


def write_rows(path: Path, header: list[str], rows: list[Row]) -> None:
    """One file, CSV or JSONL by its suffix (XLSX inventory: ``write_template``)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = _Writer(out, header, path.suffix)
        for row in rows:
            writer.write(row)


class _Writer:
    def __init__(self, out: IO[str], header: list[str], suffix: str) -> None:
        self.out = out
        self.header = header
        self.jsonl = suffix == ".jsonl"
        self.csv = None if self.jsonl else csv.DictWriter(out, header, extrasaction="raise")
        if self.csv is not None:
            self.csv.writeheader()

    def write(self, row: Row) -> None:
        if self.csv is not None:
            self.csv.writerow(row)
        else:
            clean = {k: v for k, v in row.items() if v != ""}
            self.out.write(json.dumps(clean, ensure_ascii=False) + "\n")


def write_template(path: Path, rows: list[Row]) -> None:
    """Fill the national template from row 4, leaving its header, lists and validations."""
    book = openpyxl.load_workbook(TEMPLATE)
    sheet = book["批量导入"]
    number = 0
    for offset, row in enumerate(rows):
        r = 4 + offset
        if row.get("申请号"):
            number += 1
            sheet[f"A{r}"] = number
        for name, value in row.items():
            if value != "" and name != "序号":
                sheet[f"{TEMPLATE_COLUMNS[name]}{r}"] = value
    book.save(path)


@dataclass
class Chunked:
    """Rows of one kind into numbered files of at most ``size`` rows each."""

    folder: Path
    kind: str
    suffix: str
    size: int
    starts: str | None = None  # a row starts a record only when this column is filled
    entries: list[Entry] = field(default_factory=list)
    _out: IO[str] | None = None
    _writer: _Writer | None = None
    rows: int = 0

    def write(self, row: Row) -> None:
        full = self.rows >= self.size and (self.starts is None or bool(row.get(self.starts)))
        if self._writer is None or full:
            self.close()
            name = f"{self.kind}-{len(self.entries) + 1:04d}{self.suffix}"
            self._out = (self.folder / name).open("w", encoding="utf-8", newline="")
            self._writer = _Writer(self._out, HEADERS[self.kind], self.suffix)
            self.entries.append(Entry(self.kind, name))
        self._writer.write(row)
        self.rows += 1

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            last = self.entries[-1]
            self.entries[-1] = Entry(last.kind, last.path, last.institution, self.rows)
        self._out, self._writer, self.rows = None, None, 0


@dataclass
class FileSink:
    """The generator's ``Sink`` writing the standard files under ``folder``."""

    folder: Path
    chunk: int = 50_000
    xlsx_max_rows: int = 3_000  # larger institutions upload CSV (openpyxl is slow)
    xlsx_max_files: int = 8  # enough to exercise the template; each costs ~0.4 s
    # Institutions with a file of their own; the others' rows go to chunked files imported
    # without ``--institution`` (each file import has a fixed cost: thousands of files
    # would measure that cost, not the ingest). None: every institution has its own file.
    own_files: int | None = None
    patents: Chunked = field(init=False)
    evaluations: Chunked = field(init=False)
    transactions: Chunked = field(init=False)
    inventories: list[Entry] = field(default_factory=list)
    batched: Chunked = field(init=False)

    def __post_init__(self) -> None:
        (self.folder / "inventory").mkdir(parents=True, exist_ok=True)
        self.batched = Chunked(self.folder, "inventory", ".csv", self.chunk, starts="申请号")
        self.patents = Chunked(self.folder, "patents", ".csv", self.chunk)
        self.evaluations = Chunked(self.folder, "evaluations", ".jsonl", self.chunk)
        self.transactions = Chunked(self.folder, "transactions", ".csv", self.chunk)

    def patent(self, row: Row) -> None:
        self.patents.write(row)

    def evaluation(self, row: Row) -> None:
        self.evaluations.write(row)

    def transaction(self, row: Row) -> None:
        self.transactions.write(row)

    def inventory(self, inst: Inst, rows: list[Row]) -> None:
        """Institutions take turns: the real template, CSV, JSON Lines."""
        if self.own_files is not None and len(self.inventories) >= self.own_files:
            for row in rows:
                self.batched.write(row)
            return
        turn = len(self.inventories) % 3
        xlsx = sum(e.path.endswith(".xlsx") for e in self.inventories)
        if turn == 0 and len(rows) <= self.xlsx_max_rows and xlsx < self.xlsx_max_files:
            name = f"inventory/{inst.id}.xlsx"
            write_template(self.folder / name, rows)
        else:
            name = f"inventory/{inst.id}.{'jsonl' if turn == 2 else 'csv'}"
            write_rows(self.folder / name, INVENTORY_HEADER, rows)
        self.inventories.append(Entry("inventory", name, inst.id, len(rows)))

    def close(self) -> list[Entry]:
        for chunked in (self.patents, self.evaluations, self.transactions, self.batched):
            chunked.close()
        return [
            *self.patents.entries,
            *self.inventories,
            *self.batched.entries,
            *self.evaluations.entries,
            *self.transactions.entries,
        ]
