"""Who may see which runner: checked in one place, where a runner (or something of theirs) is looked up
(the store's lookups, for the web app; the command line, run on the server itself, sees everything).

Every route reaches a runner's data through the lookups in web/services.py (a runner, an assessment,
an experiment, a run): each calls :func:`allow` with the runner's id, which lets the signed-in account
through or answers as if the runner did not exist (404: another clinic's runner is not even confirmed),
and notes the runner for the audit trail. Lists go through :func:`visible`. The account is put here by
the app's middleware for the request (a context variable: each request and its worker thread see
their own); none is there in the one-person mode on loopback and in the analysis workers, which see
everything.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute

from backstride.errors import BackstrideError, NotFound


class Forbidden(BackstrideError):
    """An account whose role cannot do this at all (403)."""


@dataclass(frozen=True)
class Principal:
    name: str
    role: str  # store.models.ROLES
    runner_ids: frozenset[str] | None  # None: every runner (an admin)
    touched: list[str] = field(default_factory=list)  # the runners this request reached, for the audit
    refused: list[str] = field(default_factory=list)  # and those it was refused

    def may(self, runner_id: str) -> bool:
        return self.runner_ids is None or runner_id in self.runner_ids


CURRENT: ContextVar[Principal | None] = ContextVar("backstride_principal", default=None)


def current() -> Principal | None:
    return CURRENT.get()


def allow(runner_id: str, missing: str) -> None:
    """Let the request reach runner ``runner_id``'s data, or refuse with ``missing`` (the words a
    missing thing gets: the same answer as for one that does not exist)."""
    who = CURRENT.get()
    if who is None:
        return
    if not who.may(runner_id):
        who.refused.append(runner_id)
        raise NotFound(missing)
    if runner_id not in who.touched:
        who.touched.append(runner_id)


def visible(query: Select, runner_id_column: InstrumentedAttribute[str]) -> Select:
    """``query`` limited to the runners the account may see."""
    who = CURRENT.get()
    if who is None or who.runner_ids is None:
        return query
    return query.where(runner_id_column.in_(sorted(who.runner_ids)))


def require_role(*roles: str) -> None:
    """Refuse an account whose role is not one of ``roles`` (403); the one-person mode may do all."""
    who = CURRENT.get()
    if who is not None and who.role not in roles:
        raise Forbidden(f"a {who.role}'s account cannot do this (it needs: {', '.join(roles)})")
