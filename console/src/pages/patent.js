// 专利详情: what the person may see of one patent — inventory results, evaluations
// and their consensus, transactions, open-licence terms, and for an enterprise the
// reasons the patent matches it (for overseers, the enterprises that showed interest).
import { date, label, labels, num, stars, wan, yesno } from "../format.js";
import { html, Link, Loading, Problem, Table, useQuery } from "../ui.js";

export const DETAIL = `query Detail($appNo: String!) {
  patent(appNo: $appNo) {
    appNo title abstract type { label } filingDate grantDate legalStatus { label } ipcMain ipcCodes
    ownerNames stateFunded openLicence transferable inventoryState { label } inventoriedAt department
    implStatuses { label } implAmount implProducts implemented intents { label } intentDetails { label }
    feeStandard priceBand { label } contact contactPhone maturity { label } rating productDesc prospectDesc
    intendedCities intendedEnterprises
    institution { id name } province { name } ministry { name }
    inventors { id name } industries { id name scheme { label } }
    evaluations { id evaluatorKind { label } date prospect maturity { label } willingness { label } score
      priceExpectation comment enterprise { creditCode name } expert { id name } }
    transactions { id kind { label } paymentMode { label } amount entryFee royaltyRate date quarter registered
      buyer { name } } } }`;

export const CONSENSUS = `query Consensus($appNo: String!) { evaluationConsensus(appNo: $appNo) {
  count enterpriseCount expertCount agreement
  prospect { mean stdDev min max } score { mean } willingness { key count } } }`;

const MATCHES = `query OwnMatches($creditCode: String!) { patentMatches(creditCode: $creditCode, first: 100) {
  patent { appNo } score reasons { kind contribution detail } } }`;

function Props({ items }) {
  return html`<dl class="props">${items.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function Consensus({ appNo }) {
  const { data, error } = useQuery(CONSENSUS, { appNo });
  if (error) return html`<${Problem} error=${error} />`;
  if (!data) return html`<${Loading} />`;
  const c = data.evaluationConsensus;
  const f = (v) => (v === null || v === undefined ? "—" : v.toFixed(2));
  return html`<div id="consensus"><${Props} items=${[
    ["评价数", `${num(c.count)}（企业 ${num(c.enterpriseCount)}，专家 ${num(c.expertCount)}）`],
    ["前景均值", `${f(c.prospect.mean)}（标准差 ${f(c.prospect.stdDev)}，${c.prospect.min ?? "—"}–${c.prospect.max ?? "—"}）`],
    ["评分均值", f(c.score.mean)],
    ["一致度", c.agreement === null ? "评价不足两条" : f(c.agreement)],
  ]} /></div>`;
}

function MatchReasons({ creditCode, appNo }) {
  const { data, error } = useQuery(MATCHES, { creditCode });
  if (error) return html`<${Problem} error=${error} />`;
  if (!data) return html`<${Loading} />`;
  const m = data.patentMatches.find((x) => x.patent.appNo === appNo);
  if (!m) return html`<p class="muted" id="match-reasons">这件专利不在为本企业匹配的前 100 件中。</p>`;
  return html`<div id="match-reasons"><p>匹配得分 <strong>${m.score.toFixed(1)}</strong></p>
    <ul>${m.reasons.map((r) => html`<li>${r.detail}（+${r.contribution.toFixed(1)}）</li>`)}</ul></div>`;
}

export default function PatentPage({ params, person }) {
  const appNo = params.appNo;
  const { data, error, loading } = useQuery(DETAIL, { appNo });
  if (loading) return html`<${Loading} />`;
  if (error) return html`<h1>专利 ${appNo}</h1><${Problem} error=${error} />`;
  const p = data.patent;
  if (!p) {
    return html`<h1 data-ready="1">专利 ${appNo}</h1><section class="refusal" role="alert" data-refusal="1" id="not-found">
      <h2>没有找到这件专利</h2><p>申请号 ${appNo} 不存在，或不在您的查看范围内。</p>
      <p><${Link} href="/patents">返回资源库</${Link}></p></section>`;
  }
  const enterprise = person.role === "ENTERPRISE";
  const overseer = ["NATIONAL", "MINISTRY", "PROVINCE", "INSTITUTION"].includes(person.role);
  const interested = p.evaluations.filter((e) => e.enterprise);
  return html`<h1 data-ready="1" id="patent-title">${p.title}</h1>
    <p class="muted">申请号 <span id="patent-appno">${p.appNo}</span> · ${label(p.type)} · ${label(p.legalStatus)}</p>
    <div class="grid">
      <section class="card"><h2>著录信息</h2><${Props} items=${[
        ["专利权人", p.institution ? p.institution.name : p.ownerNames.join("、")],
        ["申请日", date(p.filingDate)],
        ["授权日", date(p.grantDate)],
        ["主分类号", p.ipcMain || "—"],
        ["分类号", p.ipcCodes.join("；") || "—"],
        ["发明人", p.inventors.map((i) => i.name).join("、") || "—"],
        ["所属行业", p.industries.map((i) => i.name).join("、") || "—"],
        ["省份 / 主管部门", `${p.province ? p.province.name : "—"} / ${p.ministry ? p.ministry.name : "—"}`],
        ["财政资助", yesno(p.stateFunded)],
      ]} />
      <h2>摘要</h2><p>${p.abstract || "—"}</p></section>
      <section class="card" id="inventory"><h2>盘点结果</h2><${Props} items=${[
        ["盘点状态", label(p.inventoryState)],
        ["盘点时间", date(p.inventoriedAt)],
        ["院系", p.department || "—"],
        ["实施状态", labels(p.implStatuses)],
        ["实施金额", wan(p.implAmount)],
        ["产业化产品", p.implProducts.join("、") || "—"],
        ["转化意向", `${labels(p.intents)}${p.intentDetails.length ? `（${labels(p.intentDetails)}）` : ""}`],
        ["技术成熟度", label(p.maturity)],
        ["前景自评", stars(p.rating)],
        ["应用产品", p.productDesc || "—"],
        ["市场前景", p.prospectDesc || "—"],
        ["价格区间", label(p.priceBand)],
        ["联系人", p.contact ? `${p.contact} ${p.contactPhone || ""}` : "—"],
        ["可转化目录", yesno(p.transferable)],
      ]} />
      <h2>开放许可</h2>
      <p id="open-licence">${p.openLicence ? html`已声明开放许可${p.feeStandard !== null ? `，许可费标准 ${wan(p.feeStandard)}` : ""}` : "未声明开放许可"}</p>
      </section>
    </div>
    <h2>评价（共 ${p.evaluations.length} 条）</h2>
    <${Consensus} appNo=${p.appNo} />
    <${Table} id="evaluations" columns=${[
      { key: "who", title: "评价方", value: (e) => (e.enterprise ? e.enterprise.name : e.expert ? e.expert.name : label(e.evaluatorKind)), render: (e) => (e.enterprise ? e.enterprise.name : e.expert ? e.expert.name : label(e.evaluatorKind)) },
      { key: "kind", title: "类别", value: (e) => label(e.evaluatorKind), render: (e) => label(e.evaluatorKind) },
      { key: "date", title: "日期", render: (e) => date(e.date) },
      { key: "prospect", title: "前景", num: true, render: (e) => stars(e.prospect) },
      { key: "score", title: "评分", num: true, render: (e) => (e.score === null ? "—" : num(e.score)) },
      { key: "willingness", title: "意愿", value: (e) => label(e.willingness), render: (e) => label(e.willingness) },
      { key: "priceExpectation", title: "心理价位", num: true, render: (e) => wan(e.priceExpectation) },
      { key: "comment", title: "意见", render: (e) => e.comment || "—" },
    ]} rows=${p.evaluations} />
    <h2>交易（共 ${p.transactions.length} 笔）</h2>
    <${Table} id="transactions" columns=${[
      { key: "date", title: "日期", render: (t) => date(t.date) },
      { key: "kind", title: "方式", value: (t) => label(t.kind), render: (t) => label(t.kind) },
      { key: "buyer", title: "受让 / 被许可方", value: (t) => (t.buyer ? t.buyer.name : ""), render: (t) => (t.buyer ? t.buyer.name : "—") },
      { key: "paymentMode", title: "支付方式", value: (t) => label(t.paymentMode), render: (t) => label(t.paymentMode) },
      { key: "amount", title: "金额", num: true, render: (t) => wan(t.amount) },
      { key: "registered", title: "已登记备案", value: (t) => yesno(t.registered), render: (t) => yesno(t.registered) },
    ]} rows=${p.transactions} />
    ${enterprise && html`<h2>匹配理由</h2><${MatchReasons} creditCode=${person.scope} appNo=${p.appNo} />
      <p><${Link} href=${`/evaluations?appNo=${encodeURIComponent(p.appNo)}`}>评价这件专利 →</${Link}></p>`}
    ${overseer && html`<h2>有意向的企业</h2><div id="interested">
      <p>单位填报的意向企业：${p.intendedEnterprises.join("、") || "—"}；意向城市：${p.intendedCities.join("、") || "—"}</p>
      <p>评价过的企业：${interested.map((e) => `${e.enterprise.name}（${label(e.willingness)}）`).join("、") || "—"}</p></div>`}`;
}
