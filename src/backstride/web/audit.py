"""The audit trail: each request of a signed-in account that reached a runner's data (viewed, exported,
changed, deleted, or refused), each sign-in, sign-out and refused sign-in; kept in the database, read by
an admin (GET /api/audit, the /audit page); no route deletes an entry."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import Request

from backstride.settings import WebSettings
from backstride.store.access import Principal
from backstride.store.models import AuditEntry

ACTIONS = ("view", "export", "change", "delete", "refused", "sign-in", "sign-in refused", "sign-out")


def client_of(request: Request, web: WebSettings) -> str:
    """Where the request came from: the proxy's X-Forwarded-For (its first address) when behind one."""
    forwarded = request.headers.get("x-forwarded-for", "") if web.behind_proxy else ""
    if forwarded:
        return forwarded.split(",")[0].strip()[:64]
    return (request.client.host if request.client else "unknown")[:64]


def action_of(method: str, path: str) -> str:
    if path.endswith("/export"):
        return "export"
    if method in ("GET", "HEAD"):
        return "view"
    return "delete" if method == "DELETE" else "change"


def record_request(s: Session, who: Principal, request: Request, status: int, web: WebSettings) -> None:
    """An entry for each runner the request reached, and for each it was refused."""
    what = f"{request.method} {request.url.path}"[:300]
    client = client_of(request, web)
    action = action_of(request.method, request.url.path)
    for runner_id in who.touched:
        s.add(AuditEntry(user=who.name, role=who.role, action=action, runner_id=runner_id, what=what,
                         status=status, client=client))  # fmt: skip
    for runner_id in who.refused:
        s.add(AuditEntry(user=who.name, role=who.role, action="refused", runner_id=runner_id, what=what,
                         status=status, client=client))  # fmt: skip


def record(s: Session, user: str, role: str, action: str, request: Request, status: int, web: WebSettings) -> None:
    what = f"{request.method} {request.url.path}"[:300]
    s.add(AuditEntry(user=user[:80], role=role, action=action, runner_id=None, what=what, status=status,
                     client=client_of(request, web)))  # fmt: skip


def entries(s: Session, runner_id: str | None = None, limit: int = 500) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if runner_id is not None:
        query = query.where(AuditEntry.runner_id == runner_id)
    return list(s.scalars(query))
