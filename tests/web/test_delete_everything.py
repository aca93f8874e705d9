"""A runner's right to be forgotten: deleting a runner leaves no trace of them anywhere backstride writes
(issue 31). The runner is given everything the app keeps (an analysed clip with its results and the
pose model's cached keypoints, a shoe photo never used, runs, a morning, an experiment, a filmed
check), deleted through the API, and then looked for: in every row of every table (their id), in
every file under the data folder and the keypoint cache (the clips' and photo's hashes, in names),
and in the bytes of every file there (their name: the database and its write-ahead log included).

What it found first: the pose model's cached keypoints of the runner's clip stayed in the cache (named
by the clip's hash) after the deletion; now they go with the clip (services.forget_cached). The database
is set to overwrite deleted rows (PRAGMA secure_delete, store/db.py) and its log is folded in after a
deletion: this machine's SQLite left no trace of the name without the pragma too (its build may zero
freed pages already), so the pragma is for builds that do not."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image
from sqlalchemy import MetaData, create_engine, select

from backstride.settings import CACHE_ENV
from tests.web.conftest import make_web

OCTET = {"Content-Type": "application/octet-stream"}
NAME = "Zelda Tracewell"  # a name found nowhere else


def test_a_deleted_runner_leaves_no_trace_in_rows_files_cache_or_bytes(tmp_path, monkeypatch, synthetic_side_clip):
    cache = tmp_path / "pose-cache"  # this test's own: deleting entries must not touch the shared one
    cache.mkdir()
    monkeypatch.setenv(CACHE_ENV, str(cache))
    app = make_web(tmp_path / "data")
    c, h = app.client, app.csrf
    rid = c.post("/api/runners", json={"name": NAME, "height_cm": 171}, headers=h).json()["id"]
    clip = c.post("/api/clips", params={"runner_id": rid}, content=synthetic_side_clip.read_bytes(),
                  headers={**h, **OCTET}).json()  # fmt: skip
    made = c.post("/api/assessments", json={"runner_id": rid, "side_clip": clip["sha256"]}, headers=h)
    assert made.status_code == 202
    app.run_queued()
    assert c.get(f"/api/assessments/{made.json()['id']}").json()["state"] == "done"
    photo = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 40)).save(photo, format="PNG")
    shoe = c.post("/api/photos", params={"runner_id": rid}, content=photo.getvalue(), headers={**h, **OCTET}).json()
    assert c.post(f"/api/runners/{rid}/runs", json={"started_at": "2026-11-30T07:30:00", "distance_km": 8.0,
                                                    "pain_after": 3}, headers=h).status_code == 201  # fmt: skip
    assert c.post(f"/api/runners/{rid}/mornings", json={"day": "2026-12-01", "pain": 2}, headers=h).status_code == 201
    assert c.post(f"/api/runners/{rid}/experiments", json={"change": "insoles"}, headers=h).status_code == 201
    _keep_a_check(app, rid)
    hashes = (clip["sha256"], shoe["sha256"])
    assert any(p.name.startswith(clip["sha256"]) for p in cache.iterdir())  # the keypoints were cached
    before = [p for p in app.web.data_dir.rglob("*") if p.is_file() and NAME.encode() in p.read_bytes()]
    assert before  # the search below can find the name: here it is, in the database (and the report)

    assert c.delete(f"/api/runners/{rid}", headers=h).status_code == 204

    leftovers = _rows_mentioning(app.web.url, rid)
    assert leftovers == [], leftovers
    places = [*app.web.data_dir.rglob("*"), *cache.rglob("*")]
    assert [p for p in places if any(x in p.name for x in hashes)] == []
    assert list((app.web.data_dir / "results").iterdir()) == []
    holding = [p for p in places if p.is_file() and NAME.encode() in p.read_bytes()]
    assert holding == [], holding  # the database's freed pages are zeroed and its log folded in


def _keep_a_check(app, runner_id: str) -> None:
    from backstride.core.bodycheck import HoldResult
    from backstride.core.check_file import CheckFile
    from backstride.store.bodychecks import save_check
    from backstride.store.logbook import find_runner, opened

    hold = HoldResult("sorensen", 80.0, 2.0, 82.0, True, 1.0, 82.0, 0.5)
    doc = CheckFile(backstride_version="t", test="sorensen", title="t", clip="hold.mp4", unit="s", measured="m",
                    hold=hold, norms=[], reliability="r", meaning="m", evidence_grade="weak", pictures=[])  # fmt: skip
    with opened(app.web) as s:
        save_check(s, find_runner(s, runner_id), doc, date(2026, 12, 2))


def _rows_mentioning(url: str, runner_id: str) -> list[tuple[str, dict]]:
    """Every row of every table with the runner's id in any column (the audit trail is not kept in the
    one-person mode this test runs in)."""
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    found = []
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(select(table)).mappings():
                if any(runner_id in str(v) for v in row.values()):
                    found.append((table.name, dict(row)))
    engine.dispose()
    return found
