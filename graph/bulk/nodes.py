"""The nodes of a ``Store`` as CSV, with the change feed's baseline.

Every label gets one file whose header types each property as the transactional import
stores it; empty lists, which the importer cannot write, are marked for ``finish``.
The change feed starts from one ``PATENT`` event per patent, hashed over its final content
(as ``graph.feed`` would hash it), so that the next real change of a patent records
an event and a feed refresh records none.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from graph.bulk.csvfiles import BulkDataError, Files, Table, type_of
from graph.bulk.store import KEYS, NOW, Store
from graph.feed import content_hash
from graph.vocab import ChangeKind

__all__ = ["MARKER", "EmptyLists", "write_csv"]

# Nodes holding empty lists, which the importer cannot write, get a marker label per set of
# such properties (``BulkEmptyLists1``, …); ``finish`` sets each set's lists with literal
# names, one pass per marker, and removes the marker. A marker per set keeps the property
# names out of the nodes: a pass that also removed a list of names from each node, with
# names read from it, took 5x as long (15.0 s against 2.9 s for 100,000 nodes).
MARKER = "BulkEmptyLists"
EmptyLists = dict[str, list[str]]  # {marker label: the names of its empty lists}


def _columns(
    label: str, nodes: dict[Any, dict[str, Any]]
) -> tuple[dict[str, str], dict[Any, tuple[str, ...]]]:
    """Each property's importer type (one per property, as a column needs) and, for each
    node holding empty lists, their names; one pass over the nodes."""
    found: dict[str, str] = {}
    bare: dict[Any, tuple[str, ...]] = {}
    for node_key, node in nodes.items():
        empty: list[str] = []
        for k, v in node.items():
            t = type_of(v)
            if t is None:
                empty.append(k)
                continue
            seen = found.setdefault(k, t)
            if seen != t:
                raise BulkDataError(
                    f"{label}.{k} holds values of type {seen} and {t}: one column cannot take both"
                )
        if empty:
            bare[node_key] = tuple(empty)
    return found, bare


def write_nodes(store: Store, files: Files) -> EmptyLists:
    """Every node of ``store`` as CSV; the marker labels of nodes with empty lists."""
    markers: dict[tuple[str, ...], str] = {}
    for label, nodes in store.nodes.items():
        if not nodes:
            continue
        key = KEYS[label]
        types, bare = _columns(label, nodes)
        names = [k for k in types if k != key]
        table = files.node_table(label, key, [(k, types[k]) for k in names], labels=bool(bare))
        for node_key, node in nodes.items():
            get = node.get
            row = [node_key, *(get(k) for k in names)]
            if bare:
                lists = bare.get(node_key)
                if lists:
                    marker = markers.get(lists)
                    if marker is None:
                        marker = markers[lists] = f"{MARKER}{len(markers) + 1}"
                    row.append(marker)
                else:
                    row.append(None)
            table.write(row)
    return {marker: list(lists) for lists, marker in markers.items()}


_FORKED: Store | None = None  # the store a forked writer inherits


def write_csv(store: Store, files: Files) -> EmptyLists:
    """The nodes and the change feed's baseline, closing ``files``. The baseline (a content
    hash per patent) is written by a forked process, which inherits the store as it is,
    while this one writes the nodes: the machine has two cores."""
    global _FORKED
    _FORKED = store
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            baseline = pool.submit(_forked_baseline, files.folder)
            empty = write_nodes(store, files)
            files.close()
            tables, multiline = baseline.result()
    finally:
        _FORKED = None
    files.nodes += tables
    files.multiline = files.multiline or multiline
    return empty


def _forked_baseline(folder: Path) -> tuple[list[Table], bool]:
    assert _FORKED is not None
    files = Files(folder, prefix="baseline-")
    write_baseline(_FORKED, files)
    files.close()
    return [Table(t.path, t.header, t.group, t.rows) for t in files.nodes], files.multiline


def write_baseline(store: Store, files: Files) -> int:
    """One change event per patent and the sequence counter; how many events."""
    patents = store.nodes["Patent"]
    spec = [
        ("seq", "long"),
        ("appNo", "string"),
        ("kind", "string"),
        ("hash", "string"),
        ("at", "datetime"),
        ("source", "string"),
        ("provinceCode", "string"),
        ("ministryCode", "string"),
        ("institutionId", "string"),
        ("transferable", "boolean"),
        ("catalogue", "boolean"),
    ]
    table = files.node_table("Change", "", spec)
    kind = ChangeKind.PATENT.value
    seq = 0
    for a in sorted(patents):
        p = patents[a]
        seq += 1
        digest = content_hash(p, store.evaluations.get(a, ()), store.transactions.get(a, ()))
        transferable = bool(p.get("transferable", False))
        table.write(
            [
                seq,
                seq,
                a,
                kind,
                digest,
                NOW,
                "bulk",
                p.get("provinceCode"),
                p.get("ministryCode"),
                p.get("institutionId"),
                transferable,
                transferable,
            ]
        )
    if seq:
        counter = files.node_table("ChangeSequence", "name", [("last", "long")])
        counter.write(["changes", seq])
    return seq
