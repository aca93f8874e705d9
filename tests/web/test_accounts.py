"""A clinic's server: accounts, sign-in with lockout and expiry, who may reach which runner (every route
of the OpenAPI schema, for each role, against an own and another's runner), and the audit trail."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from backstride.store.logbook import opened
from backstride.store.models import AuditEntry, LoginSession, Runner
from backstride.web.accounts import add_user, assign
from tests.web.conftest import make_web

PASSWORD = "correct horse battery"


@pytest.fixture
def clinic(tmp_path):
    """An admin, two clinicians (each with a runner of their own), a runner's own account; loopback."""
    from dataclasses import replace

    from backstride.settings import AccountSettings

    web = make_web(tmp_path / "data", web_settings={"accounts": replace(AccountSettings(), failed_delay_s=0.0)})
    with opened(web.web) as s:
        ann, bob = Runner(name="Ann"), Runner(name="Bob")
        s.add_all([ann, bob])
        s.flush()
        rules = web.web.accounts
        add_user(s, "admin", "admin", PASSWORD, rules)
        for name, runner in (("cleo", ann), ("dan", bob)):
            assign(s, add_user(s, name, "clinician", PASSWORD, rules), runner)
        add_user(s, "ann", "runner", PASSWORD, rules, ann)
        ids = {"ann": ann.id, "bob": bob.id}
    return web, ids


def _sign_in(web, name: str, password: str = PASSWORD):
    c = web.client
    c.cookies.clear()
    csrf = c.get("/api/session").json()["csrf_token"]
    r = c.post("/api/login", json={"name": name, "password": password}, headers={"X-CSRF-Token": csrf})
    return r, {"X-CSRF-Token": csrf}


def test_with_accounts_nothing_is_reached_before_signing_in(clinic):
    web, ids = clinic
    c = web.client
    c.cookies.clear()
    assert c.get("/api/runners").status_code == 401
    page = c.get(f"/runners/{ids['ann']}", headers={"Accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == f"/login?next=/runners/{ids['ann']}"
    assert c.get("/login").status_code == 200 and c.get("/static/app.css").status_code == 200


def test_sign_in_sets_a_hardened_cookie_and_sign_out_ends_the_session(clinic):
    web, _ = clinic
    r, h = _sign_in(web, "cleo")
    assert r.status_code == 200 and r.json() == {"name": "cleo", "role": "clinician"}
    cookie = r.headers["set-cookie"]
    assert "backstride_session=" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert "Secure" not in cookie  # plain HTTP on loopback; Secure with --tls-cert or --behind-proxy
    with opened(web.web) as s:  # the database holds the secret's hash, not the secret
        (stored,) = s.scalars(select(LoginSession.token_sha256)).all()
    assert stored not in cookie and len(stored) == 64
    assert web.client.get("/api/me").json() == {"name": "cleo", "role": "clinician"}
    assert web.client.post("/api/logout", headers=h).status_code == 204
    assert web.client.get("/api/runners").status_code == 401


def test_a_wrong_password_locks_the_account_after_five_and_a_reset_unlocks_it(clinic):
    web, _ = clinic
    for _ in range(5):
        r, _ = _sign_in(web, "dan", "wrong password!!")
        assert r.status_code == 401 and r.json()["detail"] == "wrong name or password"
    locked, _ = _sign_in(web, "dan")  # the right password, now refused
    assert locked.status_code == 401 and "locked after 5 wrong passwords" in locked.json()["detail"]
    unknown, _ = _sign_in(web, "nobody")
    assert unknown.json()["detail"] == "wrong name or password"  # an unknown name is not told apart
    from backstride.web.accounts import find_user, reset_password

    with opened(web.web) as s:
        reset_password(s, find_user(s, "dan"), "another good password", web.web.accounts)
    assert _sign_in(web, "dan", "another good password")[0].status_code == 200


def test_a_session_idle_past_its_limit_ends(clinic):
    web, _ = clinic
    assert _sign_in(web, "cleo")[0].status_code == 200
    assert web.client.get("/api/runners").status_code == 200
    idle = timedelta(seconds=web.web.accounts.session_idle_s + 60)
    with opened(web.web) as s:
        for row in s.scalars(select(LoginSession)):
            row.seen_at, row.created_at = row.seen_at - idle, row.created_at - idle
    assert web.client.get("/api/runners").status_code == 401


def test_each_role_sees_only_its_runners_in_lists(clinic):
    web, ids = clinic
    seen = {}
    for name in ("admin", "cleo", "dan", "ann"):
        _sign_in(web, name)
        seen[name] = sorted(r["name"] for r in web.client.get("/api/runners").json())
    assert seen == {"admin": ["Ann", "Bob"], "cleo": ["Ann"], "dan": ["Bob"], "ann": ["Ann"]}


# Every route of the schema, asked with its path filled with an own and another's ids: the status classes
# each role must get. "own": reached (not 401/403/404); "other": 404, as for a runner that does not exist.
ID_PARAMS = ("runner_id", "assessment_id", "experiment_id", "run_id")
#: A valid body for each route that takes one, so the request reaches the access check (an invalid one
#: is a 422 for any id: it tells nothing about the runner).
BODIES = {
    ("POST", "/api/runners/{runner_id}/runs"): {"started_at": "2026-11-29T08:00:00", "distance_km": 4.0},
    ("POST", "/api/runners/{runner_id}/mornings"): {"day": "2026-11-29", "pain": 2},
    ("POST", "/api/runners/{runner_id}/experiments"): {"change": "insoles", "weeks": 8},
    ("PATCH", "/api/runners/{runner_id}"): {"height_cm": 171},
}


def _filled(path: str, ids: dict[str, str]) -> str | None:
    names = re.findall(r"{(\w+)}", path)
    if any(n not in ID_PARAMS for n in names):
        return None
    for n in names:
        path = path.replace("{" + n + "}", ids[n])
    return path


def _end_jobs(web) -> None:
    from sqlalchemy import update

    from backstride.store.models import Assessment

    with opened(web.web) as s:
        s.execute(update(Assessment).values(state="failed"))


def _refused(r) -> bool:
    """A 404 that is the access check's (the thing "does not exist"), not a route's own (no results yet)."""
    if r.status_code != 404 or not r.headers.get("content-type", "").startswith("application/json"):
        return False
    return bool(re.match(r"no (runner|assessment|experiment|run) ", str(r.json().get("detail", ""))))


def _things_of(web, runner_id: str, h: dict) -> dict[str, str]:
    """An id of each kind the routes take, all of one runner: an experiment and a run made through the API."""
    c = web.client
    body = {"started_at": "2026-11-30T08:00:00", "distance_km": 5.0, "pain_after": 2}
    run = c.post(f"/api/runners/{runner_id}/runs", json=body, headers=h)
    assert run.status_code == 201, run.text
    exp = c.post(f"/api/runners/{runner_id}/experiments", json={"change": "insoles", "weeks": 8}, headers=h)
    assert exp.status_code == 201, exp.text
    from backstride.store.models import Assessment, Blob

    with opened(web.web) as s:
        sha = (runner_id * 2)[:64]  # a stand-in upload: the routes below never read its bytes
        s.add(Blob(sha256=sha, kind="video", suffix=".mp4", size_bytes=1, facts={}, uploaded_for=runner_id))
        s.flush()
        (web.web.data_dir / "files" / f"{sha}.mp4").write_bytes(b"0")  # what the export copies
        a = Assessment(runner_id=runner_id, side_sha=sha, photos=[], options={}, state="failed", error="test")
        s.add(a)
        s.flush()
        aid = a.id
    return {"runner_id": runner_id, "run_id": run.json()["id"], "experiment_id": exp.json()["id"], "assessment_id": aid}


def test_every_route_of_the_schema_for_each_role_against_an_own_and_another_runner(clinic):
    web, ids = clinic
    _, h = _sign_in(web, "admin")
    mine = _things_of(web, ids["ann"], h)
    theirs = _things_of(web, ids["bob"], h)
    schema = web.client.get("/openapi.json").json()
    routes = [(m.upper(), p) for p, ops in schema["paths"].items() for m in ops]
    with_ids = [(m, p) for m, p in routes if _filled(p, mine) and "{" in p]
    assert len(with_ids) >= 15, with_ids  # every runner route is walked
    checked = 0
    for role_user in ("cleo", "ann"):
        for method, path in with_ids:
            if method == "DELETE":
                continue  # deletes are walked last, below, so the ids stay
            _end_jobs(web)  # a retry queues the job again; its progress stream runs until the job ends
            _, h = _sign_in(web, role_user)
            body = BODIES.get((method, path), {})
            other = web.client.request(method, _filled(path, theirs), headers=h, json=body)
            assert other.status_code == 404, (role_user, method, path, other.status_code, other.text[:200])
            own = web.client.request(method, _filled(path, mine), headers=h, json=body)
            assert own.status_code not in (401, 403) and not _refused(own), (role_user, method, path, own.text[:200])
            checked += 2
    for method, path in with_ids:
        if method == "DELETE":
            _, h = _sign_in(web, "cleo")
            assert web.client.request(method, _filled(path, theirs), headers=h).status_code == 404, path
            checked += 1
    assert checked >= 60
    # routes without a runner in their path: a clinician may list and create, only an admin reads the audit
    _, h = _sign_in(web, "cleo")
    assert web.client.get("/api/audit").status_code == 403
    assert web.client.post("/api/runners", json={"name": "Cy"}, headers=h).status_code == 201
    _, h = _sign_in(web, "ann")
    assert web.client.post("/api/runners", json={"name": "Di"}, headers=h).status_code == 403
    _, h = _sign_in(web, "admin")
    assert web.client.get("/api/audit").status_code == 200
    other_assessment = f"/api/compare?before={mine['assessment_id']}&after={theirs['assessment_id']}"
    _, h = _sign_in(web, "cleo")
    assert web.client.get(other_assessment).status_code == 404


def test_the_audit_trail_says_who_reached_which_runner_and_a_clinician_cannot_erase_it(clinic):
    web, ids = clinic
    _, h = _sign_in(web, "cleo")
    c = web.client
    assert c.get(f"/api/runners/{ids['ann']}").status_code == 200
    assert c.get(f"/api/runners/{ids['ann']}/export").status_code == 200
    assert c.get(f"/api/runners/{ids['bob']}").status_code == 404
    assert c.patch(f"/api/runners/{ids['ann']}", json={"height_cm": 170}, headers=h).status_code == 200
    _sign_in(web, "nobody", "guess guess guess")
    _, h = _sign_in(web, "admin")
    trail = c.get("/api/audit").json()
    said = [(e["user"], e["action"], e["runner_id"]) for e in reversed(trail)]
    assert ("cleo", "view", ids["ann"]) in said and ("cleo", "export", ids["ann"]) in said
    assert ("cleo", "refused", ids["bob"]) in said and ("cleo", "change", ids["ann"]) in said
    assert ("nobody", "sign-in refused", None) in said and ("cleo", "sign-in", None) in said
    assert all(e["client"] for e in trail)
    assert all(m != "delete" for m in c.get("/openapi.json").json()["paths"].get("/api/audit", {}))  # no route erases
    with opened(web.web) as s:
        before = len(s.scalars(select(AuditEntry)).all())
    assert c.delete(f"/api/runners/{ids['bob']}", headers=h).status_code == 204
    with opened(web.web) as s:  # deleting a runner keeps the trail (and adds its own entry)
        entries = s.scalars(select(AuditEntry)).all()
    assert len(entries) == before + 1 and entries[-1].action == "delete" and entries[-1].runner_id == ids["bob"]


def test_off_loopback_without_accounts_nothing_is_served(tmp_path):
    web = make_web(tmp_path / "d", host="0.0.0.0")
    r = web.client.get("/api/runners")
    assert r.status_code == 503 and "backstride users add" in r.json()["detail"]


def test_serve_refuses_off_loopback_without_accounts_or_without_https(tmp_path):
    from typer.testing import CliRunner

    from backstride.cli.main import app

    data = tmp_path / "d"
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--data-dir", str(data)])
    assert result.exit_code == 2 and "add an admin first" in result.stderr
    made = CliRunner().invoke(app, ["users", "add", "boss", "--role", "admin", "--password-stdin", "--data-dir",
                                    str(data)], input=PASSWORD + "\n")  # fmt: skip
    assert made.exit_code == 0, made.output
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--data-dir", str(data)])
    assert result.exit_code == 2 and "--tls-cert" in result.stderr and "--behind-proxy" in result.stderr
    short = CliRunner().invoke(app, ["users", "add", "x", "--password-stdin", "--data-dir", str(data)], input="short\n")
    assert short.exit_code == 2 and "at least 12" in short.stderr
