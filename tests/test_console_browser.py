"""The console in a real headless Chromium against the real hub (uvicorn) and Neo4j.

For every role of the seed graph (tests/schema_seed.cypher): log in through the login
form, open each page the role may open, and check that what the page shows equals
what the API answers to the same role (asked separately, with a bearer token of that
role); open the pages it may not open and see a clear refusal; for two provinces,
check that no other province's non-transferable patent shows anywhere. Screenshots of
every page per role go to var/screenshots/ for people to look at.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from graph.db import Graph
from graph.migrate import wipe
from graph.rollups import refresh
from hub.auth.users import create_user
from tests import browser
from tests.conftest_http import TokenMinter, bearer
from tests.schema_support import ALL, E1, E2, P1, P2, P3, P4, P5, P6, SEED

PASSWORD = "console-test-password-2024"

# The schema seed with identifiers people's accounts accept (hub.auth.claims): the
# seed's test ids are shorter than real institution ids and credit codes.
IDS = {"T-U1": "TU-1", "T-U2": "TU-2", E1: "91110000TEXT00001A", E2: "91330000TEXT00002B"}
U1, U2, ENT1 = IDS["T-U1"], IDS["T-U2"], IDS[E1]


def seed_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    for old, new in IDS.items():
        text = text.replace(old, new)
    return text


AS_OF = "2025-01-15"


@dataclass(frozen=True)
class Person:
    username: str
    role: str
    scope: str | None
    visible: frozenset[str]
    pages: tuple[str, ...]
    refused: tuple[str, ...]


OVERSEER_PAGES = ("/", "/progress", "/patents", "/network", "/dormant", "/open-licences")
PEOPLE = [
    Person(
        "national", "NATIONAL", None, frozenset(ALL), (*OVERSEER_PAGES, "/audit"), ("/matches",)
    ),
    Person(
        "moe", "MINISTRY", "MOE", frozenset({P1, P2, P4}), OVERSEER_PAGES, ("/audit", "/imports")
    ),
    Person("zhejiang", "PROVINCE", "33", frozenset({P1, P3, P4, P6}), OVERSEER_PAGES, ("/audit",)),
    Person("beijing", "PROVINCE", "11", frozenset({P1, P2, P3, P4}), OVERSEER_PAGES, ("/matches",)),
    Person("u1", "INSTITUTION", U1, frozenset({P1, P2, P4}), OVERSEER_PAGES, ("/evaluations",)),
    Person(
        "ent1",
        "ENTERPRISE",
        ENT1,
        frozenset({P1, P3, P4}),
        ("/", "/patents", "/matches", "/evaluations", "/network", "/open-licences"),
        ("/progress", "/dormant", "/audit"),
    ),
    Person(
        "expert",
        "EXPERT",
        "X-T1",
        frozenset({P4, P5}),
        ("/", "/patents", "/evaluations", "/open-licences"),
        ("/progress", "/matches", "/audit", "/imports"),
    ),
]
TITLES = {P2: "一种锂电池隔膜", P5: "一种外壳", P6: "电池包外观"}
# Another province's patents outside the transferable and open-licence catalogues.
FOREIGN = {"33": {P2, P5}, "11": {P5, P6}}


@pytest.fixture(scope="module")
def console(session_graph: Graph, hub_server: str) -> str:
    wipe(session_graph)
    session_graph.write(seed_text())
    with session_graph.transaction() as tx:
        refresh(tx, [U1, U2, "RI-T3"])
    for p in PEOPLE:
        create_user(
            session_graph, p.username, p.role, PASSWORD, scope=p.scope, name=f"{p.username}测试"
        )
    return hub_server


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    d = browser.chromium()
    try:
        yield d
    finally:
        d.quit()


def api(base: str, token: str, query: str, variables: dict[str, Any] | None = None) -> Any:
    r = httpx.post(
        f"{base}/graphql",
        json={"query": query, "variables": variables or {}},
        headers=bearer(token),
        timeout=30,
    )
    body = r.json()
    assert "errors" not in body, body
    return body["data"]


def download(driver: WebDriver, base: str) -> list[str]:
    """The cells of the xlsx behind the page's first 下载 Excel link, fetched with the
    browser's own session cookie."""
    href = driver.find_element(By.CSS_SELECTOR, "a[data-export]").get_attribute("href")
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    r = httpx.get(str(href), cookies=cookies, timeout=60)
    assert r.status_code == 200, r.text
    book = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True)
    sheet = book.worksheets[0]
    return [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]


def shot(driver: WebDriver, person: str, page: str) -> None:
    name = page.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "dashboard"
    browser.screenshot(driver, f"{person}-{name}")


def canvases(driver: WebDriver, css: str) -> int:
    return len(driver.find_elements(By.CSS_SELECTOR, f"{css}[data-drawn='1'] canvas"))


def check_dashboard(driver: WebDriver, base: str, person: Person, token: str) -> None:
    from_api = api(base, token, "{ resourceLibrary { total byIndustry { name patents } } }")
    browser.open_page(driver, f"{base}/?asOf={AS_OF}")
    lib = from_api["resourceLibrary"]
    assert browser.texts(driver, "#library-total") == [str(lib["total"])]
    shown = browser.texts(driver, "#figures-library-industry .figure")
    assert shown == [f"{b['name'] or '未分类'}\n{b['patents']}" for b in lib["byIndustry"]]
    assert canvases(driver, "#chart-library-industry") >= 1  # the chart drew
    if person.role in {"NATIONAL", "MINISTRY", "PROVINCE", "INSTITUTION"}:
        m = api(base, token, "query($d: Date!) { milestones(asOf: $d) { key } }", {"d": AS_OF})
        assert int(browser.attr(driver, "#milestones", "data-rows") or -1) == len(m["milestones"])
        assert canvases(driver, "#chart-conversion") >= 1


def check_progress(driver: WebDriver, base: str, person: Person, token: str) -> None:
    by = "PROVINCE" if person.role == "NATIONAL" else "INSTITUTION"
    q = (
        "query($d: Date!, $by: GroupBy!) "
        "{ inventoryProgress(asOf: $d, by: $by) { rows { key behind } } }"
    )
    rows = api(base, token, q, {"d": AS_OF, "by": by})["inventoryProgress"]["rows"]
    browser.open_page(driver, f"{base}/progress?asOf={AS_OF}")
    assert sorted(browser.row_keys(driver, "progress")) == sorted(r["key"] for r in rows)
    behind = {
        str(e.get_attribute("data-key"))
        for e in driver.find_elements(By.CSS_SELECTOR, "#progress tbody tr.behind")
    }
    assert behind == {r["key"] for r in rows if r["behind"]}
    # sortable: the header button reorders by missing patents
    driver.find_element(
        By.XPATH, "//table[@id='progress']//th//button[contains(., '缺口')]"
    ).click()
    sorted_th = driver.find_element(By.XPATH, "//table[@id='progress']//th[contains(., '缺口')]")
    assert sorted_th.get_attribute("aria-sort") == "ascending"


def check_patents(driver: WebDriver, base: str, person: Person, token: str) -> None:
    browser.open_page(driver, f"{base}/patents")
    assert set(browser.row_keys(driver, "patents")) == person.visible
    assert browser.attr(driver, "#result-count", "data-total") == str(len(person.visible))
    # full-text search ?q= and a facet count, as the API answers them
    q = (
        "query($s: String) { all: patents(search: $s, first: 100) { nodes { appNo } } "
        "inv: patents(search: $s, filter: { type: INVENTION }) { totalCount } }"
    )
    found = api(base, token, q, {"s": "锂电池"})
    browser.open_page(driver, f"{base}/patents?q=锂电池")
    hits = set(browser.row_keys(driver, "patents"))
    assert hits == {n["appNo"] for n in found["all"]["nodes"]}
    assert hits <= person.visible
    facets = browser.WebDriverWait(driver, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#facets[data-ready='1']")
    )
    assert facets
    invention = driver.find_element(By.CSS_SELECTOR, "[data-facet='type=INVENTION'] .facet-count")
    assert invention.text == str(found["inv"]["totalCount"])


def check_detail(driver: WebDriver, base: str, person: Person) -> None:
    for app_no in sorted(ALL):
        browser.open_page(driver, f"{base}/patents/{app_no}")
        if app_no in person.visible:
            assert browser.texts(driver, "#patent-appno") == [app_no]
        else:
            assert driver.find_elements(By.ID, "not-found"), app_no


def check_network(driver: WebDriver, base: str, person: Person, token: str) -> None:
    centre = person.scope if person.role == "INSTITUTION" else U1
    q = "query($i: String) { institutionIndustryNetwork(institutionId: $i) { nodes { id } } }"
    r = httpx.post(
        f"{base}/graphql",
        json={"query": q, "variables": {"i": centre}},
        headers=bearer(token),
        timeout=30,
    ).json()
    browser.open_page(driver, f"{base}/network?institution={centre}")
    if "errors" in r:  # a centre the role cannot see: the page says so
        assert browser.texts(driver, ".problem")
        return
    expected = len(r["data"]["institutionIndustryNetwork"]["nodes"])
    assert browser.attr(driver, "#network-canvas", "data-nodes") == str(expected)
    assert (
        expected == 0 or len(driver.find_elements(By.CSS_SELECTOR, "#network-canvas canvas")) >= 1
    )
    drawn = browser.js(driver, "return window.__phCy ? window.__phCy.nodes().length : 0")
    assert drawn == expected


def check_dormant(driver: WebDriver, base: str, token: str) -> None:
    q = (
        "query($d: Date!) "
        "{ dormantStateFunded(asOf: $d, first: 50) { totalCount edges { node { appNo } } } }"
    )
    d = api(base, token, q, {"d": AS_OF})["dormantStateFunded"]
    browser.open_page(driver, f"{base}/dormant?asOf={AS_OF}")
    assert browser.attr(driver, "#dormant-total", "data-total") == str(d["totalCount"])
    assert browser.row_keys(driver, "dormant") == [e["node"]["appNo"] for e in d["edges"]]


def check_audit(driver: WebDriver, base: str, token: str) -> None:
    a = api(base, token, "{ auditTrail(first: 50) { edges { node { id } } } }")["auditTrail"]
    browser.open_page(driver, f"{base}/audit")
    assert browser.row_keys(driver, "audit") == [e["node"]["id"] for e in a["edges"]]


def check_matches(driver: WebDriver, base: str, person: Person, token: str) -> None:
    q = "query($c: String!) { patentMatches(creditCode: $c, first: 20) { patent { appNo } } }"
    m = api(base, token, q, {"c": person.scope})["patentMatches"]
    browser.open_page(driver, f"{base}/matches")
    assert browser.row_keys(driver, "matches") == [x["patent"]["appNo"] for x in m]


def check_evaluations(driver: WebDriver, base: str, person: Person, token: str) -> None:
    if person.role == "ENTERPRISE":
        q = "query($c: String!) { enterprise(creditCode: $c) { pushedPatents { appNo } } }"
        todo = api(base, token, q, {"c": person.scope})["enterprise"]["pushedPatents"]
    else:
        q = "query($c: String!) { expert(id: $c) { assignedPatents { appNo } } }"
        todo = api(base, token, q, {"c": person.scope})["expert"]["assignedPatents"]
    browser.open_page(driver, f"{base}/evaluations")
    assert sorted(browser.row_keys(driver, "todo")) == sorted(p["appNo"] for p in todo)


def check_open_licences(driver: WebDriver, base: str) -> None:
    browser.open_page(driver, f"{base}/open-licences")
    assert browser.row_keys(driver, "open-licences") == [P4]


CHECKS = {
    "/patents": check_patents,
    "/progress": check_progress,
    "/network": check_network,
    "/dormant": lambda d, b, p, t: check_dormant(d, b, t),
    "/audit": lambda d, b, p, t: check_audit(d, b, t),
    "/matches": check_matches,
    "/evaluations": check_evaluations,
    "/open-licences": lambda d, b, p, t: check_open_licences(d, b),
    "/": check_dashboard,
}


@pytest.mark.parametrize("person", PEOPLE, ids=[p.username for p in PEOPLE])
def test_each_role_sees_what_the_api_answers_it(
    console: str, driver: WebDriver, mint_token: TokenMinter, person: Person
) -> None:
    token = mint_token(person.role, person.scope)
    browser.login(driver, console, person.username, PASSWORD)
    assert driver.find_element(By.ID, "who").get_attribute("data-role") == person.role
    menu = browser.texts(driver, "nav.menu a")
    assert menu and "工作台" in menu
    for page in person.pages:
        CHECKS[page](driver, console, person, token)
        shot(driver, person.username, page)
    check_detail(driver, console, person)
    browser.open_page(driver, f"{console}/patents/{sorted(person.visible)[0]}")
    shot(driver, person.username, "/patent-detail")
    for page in person.refused:
        browser.open_page(driver, f"{console}{page}")
        refusal = driver.find_element(By.CSS_SELECTOR, "[data-refusal]")
        assert "无权查看此页面" in refusal.text
        shot(driver, person.username, f"{page}-refused")
    assert browser.severe_console_errors(driver) == []


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_a_province_never_sees_another_provinces_private_patents(
    console: str, driver: WebDriver, mint_token: TokenMinter, code: str
) -> None:
    person = next(p for p in PEOPLE if p.scope == code)
    foreign = FOREIGN[code]
    browser.login(driver, console, person.username, PASSWORD)
    seen: set[str] = set()
    browser.open_page(driver, f"{console}/patents")
    seen |= set(browser.row_keys(driver, "patents"))
    for app_no in foreign:  # searched by its own title words
        title_word = {P2: "隔膜", P5: "外壳", P6: "电池包"}[app_no]
        browser.open_page(driver, f"{console}/patents?q={title_word}")
        seen |= set(browser.row_keys(driver, "patents"))
        browser.open_page(driver, f"{console}/patents/{app_no}")
        assert driver.find_elements(By.ID, "not-found"), app_no
        assert TITLES[app_no] not in driver.page_source
    browser.open_page(driver, f"{console}/dormant?asOf={AS_OF}")
    seen |= set(browser.row_keys(driver, "dormant"))
    assert not seen & foreign
    # exports: the patents table's download, with the person's session cookie
    browser.open_page(driver, f"{console}/patents")
    exported = download(driver, console)
    assert set(exported) >= {n for n in person.visible if n in seen}
    assert not set(exported) & foreign
    # progress rows: only the province's own institutions
    browser.open_page(driver, f"{console}/progress?asOf={AS_OF}")
    own = {"33": {U2}, "11": {U1}}[code]
    assert set(browser.row_keys(driver, "progress")) <= own
    # networks: the foreign institution's private patents make no edge
    token = mint_token(person.role, person.scope)
    browser.open_page(driver, f"{console}/network?institution=RI-T3")
    q = (
        'query { institutionIndustryNetwork(institutionId: "RI-T3") '
        "{ nodes { id } edges { weight } } }"
    )
    r = httpx.post(
        f"{console}/graphql", json={"query": q}, headers=bearer(token), timeout=30
    ).json()
    if "errors" in r:
        assert browser.texts(driver, ".problem")
    else:
        net = r["data"]["institutionIndustryNetwork"]
        # RI-T3's only patent the province sees is the open-licence P4
        assert sum(e["weight"] for e in net["edges"]) <= 1
        assert browser.attr(driver, "#network-canvas", "data-nodes") == str(len(net["nodes"]))
    shot(driver, person.username, "network-foreign")


def test_anonymous_gets_the_catalogue_and_a_login_for_the_rest(
    console: str, driver: WebDriver
) -> None:
    driver.delete_all_cookies()
    browser.open_page(driver, f"{console}/open-licences")
    assert browser.row_keys(driver, "open-licences") == [P4]
    shot(driver, "anonymous", "/open-licences")
    driver.get(f"{console}/progress")
    browser.WebDriverWait(driver, 30).until(lambda d: "/login" in d.current_url)
    assert "next=" in driver.current_url
    shot(driver, "anonymous", "/login")


BAD_PATENTS = (
    "申请号,专利名称,专利类型,申请日,授权日,法律状态,专利权人,发明人,IPC主分类号,IPC分类号,摘要,"
    "是否财政资助,开放许可\n"
    "CN202310123456.6,一种锂电池正极材料,发明,2023-01-05,2024-06-18,有效,北京新材料大学,王明,"
    "H01M4/58,H01M4/58,摘要,是,否\n"
    "不是申请号,一种隔膜,发明,2023-13-45,2024-06-18,有效,北京新材料大学,李华,H01M50,H01M50,摘要,否,否\n"
    "CN202310123457.X,,发明,昨天,2024-06-18,有效,北京新材料大学,李华,H01M50,H01M50,摘要,也许,否\n"
)
JOB = """query($id: ID!) {
  importJob(id: $id) { status problems { sheet row column reason code } } }"""
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_upload_page_shows_a_bad_files_rows(
    console: str, driver: WebDriver, mint_token: TokenMinter, tmp_path: Path
) -> None:
    bad = tmp_path / "bad-patents.csv"
    bad.write_text(BAD_PATENTS, encoding="utf-8")
    browser.login(driver, console, "u1", PASSWORD)
    browser.open_page(driver, f"{console}/imports")
    driver.find_element(By.ID, "file-input").send_keys(str(bad))
    assert browser.texts(driver, "#chosen") == [bad.name]
    driver.find_element(By.NAME, "dryRun").click()
    driver.find_element(By.ID, "upload-button").click()
    done = "#job[data-status='SUCCEEDED'], #job[data-status='FAILED']"
    browser.WebDriverWait(driver, 120).until(lambda d: d.find_elements(By.CSS_SELECTOR, done))
    job_id = driver.find_element(By.ID, "job").get_attribute("data-id")
    shot(driver, "u1", "/imports-report")
    # a job is its uploader's: asked with the person's own session, from the page
    job = driver.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch('/graphql', {method: 'POST', headers: {'Content-Type': 'application/json',
          'X-Requested-With': 'patent-hub'}, body: JSON.stringify({query: arguments[0],
          variables: {id: arguments[1]}})})
          .then(r => r.json()).then(b => done(b.data.importJob));""",
        JOB,
        job_id,
    )
    assert job["problems"], job  # the file is bad: the hub found its rows
    shown = browser.row_keys(driver, "problems")
    assert len(shown) == len(job["problems"])
    rows = {str(p["row"]) for p in job["problems"]}
    cells = browser.texts(driver, "#problems tbody td:nth-child(2)")
    assert set(cells) == {r if r != "0" else "整个文件" for r in rows}
    # the reasons are shown as the hub gives them: Chinese sentences, each with its code
    reasons = browser.texts(driver, "#problems tbody td:nth-child(5)")
    assert sorted(reasons) == sorted(p["reason"] for p in job["problems"])
    assert all(CJK.search(r) for r in reasons) and all(p["code"] for p in job["problems"])
    listed = browser.row_keys(driver, "jobs")
    assert job_id in listed
