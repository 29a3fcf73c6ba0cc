// 盘点进度: inventory progress by province, ministry or institution against the
// deadlines; a province row drills down to its institutions; behind rows are marked.
import { useEffect, useState } from "preact/hooks";
import { gql } from "../api.js";
import { date, isoToday, num, pct } from "../format.js";
import { html, Link, Loading, Problem, setQuery, Table, useQuery } from "../ui.js";

export const PROGRESS = `query Progress($asOf: Date!, $by: GroupBy!, $behindOnly: Boolean!) {
  inventoryProgress(asOf: $asOf, by: $by, behindOnly: $behindOnly) {
    asOf by
    total { key name institutions patents inventoried screenedIn percent targetPercent required missing behind institutionsBehind deadline }
    rows { key name institutions patents inventoried screenedIn percent targetPercent required missing behind institutionsBehind deadline } } }`;

const INSTITUTIONS = `query ProvinceInstitutions($province: String!, $after: String) {
  institutions(filter: { provinceCode: $province }, first: 100, after: $after) {
    nodes { id } pageInfo { hasNextPage endCursor } } }`;

const GROUPINGS = {
  NATIONAL: ["PROVINCE", "MINISTRY", "INSTITUTION"],
  MINISTRY: ["INSTITUTION", "PROVINCE"],
  PROVINCE: ["INSTITUTION", "MINISTRY"],
  INSTITUTION: ["INSTITUTION"],
};
const BY_NAMES = { PROVINCE: "按省份", MINISTRY: "按主管部门", INSTITUTION: "按单位" };
const KEY_TITLES = { PROVINCE: "省份", MINISTRY: "主管部门", INSTITUTION: "单位" };

// The ids of a province's institutions the person sees (for the drill-down).
function useProvinceInstitutions(province) {
  const [ids, setIds] = useState(null);
  useEffect(() => {
    if (!province) {
      setIds(null);
      return;
    }
    let live = true;
    (async () => {
      const out = new Set();
      let after = null;
      for (;;) {
        const data = await gql(INSTITUTIONS, { province, after });
        data.institutions.nodes.forEach((n) => out.add(n.id));
        if (!data.institutions.pageInfo.hasNextPage) break;
        after = data.institutions.pageInfo.endCursor;
      }
      if (live) setIds(out);
    })().catch(() => live && setIds(new Set()));
    return () => {
      live = false;
    };
  }, [province]);
  return ids;
}

export default function ProgressPage({ person, query }) {
  const groupings = GROUPINGS[person.role];
  const asOf = query.get("asOf") || isoToday();
  const province = query.get("province");
  const by = province ? "INSTITUTION" : groupings.includes(query.get("by")) ? query.get("by") : groupings[0];
  const behindOnly = query.get("behind") === "1";
  const variables = { asOf, by, behindOnly };
  const { data, error, loading } = useQuery(PROGRESS, variables);
  const drill = useProvinceInstitutions(province);
  let rows = data ? data.inventoryProgress.rows : [];
  if (province && drill) rows = rows.filter((r) => drill.has(r.key));
  const drillable = by === "PROVINCE" && groupings.includes("INSTITUTION");
  const columns = [
    {
      key: "name",
      title: KEY_TITLES[by],
      value: (r) => r.name || r.key,
      render: (r) =>
        drillable
          ? html`<${Link} href=${`/progress?province=${r.key}&asOf=${asOf}`} title="查看该省的单位">${r.name || r.key}</${Link}>`
          : html`${r.name || r.key}${r.behind ? html` <span class="tag behind">落后</span>` : ""}`,
    },
    { key: "patents", title: "存量专利", num: true, render: (r) => num(r.patents) },
    { key: "inventoried", title: "已盘点", num: true, render: (r) => num(r.inventoried) },
    { key: "screenedIn", title: "入库", num: true, render: (r) => num(r.screenedIn) },
    { key: "percent", title: "完成率", num: true, render: (r) => pct(r.percent) },
    { key: "targetPercent", title: "目标", num: true, render: (r) => pct(r.targetPercent) },
    { key: "missing", title: "缺口（件）", num: true, render: (r) => num(r.missing) },
    ...(by === "INSTITUTION"
      ? []
      : [{ key: "institutionsBehind", title: "落后单位", num: true, render: (r) => `${num(r.institutionsBehind)} / ${num(r.institutions)}` }]),
    { key: "deadline", title: "适用节点", render: (r) => date(r.deadline) },
    { key: "behind", title: "状态", value: (r) => (r.behind ? 0 : 1), render: (r) => (r.behind ? html`<span class="tag behind">落后</span>` : html`<span class="tag met">达标</span>`) },
  ];
  const ready = !loading && (!province || drill);
  return html`<h1 data-ready=${ready ? "1" : ""}>盘点进度</h1>
    <div class="controls">
      <label>统计日期<input type="date" value=${asOf} onChange=${(e) => setQuery({ asOf: e.target.value })} /></label>
      ${!province &&
      groupings.length > 1 &&
      html`<label>分组<select value=${by} onChange=${(e) => setQuery({ by: e.target.value })}>
        ${groupings.map((g) => html`<option value=${g}>${BY_NAMES[g]}</option>`)}
      </select></label>`}
      <label><span>只看落后</span><input type="checkbox" checked=${behindOnly}
        onChange=${(e) => setQuery({ behind: e.target.checked ? "1" : null })} /></label>
      ${province && html`<span>省份 ${province} 的单位 · <${Link} href=${`/progress?by=PROVINCE&asOf=${asOf}`}>返回各省</${Link}></span>`}
    </div>
    ${loading && html`<${Loading} />`}<${Problem} error=${error} />
    ${data &&
    html`<p class="muted" id="progress-total">合计：存量 ${num(data.inventoryProgress.total.patents)} 件，已盘点
        ${num(data.inventoryProgress.total.inventoried)} 件（${pct(data.inventoryProgress.total.percent)}），距目标缺口
        ${num(data.inventoryProgress.total.missing)} 件。</p>
      <${Table} id="progress" columns=${columns} rows=${rows} caption=${`${rows.length} 行，标红为落后于节点要求`}
        rowClass=${(r) => (r.behind ? "behind" : "")}
        exportPath="inventoryProgress.rows" exportQuery=${PROGRESS} exportVariables=${variables} filename="盘点进度" />`}`;
}
