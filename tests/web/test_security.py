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


def test_a_short_or_guessable_token_from_the_environment_is_refused_before_serving(monkeypatch, tmp_path):
    """Off loopback the token is the only guard: one set by hand must be as hard to guess as a made
    one (security.weak_token: 20 characters, 10 kinds); the server refuses to start in one line."""
    from typer.testing import CliRunner

    from backstride.cli.main import app
    from backstride.web.security import new_token, weak_token

    for token in ("a", "s3cret-token", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abababababababababababab"):
        assert weak_token(token) is not None, token
    assert weak_token(new_token()) is None
    monkeypatch.setenv("BACKSTRIDE_TOKEN", "a")
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 2 and "BACKSTRIDE_TOKEN: too easy to guess" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_every_405_names_the_methods_allowed(app):
    """Every path of the OpenAPI schema, asked with each method it does not have: 405 with an Allow
    header listing exactly the schema's methods (routes inside included routers too)."""
    import re

    schema = app.client.get("/openapi.json").json()
    asked = 0
    for path, ops in schema["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "0" * 64, path)
        declared = {m.upper() for m in ops if m in ("get", "post", "put", "patch", "delete")}
        for method in {"GET", "POST", "PUT", "PATCH", "DELETE"} - declared:
            r = app.client.request(method, concrete, headers=app.csrf)
            assert r.status_code == 405, (method, path, r.status_code)
            assert set(r.headers["allow"].split(", ")) == declared, (method, path, r.headers["allow"])
            asked += 1
    assert asked > 50


def test_runner_names_blank_or_with_control_characters_are_refused(app):
    for name in ("   ", "Ann\nSmith", "Ann\x1b[31m", "Ann\u202e"):
        r = app.client.post("/api/runners", json={"name": name}, headers=app.csrf)
        assert r.status_code == 422, (name, r.text)
    made = app.client.post("/api/runners", json={"name": "  Ann Smith "}, headers=app.csrf).json()
    assert made["name"] == "Ann Smith"
    bad = app.client.patch(f"/api/runners/{made['id']}", json={"name": "\t"}, headers=app.csrf)
    assert bad.status_code == 422
