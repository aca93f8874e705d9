"""Signing in and out, the sign-in page, the admin's audit trail, and who a request is (the app's
middleware asks :func:`who_is`).

Modes: with no account at all and on loopback, the one-person mode (no sign-in, as a laptop's app);
with accounts, every request but signing in needs a session; off loopback without accounts, nothing
is served (``backstride serve`` refuses to start that way, this is the second lock).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from backstride.store import access
from backstride.store.models import aware, now
from backstride.web import accounts, audit
from backstride.web.api import PROBLEMS
from backstride.web.app_state import State, state

router = APIRouter(responses=PROBLEMS)
pages = APIRouter(include_in_schema=False)
StateDep = Annotated[State, Depends(state)]
#: Reached without a session: signing in, the CSRF pair a script needs first, the page's own files.
OPEN_PATHS = ("/login", "/api/login", "/api/session", "/static/")


class SignInIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=256)


class SignedIn(BaseModel):
    name: str
    role: str


def _secure(st: State) -> bool:
    return st.web.tls_cert is not None or st.web.behind_proxy


@router.post("/api/login", summary="sign in: sets the session cookie")
async def sign_in(body: SignInIn, request: Request, st: StateDep) -> Response:
    web = st.web
    with st.sessions.begin() as s:
        result = accounts.sign_in(s, body.name, body.password, now(), web.accounts)
        ok = result.token is not None
        role = result.user.role if result.user is not None else "-"
        audit.record(s, body.name, role, "sign-in" if ok else "sign-in refused", request, 200 if ok else 401, web)
    if result.token is None:
        await asyncio.sleep(web.accounts.failed_delay_s)  # each guess costs time
        return JSONResponse({"detail": result.refused}, status_code=401)
    assert result.user is not None
    response = JSONResponse(SignedIn(name=result.user.name, role=result.user.role).model_dump())
    response.set_cookie(accounts.SESSION_COOKIE, result.token, httponly=True, samesite="strict", secure=_secure(st),
                        path="/")  # fmt: skip
    return response


@router.post("/api/logout", status_code=204, summary="sign out: the session ends")
def sign_out(request: Request, st: StateDep) -> Response:
    token = request.cookies.get(accounts.SESSION_COOKIE, "")
    who = access.current()
    with st.sessions.begin() as s:
        accounts.sign_out(s, token)
        if who is not None:
            audit.record(s, who.name, who.role, "sign-out", request, 204, st.web)
    response = Response(status_code=204)
    response.delete_cookie(accounts.SESSION_COOKIE, path="/")
    return response


@router.get("/api/me", summary="the signed-in account (none: the one-person mode)")
def me() -> dict[str, Any]:
    who = access.current()
    return {"name": who.name, "role": who.role} if who is not None else {"name": None, "role": None}


class AuditOut(BaseModel):
    at: datetime
    user: str
    role: str
    action: str
    runner_id: str | None
    what: str
    status: int
    client: str


@router.get("/api/audit", summary="the audit trail, newest first (admins only)")
def audit_trail(
    st: StateDep, runner_id: Annotated[str | None, Query(max_length=32)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[AuditOut]:  # fmt: skip
    access.require_role("admin")
    with st.sessions() as s:
        found = audit.entries(s, runner_id, limit)
        return [AuditOut(at=aware(e.at), user=e.user, role=e.role, action=e.action, runner_id=e.runner_id,
                         what=e.what, status=e.status, client=e.client) for e in found]  # fmt: skip


@pages.get("/login", response_class=HTMLResponse)
def login_page(request: Request, st: StateDep, next: str = "/") -> Response:
    from backstride.web.pages import page

    if access.current() is not None or not _has_accounts(st):
        return RedirectResponse(_safe_next(next), status_code=303)
    return page(request, "login.html", next=_safe_next(next))


@pages.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, st: StateDep) -> Response:
    from backstride.web.pages import page

    access.require_role("admin")
    with st.sessions() as s:
        rows = audit.entries(s)
        shown = [{"at": f"{aware(e.at):%Y-%m-%d %H:%M:%S}", "user": e.user, "role": e.role, "action": e.action,
                  "runner_id": e.runner_id or "", "what": e.what, "status": e.status, "client": e.client}
                 for e in rows]  # fmt: skip
    return page(request, "audit.html", rows=shown)


def _safe_next(target: str) -> str:
    """Only a path on this server (never another site: an open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _has_accounts(st: State) -> bool:
    with st.sessions() as s:
        return accounts.has_accounts(s)


def who_is(request: Request, st: State) -> tuple[access.Principal | None, Response | None]:
    """The account a request is from (None: the one-person mode), or the response that stops it."""
    with st.sessions.begin() as s:
        if not accounts.has_accounts(s):
            if st.web.loopback:
                return None, None
            return None, JSONResponse(
                {"detail": "no accounts yet: an admin adds one with 'backstride users add NAME --role admin'"},
                status_code=503,
            )
        token = request.cookies.get(accounts.SESSION_COOKIE, "")
        user = accounts.session_user(s, token, now(), st.web.accounts) if token else None
        if user is not None:
            return _principal(s, user), None
        return None, None if request.url.path.startswith(OPEN_PATHS) else _sign_in_first(request)


def _principal(s, user) -> access.Principal:
    return access.Principal(user.name, user.role, accounts.runner_ids_of(s, user))


def _sign_in_first(request: Request) -> Response:
    from backstride.web.pages import wants_page

    if wants_page(request) and request.method == "GET":
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return JSONResponse({"detail": "sign in first: POST /api/login with your name and password"}, status_code=401)
