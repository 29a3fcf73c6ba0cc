"""The nodes of a ``Store`` as CSV, with the change feed's baseline.

Every label gets one file whose header types each property as the transactional import
stores it; empty lists, which the importer cannot write, are returned for ``finish``.
The change feed starts from one ``PATENT`` event per patent, hashed over its final content
(as ``graph.feed`` would hash it), so that the next real change of a patent records
an event and a feed refresh records none.
"""

from __future__ import annotations

from typing import Any

from graph.bulk.csvfiles import BulkDataError, Files, type_of
from graph.bulk.store import KEYS, NOW, Store
from graph.feed import content_hash
from graph.vocab import ChangeKind

# The properties some nodes hold as an empty list, which the importer cannot write: each
# such node gets the label ``MARKER + prop`` in the CSV, and ``finish`` sets the empty
# list on the nodes of that label and removes the label.
EmptyLists = list[str]
MARKER = "BulkEmptyList_"


def _types(label: str, nodes: dict[Any, dict[str, Any]]) -> dict[str, str]:
    """Each property's importer type; one type per property, as a column needs."""
    found: dict[str, str] = {}
    for node in nodes.values():
        for k, v in node.items():
            t = type_of(v)
            if t is None:
                continue
            seen = found.setdefault(k, t)
            if seen != t:
                raise BulkDataError(
                    f"{label}.{k} holds values of type {seen} and {t}: one column cannot take both"
                )
    return found


def write_nodes(store: Store, files: Files) -> EmptyLists:
    """Every node of ``store`` as CSV; the properties left to set as empty lists."""
    empty: set[str] = set()
    for label, nodes in store.nodes.items():
        if not nodes:
            continue
        key = KEYS[label]
        types = _types(label, nodes)
        names = [k for k in types if k != key]
        markers = {
            node_key: [MARKER + k for k, v in node.items() if v == []]
            for node_key, node in nodes.items()
        }
        marked = any(markers.values())
        table = files.node_table(label, key, [(k, types[k]) for k in names], labels=marked)
        for node_key, node in nodes.items():
            get = node.get
            row = [node_key, *(get(k) for k in names)]
            if marked:
                row.append(markers[node_key] or None)
                empty.update(markers[node_key])
            table.write(row)
    return sorted(m[len(MARKER) :] for m in empty)


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
