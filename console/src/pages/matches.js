// 匹配推荐 (enterprise): transferable patents ranked for this enterprise with the reasons,
// a form to state a technical need, and a link to evaluate each patent.
import { useState } from "preact/hooks";
import { gql } from "../api.js";
import { html, Link, Loading, Problem, Table, useQuery } from "../ui.js";

export const MATCHES = `query Matches($creditCode: String!, $first: Int!) {
  patentMatches(creditCode: $creditCode, first: $first) {
    score reasons { kind weight value contribution detail }
    patent { appNo title type { label } institution { name } maturity { label } } } }`;

const NEEDS = `query Needs($creditCode: String!) { enterprise(creditCode: $creditCode) { name techNeeds { id text ipcPrefixes createdAt } } }`;
const STATE_NEED = `mutation StateNeed($text: String!, $ipc: [String!]) { stateTechNeed(text: $text, ipcPrefixes: $ipc) { id } }`;

function NeedForm({ onDone }) {
  const [text, setText] = useState("");
  const [ipc, setIpc] = useState("");
  const [result, setResult] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    try {
      const prefixes = ipc.split(/[\s,，;；]+/).filter(Boolean);
      await gql(STATE_NEED, { text, ipc: prefixes.length ? prefixes : null });
      setResult({ ok: "技术需求已提交，推荐已按新需求更新。" });
      setText("");
      setIpc("");
      onDone();
    } catch (error) {
      setResult({ error });
    }
  };
  return html`<form class="stack" onSubmit=${submit} id="need-form">
    <label>技术需求<textarea required minlength="4" maxlength="2000" rows="3" value=${text} onInput=${(e) => setText(e.target.value)}
      placeholder="如：寻求高能量密度锂电池正极材料技术"></textarea></label>
    <label>IPC 前缀（可选，多个以逗号分隔）<input value=${ipc} onInput=${(e) => setIpc(e.target.value)} placeholder="H01M, H01M4/58" /></label>
    <div><button type="submit">提交需求</button></div>
    ${result && result.ok && html`<p role="status" class="tag met">${result.ok}</p>`}
    ${result && result.error && html`<${Problem} error=${result.error} />`}
  </form>`;
}

export default function Matches({ person }) {
  const [round, setRound] = useState(0);
  const variables = { creditCode: person.scope, first: 20 };
  const { data, error, loading } = useQuery(MATCHES, variables);
  const needs = useQuery(NEEDS, { creditCode: person.scope, round });
  const rows = data ? data.patentMatches.map((m, i) => ({ ...m, rank: i + 1, key: m.patent.appNo })) : [];
  return html`<h1 data-ready=${!loading ? "1" : ""}>匹配推荐</h1>
    <p class="muted">按本企业的行业、技术需求和分类号，从可转化目录中排序推荐；每条列出得分来由。</p>
    ${loading && html`<${Loading} />`}<${Problem} error=${error} />
    ${data && html`<${Table} id="matches" columns=${[
      { key: "rank", title: "名次", num: true },
      { key: "appNo", title: "申请号", value: (m) => m.patent.appNo, render: (m) => html`<${Link} href=${`/patents/${encodeURIComponent(m.patent.appNo)}`}>${m.patent.appNo}</${Link}>` },
      { key: "title", title: "名称", value: (m) => m.patent.title, render: (m) => m.patent.title },
      { key: "owner", title: "单位", value: (m) => (m.patent.institution ? m.patent.institution.name : ""), render: (m) => (m.patent.institution ? m.patent.institution.name : "—") },
      { key: "score", title: "得分", num: true, render: (m) => m.score.toFixed(1) },
      { key: "reasons", title: "理由", sortable: false, value: (m) => m.reasons.length, render: (m) => m.reasons.map((r) => `${r.detail}（+${r.contribution.toFixed(1)}）`).join("；") },
      { key: "act", title: "评价", value: () => 0, render: (m) => html`<${Link} href=${`/evaluations?appNo=${encodeURIComponent(m.patent.appNo)}`}>评价</${Link}>` },
    ]} rows=${rows} exportPath="patentMatches" exportQuery=${MATCHES} exportVariables=${variables} filename="匹配推荐" />`}
    <h2>提出技术需求</h2>
    <${NeedForm} onDone=${() => setRound(round + 1)} />
    ${needs.data && needs.data.enterprise && html`<h2>已提出的需求</h2><ul id="needs">
      ${needs.data.enterprise.techNeeds.map((n) => html`<li>${n.text}${n.ipcPrefixes.length ? `（${n.ipcPrefixes.join("、")}）` : ""}</li>`)}</ul>`}`;
}
