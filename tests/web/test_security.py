"""Who can reach the app and what its pages may load."""

from __future__ import annotations

from tests.web.conftest import make_web


def test_headers_csrf_and_loopback(app):
    r = app.client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "http" not in csp
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"
    assert 'src="/static/app.js"' in r.text and "<script>" not in r.text  # no inline script
    refused = app.client.post("/api/runners", json={"name": "x"})  # a cross-site form would look like this
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    wrong = app.client.post("/api/runners", json={"name": "x"}, headers={"X-CSRF-Token": "guess"})
    assert wrong.status_code == 403
    rebinding = app.client.get("/api/runners", headers={"Host": "attacker.example"})
    assert rebinding.status_code == 421


def test_off_loopback_every_request_needs_the_token(tmp_path):
    web = make_web(tmp_path / "d", token="s3cret-token", host="0.0.0.0")  # the session call was refused
    c = web.client
    c.cookies.clear()
    assert c.get("/api/runners").status_code == 401
    assert c.get("/api/runners", headers={"Authorization": "Bearer nope"}).status_code == 401
    ok = c.get("/api/runners", headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200
    made = c.post("/api/runners", json={"name": "API user"}, headers={"Authorization": "Bearer s3cret-token"})
    assert made.status_code == 201  # a script with the token needs no CSRF pair
    login = c.get("/?token=s3cret-token", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/"
    assert c.get("/api/runners").status_code == 200  # the cookie now carries it
