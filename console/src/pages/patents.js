// 专利资源库: full-text search (?q=), filters, counts per facet and pages, all within
// what the person may see (the API's scope).
import { useState } from "preact/hooks";
import { date, label, num, stars, yesno } from "../format.js";
import { html, Link, Loading, Pager, Problem, setQuery, Table, useQuery } from "../ui.js";

export const SEARCH = `query Search($filter: PatentFilter, $search: String, $first: Int, $after: String) {
  patents(filter: $filter, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { appNo title type { value label } grantDate ownerNames maturity { label } rating
      inventoryState { label } openLicence stateFunded transferable institution { name } } } }`;

const REFERENCE = `query Reference { provinces { code name }
  industries(level: 1) { id name scheme { value } } }`;

// Facets: one count per value, each with the other filters applied (one request, aliases).
// Enum facets take their values and Chinese labels from the API's vocabulary.
const FACETS = {
  type: { title: "专利类型", enum: "PatentType" },
  maturity: { title: "技术成熟度", enum: "Maturity" },
  ratingMin: { title: "前景自评", values: [[5, "★★★★★"], [4, "★★★★ 及以上"], [3, "★★★ 及以上"]] },
  intent: { title: "转化意向", enum: "Intent" },
  openLicence: { title: "开放许可", values: [[true, "开放许可"]] },
  stateFunded: { title: "财政资助", values: [[true, "财政资助"]] },
  transferable: { title: "可转化目录", values: [[true, "在可转化目录中"]] },
};
export const VOCABULARY = `query Vocabulary { vocabulary(names: ["PatentType", "Maturity", "Intent"]) { name values { value label } } }`;

function facetsWith(vocabulary) {
  const byName = Object.fromEntries(vocabulary.map((e) => [e.name, e.values.map((v) => [v.value, v.label])]));
  return Object.fromEntries(
    Object.entries(FACETS).map(([key, f]) => [key, { ...f, values: f.enum ? byName[f.enum] || [] : f.values }]),
  );
}
const FILTER_KEYS = ["provinceCode", "institutionId", "industryId", "ipcPrefix", ...Object.keys(FACETS)];
const BOOLEAN = new Set(["openLicence", "stateFunded", "transferable"]);

export function filterFrom(query) {
  const filter = {};
  for (const key of FILTER_KEYS) {
    const raw = query.get(key);
    if (raw === null || raw === "") continue;
    if (BOOLEAN.has(key)) filter[key] = raw === "true";
    else if (key === "ratingMin") filter[key] = Number(raw);
    else filter[key] = raw;
  }
  return filter;
}

export function facetQuery(facets, filter, search) {
  const parts = [];
  const variables = { search };
  let n = 0;
  for (const [key, facet] of Object.entries(facets)) {
    facet.values.forEach(([value]) => {
      const name = `f${n}`;
      n += 1;
      variables[name] = { ...filter, [key]: value };
      parts.push(`${name}: patents(filter: $${name}, search: $search) { totalCount }`);
    });
  }
  const decl = Object.keys(variables)
    .filter((k) => k !== "search")
    .map((k) => `$${k}: PatentFilter`)
    .join(", ");
  return { query: `query Facets($search: String, ${decl}) { ${parts.join(" ")} }`, variables };
}

function Facets({ filter, search }) {
  const vocabulary = useQuery(VOCABULARY, {});
  const facets = vocabulary.data ? facetsWith(vocabulary.data.vocabulary) : null;
  if (vocabulary.error) return html`<${Problem} error=${vocabulary.error} />`;
  if (!facets) return html`<aside class="facets"><${Loading} /></aside>`;
  return html`<${FacetCounts} facets=${facets} filter=${filter} search=${search} />`;
}

function FacetCounts({ facets, filter, search }) {
  const { query, variables } = facetQuery(facets, filter, search);
  const { data, error } = useQuery(query, variables);
  let n = 0;
  return html`<aside class="facets" aria-label="分面筛选" id="facets" data-ready=${data || error ? "1" : ""}>
    <${Problem} error=${error} />
    ${Object.entries(facets).map(([key, facet]) => html`<h3>${facet.title}</h3><ul>
      ${facet.values.map(([value, text]) => {
        const alias = `f${n}`;
        n += 1;
        const active = filter[key] === value;
        const count = data ? data[alias].totalCount : null;
        return html`<li><button type="button" aria-pressed=${active ? "true" : "false"} data-facet=${`${key}=${value}`}
          onClick=${() => setQuery({ [key]: active ? null : String(value), after: null })}>
          <span>${text}</span><span class="facet-count">${count === null ? "…" : num(count)}</span></button></li>`;
      })}</ul>`)}
  </aside>`;
}

function Filters({ query }) {
  const ref = useQuery(REFERENCE, {});
  const [q, setQ] = useState(query.get("q") || "");
  const [ipc, setIpc] = useState(query.get("ipcPrefix") || "");
  const [inst, setInst] = useState(query.get("institutionId") || "");
  const submit = (e) => {
    e.preventDefault();
    setQuery({ q: q.trim() || null, ipcPrefix: ipc.trim() || null, institutionId: inst.trim() || null, after: null });
  };
  const industries = ref.data ? ref.data.industries : [];
  return html`<form class="controls" role="search" onSubmit=${submit}>
    <label>全文检索<input type="search" name="q" value=${q} onInput=${(e) => setQ(e.target.value)} placeholder="标题、摘要中的词" size="24" /></label>
    <label>IPC 前缀<input name="ipcPrefix" value=${ipc} onInput=${(e) => setIpc(e.target.value)} placeholder="如 H01M" size="8" /></label>
    <label>单位代码<input name="institutionId" value=${inst} onInput=${(e) => setInst(e.target.value)} size="12" /></label>
    <label>行业<select value=${query.get("industryId") || ""} onChange=${(e) => setQuery({ industryId: e.target.value, after: null })}>
      <option value="">全部</option>
      ${industries.map((i) => html`<option value=${i.id}>${i.scheme && i.scheme.value === "SEI2018" ? "【新兴】" : ""}${i.name}</option>`)}
    </select></label>
    <label>省份<select value=${query.get("provinceCode") || ""} onChange=${(e) => setQuery({ provinceCode: e.target.value, after: null })}>
      <option value="">全部</option>
      ${(ref.data ? ref.data.provinces : []).map((p) => html`<option value=${p.code}>${p.name}</option>`)}
    </select></label>
    <button type="submit">检索</button>
    <button type="button" class="secondary" onClick=${() => { setQ(""); setIpc(""); setInst(""); setQuery(Object.fromEntries([...FILTER_KEYS, "q", "after"].map((k) => [k, null]))); }}>清除</button>
  </form>`;
}

export const PATENT_COLUMNS = [
  { key: "appNo", title: "申请号", render: (r) => html`<${Link} href=${`/patents/${encodeURIComponent(r.appNo)}`}>${r.appNo}</${Link}>` },
  { key: "title", title: "名称" },
  { key: "type", title: "类型", value: (r) => label(r.type), render: (r) => label(r.type) },
  { key: "owner", title: "专利权人", value: (r) => (r.institution ? r.institution.name : r.ownerNames.join("、")), render: (r) => (r.institution ? r.institution.name : r.ownerNames.join("、")) },
  { key: "grantDate", title: "授权日", render: (r) => date(r.grantDate) },
  { key: "maturity", title: "成熟度", value: (r) => label(r.maturity), render: (r) => label(r.maturity) },
  { key: "rating", title: "自评", num: true, render: (r) => stars(r.rating) },
  { key: "openLicence", title: "开放许可", value: (r) => yesno(r.openLicence), render: (r) => yesno(r.openLicence) },
];

export default function Patents({ query }) {
  const filter = filterFrom(query);
  const search = query.get("q") || null;
  const after = query.get("after") || null;
  const variables = { filter, search, first: 20, after };
  const { data, error, loading } = useQuery(SEARCH, variables);
  const page = data && data.patents;
  return html`<h1 data-ready=${!loading ? "1" : ""}>专利资源库</h1>
    <${Filters} query=${query} />
    <div class="layout-search">
      <${Facets} filter=${filter} search=${search} />
      <div>
        ${loading && html`<${Loading} />`}<${Problem} error=${error} />
        ${page &&
        html`<p class="muted" id="result-count" data-total=${page.totalCount}>${search ? `“${search}” ` : ""}共找到 ${num(page.totalCount)} 件专利</p>
          <${Table} id="patents" columns=${PATENT_COLUMNS} rows=${page.nodes}
            exportPath="patents" exportQuery=${SEARCH} exportVariables=${{ ...variables, first: 100, after: null }} filename="专利检索结果" />
          <${Pager} total=${num(page.totalCount)} shown=${page.nodes.length} hasNext=${page.pageInfo.hasNextPage}
            atFirst=${!after} onFirst=${() => setQuery({ after: null })} onNext=${() => setQuery({ after: page.pageInfo.endCursor })} />`}
      </div>
    </div>`;
}
