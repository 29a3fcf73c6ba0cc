"""A deterministic demo data set, loaded through the standard import like a real upload.

``load_demo`` writes the standard files (docs/formats.md) to
``var/demo/<seed>-<patents>/`` and imports them in the documented order: enterprises,
experts, patents (base library), inventory (one file per institution: the real template,
CSV or JSON Lines), evaluations, transactions. The same seed gives the same files, and
importing them again changes nothing, so loading twice is harmless.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from graph import cypher
from graph.config import var_dir
from graph.db import Graph
from graph.demo.files import Chunked, Entry, FileSink
from graph.demo.generate import Directory, Generator, Sizes
from graph.demo.world import World, read_institutions, reference_world
from graph.errors import PatentHubError
from graph.ingest.run import import_file
from graph.reference import load_reference

__all__ = [
    "DemoImportError",
    "FileResult",
    "counts",
    "demo_folder",
    "import_files",
    "load_demo",
    "world_of",
    "write_demo",
    "write_demo_files",
]

GENERATOR_VERSION = 3
CHUNK = 50_000
OWN_FILES_UP_TO = 20_000  # larger sets: 60 institutions upload their own inventory file


class DemoImportError(PatentHubError, RuntimeError):
    """A generated file was refused by the import: a bug in the generator or the import."""


@dataclass
class FileResult:
    entry: Entry
    seconds: float
    written: dict[str, int] = field(default_factory=dict)


def demo_folder(seed: int, patents: int) -> Path:
    return var_dir() / "demo" / f"{seed}-{patents}"


def _fingerprint(world: World) -> str:
    ids = "\n".join(i.id for i in world.institutions)
    return hashlib.sha256(ids.encode()).hexdigest()[:16]


def write_demo(
    world: World, patents: int, seed: int, folder: Path, chunk: int = CHUNK
) -> list[Entry]:
    """The standard files of the set in ``folder`` (reused when already complete), in
    import order. Generation streams: no more than one institution's patents in memory."""
    manifest = folder / "manifest.json"
    key = {"version": GENERATOR_VERSION, "seed": seed, "patents": patents, "chunk": chunk}
    key["institutions"] = _fingerprint(world)  # type: ignore[assignment]
    if manifest.exists():
        saved = json.loads(manifest.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            return [Entry(**e) for e in saved["entries"]]
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sizes = Sizes.of(patents)
    directory = Directory(world, sizes, seed)
    people: list[Entry] = []
    for kind, rows in (("enterprises", directory.enterprises()), ("experts", directory.experts())):
        out = Chunked(folder, kind, ".csv", chunk)
        for row in rows:
            out.write(row)
        out.close()
        people += out.entries
    sink = FileSink(folder, chunk, own_files=None if patents <= OWN_FILES_UP_TO else 60)
    tally = Generator(world, patents, seed).run(sink)
    entries = people + sink.close()
    manifest.write_text(
        json.dumps(
            {"key": key, "tally": asdict(tally), "entries": [asdict(e) for e in entries]},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return entries


def import_files(
    graph: Graph,
    folder: Path,
    entries: list[Entry],
    on_file: Callable[[FileResult], None] | None = None,
    progress: bool = False,
) -> list[FileResult]:
    """Import every file through ``graph.ingest``; a refused file stops the load."""
    results = []
    for entry in entries:
        started = time.perf_counter()
        result = import_file(
            graph, entry.kind, folder / entry.path, institution=entry.institution, progress=progress
        )
        if not result.ok:
            shown = "\n".join(f"  {p}" for p in result.problems[:20])
            raise DemoImportError(
                f"the import refused {folder / entry.path} ({len(result.problems)} problems):\n"
                + shown
            )
        done = FileResult(entry, time.perf_counter() - started, dict(result.written))
        results.append(done)
        if on_file is not None:
            on_file(done)
    return results


def ensure_reference(graph: Graph) -> None:
    if not graph.read("MATCH (p:Province) RETURN p.code AS code LIMIT 1"):
        load_reference(graph)


def world_of(graph: Graph) -> World:
    return reference_world(read_institutions(graph))


def counts(graph: Graph) -> dict[str, int]:
    return {r["what"]: r["n"] for r in graph.read(cypher.load("demo/counts"))}


def load_demo(graph: Graph, patents: int = 3000, seed: int = 2024) -> dict[str, int]:
    """Load the demo set of ``patents`` patents for ``seed``; return what the graph holds."""
    if patents < 1:
        raise ValueError(f"patents must be at least 1, not {patents}")
    ensure_reference(graph)
    world = world_of(graph)
    folder = demo_folder(seed, patents)
    entries = write_demo(world, patents, seed, folder)
    import_files(graph, folder, entries)
    summary: dict[str, Any] = counts(graph)
    summary["files"] = len(entries)
    return summary


def write_demo_files(
    graph: Graph, folder: Path, patents: int = 3000, seed: int = 2024
) -> dict[str, Any]:
    """The demo's standard files in ``folder`` with ``manifest.json`` (kind, path,
    institution of each file, in import order), imported nowhere: ``load bulk`` or the
    imports take them from there. The reference data must be loaded (the world is read
    from it)."""
    if patents < 1:
        raise ValueError(f"patents must be at least 1, not {patents}")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / "manifest.json").exists():
        raise ValueError(f"{folder} holds other files: give an empty or a new folder")
    ensure_reference(graph)
    entries = write_demo(world_of(graph), patents, seed, folder)
    return {"folder": str(folder), "files": len(entries), "rows": sum(e.rows for e in entries)}
