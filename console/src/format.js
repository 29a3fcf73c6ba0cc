// Numbers, dates and amounts as Chinese readers write them.

const integer = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

export function num(value) {
  return value === null || value === undefined ? "—" : integer.format(value);
}

// 万元 amounts: the API gives them in 万元 already (docs/formats.md).
export function wan(value) {
  return value === null || value === undefined ? "—" : `${decimal.format(value)}万元`;
}

export function pct(value) {
  return value === null || value === undefined ? "—" : `${decimal.format(value)}%`;
}

// 2024-06-30 -> 2024年6月30日 (a DateTime keeps its time: 2024年6月30日 14:05).
export function date(value) {
  if (!value) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(value);
  if (!m) return value;
  const day = `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return m[4] ? `${day} ${m[4]}:${m[5]}` : day;
}

// 2024Q3 -> 2024年第三季度
const QUARTER = { 1: "一", 2: "二", 3: "三", 4: "四" };
export function quarter(value) {
  const m = /^(\d{4})Q([1-4])$/.exec(value || "");
  return m ? `${m[1]}年第${QUARTER[m[2]]}季度` : value || "—";
}

export function yesno(value) {
  return value === true ? "是" : value === false ? "否" : "—";
}

export function stars(value) {
  return value ? "★".repeat(value) : "—";
}

export function label(pair) {
  return pair && pair.label ? pair.label : "—";
}

export function labels(pairs) {
  return pairs && pairs.length ? pairs.map((p) => p.label).join("、") : "—";
}

export function isoToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// The programme's quarters from its start (2024Q1) to the quarter of asOf.
export function quartersUpTo(asOf) {
  const [year, month] = asOf.split("-").map(Number);
  const out = [];
  for (let y = 2024; y <= year; y += 1) {
    const last = y === year ? Math.ceil(month / 3) : 4;
    for (let q = 1; q <= last; q += 1) out.push(`${y}Q${q}`);
  }
  return out;
}
