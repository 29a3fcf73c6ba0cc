// Small shared pieces: the page's data hook, tables (sortable, downloadable), refusals.
import { html } from "htm/preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { exportUrl, gql, takePrefetched } from "./api.js";

export { html };

// Runs a GraphQL query when its variables change (or takes the answer of the same
// request started early, api.prefetch); {data, error, loading}.
export function useQuery(query, variables, { skip = false } = {}) {
  const key = JSON.stringify(variables || {});
  const [state, setState] = useState({ data: null, error: null, loading: !skip });
  useEffect(() => {
    if (skip) return undefined;
    let live = true;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    (takePrefetched(query, variables) || gql(query, variables))
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error) => live && setState({ data: null, error, loading: false }));
    return () => {
      live = false;
    };
  }, [query, key, skip]);
  return state;
}

export function navigate(to) {
  window.history.pushState({}, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function Link({ href, children, ...rest }) {
  const onClick = (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}

export function setQuery(changes) {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") params.delete(k);
    else params.set(k, v);
  }
  const qs = params.toString();
  navigate(`${window.location.pathname}${qs ? `?${qs}` : ""}`);
}

export function Refusal({ message, children }) {
  return html`<section class="refusal" role="alert" data-refusal="1">
    <h2>无权查看此页面</h2>
    <p>${message}</p>
    ${children}
  </section>`;
}

const CODES = {
  FORBIDDEN: "您的账号无权查看这些数据。",
  NOT_FOUND: "没有找到，或不在您的查看范围内。",
  UNAUTHENTICATED: "登录已过期，请重新登录。",
  BAD_USER_INPUT: "输入有误：",
  SERVICE_UNAVAILABLE: "数据库暂时无法访问，请稍后再试。",
};

export function Problem({ error }) {
  if (!error) return null;
  if (error.code === "FORBIDDEN") return html`<${Refusal} message=${CODES.FORBIDDEN} />`;
  const prefix = CODES[error.code] || "出错了：";
  const detail = error.code === "BAD_USER_INPUT" || !CODES[error.code] ? error.message : "";
  return html`<p class="problem" role="alert" data-code=${error.code}>${prefix}${detail}</p>`;
}

export function Loading() {
  return html`<p class="loading" role="status">正在加载…</p>`;
}

export function DownloadLink({ query, variables, filename, path }) {
  if (!query) return null;
  return html`<a class="download" href=${exportUrl(query, variables, filename, path)} download=${`${filename}.xlsx`}
    data-export="1">下载 Excel</a>`;
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined || a === "") return 1;
  if (b === null || b === undefined || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "zh-CN");
}

// columns: [{key, title, value(row) -> sortable value, render(row) -> shown, num: bool}]
export function Table({ columns, rows, caption, rowClass, exportQuery, exportVariables, exportPath, filename, sortable = true, id }) {
  const [sort, setSort] = useState(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const col = columns.find((c) => c.key === sort.key);
    const value = col.value || ((r) => r[col.key]);
    const out = [...rows].sort((a, b) => compare(value(a), value(b)));
    return sort.dir === "desc" ? out.reverse() : out;
  }, [rows, sort, columns]);
  const toggle = (key) =>
    setSort((s) => (s && s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" }));
  return html`<div class="table-wrap">
    <div class="table-tools">
      ${caption && html`<span class="caption">${caption}</span>`}
      <${DownloadLink} query=${exportQuery} variables=${exportVariables} filename=${filename} path=${exportPath} />
    </div>
    <table id=${id} data-rows=${rows.length}>
      <thead>
        <tr>
          ${columns.map((c) => {
            const state = sort && sort.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : "none";
            return html`<th scope="col" class=${c.num ? "num" : ""} aria-sort=${sortable ? state : undefined}>
              ${sortable
                ? html`<button type="button" class="sort" onClick=${() => toggle(c.key)}>
                    ${c.title}<span aria-hidden="true">${state === "ascending" ? " ▲" : state === "descending" ? " ▼" : ""}</span>
                  </button>`
                : c.title}
            </th>`;
          })}
        </tr>
      </thead>
      <tbody>
        ${sorted.length === 0 &&
        html`<tr><td colspan=${columns.length} class="empty">没有数据</td></tr>`}
        ${sorted.map(
          (row) => html`<tr class=${rowClass ? rowClass(row) : ""} data-key=${row.key || row.appNo || row.id || ""}>
            ${columns.map(
              (c) => html`<td class=${c.num ? "num" : ""}>${c.render ? c.render(row) : row[c.key]}</td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

// Key figures beside a chart: the numbers a chart shows, readable without hovering.
export function Figures({ items, id }) {
  return html`<dl class="figures" id=${id}>
    ${items.map(
      ([k, v]) => html`<div class="figure"><dt>${k}</dt><dd>${v}</dd></div>`,
    )}
  </dl>`;
}

export function Pager({ hasNext, onNext, onFirst, atFirst, total, shown }) {
  return html`<nav class="pager" aria-label="翻页">
    <span>共 ${total} 条${shown !== undefined ? `，本页 ${shown} 条` : ""}</span>
    <button type="button" disabled=${atFirst} onClick=${onFirst}>第一页</button>
    <button type="button" disabled=${!hasNext} onClick=${onNext}>下一页</button>
  </nav>`;
}
