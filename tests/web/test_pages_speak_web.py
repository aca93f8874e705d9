"""The pages speak a browser's language: errors as pages (the API keeps JSON), required questions
marked before submit and named by field in a 422 so the page can highlight them, no terminal words
("Enter to skip") in the form."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("url", ["/runners/nope", "/assessments/nope", "/nothing-here"])
def test_an_html_route_answers_an_error_as_a_page(app, url):
    r = app.client.get(url, headers={"Accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "<h1>" in r.text and 'href="/"' in r.text  # says what happened and leads back
    api = app.client.get("/api/runners/nope", headers={"Accept": "text/html"})
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"


def test_the_form_marks_required_questions_and_speaks_web(app):
    runner = app.client.post("/api/runners", json={"name": "Form"}, headers=app.csrf).json()
    html = app.client.get(f"/runners/{runner['id']}/new").text
    assert "Enter to skip" not in html and "optional" in html
    assert html.count('class="req"') >= 3  # age, sex, has pain ... marked before submit


def test_a_422_for_unanswered_questions_names_their_fields(app, synthetic_side_clip):
    runner = app.client.post("/api/runners", json={"name": "Missing"}, headers=app.csrf).json()
    headers = {**app.csrf, "Content-Type": "application/octet-stream"}
    sha = app.client.post("/api/clips", content=synthetic_side_clip.read_bytes(), headers=headers).json()["sha256"]
    body = {"runner_id": runner["id"], "side_clip": sha, "form_answers": {"person.age": "34"}}
    r = app.client.post("/api/assessments", json=body, headers=app.csrf)
    assert r.status_code == 422 and "please answer" in r.json()["detail"]
    assert "person.sex" in r.json()["fields"] and "person.age" not in r.json()["fields"]
