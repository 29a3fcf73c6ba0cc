// 沉睡专利: state-funded patents granted more than five years before the date, not
// implemented and with no reason given (the 5-year dormant list).
import { bars, Chart } from "../charts.js";
import { date, isoToday, num } from "../format.js";
import { Figures, html, Link, Loading, Pager, Problem, setQuery, Table, useQuery } from "../ui.js";

export const DORMANT = `query Dormant($asOf: Date!, $first: Int!, $after: String) {
  dormantStateFunded(asOf: $asOf, first: $first, after: $after) {
    asOf grantedBefore totalCount byProvince { key name patents } hasNextPage endCursor
    edges { node { appNo title grantDate type { label } institution { name } province { name } } } } }`;

export default function Dormant({ query }) {
  const asOf = query.get("asOf") || isoToday();
  const after = query.get("after") || null;
  const variables = { asOf, first: 50, after };
  const { data, error, loading } = useQuery(DORMANT, variables);
  const d = data && data.dormantStateFunded;
  const provinces = d ? d.byProvince.slice(0, 12) : [];
  return html`<h1 data-ready=${!loading ? "1" : ""}>沉睡专利（财政资助、授权满五年未实施）</h1>
    <div class="controls"><label>统计日期<input type="date" value=${asOf} onChange=${(e) => setQuery({ asOf: e.target.value, after: null })} /></label></div>
    ${loading && html`<${Loading} />`}<${Problem} error=${error} />
    ${d && html`<p id="dormant-total" data-total=${d.totalCount}>${date(d.grantedBefore)}前授权的沉睡专利共 <strong>${num(d.totalCount)}</strong> 件。</p>
      ${provinces.length > 0 && html`<section class="card"><h2>按省份</h2><div class="chart-row">
        <${Chart} id="chart-dormant" label="沉睡专利按省份" height=${Math.max(120, provinces.length * 24)}
          option=${bars(provinces.map((b) => b.name || b.key || "未知"), provinces.map((b) => b.patents), { color: "#b7791f" })} />
        <${Figures} id="figures-dormant" items=${d.byProvince.map((b) => [b.name || b.key || "未知", num(b.patents)])} /></div></section>`}
      <${Table} id="dormant" columns=${[
        { key: "appNo", title: "申请号", value: (e) => e.node.appNo, render: (e) => html`<${Link} href=${`/patents/${encodeURIComponent(e.node.appNo)}`}>${e.node.appNo}</${Link}>` },
        { key: "title", title: "名称", value: (e) => e.node.title, render: (e) => e.node.title },
        { key: "inst", title: "单位", value: (e) => (e.node.institution ? e.node.institution.name : ""), render: (e) => (e.node.institution ? e.node.institution.name : "—") },
        { key: "province", title: "省份", value: (e) => (e.node.province ? e.node.province.name : ""), render: (e) => (e.node.province ? e.node.province.name : "—") },
        { key: "grantDate", title: "授权日", value: (e) => e.node.grantDate, render: (e) => date(e.node.grantDate) },
      ]} rows=${d.edges.map((e) => ({ ...e, key: e.node.appNo }))} exportPath="dormantStateFunded.edges" exportQuery=${DORMANT} exportVariables=${{ asOf, first: 100, after: null }} filename="沉睡专利" />
      <${Pager} total=${num(d.totalCount)} shown=${d.edges.length} hasNext=${d.hasNextPage} atFirst=${!after}
        onFirst=${() => setQuery({ after: null })} onNext=${() => setQuery({ after: d.endCursor })} />`}`;
}
