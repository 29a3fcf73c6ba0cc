// 数据上传: placeholder until the upload API (importFile, importJob, importJobs) is in
// the hub's schema; then this page uploads, follows the job and shows its report.
import { html } from "../ui.js";

export default function Imports() {
  return html`<h1 data-ready="1">数据上传</h1><p>上传功能即将开放。</p>`;
}
