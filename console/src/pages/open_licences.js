// 开放许可: the public open-licence catalogue (no login needed), searchable.
import { useState } from "preact/hooks";
import { date, label, num, wan } from "../format.js";
import { html, Link, Loading, Pager, Problem, setQuery, Table, useQuery } from "../ui.js";

export const OPEN = `query OpenLicences($search: String, $first: Int, $after: String) {
  patents(filter: { openLicence: true }, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { appNo title type { label } grantDate ownerNames feeStandard maturity { label } institution { name } } } }`;

export default function OpenLicences({ query, person }) {
  const search = query.get("q") || null;
  const after = query.get("after") || null;
  const variables = { search, first: 20, after };
  const { data, error, loading } = useQuery(OPEN, variables);
  const [q, setQ] = useState(search || "");
  const page = data && data.patents;
  return html`<h1 data-ready=${!loading ? "1" : ""}>开放许可专利</h1>
    <p class="muted">专利权人已声明开放许可的专利，任何单位和个人可按公布的条件取得许可（专利法第五十条）。</p>
    <form class="controls" role="search" onSubmit=${(e) => { e.preventDefault(); setQuery({ q: q.trim() || null, after: null }); }}>
      <label>全文检索<input type="search" value=${q} onInput=${(e) => setQ(e.target.value)} size="28" /></label>
      <button type="submit">检索</button>
    </form>
    ${loading && html`<${Loading} />`}<${Problem} error=${error} />
    ${page && html`<${Table} id="open-licences" columns=${[
      { key: "appNo", title: "申请号", render: (r) => (person ? html`<${Link} href=${`/patents/${encodeURIComponent(r.appNo)}`}>${r.appNo}</${Link}>` : r.appNo) },
      { key: "title", title: "名称" },
      { key: "type", title: "类型", value: (r) => label(r.type), render: (r) => label(r.type) },
      { key: "owner", title: "专利权人", value: (r) => (r.institution ? r.institution.name : r.ownerNames.join("、")), render: (r) => (r.institution ? r.institution.name : r.ownerNames.join("、")) },
      { key: "grantDate", title: "授权日", render: (r) => date(r.grantDate) },
      { key: "maturity", title: "成熟度", value: (r) => label(r.maturity), render: (r) => label(r.maturity) },
      { key: "feeStandard", title: "许可费标准", num: true, render: (r) => wan(r.feeStandard) },
    ]} rows=${page.nodes} exportPath="patents" exportQuery=${OPEN} exportVariables=${{ ...variables, first: 100, after: null }} filename="开放许可专利" />
    <${Pager} total=${num(page.totalCount)} shown=${page.nodes.length} hasNext=${page.pageInfo.hasNextPage} atFirst=${!after}
      onFirst=${() => setQuery({ after: null })} onNext=${() => setQuery({ after: page.pageInfo.endCursor })} />`}`;
}
