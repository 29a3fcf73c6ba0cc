"""What a stored upload is, from its bytes (never from its name)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from graph.errors import InvalidInput

__all__ = ["NotAcceptedFile", "sniff"]

HEAD = 8192


class NotAcceptedFile(InvalidInput, ValueError):
    """Content the importer does not read; the message says what it looks like."""


def sniff(path: Path) -> str:
    """``xlsx``, ``csv`` or ``jsonl``; ``NotAcceptedFile`` for anything else."""
    with path.open("rb") as f:
        head = f.read(HEAD)
    if not head.strip():
        raise NotAcceptedFile("文件为空")
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            raise NotAcceptedFile("ZIP 压缩包已损坏（XLSX 文件是 ZIP 压缩包）") from None
        if "xl/workbook.xml" not in names:
            raise NotAcceptedFile("是 ZIP 压缩包，但不是 XLSX 工作簿")
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise NotAcceptedFile("是旧版 Excel 97-2003（XLS）文件：请另存为 XLSX")
    if head.startswith(b"%PDF"):
        raise NotAcceptedFile("是 PDF 文档，不是表格")
    if b"\x00" in head:
        raise NotAcceptedFile("是二进制内容，不是 XLSX、CSV 或 JSON Lines 文件")
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return "jsonl" if text.startswith(b"{") else "csv"
