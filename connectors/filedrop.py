"""A file-drop connector: standard-format files put in a folder, imported in name order.

A file that imports cleanly moves to ``done/``; one with problems moves to ``rejected/``
with ``<file>.problems.txt`` beside it (sheet, row, column, reason of each), and nothing of
it is written. Files are whole units, so the checkpoint is the folder itself plus the name
of the last file handled (``ConnectorState.cursor``).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from connectors import state as checkpoint
from connectors.account import account_of, record_run
from connectors.config import ConfigError, ConnectorConfig
from graph.db import Graph
from graph.ingest.run import import_file
from graph.writes import Account

__all__ = ["run"]

SUFFIXES = (".csv", ".xlsx", ".xlsm", ".jsonl", ".ndjson")


@dataclass
class DropResult:
    name: str
    done: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    records: int = 0


def pending(folder: Path) -> list[Path]:
    """Files waiting in ``folder``, in name order (partial uploads ``.part`` are skipped)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    if target.exists():  # the same name dropped again: keep both
        stem, n = path.stem, 1
        while target.exists():
            target = folder / f"{stem}.{n}{path.suffix}"
            n += 1
    shutil.move(str(path), target)
    return target


def run(graph: Graph, config: ConnectorConfig, account: Account | None = None) -> DropResult:
    """Import the waiting files as ``account`` (by default the config's): a file with a
    record outside its scope is rejected whole, like any other problem. One audit entry
    per run."""
    account = account or account_of(graph, config)
    folder = config.source.folder
    if folder is None or not folder.is_dir():
        raise ConfigError(
            f"connector {config.name} [source] folder: {folder} is not a folder", config.name
        )
    st = checkpoint.get(graph, config.name)
    st.province = config.province
    result = DropResult(config.name)
    problems: list[str] = []
    for path in pending(folder):
        imported = import_file(
            graph,
            config.kind,
            path,
            institution=config.institution,
            progress=False,
            account=account,
            source=f"connector:{config.name}",
        )
        if imported.problems:
            target = _move(path, folder / "rejected")
            report = "\n".join(str(p) for p in imported.problems) + "\n"
            problems.extend(f"{path.name}: {p}" for p in imported.problems)
            target.with_name(target.name + ".problems.txt").write_text(report, encoding="utf-8")
            result.rejected.append(path.name)
            st.last_error = f"{path.name}: {len(imported.problems)} problems, see rejected/"
        else:
            _move(path, folder / "done")
            result.done.append(path.name)
            result.records += imported.records
            st.records += imported.records
            st.last_error = None
        st.cursor, st.page = path.name, st.page + 1
        st.status = "FAILED" if imported.problems else "DONE"
        checkpoint.save(graph, st)
    counts = {"done": result.done, "rejected": result.rejected, "records": result.records}
    record_run(graph, config, account, counts, problems)
    return result
