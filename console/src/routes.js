// The console's pages: path, title, who may open them, and the module that draws them
// (loaded only when opened, so a page carries only its own code and libraries); a page
// may name the request it opens with (prefetch), which starts with the session.
import { prefetch } from "./api.js";
import { dashboardRequest } from "./pages/dashboard_data.js";

export const OVERSEERS = ["NATIONAL", "MINISTRY", "PROVINCE", "INSTITUTION"];
export const PEOPLE = [...OVERSEERS, "ENTERPRISE", "EXPERT"];
export const PUBLIC = [...PEOPLE, "ANONYMOUS"];

// Who may upload which files is the upload API's rule; the page is offered to the roles
// that have files of their own to send.
export const UPLOADERS = ["NATIONAL", "PROVINCE", "INSTITUTION", "ENTERPRISE"];

export const ROUTES = [
  {
    path: "/",
    title: "工作台",
    roles: PEOPLE,
    load: () => import("./pages/dashboard.js"),
    prefetch: (person, query) => {
      const { query: q, variables } = dashboardRequest(person.role, OVERSEERS.includes(person.role), query);
      prefetch(q, variables);
    },
  },
  { path: "/progress", title: "盘点进度", roles: OVERSEERS, load: () => import("./pages/progress.js") },
  { path: "/patents", title: "专利资源库", roles: PEOPLE, load: () => import("./pages/patents.js") },
  { path: "/patents/:appNo", title: "专利详情", roles: PEOPLE, nav: false, load: () => import("./pages/patent.js") },
  { path: "/network", title: "关系网络", roles: PEOPLE, load: () => import("./pages/network.js") },
  { path: "/matches", title: "匹配推荐", roles: ["ENTERPRISE"], load: () => import("./pages/matches.js") },
  { path: "/evaluations", title: "专利评价", roles: ["ENTERPRISE", "EXPERT"], load: () => import("./pages/evaluations.js") },
  { path: "/imports", title: "数据上传", roles: UPLOADERS, load: () => import("./pages/imports.js") },
  { path: "/dormant", title: "沉睡专利", roles: OVERSEERS, load: () => import("./pages/dormant.js") },
  { path: "/audit", title: "审计日志", roles: ["NATIONAL"], load: () => import("./pages/audit.js") },
  { path: "/open-licences", title: "开放许可", roles: PUBLIC, load: () => import("./pages/open_licences.js") },
];

export const ROLE_NAMES = {
  NATIONAL: "国家平台",
  MINISTRY: "主管部门",
  PROVINCE: "省级平台",
  INSTITUTION: "高校院所",
  ENTERPRISE: "企业",
  EXPERT: "专家",
};

export function match(pathname) {
  for (const route of ROUTES) {
    const names = [];
    const pattern = route.path.replace(/:(\w+)/g, (_, name) => {
      names.push(name);
      return "([^/]+)";
    });
    const m = new RegExp(`^${pattern}/?$`).exec(pathname);
    if (m) {
      const params = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]);
      });
      return { route, params };
    }
  }
  return null;
}

export function who(route) {
  return route.roles
    .filter((r) => r !== "ANONYMOUS")
    .map((r) => ROLE_NAMES[r])
    .join("、");
}
