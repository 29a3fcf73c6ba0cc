// The console's shell: who is logged in (/session), the menu of the pages that person
// may open, and the router that loads each page's module when it is opened.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { session as readSession } from "./api.js";
import { match, ROUTES, ROLE_NAMES, who } from "./routes.js";
import { html, Link, Loading, Refusal } from "./ui.js";
import "./style.css";

// No waterfall: the session, the opened page's module (with its libraries) and, once the
// session is known, the page's first request all start before the first render.
const opened = match(window.location.pathname);
if (opened) opened.route.load().catch(() => {}); // the Page below reports a failure
const firstSession = readSession().then((person) => {
  if (person && opened && opened.route.prefetch && opened.route.roles.includes(person.role)) {
    opened.route.prefetch(person, new URLSearchParams(window.location.search));
  }
  return person;
});

function useLocation() {
  const [loc, setLoc] = useState(window.location.pathname + window.location.search);
  useEffect(() => {
    const on = () => setLoc(window.location.pathname + window.location.search);
    window.addEventListener("popstate", on);
    return () => window.removeEventListener("popstate", on);
  }, []);
  return loc;
}

function Menu({ role, pathname }) {
  const items = ROUTES.filter((r) => r.nav !== false && r.roles.includes(role));
  return html`<nav class="menu" aria-label="主菜单">
    <ul>
      ${items.map((r) => {
        const current = r.path === "/" ? pathname === "/" : pathname.startsWith(r.path);
        return html`<li><${Link} href=${r.path} aria-current=${current ? "page" : undefined}>${r.title}</${Link}></li>`;
      })}
    </ul>
  </nav>`;
}

function Header({ person }) {
  return html`<header class="top">
    <${Link} class="brand" href=${person ? "/" : "/open-licences"}>专利盘活数据枢纽</${Link}>
    <div class="who">
      ${person
        ? html`<span id="who" data-role=${person.role}>${person.name || person.username}
              <span class="role">${person.roleLabel || ROLE_NAMES[person.role] || person.role}${person.scope ? ` · ${person.scope}` : ""}</span></span>
            <form method="post" action="/logout"><button type="submit">退出登录</button></form>`
        : html`<a href=${`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}>登录</a>`}
    </div>
  </header>`;
}

function Page({ route, params, person, search }) {
  const [mod, setMod] = useState(null);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    let live = true;
    setMod(null);
    route
      .load()
      .then((m) => live && setMod(() => m.default))
      .catch((e) => live && setFailed(e));
    return () => {
      live = false;
    };
  }, [route]);
  if (failed) return html`<p class="problem" role="alert">页面加载失败：${String(failed)}</p>`;
  if (!mod) return html`<${Loading} />`;
  const Component = mod;
  return html`<${Component} params=${params} person=${person} query=${new URLSearchParams(search)} />`;
}

function App() {
  const loc = useLocation();
  const [person, setPerson] = useState(undefined);
  const [sessionError, setSessionError] = useState(null);
  useEffect(() => {
    firstSession
      .then((p) => setPerson(p))
      .catch((e) => {
        setSessionError(e);
        setPerson(null);
      });
  }, []);
  const pathname = loc.split("?")[0];
  const found = match(pathname);
  useEffect(() => {
    document.title = `${found ? found.route.title : "页面不存在"} · 专利盘活数据枢纽`;
    const main = document.getElementById("main");
    if (main) main.focus({ preventScroll: true });
  }, [pathname]);
  if (person === undefined) return html`<${Loading} />`;
  const role = person ? person.role : "ANONYMOUS";
  let body;
  if (!found) {
    body = html`<section class="refusal" role="alert"><h2>页面不存在</h2><p>地址 ${pathname} 没有对应的页面。</p></section>`;
  } else if (!found.route.roles.includes(role)) {
    if (!person) {
      window.location.replace(`/login?next=${encodeURIComponent(loc)}`);
      body = html`<${Loading} />`;
    } else {
      body = html`<${Refusal} message=${`「${found.route.title}」面向${who(found.route)}账号，您当前以${ROLE_NAMES[role] || role}身份登录。`}>
        <p><${Link} href="/">返回工作台</${Link}></p>
      </${Refusal}>`;
    }
  } else {
    body = html`<${Page} key=${pathname} route=${found.route} params=${found.params} person=${person} search=${loc.split("?")[1] || ""} />`;
  }
  return html`<${Header} person=${person} />
    <div class="frame">
      <${Menu} role=${role} pathname=${pathname} />
      <main id="main" tabindex="-1">
        ${sessionError && html`<p class="problem" role="alert">${sessionError.message}</p>`}
        ${body}
      </main>
    </div>`;
}

render(html`<${App} />`, document.getElementById("app"));
