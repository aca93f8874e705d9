"""The JSON API end to end, in-process, with the real worker code: a synthetic clip uploaded,
analysed, compared with a second assessment, exported and deleted with its files.

Truth: the synthetic runner's cadence (170 steps/min, the generator's), read within 2 steps/min
(the side view's measured error on this clip is under 1).
"""

from __future__ import annotations

import io
import zipfile

from backstride.app.demo import DEMO_ANSWERS

OCTET = {"Content-Type": "application/octet-stream"}


def as_form(answers: dict) -> dict[str, str]:
    """An answers file as a person types it into the web form."""
    out = {}
    for group, fields in answers.items():
        for name, value in fields.items():
            if isinstance(value, dict):
                continue  # per-side details are left to the file
            if isinstance(value, bool):
                value = "yes" if value else "no"
            out[f"{group}.{name}"] = ",".join(map(str, value)) if isinstance(value, list) else str(value)
    return out


def upload(app, clip) -> dict:
    r = app.client.post("/api/clips", content=clip.read_bytes(), headers={**app.csrf, **OCTET})
    assert r.status_code == 201, r.text
    return r.json()


def test_a_runner_assessed_twice_compared_exported_and_deleted(app, synthetic_side_clip):
    c, h = app.client, app.csrf
    runner = c.post("/api/runners", json={"name": "Runner A", "height_cm": 178}, headers=h).json()
    clip = upload(app, synthetic_side_clip)
    assert clip["capture"]["verdict"] == "warn"  # 4 s: under the 6 s that holds 4 cycles a foot
    assert clip["facts"]["fps"] == 30.0 and abs(clip["facts"]["duration_s"] - 4.0) < 0.1
    body = {"runner_id": runner["id"], "side_clip": clip["sha256"], "form_answers": as_form(DEMO_ANSWERS)}
    first = c.post("/api/assessments", json=body, headers=h)
    assert first.status_code == 202 and first.json()["state"] == "queued"
    app.run_queued()
    done = c.get(f"/api/assessments/{first.json()['id']}").json()
    assert done["state"] == "done", done["error"]
    summary = c.get(f"/api/assessments/{done['id']}/summary").json()
    assert abs(summary["clips"]["side"]["cadence_spm"]["value"] - 170.0) <= 2.0
    assert summary["triage"]["screen"]["action"] and summary["triage"]["pain_source"]  # the answers arrived
    page = c.get(f"/assessments/{done['id']}")
    assert page.status_code == 200 and "/files/report.html" in page.text and "annotated_side.mp4" in page.text
    report = c.get(f"/assessments/{done['id']}/files/report.html")
    assert report.status_code == 200 and "script-src" not in report.headers["content-security-policy"]
    assert c.get(f"/assessments/{done['id']}/files/report.pdf").content[:4] == b"%PDF"
    assert c.get(f"/assessments/{done['id']}/files/..%2Fsummary.json").status_code == 404

    second = c.post("/api/assessments", json={**body, "form_answers": None}, headers=h).json()
    app.run_queued()
    rows = c.get("/api/compare", params={"before": done["id"], "after": second["id"]}).json()
    cadence = next(r for r in rows if r["metric"] == "Cadence (steps/min)")
    assert cadence["change"] == 0.0 and cadence["verdict"] == "within the measurement error"
    assert any(r["unit"] == "deg" and r["error"] == 5.0 for r in rows)  # angles carry their error
    assert c.get("/compare", params={"before": done["id"], "after": second["id"]}).status_code == 200
    assert c.get(f"/runners/{runner['id']}/trend.png").content[:4] == b"\x89PNG"

    export = c.get(f"/api/runners/{runner['id']}/export")
    names = zipfile.ZipFile(io.BytesIO(export.content)).namelist()
    assert "runner.json" in names and sum(n.endswith("/side.mp4") for n in names) == 2
    assert sum(n.endswith("/results/report.html") for n in names) == 2

    files = app.web.data_dir / "files"
    assert c.delete(f"/api/assessments/{done['id']}", headers=h).status_code == 204
    assert not (app.web.data_dir / "results" / done["id"]).exists()
    assert len(list(files.iterdir())) == 1  # the clip stays: the second assessment uses it
    assert c.delete(f"/api/runners/{runner['id']}", headers=h).status_code == 204
    assert list(files.iterdir()) == [] and list((app.web.data_dir / "results").iterdir()) == []
    assert c.get(f"/api/assessments/{second['id']}").status_code == 404


def test_bad_input_gets_a_clear_message_and_leaves_nothing(app, synthetic_side_clip, tmp_path):
    from tests.web.conftest import make_web

    c, h = app.client, app.csrf
    runner = c.post("/api/runners", json={"name": "B"}, headers=h).json()
    not_video = c.post("/api/clips", content=b"%PDF-1.4 not a clip", headers={**h, **OCTET})
    assert not_video.status_code == 422 and "not a video" in not_video.json()["detail"]
    assert "incoming" not in not_video.json()["detail"]  # no server path in the message
    empty = c.post("/api/clips", content=b"", headers={**h, **OCTET})
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]
    photo = c.post("/api/photos", content=synthetic_side_clip.read_bytes()[:5000], headers={**h, **OCTET})
    assert photo.status_code == 422 and "not a photo" in photo.json()["detail"]
    small = make_web(tmp_path / "small", max_file_bytes=10_000)
    big = small.client.post("/api/clips", content=synthetic_side_clip.read_bytes(), headers={**small.csrf, **OCTET})
    assert big.status_code == 413
    for web in (app, small):
        assert list((web.web.data_dir / "files").iterdir()) == []
        assert list((web.web.data_dir / "incoming").iterdir()) == []
    unknown = c.post("/api/assessments", json={"runner_id": runner["id"], "side_clip": "0" * 64}, headers=h)
    assert unknown.status_code == 422 and "upload it first" in unknown.json()["detail"]
    sha = upload(app, synthetic_side_clip)["sha256"]
    partial = c.post("/api/assessments", json={"runner_id": runner["id"], "side_clip": sha,
                                               "form_answers": {"person.age": "40"}}, headers=h)  # fmt: skip
    assert partial.status_code == 422 and partial.json()["detail"].startswith("please answer:")
    assert '"Your sex"' in partial.json()["detail"]
    assert app.queue.items == []  # nothing queued by a refused request


def test_the_new_assessment_form_takes_the_training_load_from_the_log(app):
    from datetime import datetime, timedelta

    from backstride.store.logbook import add_run, find_runner

    c, h = app.client, app.csrf
    runner = c.post("/api/runners", json={"name": "Logged", "height_cm": 171}, headers=h).json()
    with app.client.app.state.backstride.sessions.begin() as s:
        add_run(s, find_runner(s, runner["id"]), datetime.now().astimezone() - timedelta(days=2), distance_km=12.5)
    page = c.get(f"/runners/{runner['id']}/new")
    assert page.status_code == 200
    assert 'name="running.weekly_km_now" step="any" value="12.5"' in page.text
    assert 'name="person.height_cm" step="any" value="171"' in page.text and "from your log" in page.text


def test_the_trend_chart_stacks_its_panels_for_a_phone(app):
    """columns=1 (what the runner page asks for under 600 px) draws the three panels one above the
    other: an image taller than wide, against the desktop's wide row."""
    import io

    from PIL import Image

    runner = app.client.post("/api/runners", json={"name": "Trend"}, headers=app.csrf).json()
    sizes = {}
    for columns in (1, 3):
        r = app.client.get(f"/runners/{runner['id']}/trend.png", params={"columns": columns})
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        sizes[columns] = Image.open(io.BytesIO(r.content)).size
    assert sizes[1][1] > sizes[1][0] and sizes[3][0] > 2 * sizes[3][1], sizes
    assert app.client.get(f"/runners/{runner['id']}/trend.png", params={"columns": 9}).status_code == 422


def test_uploads_never_attached_go_with_the_runner_or_after_a_day(app, synthetic_side_clip):
    """A clip uploaded for a runner's new assessment and never used is deleted with the runner;
    one uploaded for nobody is swept once a day old (files/ and the database row), while a clip
    an assessment uses stays."""
    import io
    from datetime import timedelta

    from PIL import Image

    from backstride.store.models import Blob, now
    from backstride.web.services import sweep_unattached

    files = app.web.data_dir / "files"
    gone = app.client.post("/api/runners", json={"name": "Gone"}, headers=app.csrf).json()
    headers = {**app.csrf, "Content-Type": "application/octet-stream"}
    clip = synthetic_side_clip.read_bytes()
    up = app.client.post("/api/clips", params={"runner_id": gone["id"]}, content=clip, headers=headers)
    assert up.status_code == 201 and len(list(files.iterdir())) == 1
    assert app.client.delete(f"/api/runners/{gone['id']}", headers=app.csrf).status_code == 204
    assert list(files.iterdir()) == []

    photo = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 80, 40)).save(photo, format="PNG")
    stray = app.client.post("/api/photos", content=photo.getvalue(), headers=headers)  # nobody's
    assert stray.status_code == 201, stray.text
    sessions, store = app.client.app.state.backstride.sessions, app.client.app.state.backstride.store
    with sessions.begin() as s:
        assert sweep_unattached(s, store) == 0  # fresh: someone may be filling in the form
        s.get(Blob, stray.json()["sha256"]).created_at = now() - timedelta(days=1, minutes=1)
    with sessions.begin() as s:
        assert sweep_unattached(s, store) == 1
        assert s.get(Blob, stray.json()["sha256"]) is None
    assert list(files.iterdir()) == []


def test_a_clip_whose_capture_check_failed_cannot_start_an_analysis(app, tmp_path):
    """A 1 s clip (under the 2 s a capture check needs) is received and said to fail its capture
    check; an assessment with it is refused with that reason (the page disables Start too)."""
    from tests.clips import grey_frames, write_video

    short = write_video(tmp_path / "short.mp4", grey_frames(30, 160, 120), fps=30)
    headers = {**app.csrf, "Content-Type": "application/octet-stream"}
    up = app.client.post("/api/clips", content=short.read_bytes(), headers=headers).json()
    assert up["capture"]["verdict"] == "fail"
    runner = app.client.post("/api/runners", json={"name": "Short"}, headers=app.csrf).json()
    r = app.client.post("/api/assessments", json={"runner_id": runner["id"], "side_clip": up["sha256"]},
                        headers=app.csrf)  # fmt: skip
    assert r.status_code == 422 and "side clip: its capture check failed (length 1.0 s" in r.json()["detail"]


def test_a_full_disk_during_an_upload_is_a_one_line_refusal_not_a_500(app, synthetic_side_clip, monkeypatch):
    """The disk fills while an upload is written (ENOSPC, as a full disk gives it): the answer is the
    same one-line JSON refusal as any other (507, what to do), and nothing half-written is left."""
    import errno
    import os as real_os

    from backstride.web import storage

    class FullDisk:
        def __init__(self, fd, mode):
            real_os.close(fd)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, chunk):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fdopen", FullDisk)
    headers = {**app.csrf, "Content-Type": "application/octet-stream"}
    r = app.client.post("/api/clips", content=synthetic_side_clip.read_bytes(), headers=headers)
    assert r.status_code == 507, r.text
    detail = r.json()["detail"]
    assert "disk is full" in detail and "\n" not in detail and str(app.web.data_dir) not in detail
    assert list((app.web.data_dir / "incoming").iterdir()) == []
