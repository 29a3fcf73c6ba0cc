// 审计日志 (national): every audited workflow step and login, newest first.
import { date } from "../format.js";
import { html, Loading, Pager, Problem, setQuery, Table, useQuery } from "../ui.js";

export const AUDIT = `query Audit($first: Int!, $after: String, $action: String, $actor: String) {
  auditTrail(first: $first, after: $after, action: $action, actor: $actor) {
    totalCount hasNextPage endCursor edges { node { id at actorRole actorScope actorSubject action target args requestId } } } }`;

export default function Audit({ query }) {
  const after = query.get("after") || null;
  const action = query.get("action") || null;
  const actor = query.get("actor") || null;
  const variables = { first: 50, after, action, actor };
  const { data, error, loading } = useQuery(AUDIT, variables);
  const a = data && data.auditTrail;
  const submit = (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    setQuery({ action: f.get("action") || null, actor: f.get("actor") || null, after: null });
  };
  return html`<h1 data-ready=${!loading ? "1" : ""}>审计日志</h1>
    <form class="controls" onSubmit=${submit}>
      <label>操作<input name="action" value=${action || ""} placeholder="如 submitEvaluation" /></label>
      <label>操作者<input name="actor" value=${actor || ""} placeholder="角色、范围或账号" /></label>
      <button type="submit">筛选</button>
    </form>
    ${loading && html`<${Loading} />`}<${Problem} error=${error} />
    ${a && html`<${Table} id="audit" columns=${[
      { key: "at", title: "时间", value: (e) => e.node.at, render: (e) => date(e.node.at) },
      { key: "actor", title: "操作者", value: (e) => e.node.actorRole, render: (e) => `${e.node.actorRole}${e.node.actorScope ? ` · ${e.node.actorScope}` : ""}${e.node.actorSubject ? ` · ${e.node.actorSubject}` : ""}` },
      { key: "action", title: "操作", value: (e) => e.node.action, render: (e) => e.node.action },
      { key: "target", title: "对象", value: (e) => e.node.target, render: (e) => e.node.target },
      { key: "args", title: "参数", value: () => 0, render: (e) => html`<code>${JSON.stringify(e.node.args)}</code>` },
    ]} rows=${a.edges.map((e) => ({ ...e, key: e.node.id }))} exportPath="auditTrail.edges" exportQuery=${AUDIT} exportVariables=${{ ...variables, first: 100, after: null }} filename="审计日志" />
      <${Pager} total=${a.totalCount} shown=${a.edges.length} hasNext=${a.hasNextPage} atFirst=${!after}
        onFirst=${() => setQuery({ after: null })} onNext=${() => setQuery({ after: a.endCursor })} />`}`;
}
