"""The web app in a real browser (Playwright driving Debian's chromium; no browser download):
a runner created, the shared treadmill clip uploaded, the questionnaire answered, the report
waited for, two assessments compared, one deleted with its files.

Truth: the treadmill clip's cadence, 168.9 +/- 0.5 steps/min counted from its pixels without any
pose model (../shared/data/videos/treadmill_side_30fps.groundtruth.json); shown within 1.5.
Screenshots of every page are saved in the test's output folder (printed at the end).
"""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager

import pytest

from tests.web.server import free_port, kill, start

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TRUE_CADENCE = 168.9
pytestmark = pytest.mark.slow


def _answer_the_questionnaire(page) -> None:
    page.fill('input[name="person.age"]', "34")
    page.check('input[name="person.sex"][value="female"]')
    typed = {"person.height_cm": "168", "person.weight_kg": "60", "running.years_running": "4",
             "running.weekly_km_now": "30", "running.weekly_km_4_weeks_ago": "28",
             "running.longest_run_last_30_days_km": "12", "running.longest_run_last_week_km": "10"}  # fmt: skip
    for field, value in typed.items():
        page.fill(f'input[name="{field}"]', value)
    page.check('input[name="pain.has_pain"][value="yes"]')
    page.click('.bodymap .spot[data-location="central_low_back"]')  # the body map ticks the box
    assert page.is_checked('input[name="pain.locations"][value="central_low_back"]')
    page.check('input[name="pain.side"][value="central"]')
    page.check('input[name="pain.duration"][value="chronic_over_12_weeks"]')
    page.evaluate(  # every other yes/no question: "no", as a person clicking down the page
        """() => document.querySelectorAll('.q:not([hidden])').forEach(q => {
            if (q.querySelector('input:checked')) return;
            const no = q.querySelector('input[type=radio][value=no]'); if (no) no.click(); })"""
    )


def _wait_done(page, seconds: float = 400) -> None:
    page.wait_for_selector("#state.done, #state.failed, .state.done", timeout=seconds * 1000)
    assert page.locator("#job-error").is_hidden(), page.locator("#job-error").inner_text()


def test_a_runner_in_the_browser_from_upload_to_compare_and_delete(tmp_path, shared_data, pose_cache):
    from playwright.sync_api import sync_playwright

    clip = shared_data / "videos" / "treadmill_side_30fps.mp4"
    data, port, shots = tmp_path / "data", free_port(), tmp_path / "screens"
    shots.mkdir()
    server = start(data, port, pose_cache)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            outside: list[str] = []
            browser, page = _watched_page(p, base, outside)
            page.goto(base + "/")
            page.fill('input[name="name"]', "Browser runner")
            page.fill('input[name="height_cm"]', "168")
            page.click("text=Add runner")
            page.wait_for_url(re.compile(r"/runners/[0-9a-f]{32}$"))
            runner_url = page.url
            page.screenshot(path=str(shots / "runners_new_runner.png"), full_page=True)

            ids = []
            for answer in (True, False):
                page.goto(runner_url + "/new")
                page.set_input_files('.drop[data-role="side"] input[type=file]', str(clip))
                page.wait_for_selector('.drop[data-role="side"] .verdict .state', timeout=60_000)
                assert "capture check: ok" in page.inner_text('.drop[data-role="side"] .verdict')
                if answer:
                    _answer_the_questionnaire(page)
                    page.screenshot(path=str(shots / "new_assessment.png"), full_page=True)
                else:
                    page.check("#no-questionnaire")
                page.click("#start")
                page.wait_for_selector("#form-error:not([hidden]), #progress", timeout=30_000)
                assert page.locator("#form-error").count() == 0, page.inner_text("#form-error")
                ids.append(page.url.rsplit("/", 1)[1])
                if answer:  # whatever stage it is in (a clip posed before is tracked in a moment)
                    page.wait_for_selector("#progress")
                    page.screenshot(path=str(shots / "progress.png"))
                _wait_done(page)
            page.wait_for_selector("iframe.report")
            frame = page.frame_locator("iframe.report")
            report_text = frame.locator("body").inner_text()
            page.screenshot(path=str(shots / "assessment.png"), full_page=True)
            shown = [float(x) for x in re.findall(r"running at (\d+(?:\.\d)?) steps/min", report_text)]
            assert shown and abs(shown[0] - TRUE_CADENCE) <= 1.5, shown

            page.goto(runner_url)
            cells = page.locator("table.list tbody tr td:nth-child(3)").all_inner_texts()
            assert all(abs(float(c) - TRUE_CADENCE) <= 1.5 for c in cells), cells
            page.screenshot(path=str(shots / "runner.png"), full_page=True)
            page.select_option('select[name="before"]', ids[0])
            page.select_option('select[name="after"]', ids[1])
            page.click("button:has-text('Compare')")
            page.wait_for_selector("table.compare")
            cadence_row = page.locator("table.compare tr", has_text="Cadence").first.inner_text()
            assert "within the measurement error" in cadence_row
            page.screenshot(path=str(shots / "compare.png"), full_page=True)

            compare_url = page.url
            pages = [base + "/", runner_url, runner_url + "/new", f"{base}/assessments/{ids[0]}", compare_url]
            _fits_a_phone(page, pages, shots)
            page.goto(f"{base}/assessments/{ids[0]}")
            page.click("text=Delete assessment")
            page.wait_for_url(runner_url)
            assert page.locator("table.list tbody tr").count() == 1
            browser.close()
        assert not (data / "results" / ids[0]).exists()  # its results are gone
        assert len(list((data / "files").iterdir())) == 1  # the clip stays: the other assessment uses it
        assert outside == []  # nothing fetched from anywhere else
    finally:
        kill(server)
    print(f"screenshots: {shots}")


def _wait_until(page, condition: str, seconds: float = 30.0) -> None:
    """Poll a JavaScript condition from here: Playwright's wait_for_function polls inside the page
    with eval, which the app's CSP (no unsafe-eval) refuses whenever the first look is false (a
    busy machine). A page that reloads meanwhile (the form's success) is looked at again."""
    import time

    from playwright.sync_api import Error

    deadline = time.monotonic() + seconds
    while True:
        try:
            if page.evaluate(f"() => Boolean({condition})"):
                return
        except Error as exc:  # the page navigated under the look: wait for it and look again
            if "context was destroyed" not in str(exc) and "navigat" not in str(exc):
                raise
            page.wait_for_load_state()
        assert time.monotonic() < deadline, f"not true after {seconds:g} s: {condition}"
        time.sleep(0.1)


def _fits_a_phone(page, urls: list[str], shots) -> None:
    """Each page at a 390 px phone's width: the document no wider (a wide table scrolls inside
    itself), a screenshot of each kept; the viewport put back after."""
    before = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        for n, url in enumerate(urls):
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=str(shots / f"phone_{n}.png"), full_page=True)
            assert width <= 390, (url, width)
    finally:
        page.set_viewport_size(before)


def _finished_experiment(data, name: str) -> str:
    from dataclasses import replace
    from datetime import date, timedelta

    from backstride.settings import WebSettings
    from backstride.store.logbook import opened, runner_for
    from tests.unit.nof1.finished import log_insoles_experiment

    with opened(replace(WebSettings(), data_dir=data)) as s:
        runner = runner_for(s, name, create=True)
        log_insoles_experiment(s, runner, date.today() - timedelta(days=57))
        return runner.id


def _watched_page(p, base: str, outside: list[str], timezone_id: str | None = None):
    """Debian's chromium, a page that records any request outside the app and accepts confirms
    (``timezone_id``: the zone the browser's clock is in, as a phone set to it would be)."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                "--disable-background-networking", "--disable-component-update"])  # fmt: skip
    page = browser.new_page(viewport={"width": 1100, "height": 900}, timezone_id=timezone_id)
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url))
    page.on("dialog", lambda d: d.accept())
    return browser, page


def test_the_log_and_a_self_experiment_in_the_browser(tmp_path, shared_data, pose_cache):
    """A runner added from a browser in Tokyo keeps Tokyo as the log's zone (moved to Paris on the
    page); a run typed, a real FIT file dropped in (its summary: 9.01 km, 162 steps/min), morning
    pain, an experiment drawn; a finished one shows its verdict and pictures."""
    from playwright.sync_api import sync_playwright

    data, port, shots = tmp_path / "data", free_port(), tmp_path / "screens"
    shots.mkdir()
    server = start(data, port, pose_cache)
    base = f"http://127.0.0.1:{port}"
    try:
        done_id = _finished_experiment(data, "Finished runner")
        with sync_playwright() as p:
            outside: list[str] = []
            browser, page = _watched_page(p, base, outside, timezone_id="Asia/Tokyo")
            page.goto(base + "/")
            page.fill('input[name="name"]', "Log runner")
            page.click("text=Add runner")
            page.wait_for_url(re.compile(r"/runners/[0-9a-f]{32}$"))
            runner_url = page.url
            page.click("text=Log: 0 runs")
            assert page.input_value('#time-zone input[name="time_zone"]') == "Asia/Tokyo"
            page.fill('#time-zone input[name="time_zone"]', "Europe/Paris")
            page.click("#time-zone button")
            _wait_until(page, "document.querySelector('#time-zone input').defaultValue === 'Europe/Paris'")
            page.fill('#log-run input[name="distance_km"]', "6.5")
            page.fill('#log-run input[name="pain_after"]', "3")
            page.select_option('#log-run select[name="insoles"]', "true")
            page.click("text=Log the run")
            page.wait_for_selector("table.list tbody tr")
            page.set_input_files(".drop[data-import] input[type=file]",
                                 str(shared_data / "activity" / "activity-small-fenix2-run.fit"))  # fmt: skip
            page.wait_for_selector(".notice")
            assert "1 run(s) added" in page.inner_text(".notice")
            row = page.locator("table.list tr", has_text="activity-small-fenix2-run.fit").inner_text()
            assert "9.01" in row and "162" in row, row
            page.fill('#log-morning input[name="pain"]', "2")
            page.click("#log-morning button")
            page.wait_for_selector("table.narrow")
            page.screenshot(path=str(shots / "log.png"), full_page=True)

            page.goto(runner_url + "/experiment")
            page.check('input[name="change"][value="new_shoes"]')
            page.click("text=Draw the schedule")
            page.wait_for_selector(".today")
            assert "128 schedules were possible" in page.inner_text("body").replace(",", "")
            assert page.locator(".strip .u").count() == 56
            page.screenshot(path=str(shots / "experiment_planned.png"), full_page=True)

            page.goto(f"{base}/runners/{done_id}/experiment")
            assert "Verdict: the change helps" in page.inner_text(".verdict-card")
            _wait_until(page, "document.querySelector('.verdict-card img').naturalWidth > 0")
            page.screenshot(path=str(shots / "experiment_verdict.png"), full_page=True)
            pages = [runner_url + "/log", runner_url + "/experiment", f"{base}/runners/{done_id}/experiment"]
            _fits_a_phone(page, pages, shots)
            browser.close()
        assert outside == []
    finally:
        kill(server)
    print(f"screenshots: {shots}")


@contextmanager
def _new_assessment_page(tmp_path, pose_cache, runner: str):
    """A real server and browser, a runner added from the runners page, and its new-assessment page."""
    from playwright.sync_api import sync_playwright

    data, port = tmp_path / "data", free_port()
    server = start(data, port, pose_cache)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            browser, page = _watched_page(p, base, [])
            page.goto(base + "/")
            page.fill('input[name="name"]', runner)
            page.click("text=Add runner")
            page.wait_for_url(re.compile(r"/runners/[0-9a-f]{32}$"))
            page.goto(page.url + "/new")
            yield page
            browser.close()
    finally:
        kill(server)


def test_the_body_map_knows_left_from_right(tmp_path, pose_cache):
    """Seen from behind, the runner's left is the viewer's left; from the front, mirrored. Clicking
    the left buttock on the back view sets the pain's side to left, the right one too makes it both;
    the thigh on the front view's right-hand side is the runner's left thigh."""
    with _new_assessment_page(tmp_path, pose_cache, "Map runner") as page:
        page.click('.bodymap .spot[data-location="buttock"][data-side="left"]')
        assert page.is_checked('input[name="pain.side"][value="left"]')
        assert page.is_checked('input[name="pain.locations"][value="buttock"]')
        page.click('.bodymap .spot[data-location="buttock"][data-side="right"]')
        assert page.is_checked('input[name="pain.side"][value="both"]')
        front_left_thigh = page.locator('.bodymap .spot[data-location="thigh"]').nth(3)  # x 213: front view
        assert front_left_thigh.get_attribute("data-side") == "left"
        front_left_thigh.click()
        assert page.is_checked('input[name="pain.leg_side"][value="left"]')
        page.click('.bodymap .spot[data-location="buttock"][data-side="left"]')  # undo one side
        assert page.is_checked('input[name="pain.side"][value="right"]')


def test_the_form_highlights_what_is_missing_and_waits_for_a_clip_that_passes(tmp_path, pose_cache,
                                                                               synthetic_side_clip):  # fmt: skip
    """In the browser: a 1 s clip fails its capture check and Start stays disabled until a clip that
    passes is dropped; a questionnaire with required questions left out is refused and those
    questions are highlighted on the page (named by the 422's fields)."""
    from tests.clips import grey_frames, write_video

    short = write_video(tmp_path / "short.mp4", grey_frames(30, 160, 120), fps=30)
    with _new_assessment_page(tmp_path, pose_cache, "Form runner") as page:
        page.set_input_files('.drop[data-role="side"] input[type=file]', str(short))
        page.wait_for_selector('.drop[data-role="side"] .verdict .state', timeout=60_000)
        assert "cannot be analysed" in page.inner_text('.drop[data-role="side"] .verdict')
        assert page.is_disabled("#start")
        page.set_input_files('.drop[data-role="side"] input[type=file]', str(synthetic_side_clip))
        page.wait_for_selector('.drop[data-role="side"].done', timeout=60_000)
        assert page.is_enabled("#start")
        page.fill('input[name="person.age"]', "34")  # and nothing else: sex, pain ... left out
        page.click("#start")
        page.wait_for_selector("#form-error:not([hidden])")
        assert "please answer" in page.inner_text("#form-error")
        assert page.locator('.q.missing[data-field="person.sex"]').count() == 1
        assert page.locator('.q.missing[data-field="person.age"]').count() == 0
