"""The console in headless Chromium on the demo data: dashboard ready time, JavaScript
transferred per page, and the network page with 2,000 nodes (draw time, pan frame time,
click-to-expand round trip).

    python bench/console.py [--repeat 5] [--asof 2024-12-31]
                               [--parts dashboard,javascript,network]

The dashboard budget is for the demo data of ``make demo`` (3,000 patents); 2,000 nodes
need more institutions than that holds: ``load demo --patents 100000`` (about 2,500
institutions, so the network around 制造业 reaches the 2,000-edge limit) in a data
folder of its own (``PATENT_HUB_VAR``), then ``--parts network``.

Uses the configured Neo4j (``NEO4J_URI``, or the project's own server, started if
needed) and expects the demo data (``make demo`` or ``patent-hub load reference`` and
``load demo``); the console must be built (``make console``). The hub runs in this
process under uvicorn on a free 127.0.0.1 port; the person ``bench-national`` (created
or reset here) logs in through the login form. Figures are printed and written to
``bench/out/console.json``; nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from graph import neo4j_server  # noqa: E402
from graph.config import neo4j_settings  # noqa: E402
from graph.db import Graph  # noqa: E402
from hub.app import create_app  # noqa: E402
from hub.auth.users import AccountError, create_user, reset_password  # noqa: E402
from hub.serve import running  # noqa: E402
from tests import browser  # noqa: E402

PAGES = ["/", "/progress", "/patents", "/network", "/dormant", "/audit", "/open-licences"]
JS_BYTES = """
const out = {transferred: 0, decoded: 0, files: 0};
for (const e of performance.getEntriesByType('resource')) {
  if (e.name.endsWith('.js')) { out.transferred += e.transferSize; out.decoded += e.decodedBodySize;
    out.files += 1; }
}
return out;"""

EXPAND = """
const done = arguments[arguments.length - 1];
const cy = window.__phCy; const box = document.getElementById('network-canvas');
const heaviest = (nodes) => nodes.sort((a, b) => b.data('weight') - a.data('weight'))[0];
const node = heaviest(cy.nodes('[centre = 0]')) || heaviest(cy.nodes());
if (!node) { done(null); return; }
node.emit('tap');
const before = cy.nodes().length;
const t0 = performance.now();
const go = () => {
  const button = document.getElementById('expand');
  if (!button) { requestAnimationFrame(go); return; }
  box.dataset.drawn = '0';
  const t1 = performance.now();
  button.click();
  const wait = () => {
    if (box.dataset.drawn === '1') {
      requestAnimationFrame(() => done({select_ms: t1 - t0, expand_ms: performance.now() - t1,
        node: node.data('label'), added: cy.nodes().length - before}));
    } else setTimeout(wait, 5);
  };
  wait();
};
go();"""

PAN = """
const done = arguments[arguments.length - 1];
const cy = window.__phCy; const stamps = []; let n = 0;
function step(t) { stamps.push(t); cy.panBy({x: 6, y: 3}); n += 1;
  if (n < 90) requestAnimationFrame(step); else done(stamps); }
requestAnimationFrame(step);"""


def person(graph: Graph, password: str) -> str:
    try:
        create_user(graph, "bench-national", "NATIONAL", password, name="基准测试")
    except AccountError:
        reset_password(graph, "bench-national", password)
    return "bench-national"


def fresh(driver: WebDriver) -> None:
    """Every page load below fetches its files again (no browser cache)."""
    driver.execute_cdp_cmd("Network.enable", {})  # type: ignore[attr-defined]
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})  # type: ignore[attr-defined]


def dashboard_ready(driver: WebDriver, base: str, as_of: str) -> float:
    driver.get(f"{base}/?asOf={as_of}")
    WebDriverWait(driver, 60, poll_frequency=0.05).until(
        lambda d: d.execute_script("return performance.getEntriesByName('ph-ready').length")
    )
    return float(
        driver.execute_script("return performance.getEntriesByName('ph-ready')[0].startTime")
    )


def js_per_page(driver: WebDriver, base: str) -> dict[str, dict[str, int]]:
    out = {}
    for page in PAGES:
        browser.open_page(driver, base + page, timeout=60)
        time.sleep(0.3)  # let lazily imported chunks finish
        out[page] = driver.execute_script(JS_BYTES)
    return out


def biggest_network(driver: WebDriver, base: str) -> dict[str, Any]:
    """The co-inventor network of the institution with the most patents (depth 2) and the
    institution–industry network around 制造业 (every institution with patents in it,
    depth 1), each up to 2,000 edges, drawn by the page; then a 90-frame pan, and the
    heaviest node clicked and expanded (展开此节点: its request, merge, layout, draw)."""
    rows = driver.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch('/graphql', {method: 'POST', headers: {'Content-Type': 'application/json',
          'X-Requested-With': 'patent-hub'}, body: JSON.stringify({query:
          '{ inventoryProgress(asOf: "2024-12-31") { rows { key patents } } }'})})
          .then(r => r.json()).then(b => done(b.data.inventoryProgress.rows));"""
    )
    top = max(rows, key=lambda r: r["patents"])["key"]
    results: dict[str, Any] = {"institution": top}
    for net, query in (
        ("co-inventor", f"net=inventors&institution={top}&depth=2&limit=2000"),
        ("institution-industry", "industry=GBT4754:C&depth=1&limit=2000"),
    ):
        t0 = time.perf_counter()
        driver.get(f"{base}/network?{query}")
        WebDriverWait(driver, 120, poll_frequency=0.05).until(
            lambda d: (
                d.find_elements(By.CSS_SELECTOR, "#network-canvas[data-drawn='1']")
                or d.find_elements(By.CSS_SELECTOR, ".problem")
            )
        )
        ready_s = time.perf_counter() - t0
        nodes = driver.find_element(By.ID, "network-canvas").get_attribute("data-nodes")
        draw_ms = driver.execute_script(
            "const p = document.querySelector('#network-stats + p'); return p ? p.textContent : ''"
        )
        stamps = driver.execute_async_script(PAN)
        frames = [b - a for a, b in itertools.pairwise(stamps)]
        driver.set_script_timeout(120)
        expanded = driver.execute_async_script(EXPAND) or {}
        results[net] = {
            "nodes": int(nodes or 0),
            "edges": int(
                driver.find_element(By.ID, "network-canvas").get_attribute("data-edges") or 0
            ),
            "page_to_drawn_s": round(ready_s, 2),
            "draw": draw_ms,
            "pan_frame_ms_mean": round(statistics.mean(frames), 1),
            "pan_frame_ms_p95": round(sorted(frames)[int(len(frames) * 0.95) - 1], 1),
            "expand": {k: round(v) if isinstance(v, float) else v for k, v in expanded.items()},
        }
    return results


def load() -> str:
    """The 1-minute load average, printed beside each figure (the machine is shared)."""
    return f"load {os.getloadavg()[0]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--asof", default="2024-12-31")
    parser.add_argument(
        "--parts",
        default="dashboard,javascript,network",
        help="comma-separated: dashboard, javascript, network (default all)",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        neo4j_server.start(settings)
    password = secrets.token_urlsafe(18)
    with Graph(settings) as graph:
        patents = graph.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"]
        if not patents:
            sys.exit("no patents in the graph: load the demo data first (make demo)")
        username = person(graph, password)
    figures: dict[str, Any] = {"patents": patents}
    driver = browser.chromium()
    try:
        with running(create_app(neo4j=settings)) as base:
            browser.login(driver, base, username, password)
            fresh(driver)
            if "dashboard" in parts:
                before = load()
                # the first opening after the hub started plans every statement in Neo4j
                times = [dashboard_ready(driver, base, args.asof) for _ in range(args.repeat + 1)]
                figures["dashboard_ready_ms"] = {
                    "first_after_start": round(times[0]),
                    "runs": [round(t) for t in times[1:]],
                    "median": round(statistics.median(times[1:])),
                    "max": round(max(times[1:])),
                    "load": f"{before}, {load()} after",
                }
            if "javascript" in parts:
                figures["javascript_per_page"] = js_per_page(driver, base)
            if "network" in parts:
                figures["network"] = biggest_network(driver, base)
                figures["network"]["load"] = load()
    finally:
        driver.quit()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "console.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    print(f"data: {patents:,} patents")
    if "dashboard_ready_ms" in figures:
        d = figures["dashboard_ready_ms"]
        print(
            f"dashboard ready (national, cache off): median {d['median']} ms, max {d['max']} ms, "
            f"runs {d['runs']}; first after the hub started {d['first_after_start']} ms "
            f"({d['load']})"
        )
    if "javascript_per_page" in figures:
        print("JavaScript transferred per page (gzip on the wire / decoded, files):")
        for page, js in figures["javascript_per_page"].items():
            print(
                f"  {page:15} {js['transferred'] / 1024:7.1f} KiB / "
                f"{js['decoded'] / 1024:7.1f} KiB  ({js['files']} files)"
            )
    if "network" in figures:
        for net in ("co-inventor", "institution-industry"):
            n = figures["network"][net]
            x = n["expand"]
            print(
                f"network {net}: {n['nodes']:,} nodes, {n['edges']:,} edges; page to drawn "
                f"{n['page_to_drawn_s']} s ({n['draw']}); pan frame mean "
                f"{n['pan_frame_ms_mean']} ms, p95 {n['pan_frame_ms_p95']} ms; "
                f"click on {x.get('node')} to 展开此节点 shown {x.get('select_ms')} ms, "
                f"expand round trip {x.get('expand_ms')} ms (+{x.get('added')} nodes) "
                f"({figures['network']['load']})"
            )


if __name__ == "__main__":
    main()
