"""``backstride users``: the accounts of a clinic's server (an admin's command, run on the server)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from backstride.cli.common import DataDir, MaybeRunner, Runner, console, fail, store_at

users = typer.Typer(no_args_is_help=True, help="Accounts of a clinic's server: add, remove, reset, list, assign.")

Role = Annotated[str, typer.Option("--role", help="admin (accounts, every runner), clinician (their runners), runner")]
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input (scripts)")
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt("Password", hide_input=True)
    if typer.prompt("Again", hide_input=True) != first:
        raise typer.BadParameter("the two passwords differ")
    return first


def _note(s, action: str, name: str) -> None:
    """The account change in the audit trail (from the server's own command line)."""
    from backstride.store.models import AuditEntry

    s.add(AuditEntry(user="command line", role="admin", action=action, runner_id=None, what=f"users {action} {name}",
                     status=0, client="local"))  # fmt: skip


@users.command("add")
def add(
    name: str, role: Role = "clinician", password_stdin: PasswordStdin = False, runner: MaybeRunner = None,
    data_dir: DataDir = None,
) -> None:  # fmt: skip
    """Add an account; its password is asked twice (or read from standard input), never shown or logged.
    A runner's own account (--role runner) names the runner with --runner."""
    from backstride.store.logbook import find_runner, opened
    from backstride.web.accounts import add_user

    web = store_at(data_dir)
    password = _password(password_stdin)
    try:
        with opened(web) as s:
            owner = find_runner(s, runner) if runner else None
            add_user(s, name, role, password, web.accounts, owner)
            _note(s, "add", name)
    except Exception as exc:
        raise fail(exc) from None
    console.print(f"added {name} ({role})", highlight=False)


@users.command("remove")
def remove(name: str, data_dir: DataDir = None) -> None:
    """Remove an account; its sessions end at once (its audit entries stay)."""
    from backstride.store.logbook import opened
    from backstride.web.accounts import find_user

    try:
        with opened(store_at(data_dir)) as s:
            s.delete(find_user(s, name))
            _note(s, "remove", name)
    except Exception as exc:
        raise fail(exc) from None
    console.print(f"removed {name}", highlight=False)


@users.command("reset")
def reset(name: str, password_stdin: PasswordStdin = False, data_dir: DataDir = None) -> None:
    """A new password (unlocks a locked account); every session of the account ends."""
    from backstride.store.logbook import opened
    from backstride.web.accounts import find_user, reset_password

    web = store_at(data_dir)
    password = _password(password_stdin)
    try:
        with opened(web) as s:
            reset_password(s, find_user(s, name), password, web.accounts)
            _note(s, "reset", name)
    except Exception as exc:
        raise fail(exc) from None
    console.print(f"new password set for {name}", highlight=False)


@users.command("assign")
def assign(name: str, runner: Runner, data_dir: DataDir = None) -> None:
    """Give a clinician a runner to see."""
    from backstride.store.logbook import find_runner, opened
    from backstride.web.accounts import assign as assign_runner
    from backstride.web.accounts import find_user

    try:
        with opened(store_at(data_dir)) as s:
            found = find_runner(s, runner)
            assign_runner(s, find_user(s, name), found)
            _note(s, "assign", f"{name} {found.id}")
    except Exception as exc:
        raise fail(exc) from None
    console.print(f"{name} now sees {runner}", highlight=False)


@users.command("list")
def list_users(data_dir: DataDir = None) -> None:
    """Every account: name, role, the runners it sees, whether it is locked."""
    from sqlalchemy import select

    from backstride.store.logbook import opened
    from backstride.store.models import User, aware, now
    from backstride.web.accounts import runner_ids_of

    with opened(store_at(data_dir)) as s:
        rows = list(s.scalars(select(User).order_by(User.name)))
        for u in rows:
            seen = runner_ids_of(s, u)
            sees = "every runner" if seen is None else f"{len(seen)} runner{'s' if len(seen) != 1 else ''}"
            locked = " (locked)" if u.locked_until is not None and aware(u.locked_until) > now() else ""
            console.print(f"{u.name}  {u.role}  {sees}{locked}", highlight=False)
        if not rows:
            console.print("no accounts: the app runs in the one-person mode on loopback", highlight=False)
