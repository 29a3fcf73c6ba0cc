"""``patent-hub load bulk``: the first load of a database with Neo4j's offline importer.

1. The database must hold nothing but reference data (``--replace`` drops the rest); the
   reference data is loaded if missing (or from ``--reference DIR``) and read back.
2. Every file is validated in import order by the imports' own validators, against what
   the files before it wrote (``graph.bulk.store``); the first file with problems gets
   the imports' report and nothing is built.
3. The graph is written as CSV and imported with ``neo4j-admin database import full``,
   with the project's own server stopped around it; on another server (``NEO4J_URI``)
   the CSV files and the exact command are left for its operator instead.
4. ``finish``: the empty lists, then constraints and indexes (the CJK full-text index
   included); the statistics roll-ups with their dormant flags (``graph.bulk.rollups``) and
   the change feed's baseline came in the CSV files.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString, cast

from graph import cypher, neo4j_server
from graph.bulk import admin
from graph.bulk.csvfiles import Files
from graph.bulk.nodes import MARKER, EmptyLists, write_csv
from graph.bulk.rollups import add_rollups
from graph.bulk.store import KEYS, BulkRefused, Store
from graph.config import Neo4jSettings, neo4j_settings, var_dir
from graph.db import Graph
from graph.ingest.plan import Plan
from graph.ingest.readers import UnreadableFile, read_table
from graph.ingest.run import KINDS, ImportResult
from graph.ingest.table import Problem
from graph.migrate import REFERENCE_LABELS, migrate
from graph.reference import load_reference

__all__ = ["BulkResult", "Source", "bulk_load", "finish", "peak_memory_mib", "sources"]

FIXUPS = "empty-lists.json"


@dataclass(frozen=True)
class Source:
    """One file to load: its kind (as ``patent-hub import`` names it) and institution."""

    kind: str
    path: Path
    institution: str | None = None


@dataclass
class BulkResult:
    sources: int = 0
    rows: int = 0
    records: int = 0
    refused: ImportResult | None = None  # the first file with problems
    refused_path: Path | None = None
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    command: str | None = None  # for another server: what its operator runs
    importer_mib: float = 0.0  # peak resident memory of neo4j-admin import
    folder: Path | None = None

    @property
    def ok(self) -> bool:
        return self.refused is None


def sources(arguments: list[str]) -> list[Source]:
    """``KIND=PATH`` arguments, or a ``manifest.json`` (or the folder holding one) as
    ``load demo --write-only`` writes it: every file in its import order."""
    out: list[Source] = []
    for arg in arguments:
        kind, sep, rest = arg.partition("=")
        if sep and kind in KINDS:
            out.append(Source(kind, Path(rest)))
            continue
        path = Path(arg)
        manifest = path / "manifest.json" if path.is_dir() else path
        if manifest.name != "manifest.json" or not manifest.exists():
            raise BulkRefused(
                f"{arg}：请给出 KIND=PATH（KIND 为 {', '.join(KINDS)} 之一），"
                "或 `load demo --write-only` 写出的 manifest.json（或其所在文件夹）"
            )
        entries = json.loads(manifest.read_text(encoding="utf-8"))["entries"]
        out += [
            Source(e["kind"], manifest.parent / e["path"], e.get("institution")) for e in entries
        ]
    return out


def held_data(graph: Graph) -> int:
    """Nodes the database holds besides the reference data (reference nodes have one
    label: ``read_reference`` refuses others), counted from the count store."""
    query = cypher.load("bulk/count_label")

    def count(label: str) -> int:
        return int(graph.read(query.replace("{{label}}", label))[0]["n"])

    return count("") - sum(count(f":{label}") for label in REFERENCE_LABELS)


def read_reference(graph: Graph, store: Store) -> None:
    """The reference nodes and the relationships between them, into ``store``."""
    labels = "|".join(REFERENCE_LABELS)
    nodes = graph.read(cypher.load("bulk/reference_nodes").replace("{{labels}}", labels))
    where: dict[str, tuple[str, Any]] = {}
    for n in nodes:
        if len(n["labels"]) != 1:
            raise BulkRefused(f"参考数据节点的标签为 {n['labels']}：应只有一个标签")
        label = n["labels"][0]
        key = n["props"].get(KEYS[label])
        store.create(label, key, n["props"])
        where[n["e"]] = (label, key)
    rels = graph.read(cypher.load("bulk/reference_relationships").replace("{{labels}}", labels))
    for r in rels:
        (sl, sk), (el, ek) = where[r["a"]], where[r["b"]]
        store.rel(r["t"], sl, sk, el, ek, **dict(sorted(r["props"].items())))
        if r["t"] == "PART_OF" and sl == el == "Industry":
            store.industry_parents[sk].append(ek)


def check_file(source: Source, reader: Graph) -> tuple[ImportResult, Plan | None]:
    """Validate one file as ``patent-hub import`` would, against ``reader`` (the store's
    answers to the validators' reads); its result and plan (None: unreadable)."""
    if source.kind not in KINDS:
        raise BulkRefused(f"{source.path}：未知的类型 {source.kind!r}")
    layout, validate = KINDS[source.kind]
    try:
        table = read_table(source.path, layout)
    except (UnreadableFile, OSError) as exc:
        problem = Problem(source.path.name, 0, "", str(exc), code="UNREADABLE_FILE")
        return ImportResult(source.kind, 0, 0, [problem]), None
    plan = validate(table, reader, source.institution)
    result = ImportResult(source.kind, plan.rows, plan.records, plan.problems)
    result.unchanged = plan.unchanged
    return result, plan


def validate_all(
    store: Store, files: list[Source], on_file: Callable[[Source, ImportResult], None] | None
) -> Iterator[tuple[Source, ImportResult]]:
    """Validate each file in order and apply it to ``store``; stops after the first file
    with problems."""
    for source in files:
        checked, plan = check_file(source, cast(Graph, store.reader))
        if plan is not None and checked.ok:
            store.apply(plan, str(source.path))
        if on_file is not None:
            on_file(source, checked)
        yield source, checked
        if not checked.ok:
            return


def bulk_load(
    files: list[Source],
    *,
    reference: Path | None = None,
    replace: bool = False,
    work: Path | None = None,
    on_file: Callable[[Source, ImportResult], None] | None = None,
    say: Callable[[str], None] = print,
) -> BulkResult:
    settings = neo4j_settings()
    if settings.local:
        neo4j_server.start(settings)
    result = BulkResult(sources=len(files))
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[name] = result.seconds.get(name, 0.0) + now - clock
        clock = now

    folder = work or var_dir() / "bulk"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    out = Files(folder)
    store = Store(out)
    with Graph(settings) as graph:
        held = held_data(graph)
        if held and not replace:
            raise BulkRefused(
                f"{settings.uri} 上的数据库除参考数据外还有 {held} 个节点；批量载入只能从空库"
                "建起（--replace 会删除它们）"
            )
        if reference is not None or not graph.read("MATCH (p:Province) RETURN 1 LIMIT 1"):
            load_reference(graph, reference)
        read_reference(graph, store)
    lap("reference")
    for source, checked in validate_all(store, files, on_file):
        result.rows += checked.rows
        result.records += checked.records
        if not checked.ok:
            result.refused, result.refused_path = checked, source.path
            out.close()
            shutil.rmtree(folder)
            return result
    lap("validate")
    add_rollups(store)
    lap("roll-ups")
    store.flush_declared()
    empty = write_csv(store, out)
    (folder / FIXUPS).write_text(json.dumps(empty, ensure_ascii=False), encoding="utf-8")
    result.counts = {label: len(nodes) for label, nodes in store.nodes.items() if nodes}
    result.counts["relationships"] = store.relationships
    result.folder = folder
    del store
    lap("write CSV")
    if not settings.local:
        result.command = admin.printed_command(out, settings.database)
        return result
    say(f"为导入停止本机 Neo4j（{settings.uri}）")
    neo4j_server.stop(settings)
    lap("stop")
    try:
        _, result.importer_mib = admin.run(out, settings.home, settings.database)
    finally:  # the server comes back either way (after a failed import: its database empty)
        lap("neo4j-admin import")
        neo4j_server.start(settings)
    lap("start")
    finish(settings, folder, lap)
    return result


def finish(
    settings: Neo4jSettings | None = None,
    folder: Path | None = None,
    lap: Callable[[str], None] | None = None,
) -> None:
    """What follows the importer (run here, or after the importer on another server):
    empty lists, then constraints and indexes (the roll-ups came in the CSV files). The
    empty lists come first: their nodes are found by their marker label, and the indexes
    then populate once, from the final nodes."""
    tick = lap or (lambda name: None)
    with Graph(settings) as graph:
        if folder is not None and (folder / FIXUPS).exists():
            empty: EmptyLists = json.loads((folder / FIXUPS).read_text(encoding="utf-8"))
            set_empty_lists(graph, empty)
        tick("empty lists")
        migrate(graph, full_text_first=True)
        tick("constraints and indexes")


def set_empty_lists(graph: Graph, empty: EmptyLists) -> None:
    """The empty lists of the nodes the CSV files marked, one pass per marker label."""
    template = cypher.load("bulk/empty_lists")
    with graph.session() as session:
        for marker, names in empty.items():
            if not re.fullmatch(rf"{MARKER}\d+", marker):  # the file is the operator's
                raise BulkRefused(f"{FIXUPS}：{marker!r} 不是批量载入的标记")
            query = template.replace("{{marker}}", marker)
            session.run(cast(LiteralString, query), empty={name: [] for name in names}).consume()


def peak_memory_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child (the importer or the
    forked writer of the change feed's baseline), MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child
