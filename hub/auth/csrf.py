"""Cross-site request protection for requests authenticated by the session cookie.

SameSite=Strict already keeps the cookie off cross-site requests in current
browsers; this is the second lock, for older browsers and same-site subdomains. A
request that carries only the cookie must be one a page on another site cannot send
without a CORS preflight (which the hub never grants): ``Content-Type:
application/json``, or the custom header ``X-Requested-With: patent-hub`` (GET and
multipart uploads need the header). Browsers' ``Sec-Fetch-Site: cross-site`` is
refused outright. Bearer-token clients are not affected.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection

from graph.errors import NotPermitted
from hub.auth.bearer import VIA_STATE

__all__ = ["CsrfRefused", "check_cookie_request", "cross_site"]

CSRF_HEADER = "x-requested-with"
CSRF_VALUE = "patent-hub"


class CsrfRefused(NotPermitted):
    """A cookie-authenticated request that a foreign page could have forged."""


def cross_site(request: HTTPConnection) -> bool:
    return request.headers.get("sec-fetch-site", "").strip().lower() == "cross-site"


def check_cookie_request(request: HTTPConnection, allow_get: bool = False) -> None:
    """``CsrfRefused`` for a forgeable cookie request. ``allow_get``: a read-only
    download (``GET /export``) may be a plain link."""
    if request.scope.get("state", {}).get(VIA_STATE) != "cookie":
        return
    if cross_site(request):
        raise CsrfRefused("a request from another site cannot use the console's session")
    if request.headers.get(CSRF_HEADER, "").strip().lower() == CSRF_VALUE:
        return
    method = request.scope.get("method", "GET")
    if allow_get and method == "GET":
        return
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if method == "POST" and media == "application/json":
        return
    raise CsrfRefused(
        "a request authenticated by the session cookie must be sent as application/json "
        f"or carry the header 'X-Requested-With: {CSRF_VALUE}' (uploads and GET too)"
    )
