"""Pulls that know when a provincial platform failed or ended, against the real Neo4j and a
fake platform on 127.0.0.1: error bodies answered as HTTP 200, answers without the records
path, platforms capping page sizes, the three ways a feed ends, run limits, a cursor that
does not move, configuration errors (exit 2, one line, stored), directory kinds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from connectors import filedrop, pull
from connectors import state as checkpoint
from connectors.config import ConfigError, from_dict
from graph.db import Graph
from graph.ingest import samples
from hub.serve import running
from tests.connectors_fakes import (
    MAPPING,
    VALUES,
    Provincial,
    patent_records,
    rest_app,
    rest_config,
    rest_source,
)
from tests.test_connectors_pull import ZJUT, changes, patents


@pytest.fixture
def platform() -> Iterator[tuple[Provincial, str]]:
    site = Provincial(patent_records("3301", ZJUT, 20))
    with running(rest_app(site)) as url:
        yield site, url


def test_error_body_answered_as_200_is_a_failed_page_then_resumed(
    ref_graph: Graph, platform: tuple[Provincial, str]
) -> None:
    site, url = platform
    site.busy_once = {3}
    config = rest_config("zj", url, "33")
    with pytest.raises(pull.ConnectorError) as failed:
        pull.run(ref_graph, config)
    message = str(failed.value)
    assert "page 3" in message and "code 500" in message and "系统繁忙" in message
    assert patents(ref_graph) == 8  # pages 1 and 2; page 3 is no empty last page
    st = checkpoint.get(ref_graph, "zj")
    assert (st.status, st.cursor, st.page) == ("FAILED", "3", 2)
    assert "系统繁忙" in (st.last_error or "")
    site.requests.clear()
    result = pull.run(ref_graph, config)
    assert site.requests == [3, 4, 5, 6] and result.records == 12
    assert patents(ref_graph) == 20 and changes(ref_graph) == 20
    done = checkpoint.get(ref_graph, "zj")
    assert (done.status, done.records, done.last_error) == ("DONE", 20, None)


def test_answer_without_the_records_path_is_a_failed_page(
    ref_graph: Graph, platform: tuple[Provincial, str]
) -> None:
    site, url = platform
    site.busy_once = {2}
    config = rest_config("zj", url, "33", success="", success_values=[])
    with pytest.raises(pull.ConnectorError, match=r"page 2: the answer has no record list"):
        pull.run(ref_graph, config)
    assert patents(ref_graph) == 4
    assert checkpoint.get(ref_graph, "zj").status == "FAILED"


@pytest.mark.parametrize("end", ["empty", "total"])
def test_a_platform_capping_page_sizes_is_read_to_the_end(
    ref_graph: Graph, platform: tuple[Provincial, str], end: str
) -> None:
    site, url = platform
    site.cap = 3  # asked for 5 a page, the platform sends 3
    extra: dict[str, Any] = {"end": end, "total": "data.total"} if end == "total" else {}
    result = pull.run(ref_graph, rest_config("zj", url, "33", page_size=5, **extra))
    assert result.records == 20 and patents(ref_graph) == 20
    # 7 pages of at most 3; the empty end needs one more request, the total does not
    assert site.requests == list(range(1, 9 if end == "empty" else 8))


def test_an_empty_page_before_the_total_is_a_failure(ref_graph: Graph) -> None:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    site = Provincial(patent_records("3301", ZJUT, 10))

    async def stale_total(request: Request) -> Response:  # counts 20, holds 10
        _, items = site.page(int(request.query_params["page"]), int(request.query_params["size"]))
        return JSONResponse({"code": 0, "data": {"items": items, "total": 20}})

    with running(Starlette(routes=[Route("/api/patents", stale_total)])) as url:
        raw = {**_raw(url), "source": rest_source(url, 4, end="total", total="data.total")}
        with pytest.raises(pull.ConnectorError, match=r"page 4: an empty page, but data\.total"):
            pull.run(ref_graph, from_dict(raw))
    st = checkpoint.get(ref_graph, "zj")
    assert st.status == "FAILED" and "data.total = 20" in (st.last_error or "")
    assert patents(ref_graph) == 10 and st.page == 3


def test_cursor_paging_to_the_end_and_a_cursor_that_does_not_move(
    ref_graph: Graph, platform: tuple[Provincial, str]
) -> None:
    site, url = platform
    feed: dict[str, Any] = {
        "url": f"{url}/api/feed",
        "paging": "cursor",
        "next": "data.next",
        "end": "next",
    }
    result = pull.run(ref_graph, rest_config("zj-feed", url, "33", **feed))
    assert result.records == 20 and len(site.requests) == 5
    site.requests.clear()
    site.stuck_after = 8
    with pytest.raises(pull.ConnectorError, match="does not move") as failed:
        pull.run(ref_graph, rest_config("zj-stuck", url, "33", **feed))
    assert "page 4" in str(failed.value)  # page 3 answered with its own cursor
    assert len(site.requests) == 3
    st = checkpoint.get(ref_graph, "zj-stuck")
    assert st.status == "FAILED" and st.page == 3 and "does not move" in (st.last_error or "")


def test_run_limits_stop_as_failed_and_the_next_run_goes_on(
    ref_graph: Graph, platform: tuple[Provincial, str]
) -> None:
    site, url = platform
    limited = from_dict({**_raw(url), "limits": {"pages": 2}})
    with pytest.raises(pull.ConnectorError, match=r"page 3: run limit reached: 2 pages"):
        pull.run(ref_graph, limited)
    st = checkpoint.get(ref_graph, "zj")
    assert (st.status, st.cursor, st.page, st.records) == ("FAILED", "3", 2, 8)
    assert site.requests == [1, 2]
    with pytest.raises(pull.ConnectorError, match=r"run limit reached: 8 records"):
        pull.run(ref_graph, from_dict({**_raw(url), "limits": {"records": 5}}))
    assert checkpoint.get(ref_graph, "zj").page == 4  # two more pages of 4: 8 ≥ 5
    with pytest.raises(pull.ConnectorError, match=r"limits\.seconds"):
        pull.run(ref_graph, from_dict({**_raw(url), "limits": {"seconds": 1e-9}}))
    pull.run(ref_graph, from_dict(_raw(url)))
    assert patents(ref_graph) == 20 and checkpoint.get(ref_graph, "zj").records == 20


def _raw(url: str) -> dict[str, Any]:
    return {
        "name": "zj",
        "province": "33",
        "kind": "patents",
        "source": rest_source(url, 4),
        "mapping": MAPPING,
        "values": VALUES,
    }


def test_configuration_errors_exit_2_with_one_line_and_are_stored(
    ref_graph: Graph,
    platform: tuple[Provincial, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hub.cli import main

    _, url = platform
    monkeypatch.delenv("ZJ_TOKEN_FOR_TEST", raising=False)
    raw = _raw(url)
    raw["source"]["headers"] = {"Authorization": "env:ZJ_TOKEN_FOR_TEST"}
    path = tmp_path / "zj.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert main(["connectors", "run", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "ZJ_TOKEN_FOR_TEST is not set" in err and "headers.Authorization" in err
    st = checkpoint.get(ref_graph, "zj")
    assert st.status == "FAILED" and "ZJ_TOKEN_FOR_TEST" in (st.last_error or "")
    assert patents(ref_graph) == 0

    monkeypatch.setenv("ZJ_TOKEN_FOR_TEST", "t0ken")
    assert main(["connectors", "run", str(path)]) == 0
    capsys.readouterr()

    broken: list[tuple[dict[str, Any], str]] = [
        ({"page_size": "100"}, "page_size has the wrong type"),
        ({"end": "short"}, "end is required, one of"),
        ({"timeout": [1]}, "timeout has the wrong type"),
        ({"headers": {"X": 1}}, "headers are Name"),
        ({"colour": "red"}, "unknown keys ['colour']"),
        ({"success_values": []}, "success and success_values go together"),
    ]
    for change, expected in broken:
        bad = _raw(url)
        bad["source"].update(change)
        path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
        assert main(["connectors", "run", str(path)]) == 2, change
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and expected in err and "Traceback" not in err, err
        assert expected in (checkpoint.get(ref_graph, "zj").last_error or "")
    path.write_text('name = "zj"\nprovince = 33\n[source', encoding="utf-8")
    toml = path.with_suffix(".toml")
    path.rename(toml)
    assert main(["connectors", "run", str(toml)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not readable as toml" in err
    missing = tmp_path / "drop-missing"
    drop = {**_raw(url), "source": {"type": "filedrop", "folder": str(missing)}}
    path.write_text(json.dumps(drop), encoding="utf-8")
    assert main(["connectors", "run", str(path)]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert "is not a folder" in (checkpoint.get(ref_graph, "zj").last_error or "")


def test_limits_and_end_are_checked() -> None:
    base = {"name": "x", "province": "33", "kind": "patents", "mapping": MAPPING}
    rest = {"type": "rest", "url": "http://127.0.0.1:1/x"}
    with pytest.raises(ConfigError, match="end is required"):
        from_dict({**base, "source": rest})
    with pytest.raises(ConfigError, match='needs total = "<path'):
        from_dict({**base, "source": {**rest, "end": "total"}})
    with pytest.raises(ConfigError, match=r"\[limits\]: pages must be positive"):
        from_dict({**base, "source": {**rest, "end": "empty"}, "limits": {"pages": 0}})
    with pytest.raises(ConfigError, match=r"\[limits\]: unknown keys \['hours'\]"):
        from_dict({**base, "source": {**rest, "end": "empty"}, "limits": {"hours": 1}})
    with pytest.raises(ConfigError) as err:
        from_dict({**base, "source": {**rest, "end": "empty"}, "kind": "people"})
    assert err.value.name == "x" and "enterprises, experts" in str(err.value)


ENTERPRISE_MAPPING = {
    "tyshxydm": "统一社会信用代码",
    "qymc": "企业名称",
    "lx": "企业类型",
    "sf": "省级代码",
    "hy": "所属行业",
}


def test_enterprise_directory_pulled_and_expert_library_dropped(
    ref_graph: Graph, tmp_path: Path
) -> None:
    firms = [
        {
            "tyshxydm": e["统一社会信用代码"],
            "qymc": e["企业名称"],
            "lx": e.get("企业类型", "").split("；"),
            "sf": e["省级代码"],
            "hy": e["所属行业"].split("；"),
        }
        for e in samples.ENTERPRISES
    ]
    site = Provincial(firms)
    with running(rest_app(site)) as url:
        config = from_dict(
            {
                "name": "zj-firms",
                "province": "33",
                "kind": "enterprises",
                "source": rest_source(url, 2),
                "mapping": ENTERPRISE_MAPPING,
            }
        )
        result = pull.run(ref_graph, config)
    # The third firm is of province 11: the province-33 connector may not write it.
    assert site.requests == [1, 2, 3] and result.records == 2
    assert len(result.refused) == 1 and "超出本账号的写入范围" in result.refused[0]
    rows = ref_graph.read(
        "MATCH (e:Enterprise) RETURN e.creditCode AS code, e.name AS name, e.kinds AS kinds "
        "ORDER BY code"
    )
    by_code = {r["code"]: r for r in rows}
    assert samples.ENTERPRISES[2]["统一社会信用代码"] not in by_code
    first = samples.ENTERPRISES[0]
    assert by_code[first["统一社会信用代码"]]["name"] == first["企业名称"]
    assert len(by_code[first["统一社会信用代码"]]["kinds"]) == 2

    folder = tmp_path / "experts"
    folder.mkdir()
    samples.write_csv(folder / "experts.csv", samples.EXPERT_HEADER, samples.EXPERTS)
    drop = from_dict(
        {
            "name": "zj-experts",
            "province": "33",
            "kind": "experts",
            "source": {"type": "filedrop", "folder": str(folder)},
        }
    )
    dropped = filedrop.run(ref_graph, drop)
    assert dropped.done == ["experts.csv"] and dropped.records == 2
    names = ref_graph.read("MATCH (x:Expert) RETURN x.name AS name ORDER BY name")
    assert sorted(r["name"] for r in names) == sorted(e["姓名"] for e in samples.EXPERTS)
