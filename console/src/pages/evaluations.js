// 专利评价 (enterprise, expert): the patents pushed to the enterprise or assigned to the
// expert, the evaluations already given, and the evaluation form.
import { useState } from "preact/hooks";
import { gql } from "../api.js";
import { date, label, num, stars, wan } from "../format.js";
import { html, Link, Loading, Problem, Table, useQuery } from "../ui.js";

const ENTERPRISE = `query EnterpriseWork($code: String!) { enterprise(creditCode: $code) {
  name pushedPatents { appNo title institution { name } }
  evaluations { id appNo date prospect score willingness { label } priceExpectation patent { title } } } }`;
const EXPERT = `query ExpertWork($id: String!) { expert(id: $id) {
  name assignedPatents { appNo title institution { name } }
  evaluations { id appNo date prospect score willingness { label } priceExpectation patent { title } } } }`;
const SUBMIT = `mutation Evaluate($input: EvaluationInput!) { submitEvaluation(input: $input) { id appNo } }`;

const VOCABULARY = `query EvaluationVocabulary { vocabulary(names: ["Willingness", "Maturity"]) { name values { value label } } }`;

function EvaluationForm({ appNo, onDone }) {
  const [result, setResult] = useState(null);
  const vocabulary = useQuery(VOCABULARY, {});
  const values = (name) =>
    vocabulary.data ? vocabulary.data.vocabulary.find((e) => e.name === name).values.map((v) => [v.value, v.label]) : [];
  const WILLINGNESS = values("Willingness");
  const MATURITY = values("Maturity");
  const submit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    const optional = (k, fn = (v) => v) => (f.get(k) ? fn(f.get(k)) : null);
    const input = {
      appNo: f.get("appNo").trim(),
      prospect: Number(f.get("prospect")),
      willingness: f.get("willingness"),
      score: optional("score", Number),
      maturity: optional("maturity"),
      improvementNeeds: optional("improvementNeeds"),
      priceExpectation: optional("priceExpectation", Number),
      comment: optional("comment"),
    };
    try {
      const data = await gql(SUBMIT, { input });
      setResult({ ok: `评价已提交（编号 ${data.submitEvaluation.id}）。` });
      onDone();
    } catch (error) {
      setResult({ error });
    }
  };
  return html`<form class="stack" id="evaluation-form" onSubmit=${submit}>
    <label>申请号<input name="appNo" required value=${appNo || ""} /></label>
    <label>转化前景（1–5 星）<select name="prospect" required>
      ${[5, 4, 3, 2, 1].map((n) => html`<option value=${n}>${"★".repeat(n)}</option>`)}</select></label>
    <label>合作意愿<select name="willingness" required>${WILLINGNESS.map(([v, t]) => html`<option value=${v}>${t}</option>`)}</select></label>
    <label>综合评分（0–100，可选）<input name="score" type="number" min="0" max="100" step="1" /></label>
    <label>技术成熟度（可选）<select name="maturity"><option value="">—</option>${MATURITY.map(([v, t]) => html`<option value=${v}>${t}</option>`)}</select></label>
    <label>心理价位（万元，可选）<input name="priceExpectation" type="number" min="0" step="0.01" /></label>
    <label>改进需求（可选）<textarea name="improvementNeeds" rows="2"></textarea></label>
    <label>意见（可选）<textarea name="comment" rows="2"></textarea></label>
    <div><button type="submit">提交评价</button></div>
    ${result && result.ok && html`<p role="status" class="tag met">${result.ok}</p>`}
    ${result && result.error && html`<${Problem} error=${result.error} />`}
  </form>`;
}

export default function Evaluations({ person, query }) {
  const [round, setRound] = useState(0);
  const enterprise = person.role === "ENTERPRISE";
  const { data, error, loading } = useQuery(enterprise ? ENTERPRISE : EXPERT, enterprise ? { code: person.scope, round } : { id: person.scope, round });
  const who = data && (enterprise ? data.enterprise : data.expert);
  const todo = who ? (enterprise ? who.pushedPatents : who.assignedPatents) : [];
  return html`<h1 data-ready=${!loading ? "1" : ""}>专利评价</h1>
    ${loading && html`<${Loading} />`}<${Problem} error=${error} />
    ${who && html`<h2>${enterprise ? "平台推送给本企业的专利" : "分配给我的评价任务"}（${num(todo.length)} 件）</h2>
      <${Table} id="todo" columns=${[
        { key: "appNo", title: "申请号", render: (p) => html`<${Link} href=${`/patents/${encodeURIComponent(p.appNo)}`}>${p.appNo}</${Link}>` },
        { key: "title", title: "名称" },
        { key: "inst", title: "单位", value: (p) => (p.institution ? p.institution.name : ""), render: (p) => (p.institution ? p.institution.name : "—") },
        { key: "act", title: "评价", value: () => 0, render: (p) => html`<${Link} href=${`/evaluations?appNo=${encodeURIComponent(p.appNo)}`}>填写</${Link}>` },
      ]} rows=${todo} />
      <h2>已提交的评价（${num(who.evaluations.length)} 条）</h2>
      <${Table} id="given" columns=${[
        { key: "appNo", title: "申请号" },
        { key: "title", title: "名称", value: (e) => (e.patent ? e.patent.title : ""), render: (e) => (e.patent ? e.patent.title : "—") },
        { key: "date", title: "日期", render: (e) => date(e.date) },
        { key: "prospect", title: "前景", num: true, render: (e) => stars(e.prospect) },
        { key: "score", title: "评分", num: true, render: (e) => (e.score === null ? "—" : num(e.score)) },
        { key: "willingness", title: "意愿", value: (e) => label(e.willingness), render: (e) => label(e.willingness) },
        { key: "priceExpectation", title: "心理价位", num: true, render: (e) => wan(e.priceExpectation) },
      ]} rows=${who.evaluations} />`}
    <h2>填写评价</h2>
    <${EvaluationForm} appNo=${query.get("appNo")} onDone=${() => setRound(round + 1)} />`;
}
