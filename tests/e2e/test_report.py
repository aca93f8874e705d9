"""The demo is the whole job, and its report is looked at as a person would.

`backstride demo` renders the synthetic runner with known faults (overstriding: the generator puts
the heel 0.32 m ahead of the hip, shank angle -16.6 deg against a normal range of >= 0; a rearfoot
strike of 18 deg; the right hip dropping 9 deg on left-leg stance, read through tape over both
PSIS), answers a sample questionnaire and writes the report. Truth: the generator's parameters and
the plan's own rules (a cadence item for every running side clip; the pelvic-drop item when
pelvic drop is beyond its band, which the 9 deg drop is).

report.html is opened in Debian's chromium (Playwright, executable_path: no browser download)
at phone and laptop widths: no broken image, no request that leaves the folder, every section,
both videos decoded with the clip's duration. report.pdf is turned into pictures with pdftoppm.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from backstride.app.demo import DEMO_FPS, DEMO_SECONDS
from backstride.cli.main import app
from backstride.metrics.compute import REGISTRY
from backstride.report.content import SOURCE_NAMES

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SECTIONS = ("summary", "findings", "plan", "plots", "metrics", "shoes")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "demo"
    result = CliRunner().invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, " ".join(result.output.split())


class Page(HTMLParser):
    """Tags, attributes and visible text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("style", "svg")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "svg")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_demo_writes_the_whole_job_and_prints_the_summary(demo):
    """Truth: the generator's own parameters (cadence 164 steps/min; contact time = duty factor x
    stride = 263 ms)."""
    from tests.e2e.test_cli import assert_valid_summary

    out, printed = demo
    summary = json.loads((out / "summary.json").read_text())
    assert_valid_summary(summary)
    side = summary["clips"]["side"]
    truth = json.loads(next((out / "clips").glob("demo_side_*.truth.json")).read_text())
    assert side["view"] == "side-left" and summary["clips"]["rear"]["view"] == "rear"
    assert abs(side["cadence_spm"]["value"] - truth["cadence_spm"]) <= 1.0
    for foot in ("left", "right"):  # through mediapipe on the render: within two frames at 60 fps
        assert abs(side["per_foot"][foot]["contact_time_ms"]["median"] - truth["contact_time_ms"]) <= 40
    assert "beside the truth" in printed
    # the rear runner wears tape over both PSIS: pelvic drop through the markers, within 1.5 deg
    rear = summary["clips"]["rear"]
    assert rear["pelvis_markers"] is not None and rear["pelvis_markers"]["found_share"] > 0.9
    rear_truth = json.loads(next((out / "clips").glob("demo_rear_*.truth.json")).read_text())
    for foot in ("left", "right"):
        true = [s["pelvic_drop_deg"] for s in rear_truth["steps"] if s["foot"] == foot][0]
        assert abs(rear["metrics"]["pelvic_drop_deg"][foot]["median"] - true) <= 1.5, foot
    names = {p.name for p in out.iterdir()}
    assert {"report.html", "report.pdf", "annotated_side.mp4", "annotated_rear.mp4", "answers.yaml"} <= names
    assert {"events.csv", "steps.csv", "summary.json"} <= names
    for words in ("Where is the pain likely coming from?", "What to do first?", "report.html", "sample questionnaire"):
        assert words in printed, words


def test_the_report_finds_the_faults_put_into_the_clips_and_recommends_the_plan_rules(demo):
    out, _ = demo
    page = parse((out / "report.html").read_text())
    text = " ".join(" ".join(page.text).split())
    summary = json.loads((out / "summary.json").read_text())
    # overstriding: shank angle outside its range on both feet (truth -16.6 deg), pictured first
    shank = summary["clips"]["side"]["metrics"]["shank_angle_deg"]
    assert {shank["left"]["status"], shank["right"]["status"]} == {"outside range"}
    findings = text[text.index("Key findings") : text.index("Your plan")]
    assert findings.index("Where your foot lands: shank angle and overstride") < findings.index("How your foot lands")
    assert "Your foot lands ahead of your knee" in findings
    assert "You land on your heel" in findings  # 18 deg rearfoot strike (Mo 2021: > 7.4 deg)
    # the plan's rules: cadence for a running side clip, from the runner's own cadence (+5 %)
    cadence = summary["clips"]["side"]["cadence_spm"]["value"]
    plan = text[text.index("Your plan") : text.index("Plots")]
    assert f"Run to a metronome at {round(cadence * 1.05)} beats per minute" in plan
    # pelvic drop through the PSIS markers: 9 deg on left-leg stance is "pronounced", 4 deg "level";
    # the plan's pelvic-drop item follows, and the finding says the markers were used
    assert "Pelvic-drop retraining" in plan
    assert "left pronounced / right level" in findings and "Measured from the tape over your PSIS" in findings
    assert "does not rule a drop out" not in findings
    # the one screen: the two questions, the leading source from the triage, the quality verdict
    lead = max(summary["triage"]["pain_source"]["probabilities"].items(), key=lambda kv: kv[1])[0]
    assert (
        text.index("Where is the pain likely coming from?")
        < text.index("What to do first?")
        < text.index("Key findings")
    )
    screen = text[text.index("Where is the pain likely coming from?") : text.index("Key findings")]
    assert f"Most likely {SOURCE_NAMES[lead]}" in screen and "clip quality" in screen


def test_report_html_is_self_contained_and_speaks_in_human_names(demo):
    out, _ = demo
    html = (out / "report.html").read_text()
    page = parse(html)
    assert not [t for t, _ in page.tags if t in ("script", "link", "iframe", "object")]
    for tag, attrs in page.tags:
        for key in ("src", "href", "poster"):
            value = attrs.get(key) or ""
            assert not re.match(r"(https?:)?//", value), (tag, value)
        if tag == "img":
            assert attrs["src"].startswith("data:image/jpeg;base64,")
    assert "@import" not in html and not re.search(r"url\((?!#)", html)  # only SVG-internal references
    ids = [a.get("id") for t, a in page.tags if t == "section"]
    assert [i for i in ids if i in SECTIONS] == list(SECTIONS)
    visible = " ".join(page.text)
    assert not [name for name in REGISTRY if name in visible]  # ids stay in CSV/JSON
    assert "Pelvic drop (deg)" in visible and "Step width (% of hip width)" in visible
    assert len([t for t, _ in page.tags if t == "svg"]) >= 6  # the plots, inline


@pytest.mark.parametrize("width", [390, 1280])
def test_report_opens_in_chromium_with_no_broken_image_and_no_request_outside(demo, width):
    from playwright.sync_api import sync_playwright

    out, _ = demo
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page(viewport={"width": width, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((out / "report.html").as_uri())
        page.wait_for_load_state("load")
        broken = page.evaluate("Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).length")
        videos = page.evaluate(
            """() => Promise.all(Array.from(document.querySelectorAll('video')).map(v => new Promise(done => {
                const report = () => done([v.duration, v.videoWidth]);
                if (v.readyState >= 2) report(); v.addEventListener('loadeddata', report);
                v.addEventListener('error', () => done([-1, 0])); v.load(); })))"""
        )
        scroll = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(out / f"report_{width}px.png"), full_page=True)
        browser.close()
    assert broken == 0
    assert {u.split(":")[0] for u in requests} == {"file"}
    assert all(Path(u.removeprefix("file://")).parent == out for u in requests), requests
    assert len(videos) == 2
    for duration, video_width in videos:  # decoded, with the clip's duration
        assert video_width > 0 and duration == pytest.approx(DEMO_SECONDS, abs=1.5 / DEMO_FPS)
    assert scroll <= width + 1  # nothing wider than a phone's screen


def test_report_pdf_has_every_section_and_pictures(demo, tmp_path):
    out, _ = demo
    text = subprocess.run(["pdftotext", str(out / "report.pdf"), "-"], capture_output=True, text=True, check=True)
    flat = " ".join(text.stdout.split())
    for heading in ("Your two questions", "Key findings", "Your plan", "Plots", "Every number", "Your shoes"):
        assert heading in flat, heading
    assert "annotated_side.mp4" in flat  # the video named in print
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out / "report.pdf"), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 5 <= len(pages) <= 20
    from PIL import Image

    findings_page = next(p for p, t in zip(pages, text.stdout.split("\f")) if "Key findings" in t)
    pixels = np.asarray(Image.open(findings_page).convert("L"), dtype=float)
    dark = (pixels < 60).mean()
    assert 0.002 < dark < 0.3, dark  # text and pictures drawn, not a blank or black page


def test_annotated_video_keeps_every_frame_and_the_duration(demo):
    import av

    out, _ = demo

    def frames_and_duration(path: Path) -> tuple[int, float]:
        with av.open(str(path)) as c:
            times = [f.time for f in c.decode(c.streams.video[0])]
        return len(times), times[-1] - times[0]

    for role in ("side", "rear"):
        source = next((out / "clips").glob(f"demo_{role}_*.mp4"))
        n, span = frames_and_duration(source)
        assert frames_and_duration(out / f"annotated_{role}.mp4") == (n, pytest.approx(span, abs=1e-3))
