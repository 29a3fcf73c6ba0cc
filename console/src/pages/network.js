// 关系网络: the institution–industry and co-inventor networks drawn with Cytoscape.js,
// from ?institution=ID, ?industry=ID or ?inventor=ID; a click on a node expands it;
// node size and edge width follow the weights; PNG export.
import cytoscape from "cytoscape";
import { useEffect, useRef, useState } from "preact/hooks";
import { gql } from "../api.js";
import { num } from "../format.js";
import { html, Loading, Problem, setQuery, useQuery } from "../ui.js";

export const INDUSTRY_NET = `query IndustryNet($institutionId: String, $industryId: String, $scheme: IndustryScheme!, $depth: Int!, $limit: Int!) {
  institutionIndustryNetwork(institutionId: $institutionId, industryId: $industryId, scheme: $scheme, depth: $depth, limit: $limit) {
    nodes { id label kind weight centre } edges { source target weight kind } truncated } }`;

export const INVENTOR_NET = `query InventorNet($inventorId: String, $institutionId: String, $depth: Int!, $limit: Int!) {
  coInventorNetwork(inventorId: $inventorId, institutionId: $institutionId, depth: $depth, limit: $limit) {
    nodes { id label kind weight centre } edges { source target weight kind } truncated } }`;

const CHOICES = `query NetworkChoices { institutions(first: 100) { nodes { id name } } industries(level: 1) { id name scheme { value } } }`;

const KIND_NAMES = { INSTITUTION: "单位", INDUSTRY: "行业", INVENTOR: "发明人" };
const COLORS = { INSTITUTION: "#0b5cad", INDUSTRY: "#2f855a", INVENTOR: "#b7791f" };

// The request for a start (or a node to expand).
export function networkRequest({ net, institution, industry, inventor, scheme, depth, limit }) {
  if (net === "inventors") {
    return { query: INVENTOR_NET, field: "coInventorNetwork", variables: { inventorId: inventor || null, institutionId: inventor ? null : institution || null, depth, limit } };
  }
  return { query: INDUSTRY_NET, field: "institutionIndustryNetwork", variables: { institutionId: industry ? null : institution || null, industryId: industry || null, scheme, depth, limit } };
}

function elements(network) {
  const maxNode = Math.max(1, ...network.nodes.map((n) => n.weight));
  const maxEdge = Math.max(1, ...network.edges.map((e) => e.weight));
  return [
    ...network.nodes.map((n) => ({
      group: "nodes",
      data: { id: n.id, label: n.label || n.id, kind: n.kind, weight: n.weight, size: 14 + 36 * Math.sqrt(n.weight / maxNode), centre: n.centre ? 1 : 0 },
    })),
    ...network.edges.map((e) => ({
      group: "edges",
      data: { id: `${e.source}→${e.target}`, source: e.source, target: e.target, weight: e.weight, width: 1 + 7 * (e.weight / maxEdge) },
    })),
  ];
}

const STYLE = [
  { selector: "node", style: { width: "data(size)", height: "data(size)", label: "data(label)", "font-size": 11,
    "font-family": '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif', "text-valign": "bottom", "text-margin-y": 3, color: "#1f2933", "min-zoomed-font-size": 7 } },
  { selector: 'node[kind = "INSTITUTION"]', style: { "background-color": COLORS.INSTITUTION, shape: "round-rectangle" } },
  { selector: 'node[kind = "INDUSTRY"]', style: { "background-color": COLORS.INDUSTRY, shape: "ellipse" } },
  { selector: 'node[kind = "INVENTOR"]', style: { "background-color": COLORS.INVENTOR, shape: "ellipse" } },
  { selector: "node[centre = 1]", style: { "border-width": 3, "border-color": "#f0b429" } },
  { selector: "edge", style: { width: "data(width)", "line-color": "#9fb3c8", opacity: 0.8, "curve-style": "haystack" } },
  { selector: ":selected", style: { "border-width": 3, "border-color": "#c53030" } },
];

function layoutFor(count) {
  return count > 300
    ? { name: "concentric", concentric: (n) => n.data("weight"), levelWidth: () => 1, minNodeSpacing: 4, animate: false }
    : { name: "cose", animate: false, nodeRepulsion: () => 8000, idealEdgeLength: () => 80, randomize: false };
}

export default function NetworkPage({ person, query }) {
  const net = query.get("net") === "inventors" || query.get("inventor") ? "inventors" : "industries";
  const start = {
    net,
    institution: query.get("institution") || (person.role === "INSTITUTION" ? person.scope : null),
    industry: query.get("industry"),
    inventor: query.get("inventor"),
    scheme: query.get("scheme") === "SEI2018" ? "SEI2018" : "GBT4754",
    depth: query.get("depth") === "2" ? 2 : 1,
    limit: Math.min(2000, Math.max(1, Number(query.get("limit")) || 200)),
  };
  const choices = useQuery(CHOICES, {});
  const container = useRef(null);
  const cy = useRef(null);
  const [state, setState] = useState({ loading: false, error: null, nodes: 0, edges: 0, truncated: false, drawMs: null });
  const [picked, setPicked] = useState(null);
  const hasStart = start.institution || start.industry || start.inventor;

  const draw = async (request, merge) => {
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const data = await gql(request.query, request.variables);
      const network = data[request.field];
      const t0 = performance.now();
      if (!cy.current) {
        cy.current = cytoscape({ container: container.current, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4,
          textureOnViewport: true, hideEdgesOnViewport: network.nodes.length > 500, pixelRatio: 1 });
        cy.current.on("tap", "node", (e) => setPicked(e.target.data()));
        window.__phCy = cy.current;
      }
      const graph = cy.current;
      if (!merge) graph.elements().remove();
      const fresh = elements(network).filter((el) => graph.getElementById(el.data.id).empty());
      graph.add(fresh);
      graph.layout(layoutFor(graph.nodes().length)).run();
      graph.fit(undefined, 30);
      if (graph.zoom() > 1.2) {
        graph.zoom(1.2); // a small network stays readable instead of filling the canvas
        graph.center();
      }
      const drawMs = Math.round(performance.now() - t0);
      container.current.dataset.nodes = String(graph.nodes().length);
      container.current.dataset.edges = String(graph.edges().length);
      container.current.dataset.drawn = "1";
      const list = graph.nodes().map((n) => n.data()).sort((a, b) => b.weight - a.weight).slice(0, 200);
      setState({ loading: false, error: null, nodes: graph.nodes().length, edges: graph.edges().length, truncated: network.truncated, drawMs, list });
    } catch (error) {
      setState((s) => ({ ...s, loading: false, error }));
    }
  };

  useEffect(() => {
    if (hasStart) draw(networkRequest(start), false);
  }, [JSON.stringify(start)]);
  useEffect(() => () => cy.current && cy.current.destroy(), []);

  const expand = () => {
    if (!picked) return;
    const next = { ...start, institution: null, industry: null, inventor: null, depth: 1 };
    if (picked.kind === "INSTITUTION") next.institution = picked.id;
    if (picked.kind === "INDUSTRY") next.industry = picked.id;
    if (picked.kind === "INVENTOR") next.inventor = picked.id;
    draw(networkRequest(next), true);
  };
  const png = () => {
    const uri = cy.current.png({ full: true, bg: "#ffffff", scale: 2 });
    const a = document.createElement("a");
    a.href = uri;
    a.download = "关系网络.png";
    a.click();
  };
  const institutions = choices.data ? choices.data.institutions.nodes : [];
  const industries = choices.data ? choices.data.industries.filter((i) => i.scheme && i.scheme.value === start.scheme) : [];
  return html`<h1 data-ready=${hasStart ? (state.nodes || state.error ? "1" : "") : "1"}>关系网络</h1>
    <div class="controls">
      <label>网络<select value=${net} onChange=${(e) => setQuery({ net: e.target.value, inventor: null, industry: null })}>
        <option value="industries">单位—行业网络</option><option value="inventors">发明人合作网络</option></select></label>
      <label>起点单位<select value=${start.institution || ""} onChange=${(e) => setQuery({ institution: e.target.value || null, industry: null, inventor: null })}>
        <option value="">（未选）</option>
        ${start.institution && !institutions.some((i) => i.id === start.institution) && html`<option value=${start.institution}>${start.institution}</option>`}
        ${institutions.map((i) => html`<option value=${i.id}>${i.name}</option>`)}</select></label>
      ${net === "industries" && html`<label>起点行业<select value=${start.industry || ""} onChange=${(e) => setQuery({ industry: e.target.value || null, institution: null })}>
        <option value="">（未选）</option>${industries.map((i) => html`<option value=${i.id}>${i.name}</option>`)}</select></label>
        <label>行业分类<select value=${start.scheme} onChange=${(e) => setQuery({ scheme: e.target.value, industry: null })}>
          <option value="GBT4754">国民经济行业</option><option value="SEI2018">战略性新兴产业</option></select></label>`}
      <label>深度<select value=${String(start.depth)} onChange=${(e) => setQuery({ depth: e.target.value })}>
        <option value="1">1 层</option><option value="2">2 层</option></select></label>
      <label>边数上限<input type="number" min="1" max="2000" value=${start.limit} size="5"
        onChange=${(e) => setQuery({ limit: e.target.value })} /></label>
      <button type="button" class="secondary" disabled=${!state.nodes} onClick=${png} id="export-png">导出 PNG</button>
    </div>
    <${Problem} error=${state.error} />
    ${!hasStart && html`<p class="muted">请选择起点单位、行业或发明人（也可在地址中给出 ?institution=、?industry=、?inventor=）。</p>`}
    <div class="network-wrap">
      <div id="network-canvas" ref=${container} aria-label="关系网络图" role="img"></div>
      <aside class="card" aria-live="polite">
        <h2>图例与统计</h2>
        <p>${Object.entries(KIND_NAMES).map(([k, v]) => html`<span class="tag" style=${`background:${COLORS[k]};color:#fff;margin-right:4px`}>${v}</span>`)}</p>
        ${state.loading && html`<${Loading} />`}
        <p id="network-stats">节点 ${num(state.nodes)} 个，连线 ${num(state.edges)} 条${state.truncated ? "（已按上限截断）" : ""}</p>
        ${state.drawMs !== null && html`<p class="muted">绘制用时 ${num(state.drawMs)} 毫秒</p>`}
        <p class="muted">节点大小为关联专利数，连线粗细为共有专利数。点击节点查看并展开。</p>
        ${state.list && state.list.length > 0 && html`<label>选择节点（按权重）<select id="node-picker"
          value=${picked ? picked.id : ""} onChange=${(e) => {
            const node = cy.current.getElementById(e.target.value);
            if (node.nonempty()) { cy.current.elements().unselect(); node.select(); setPicked(node.data()); }
          }}>
          <option value="">—</option>
          ${state.list.map((n) => html`<option value=${n.id}>${n.label}（${KIND_NAMES[n.kind]}，${n.weight}）</option>`)}
        </select></label>`}
        ${picked && html`<div id="picked"><h2>${picked.label}</h2>
          <p>${KIND_NAMES[picked.kind]} · 权重 ${num(picked.weight)}</p>
          <button type="button" onClick=${expand} id="expand">展开此节点</button></div>`}
      </aside>
    </div>`;
}
