"""Query-text rules, each in its one home: full-text queries search user text for what it
says (against the real index), never obey it as syntax; IPC prefixes follow one pattern."""

from __future__ import annotations

import pytest

from graph import fulltext
from graph.db import Graph
from graph.ingest import values

SEARCH = (
    "CALL db.index.fulltext.queryNodes('patent_text', $q) YIELD node "
    "RETURN node.appNo AS appNo ORDER BY appNo"
)


def test_every_special_character_is_escaped() -> None:
    raw = '+-&|!(){}[]^"~*?:\\/'
    assert fulltext.escape(raw) == "".join("\\" + c for c in raw)
    assert fulltext.escape("a && b || c") == "a \\&\\& b \\|\\| c"


def test_all_words_asks_for_each_word_as_a_phrase() -> None:
    assert fulltext.all_words("锂电池  C++ a:b") == '"锂电池" AND "C\\+\\+" AND "a\\:b"'
    assert fulltext.all_words("   ") == ""


def test_any_words_lowers_the_operators() -> None:
    assert fulltext.any_words("电池 AND 正极 OR NOT x") == "电池 and 正极 or not x"
    assert fulltext.any_words("ANDROID") == "ANDROID"


@pytest.mark.parametrize(
    "text", ["a:b) OR (x", "锂电池 && *", '"unterminated', "\\", "NOT AND OR", "/re/ [x TO y]"]
)
def test_hostile_text_is_a_valid_query_in_both_forms(session_graph: Graph, text: str) -> None:
    for query in (fulltext.all_words(text), fulltext.any_words(text)):
        assert isinstance(session_graph.read(SEARCH, {"q": query}), list)


def test_a_phrase_keeps_the_bigrams_adjacent(graph: Graph) -> None:
    graph.write(
        "CREATE (:Patent {appNo: 'FT1', title: '一种锂电池隔膜', abstract: ''}),"
        " (:Patent {appNo: 'FT2', title: '锂矿与电池', abstract: ''}),"
        " (:Patent {appNo: 'FT3', title: 'C++ 编译器 a:b', abstract: ''})"
    )
    assert [r["appNo"] for r in graph.read(SEARCH, {"q": fulltext.all_words("锂电池")})] == ["FT1"]
    assert [r["appNo"] for r in graph.read(SEARCH, {"q": fulltext.any_words("电池")})] == [
        "FT1",
        "FT2",
    ]
    assert [r["appNo"] for r in graph.read(SEARCH, {"q": fulltext.all_words("a:b")})] == ["FT3"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("h01m 4/58", "H01M4/58"), ("H", "H"), ("H0", "H0"), ("H01M4/", "H01M4/"), (" A01b ", "A01B")],
)
def test_one_rule_for_ipc_prefixes(raw: str, expected: str) -> None:
    """Filters and technology needs accept the same prefixes."""
    assert values.ipc_prefix(raw) == expected


@pytest.mark.parametrize("raw", ["", "I01", "H01MM", "H01M4/58/1", "H001", "ZL2023"])
def test_what_is_no_ipc_prefix(raw: str) -> None:
    assert values.ipc_prefix(raw) is None
