// 工作台: the work plan's milestones, inventory progress against the deadlines, the
// quarterly conversion figures and the resource library, for the person's scope.
import { useEffect } from "preact/hooks";
import { bars, Chart, columns } from "../charts.js";
import { date, isoToday, num, pct, quarter, wan } from "../format.js";
import { OVERSEERS } from "../routes.js";
import { Figures, html, Link, Loading, Problem, setQuery, Table, useQuery } from "../ui.js";
import { dashboardRequest, progressLevel } from "./dashboard_data.js";

function status(m) {
  if (!m.due) return html`<span class="tag">未到期</span>`;
  return m.achieved ? html`<span class="tag met">已达成</span>` : html`<span class="tag missing">未达成</span>`;
}

function Milestones({ rows }) {
  const columnsDef = [
    { key: "deadline", title: "截止日期", render: (r) => date(r.deadline) },
    { key: "description", title: "任务" },
    { key: "state", title: "状态", value: (r) => (r.due ? (r.achieved ? 2 : 0) : 1), render: status },
    { key: "concerned", title: "涉及", num: true, render: (r) => num(r.concerned) },
    { key: "met", title: "已完成", num: true, render: (r) => num(r.met) },
    { key: "missing", title: "缺口（件）", num: true, render: (r) => num(r.missing) },
  ];
  return html`<${Table} id="milestones" columns=${columnsDef} rows=${rows} caption="工作方案节点"
    rowClass=${(r) => (r.due && !r.achieved ? "behind" : "")} />`;
}

function Progress({ report, by }) {
  const t = report.total;
  const behind = report.rows.filter((r) => r.behind).slice(0, 10);
  const unit = by === "PROVINCE" ? "省份" : "单位";
  return html`<section class="card" id="progress-card">
    <h2>存量专利盘点进度</h2>
    <div class="kpis">
      <div class="kpi"><div class="v">${num(t.patents)}</div><div class="k">存量有效专利（件）</div></div>
      <div class="kpi"><div class="v" id="kpi-inventoried">${num(t.inventoried)}</div><div class="k">已盘点（件）</div></div>
      <div class="kpi"><div class="v">${pct(t.percent)}</div><div class="k">完成率（目标 ${pct(t.targetPercent)}）</div></div>
      <div class="kpi"><div class="v" id="kpi-missing">${num(t.missing)}</div><div class="k">距目标缺口（件）</div></div>
      <div class="kpi"><div class="v">${num(t.institutionsBehind)} / ${num(t.institutions)}</div><div class="k">落后单位 / 单位总数</div></div>
    </div>
    <h2>落后${unit}（缺口最大的 ${behind.length} 个）</h2>
    ${behind.length
      ? html`<div class="chart-row">
          <${Chart} id="chart-behind" label="落后单位的盘点缺口" height=${Math.max(120, behind.length * 26)}
            option=${bars(behind.map((r) => r.name || r.key), behind.map((r) => r.missing), { color: "#c53030", unit: "件" })} />
          <${Figures} id="figures-behind" items=${behind.map((r) => [r.name || r.key, `缺 ${num(r.missing)} 件`])} />
        </div>`
      : html`<p class="muted">没有落后于节点要求的${unit}。</p>`}
    <p><${Link} href="/progress">查看全部进度 →</${Link}></p>
  </section>`;
}

function Conversion({ groups }) {
  const qs = new Map();
  let patents = 0;
  let implemented = 0;
  let industrialised = 0;
  for (const g of groups) {
    patents += g.patents;
    implemented += g.implemented;
    industrialised += g.industrialised;
    for (const q of g.quarters) {
      const acc = qs.get(q.quarter) || { transfers: 0, licences: 0, products: 0, amount: 0 };
      acc.transfers += q.transferRegistrations;
      acc.licences += q.licenceFilings;
      acc.products += q.productFilings;
      acc.amount += q.amount;
      qs.set(q.quarter, acc);
    }
  }
  const keys = [...qs.keys()].sort();
  const rate = (part) => (patents ? Math.round((10000 * part) / patents) / 100 : 0);
  const totals = keys.reduce(
    (a, k) => ({
      transfers: a.transfers + qs.get(k).transfers,
      licences: a.licences + qs.get(k).licences,
      products: a.products + qs.get(k).products,
      amount: a.amount + qs.get(k).amount,
    }),
    { transfers: 0, licences: 0, products: 0, amount: 0 },
  );
  const short = (k) => k.replace(/^(\d{4})Q(\d)$/, "$1年Q$2");
  return html`<section class="card" id="conversion-card">
    <h2>转化运用（按季度）</h2>
    <div class="chart-row">
      <${Chart} id="chart-conversion" label="按季度的转让登记、许可备案和产品备案"
        option=${columns(keys.map(short), [
          { name: "转让登记", data: keys.map((k) => qs.get(k).transfers) },
          { name: "许可备案", data: keys.map((k) => qs.get(k).licences) },
          { name: "产品备案", data: keys.map((k) => qs.get(k).products) },
        ])} />
      <${Figures} id="figures-conversion" items=${[
        ["转让登记", `${num(totals.transfers)} 件`],
        ["许可备案", `${num(totals.licences)} 件`],
        ["产品备案", `${num(totals.products)} 件`],
        ["交易金额", wan(totals.amount)],
        ["实施率", pct(rate(implemented))],
        ["产业化率", pct(rate(industrialised))],
      ]} />
    </div>
    <${Table} id="conversion-quarters" sortable=${false} columns=${[
      { key: "q", title: "季度", render: (r) => quarter(r.q) },
      { key: "transfers", title: "转让登记", num: true, render: (r) => num(r.transfers) },
      { key: "licences", title: "许可备案", num: true, render: (r) => num(r.licences) },
      { key: "products", title: "产品备案", num: true, render: (r) => num(r.products) },
      { key: "amount", title: "金额", num: true, render: (r) => wan(r.amount) },
    ]} rows=${keys.filter((k) => qs.get(k).transfers + qs.get(k).licences + qs.get(k).products > 0).map((k) => ({ q: k, key: k, ...qs.get(k) }))} />
  </section>`;
}

export function LibraryCharts({ library }) {
  const block = (id, title, buckets, color) => {
    const shown = buckets.slice(0, 10);
    return html`<section class="card" id=${id}>
      <h2>${title}</h2>
      <div class="chart-row">
        <${Chart} id=${`chart-${id}`} label=${title} height=${Math.max(120, shown.length * 24)}
          option=${bars(shown.map((b) => b.name || "未分类"), shown.map((b) => b.patents), { color })} />
        <${Figures} id=${`figures-${id}`} items=${buckets.map((b) => [b.name || "未分类", num(b.patents)])} />
      </div>
    </section>`;
  };
  return html`<h2>成果转化资源库（入库专利 <span id="library-total">${num(library.total)}</span> 件）</h2>
    <div class="grid">
      ${block("library-industry", "按国民经济行业", library.byIndustry, "#0b5cad")}
      ${block("library-sei", "按战略性新兴产业", library.bySeiField, "#2f855a")}
      ${block("library-maturity", "按技术成熟度", library.byMaturity, "#b7791f")}
      ${block("library-rating", "按前景自评", library.byRating, "#6b46c1")}
    </div>`;
}

export default function Dashboard({ person, query }) {
  const asOf = query.get("asOf") || isoToday();
  const overseer = OVERSEERS.includes(person.role);
  const by = progressLevel(person.role);
  // one request for the whole page, usually already under way (routes.js, prefetch)
  const request = dashboardRequest(person.role, overseer, query);
  const answer = useQuery(request.query, request.variables);
  const data = answer.data;
  const ready = Boolean(data || answer.error);
  useEffect(() => {
    // the moment the dashboard has drawn all its figures (read by bench/console.py)
    if (ready && !performance.getEntriesByName("ph-ready").length) performance.mark("ph-ready");
  }, [ready]);
  return html`<h1 data-ready=${ready ? "1" : ""}>工作台</h1>
    <div class="controls">
      <label>统计日期<input type="date" value=${asOf} onChange=${(e) => setQuery({ asOf: e.target.value })} /></label>
      <span class="muted">截至 ${date(asOf)}</span>
    </div>
    ${answer.loading && html`<${Loading} />`}<${Problem} error=${answer.error} />
    ${overseer &&
    data &&
    html`<${Milestones} rows=${data.milestones} />
      <div class="grid">
        <${Progress} report=${data.inventoryProgress} by=${by} />
        <${Conversion} groups=${data.conversionFigures} />
      </div>`}
    ${!overseer &&
    html`<p class="muted">
      ${person.role === "ENTERPRISE"
        ? html`查看 <${Link} href="/matches">为本企业匹配的专利</${Link}> 或 <${Link} href="/evaluations">待评价的专利</${Link}>。`
        : html`查看 <${Link} href="/evaluations">分配给您的评价任务</${Link}>。`}
    </p>`}
    ${data && html`<${LibraryCharts} library=${data.resourceLibrary} />`}`;
}
