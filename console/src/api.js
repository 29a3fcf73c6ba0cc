// The console's only data path: the hub's /graphql with the person's session cookie
// (same origin, HttpOnly cookie, so the script never sees the token). Every call
// sends JSON and the CSRF header the hub asks of cookie-authenticated requests.

export const CSRF_HEADER = { "X-Requested-With": "patent-hub" };

export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code || "ERROR";
    this.status = status || 0;
  }
}

// Every answer is also kept for the browser tests, which compare what a page shows
// with what the API answered for the same person.
window.__phAnswers = window.__phAnswers || [];

export async function gql(query, variables = {}) {
  const response = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/graphql-response+json, application/json",
      ...CSRF_HEADER,
    },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`服务器返回了无法解析的应答（HTTP ${response.status}）`, "BAD_RESPONSE", response.status);
  }
  if (response.status === 401) {
    throw new ApiError("登录已过期，请重新登录。", "UNAUTHENTICATED", 401);
  }
  if (body.errors && body.errors.length) {
    const first = body.errors[0];
    const code = (first.extensions && first.extensions.code) || "ERROR";
    throw new ApiError(first.message, code, response.status);
  }
  window.__phAnswers.push({ query, variables, data: body.data });
  return body.data;
}

// Requests started before their page is drawn (while its module still loads): the
// page's first useQuery of the same query and variables takes the answer instead of
// asking again, so the data does not wait for the page's code and libraries.
const early = new Map();

function earlyKey(query, variables) {
  return `${query}\n${JSON.stringify(variables || {})}`;
}

export function prefetch(query, variables = {}) {
  const key = earlyKey(query, variables);
  if (early.has(key)) return;
  const answer = gql(query, variables);
  answer.catch(() => {}); // reported by the page that takes it
  early.set(key, answer);
}

export function takePrefetched(query, variables) {
  const key = earlyKey(query, variables);
  const answer = early.get(key);
  early.delete(key);
  return answer;
}

// The person who is logged in, or null (GET /session answers 401 without a session).
export async function session() {
  const response = await fetch("/session", {
    credentials: "same-origin",
    headers: { Accept: "application/json", ...CSRF_HEADER },
  });
  if (response.status === 401 || response.status === 404) return null;
  if (!response.ok) throw new ApiError(`无法读取登录状态（HTTP ${response.status}）`, "SESSION", response.status);
  return response.json();
}

// The xlsx of a table: the hub's export endpoint runs the same query with the same
// cookie and scope (docs/http.md, "Exports").
export function exportUrl(query, variables, filename, path) {
  const params = new URLSearchParams({ query, variables: JSON.stringify(variables || {}) });
  if (filename) params.set("filename", filename);
  if (path) params.set("path", path);
  return `/export?${params.toString()}`;
}
