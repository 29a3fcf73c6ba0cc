"""Bounds on what one upload file may make the reader do, and the checks that run before a
workbook is parsed (an XLSX is a zip archive: its declared sizes are known up front).

Every bound here is documented in ``docs/formats.md`` ("Limits of a file").
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

from graph.errors import InvalidInput

__all__ = ["LIMITS", "Limits", "Refused", "check_xlsx"]

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    rows: int = 200_000  # data rows read from one file (one transaction holds them all)
    columns: int = 1_024  # header columns considered; vendor exports have up to ~250
    empty_run: int = 1_000  # consecutive empty rows that end an XLSX sheet
    cell: int = 131_072  # characters of one CSV cell (the csv module's field limit)
    unpacked: int = 1_024 * MiB  # bytes of all members of an XLSX once decompressed
    ratio: int = 200  # decompressed / compressed size of one XLSX member (above 8 MiB)
    members: int = 10_000  # files inside an XLSX archive


LIMITS = Limits()


class Refused(InvalidInput, ValueError):
    """A file refused before parsing: what is wrong, in the words the report shows."""


def check_xlsx(source: str | IO[bytes], name: str, limits: Limits = LIMITS) -> None:
    """Refuse an XLSX whose archive would make the parser work without bound: too many
    members, too many bytes once decompressed, or a member compressed beyond any real
    sheet (a zip bomb). Reads only the archive's directory: milliseconds at any size."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise Refused(f"{name}：不是 XLSX 文件（不是 ZIP 压缩包：{exc}）") from None
    if len(infos) > limits.members:
        raise Refused(f"{name}：工作簿内含 {len(infos):,} 个文件，至多 {limits.members:,} 个")
    total = sum(i.file_size for i in infos)
    if total > limits.unpacked:
        raise Refused(
            f"{name}：解压后 {total / MiB:,.0f} MiB，至多 "
            f"{limits.unpacked / MiB:,.0f} MiB（请拆分文件）"
        )
    for info in infos:
        packed = max(info.compress_size, 1)
        if info.file_size > 8 * MiB and info.file_size / packed > limits.ratio:
            raise Refused(
                f"{name}：{info.filename} 解压后是压缩大小的 {info.file_size / packed:,.0f} 倍"
                f"（至多 {limits.ratio} 倍）：不是表格，而是压缩炸弹"
            )
