"""The small Chinese login page the hub serves at ``GET /login``.

No script and no external resource: a form posting ``username`` and ``password``
(and ``next``) to ``/login``. Error messages come from a fixed table keyed by the
``error`` code of the query string, so nothing a link carries is shown as text.
"""

from __future__ import annotations

from html import escape

__all__ = ["message", "render"]

MESSAGES: dict[str, str] = {
    "invalid": "用户名或密码错误。",
    "locked": "该账户因连续多次登录失败已被暂时锁定，请 {minutes} 分钟后再试，或请管理员重置密码。",
    "throttled": "此地址登录失败次数过多，请 {minutes} 分钟后再试。",
    "disabled": "该账户已停用，请联系管理员。",
    "expired": "登录已过期，请重新登录。",
    "cross_site": "请求来自其他网站，已拒绝。请在本站的登录页面登录。",
    "bad_request": "登录请求不完整：请填写用户名和密码。",
    "sso": "单点登录未能完成，请重试，或使用用户名和密码登录。",
    "sso_role": "单点登录的身份未授予本平台的角色或范围，请联系管理员。",
}


def message(code: str, minutes: int) -> str | None:
    text = MESSAGES.get(code)
    return text.format(minutes=max(1, minutes)) if text else None


STYLE = """
body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;
background:#f3f5f8;color:#1f2937}
main{max-width:360px;margin:12vh auto;background:#fff;padding:32px;border-radius:8px;
box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 4px}p.sub{margin:0 0 24px;color:#6b7280;font-size:14px}
label{display:block;font-size:14px;margin:12px 0 4px}
input{box-sizing:border-box;width:100%;padding:8px 10px;font-size:15px;border:1px solid #cbd5e1;
border-radius:4px}
button,a.sso{display:block;box-sizing:border-box;width:100%;margin-top:20px;padding:10px;
font-size:15px;border:0;border-radius:4px;background:#1d4ed8;color:#fff;cursor:pointer;
text-align:center;text-decoration:none}
a.sso{background:#fff;color:#1d4ed8;border:1px solid #1d4ed8;margin-top:12px}
.error{background:#fef2f2;color:#b91c1c;border:1px solid #fecaca;padding:8px 10px;
border-radius:4px;font-size:14px}
"""


def render(error: str | None, next_path: str, sso_label: str | None) -> str:
    alert = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    sso = ""
    if sso_label:
        sso = f'<a class="sso" href="/sso/login?next={escape(next_path)}">{escape(sso_label)}</a>'
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录 · 存量专利盘活平台</title><style>{STYLE}</style></head>
<body><main>
<h1>存量专利盘活平台</h1><p class="sub">请使用本人账户登录</p>
{alert}
<form method="post" action="/login">
<input type="hidden" name="next" value="{escape(next_path)}">
<label for="username">用户名</label>
<input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录</button>
</form>
{sso}
</main></body></html>
"""
