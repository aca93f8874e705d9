"""What every request handler needs: settings, the database, the file store and the queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from backstride.settings import Settings, WebSettings
from backstride.web.storage import Store


@dataclass(frozen=True)
class State:
    web: WebSettings
    settings: Settings  # the analysis's (upload limits: the CLI's)
    sessions: sessionmaker[Session]
    store: Store
    queue: Any  # backstride.web.jobs.Queue


def state(request: Request) -> State:
    return request.app.state.backstride
