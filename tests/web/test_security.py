"""Who can reach the app and what its pages may load."""

from __future__ import annotations


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
