// 数据上传: a standard file dropped or chosen, sent as a GraphQL multipart upload
// (importFile), the job followed until it ends (importJob), its row-level problems shown
// and its report downloadable as xlsx; below, the account's jobs (importJobs).
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, CSRF_HEADER, gql } from "../api.js";
import { date, num } from "../format.js";
import { html, Loading, Problem, Table, useQuery } from "../ui.js";

const JOB_FIELDS = `id kind status fileName createdAt finishedAt submittedBy dryRun acceptValid processed total
  counts { rows records unchanged problems } problems { sheet row column reason severity } reportUrl`;
export const JOB = `query ImportJob($id: ID!) { importJob(id: $id) { ${JOB_FIELDS} } }`;
export const JOBS = `query ImportJobs($first: Int!) { importJobs(first: $first) { totalCount nodes { ${JOB_FIELDS} } } }`;
const UPLOAD = `mutation Upload($kind: ImportKind!, $file: Upload!, $dryRun: Boolean, $acceptValid: Boolean) {
  importFile(kind: $kind, file: $file, dryRun: $dryRun, acceptValid: $acceptValid) { ${JOB_FIELDS} } }`;

// The kinds each role may import (graph/writes.py); the hub refuses the others anyway.
const KINDS = {
  NATIONAL: ["PATENTS", "INVENTORY", "EVALUATIONS", "TRANSACTIONS", "ENTERPRISES", "EXPERTS"],
  PROVINCE: ["PATENTS", "INVENTORY", "EVALUATIONS", "ENTERPRISES", "EXPERTS"],
  INSTITUTION: ["PATENTS", "INVENTORY", "TRANSACTIONS"],
  ENTERPRISE: ["EVALUATIONS"],
};
const KIND_NAMES = {
  PATENTS: "专利基础信息",
  INVENTORY: "盘点结果",
  EVALUATIONS: "评价",
  TRANSACTIONS: "交易",
  ENTERPRISES: "企业",
  EXPERTS: "专家",
};
const STATUS = { QUEUED: "排队中", RUNNING: "导入中", SUCCEEDED: "已完成", FAILED: "失败" };
const SEVERITY = { ERROR: "错误（未写入）", WARNING: "提示" };

// The GraphQL multipart request (operations, map, file), with the console's CSRF header.
async function upload(kind, file, dryRun, acceptValid) {
  const body = new FormData();
  body.append("operations", JSON.stringify({ query: UPLOAD, variables: { kind, file: null, dryRun, acceptValid } }));
  body.append("map", JSON.stringify({ 0: ["variables.file"] }));
  body.append("0", file, file.name);
  const response = await fetch("/graphql", { method: "POST", credentials: "same-origin", headers: { ...CSRF_HEADER }, body });
  let data;
  try {
    data = await response.json();
  } catch {
    throw new ApiError(`上传失败（HTTP ${response.status}）`, "UPLOAD", response.status);
  }
  if (data.errors && data.errors.length) {
    const e = data.errors[0];
    throw new ApiError(e.message, (e.extensions && e.extensions.code) || "ERROR", response.status);
  }
  return data.data.importFile;
}

function JobView({ job }) {
  const done = job.status === "SUCCEEDED" || job.status === "FAILED";
  const total = job.total || (job.counts && job.counts.rows) || 0;
  return html`<section class="card" id="job" data-id=${job.id} data-status=${job.status} data-problems=${job.problems.length}>
    <h2>${job.fileName}（${KIND_NAMES[job.kind] || job.kind}${job.dryRun ? "，仅检查" : ""}）：<span id="job-status">${STATUS[job.status] || job.status}</span></h2>
    ${!done && html`<progress max=${total || 1} value=${total ? job.processed : undefined} aria-label="导入进度"></progress>
      <p class="muted">已读 ${num(job.processed)}${total ? ` / ${num(total)}` : ""} 行</p>`}
    ${job.counts && html`<p>共 ${num(job.counts.rows)} 行，记录 ${num(job.counts.records)} 条，其中未变化 ${num(job.counts.unchanged)} 条；问题 ${num(job.counts.problems)} 个。</p>`}
    ${job.reportUrl && html`<p><a href=${job.reportUrl} download id="report-link">下载问题报告（Excel）</a></p>`}
    ${job.problems.length > 0 && html`<${Table} id="problems" caption="逐行问题" columns=${[
      { key: "sheet", title: "工作表" },
      { key: "row", title: "行", num: true, render: (p) => (p.row ? num(p.row) : "整个文件") },
      { key: "column", title: "列" },
      { key: "severity", title: "级别", render: (p) => SEVERITY[p.severity] || p.severity },
      { key: "reason", title: "原因" },
    ]} rows=${job.problems.map((p, i) => ({ ...p, key: `${p.sheet}:${p.row}:${p.column}:${i}` }))} />`}
  </section>`;
}

export default function Imports({ person }) {
  const kinds = KINDS[person.role] || [];
  const [kind, setKind] = useState(kinds[0]);
  const [file, setFile] = useState(null);
  const [over, setOver] = useState(false);
  const [job, setJob] = useState(null);
  const [error, setError] = useState(null);
  const [round, setRound] = useState(0);
  const input = useRef(null);
  const jobs = useQuery(JOBS, { first: 20, round });

  useEffect(() => {
    if (!job || job.status === "SUCCEEDED" || job.status === "FAILED") return undefined;
    const timer = setTimeout(async () => {
      try {
        const data = await gql(JOB, { id: job.id });
        setJob(data.importJob);
        if (data.importJob.status === "SUCCEEDED" || data.importJob.status === "FAILED") setRound((r) => r + 1);
      } catch (e) {
        setError(e);
      }
    }, 500);
    return () => clearTimeout(timer);
  }, [job]);

  const submit = async (e) => {
    e.preventDefault();
    if (!file) return;
    const f = new FormData(e.target);
    setError(null);
    try {
      setJob(await upload(kind, file, f.get("dryRun") === "on", f.get("acceptValid") === "on"));
      setRound((r) => r + 1);
    } catch (err) {
      setError(err);
    }
  };
  const drop = (e) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length) setFile(e.dataTransfer.files[0]);
  };
  const list = jobs.data ? jobs.data.importJobs.nodes : [];
  return html`<h1 data-ready=${jobs.data || jobs.error ? "1" : ""}>数据上传</h1>
    <p class="muted">上传标准格式的 Excel（.xlsx）或 CSV 文件；格式见 docs/formats.md。每个有问题的行都会列出工作表、行、列和原因。</p>
    <form class="stack" id="upload-form" onSubmit=${submit}>
      <label>文件内容<select value=${kind} onChange=${(e) => setKind(e.target.value)} name="kind">
        ${kinds.map((k) => html`<option value=${k}>${KIND_NAMES[k]}</option>`)}</select></label>
      <div class=${`dropzone${over ? " over" : ""}`} id="dropzone" tabindex="0" role="button"
        aria-label="拖放文件到这里，或按回车选择文件"
        onDragOver=${(e) => { e.preventDefault(); setOver(true); }} onDragLeave=${() => setOver(false)} onDrop=${drop}
        onClick=${() => input.current.click()} onKeyDown=${(e) => (e.key === "Enter" || e.key === " ") && input.current.click()}>
        ${file ? html`已选择：<strong id="chosen">${file.name}</strong>（${num(Math.ceil(file.size / 1024))} KB）` : "把文件拖到这里，或点击选择文件"}
      </div>
      <input type="file" id="file-input" ref=${input} class="visually-hidden" tabindex="-1" accept=".xlsx,.csv,.jsonl,.json"
        onChange=${(e) => e.target.files.length && setFile(e.target.files[0])} />
      <label><span><input type="checkbox" name="dryRun" /> 仅检查，不写入</span></label>
      <label><span><input type="checkbox" name="acceptValid" /> 写入无误的行，跳过有问题的行</span></label>
      <div><button type="submit" disabled=${!file} id="upload-button">上传</button></div>
    </form>
    <${Problem} error=${error} />
    ${job && html`<${JobView} job=${job} />`}
    <h2>本账号的上传记录</h2>
    ${jobs.loading && html`<${Loading} />`}<${Problem} error=${jobs.error} />
    <${Table} id="jobs" columns=${[
      { key: "createdAt", title: "时间", render: (j) => date(j.createdAt) },
      { key: "fileName", title: "文件" },
      { key: "kind", title: "内容", render: (j) => KIND_NAMES[j.kind] || j.kind },
      { key: "status", title: "状态", render: (j) => STATUS[j.status] || j.status },
      { key: "problems", title: "问题", num: true, value: (j) => j.problems.length, render: (j) => num(j.problems.length) },
      { key: "report", title: "报告", value: () => 0, render: (j) => (j.reportUrl ? html`<a href=${j.reportUrl} download>下载</a>` : "—") },
    ]} rows=${list.map((j) => ({ ...j, key: j.id }))} />`;
}
