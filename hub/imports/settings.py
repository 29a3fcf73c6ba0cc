"""The upload settings, from the environment (docs/http.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graph.config import var_dir

__all__ = ["UploadSettings", "upload_settings"]


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number") from None
    if value <= 0:
        raise ValueError(f"{name}={raw!r} must be positive")
    return value


@dataclass(frozen=True)
class UploadSettings:
    max_bytes: int  # a request body above this is refused with 413 while it streams
    workers: int  # import worker processes running at once, per hub process
    memory_mb: int  # address-space limit of a worker process
    timeout: float  # seconds before a worker is stopped and its job FAILED
    folder: Path  # where uploaded files and reports are kept, one folder per job
    stale: float = 120.0  # seconds without a heartbeat before an unfinished job is FAILED


def upload_settings() -> UploadSettings:
    return UploadSettings(
        max_bytes=int(_number("PATENT_HUB_UPLOAD_MAX_MB", 50) * 1024 * 1024),
        workers=int(_number("PATENT_HUB_IMPORT_WORKERS", 1)),
        memory_mb=int(_number("PATENT_HUB_IMPORT_MEMORY_MB", 4096)),
        timeout=_number("PATENT_HUB_IMPORT_TIMEOUT", 3600),
        folder=Path(os.environ.get("PATENT_HUB_IMPORT_DIR") or var_dir() / "imports"),
        stale=_number("PATENT_HUB_IMPORT_STALE", 120),
    )
