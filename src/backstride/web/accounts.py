"""Accounts of a clinic's server: users and their roles, passwords hashed with Argon2id (argon2-cffi),
sign-in with lockout, server-side sessions that expire, and the runners a clinician is assigned.

Sessions: the browser (or a script) holds a random secret in an HttpOnly, SameSite=Strict cookie
(Secure over TLS); the database keeps only its SHA-256, so a copy of the database signs no one in.
A session ends on sign-out, after ``session_idle_s`` unused or ``session_max_s`` in all, and when its
account is removed or its password reset. Limits: settings.AccountSettings (docs/accounts.md).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from backstride.errors import Conflict, Invalid, NotFound
from backstride.settings import AccountSettings
from backstride.store.models import ROLES, LoginSession, Runner, User, UserRunner, aware

SESSION_COOKIE = "backstride_session"


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()  # Argon2id, RFC 9106's second recommended parameters (64 MiB, 3 passes)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def password_ok(stored_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(stored_hash, password))
    except (VerificationError, InvalidHashError):
        return False


#: Verified against when the name is unknown, so an unknown name takes as long as a wrong password.
_DUMMY = None


def _dummy_hash() -> str:
    global _DUMMY
    if _DUMMY is None:
        _DUMMY = hash_password(secrets.token_urlsafe(16))
    return _DUMMY


def check_password(password: str, rules: AccountSettings) -> None:
    """Refuse a password too short or too long (ASVS 2.1.1-2.1.2); any characters are allowed."""
    if len(password) < rules.min_password_chars:
        raise Invalid(f"the password has {len(password)} characters: at least {rules.min_password_chars} are needed")
    if len(password) > rules.max_password_chars:
        raise Invalid(f"the password has {len(password)} characters: at most {rules.max_password_chars}")


def has_accounts(s: Session) -> bool:
    return bool(s.scalar(select(func.count()).select_from(User)))


def find_user(s: Session, name: str) -> User:
    user = s.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"no account called {name!r} (backstride users list)")
    return user


def add_user(
    s: Session, name: str, role: str, password: str, rules: AccountSettings, runner: Runner | None = None
) -> User:
    if role not in ROLES:
        raise Invalid(f"--role {role}: choose one of {', '.join(ROLES)}")
    if not name.strip() or len(name) > 80 or any(not c.isprintable() for c in name):
        raise Invalid(f"account name {name!r}: 1-80 printable characters")
    if role == "runner" and runner is None:
        raise Invalid("a runner's account needs the runner it belongs to (--runner NAME)")
    if s.scalar(select(User).where(User.name == name)) is not None:
        raise Conflict(f"an account called {name!r} exists: choose another name, or reset its password")
    check_password(password, rules)
    user = User(name=name, role=role, password_hash=hash_password(password), failed_logins=0,
                runner_id=runner.id if runner is not None and role == "runner" else None)  # fmt: skip
    s.add(user)
    s.flush()
    return user


def reset_password(s: Session, user: User, password: str, rules: AccountSettings) -> None:
    """A new password; every session of the account ends, and a lockout with it."""
    check_password(password, rules)
    user.password_hash, user.failed_logins, user.locked_until = hash_password(password), 0, None
    s.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


def assign(s: Session, user: User, runner: Runner) -> None:
    if user.role != "clinician":
        raise Invalid(f"{user.name} is {user.role}: runners are assigned to clinicians")
    if s.get(UserRunner, (user.id, runner.id)) is None:
        s.add(UserRunner(user_id=user.id, runner_id=runner.id))


def runner_ids_of(s: Session, user: User) -> frozenset[str] | None:
    """The runners ``user`` may see: None for every runner (an admin)."""
    if user.role == "admin":
        return None
    if user.role == "runner":
        return frozenset({user.runner_id} if user.runner_id else ())
    return frozenset(s.scalars(select(UserRunner.runner_id).where(UserRunner.user_id == user.id)))


@dataclass(frozen=True)
class SignIn:
    """A sign-in's outcome: the session's secret (for the cookie), or why not."""

    user: User | None
    token: str | None
    refused: str | None


def sign_in(s: Session, name: str, password: str, at: datetime, rules: AccountSettings) -> SignIn:
    """Check a name and password; lock the account for ``lockout_s`` after ``max_failed_sign_ins`` wrong
    passwords in a row. The refusal never says whether the name exists, except for a locked account."""
    user = s.scalar(select(User).where(User.name == name))
    if user is None:
        password_ok(_dummy_hash(), password)  # as long as a wrong password takes
        return SignIn(None, None, "wrong name or password")
    if user.locked_until is not None and aware(user.locked_until) > at:
        until = f"{aware(user.locked_until):%H:%M} UTC"
        why = f"this account is locked after {rules.max_failed_sign_ins} wrong passwords until {until}"
        return SignIn(user, None, why + "; an admin can unlock it with a password reset")
    if not password_ok(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= rules.max_failed_sign_ins:
            user.locked_until, user.failed_logins = at + timedelta(seconds=rules.lockout_s), 0
        return SignIn(user, None, "wrong name or password")
    user.failed_logins, user.locked_until = 0, None
    token = secrets.token_urlsafe(32)
    s.add(LoginSession(token_sha256=_sha(token), user_id=user.id, created_at=at, seen_at=at))
    return SignIn(user, token, None)


def session_user(s: Session, token: str, at: datetime, rules: AccountSettings) -> User | None:
    """The account a cookie's secret signs in, or None (unknown, or expired: then it is deleted)."""
    row = s.get(LoginSession, _sha(token)) if token else None
    if row is None:
        return None
    idle, age = at - aware(row.seen_at), at - aware(row.created_at)
    if idle.total_seconds() > rules.session_idle_s or age.total_seconds() > rules.session_max_s:
        s.delete(row)
        return None
    row.seen_at = at
    return s.get(User, row.user_id)


def sign_out(s: Session, token: str) -> None:
    s.execute(delete(LoginSession).where(LoginSession.token_sha256 == _sha(token)))


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
