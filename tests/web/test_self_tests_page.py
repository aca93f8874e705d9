"""A runner's filmed self-tests in the web app: the runner's page lists them with each re-test's
change, the export carries them, and deleting the runner leaves none behind (both databases)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

from sqlalchemy import func, select

from backstride.core.bodycheck import AngleResult, HoldResult, LegAngle
from backstride.core.check_file import CheckFile
from backstride.store.bodychecks import save_check
from backstride.store.logbook import find_runner, opened
from backstride.store.models import BodyCheck


def _doc(seconds: float | None = None, left_deg: float | None = None) -> CheckFile:
    common = dict(backstride_version="test", clip="clip.mp4", measured="m", norms=[], reliability="r", meaning="m",
                  evidence_grade="weak", pictures=[])  # fmt: skip
    if seconds is not None:
        hold = HoldResult("sorensen", seconds, 2.0, 2.0 + seconds, True, 1.0, 2.0 + seconds, 0.5)
        return CheckFile(test="sorensen", title="t", unit="s", hold=hold, **common)
    angle = AngleResult("slr", (LegAngle("left", left_deg or 0.0, 3.0, 4.0),), 0.5)
    return CheckFile(test="slr", title="t", unit="deg", angle=angle, **common)


def test_the_runners_page_lists_the_self_tests_and_the_change(app):
    c, h = app.client, app.csrf
    rid = c.post("/api/runners", json={"name": "Ann"}, headers=h).json()["id"]
    today = date.today()
    with opened(app.web) as s:
        ann = find_runner(s, rid)
        save_check(s, ann, _doc(seconds=61.0), today - timedelta(weeks=6))
        save_check(s, ann, _doc(seconds=94.5), today)
        save_check(s, ann, _doc(left_deg=71.0), today)
    page = c.get(f"/runners/{rid}").text
    assert "Self-tests" in page and "Back-extensor endurance" in page and "Hamstring length" in page
    assert "61.0 s" in page and "94.5 s" in page and "71 deg" in page
    assert "up by 33.5 s, beyond backstride&#39;s measurement error" in page
    exported = zipfile.ZipFile(io.BytesIO(c.get(f"/api/runners/{rid}/export").content))
    tests = json.loads(exported.read("self_tests.json"))
    assert sorted(t["value"] for t in tests) == [61.0, 71.0, 94.5]
    assert c.delete(f"/api/runners/{rid}", headers=h).status_code == 204
    with opened(app.web) as s:
        assert s.scalar(select(func.count()).select_from(BodyCheck)) == 0
