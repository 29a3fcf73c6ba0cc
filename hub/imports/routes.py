"""``GET /imports/{id}/report``: the problem report of an upload, to its uploader (and
NATIONAL), under the same rule as the ``importJob`` query."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from graph import cypher
from hub.auth.bearer import authenticate
from hub.auth.tokens import InvalidToken
from hub.imports.settings import upload_settings

__all__ = ["report"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _error(message: str, code: str, status: int, **headers: str) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status, headers=headers or None)


async def report(request: Request) -> Response:
    try:
        principal = await authenticate(request, request.app.state.verifier)
    except InvalidToken as exc:
        return _error(str(exc), "UNAUTHENTICATED", 401, **{"WWW-Authenticate": "Bearer"})
    if principal.subject == "anonymous":
        return _error("the report needs an account: send a bearer token", "UNAUTHENTICATED", 401)
    job_id = request.path_params["id"]
    rows = await request.app.state.graph.read(
        cypher.load("imports/visible"),
        {
            "id": job_id,
            "subject": principal.subject,
            "actorScope": principal.scope,
            "scope": {"role": principal.role.value},
        },
    )
    path = upload_settings().folder / job_id / "report.xlsx"
    if not rows:  # someone else's job answers as a missing one
        return _error(f"no import job {job_id}", "NOT_FOUND", 404)
    if not rows[0]["job"].get("report") or not path.is_file():
        return _error(f"import job {job_id} has no problem report", "NOT_FOUND", 404)
    stem = rows[0]["job"]["fileName"].rsplit(".", 1)[0]
    name = quote(f"{stem}-问题报告.xlsx")
    return FileResponse(
        path,
        media_type=XLSX,
        headers={
            "Content-Disposition": f"attachment; filename=\"report.xlsx\"; filename*=UTF-8''{name}"
        },
    )
