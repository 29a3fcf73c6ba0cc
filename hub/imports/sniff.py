"""What a stored upload is, from its bytes (never from its name)."""

from __future__ import annotations

import zipfile
from pathlib import Path

HEAD = 8192


class NotAcceptedFile(ValueError):
    """Content the importer does not read; the message says what it looks like."""


def sniff(path: Path) -> str:
    """``xlsx``, ``csv`` or ``jsonl``; ``NotAcceptedFile`` for anything else."""
    with path.open("rb") as f:
        head = f.read(HEAD)
    if not head.strip():
        raise NotAcceptedFile("the file is empty")
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            raise NotAcceptedFile("a damaged ZIP archive (an XLSX file is a ZIP)") from None
        if "xl/workbook.xml" not in names:
            raise NotAcceptedFile("a ZIP archive that is no XLSX workbook")
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise NotAcceptedFile("an old Excel 97-2003 (XLS) file: save it as XLSX")
    if head.startswith(b"%PDF"):
        raise NotAcceptedFile("a PDF document, not a table")
    if b"\x00" in head:
        raise NotAcceptedFile("binary content, not an XLSX, CSV or JSON Lines file")
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return "jsonl" if text.startswith(b"{") else "csv"
