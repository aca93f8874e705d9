"""A batch's manifest as a clinic writes it (a spreadsheet saved as CSV, a YAML list, a folder of
phone clips): every row read, paths resolved against the manifest's folder, each bad row refused
with one line naming the manifest, the row and the fix, before anything runs."""

from pathlib import Path

import pytest

from backstride.app.manifest import folder_name, load_assessments
from backstride.errors import Invalid


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_spreadsheet_saved_as_csv_is_read_row_by_row(tmp_path):
    manifest = write(
        tmp_path / "club.csv",
        "\ufeffrunner, side ,rear,answers,height_cm,speed_kmh,slowmo\n"  # Excel's BOM and stray spaces
        "Ana María,clips/ana_side.mp4,clips/ana_rear.mp4,ana.yaml,168,11.5,4\n"
        ",,,,,,\n"  # an empty row left at the end of a sheet
        "Bo,s3://bucket/bo_side.mp4,,,,,\n"
        "Ana María,/abs/ana2.mp4,,,,,\n",
    )
    ana, bo, ana2 = load_assessments(manifest)
    assert ana.side == str(tmp_path / "clips" / "ana_side.mp4") and ana.answers == str(tmp_path / "ana.yaml")
    assert (ana.height_cm, ana.speed_kmh, ana.slowmo_by_role) == (168, 11.5, {"side": 4, "rear": 4})
    assert bo.side == "s3://bucket/bo_side.mp4" and bo.rear is None and bo.height_cm is None
    assert [a.folder for a in (ana, bo, ana2)] == ["ana-maría", "bo", "ana-maría-2"]


def test_a_yaml_manifest_is_a_list_or_has_an_assessments_key(tmp_path):
    listed = write(tmp_path / "a.yaml", "- {runner: Cy, side: cy.mp4, rear_slowmo: 8}\n")
    keyed = write(tmp_path / "b.yml", "assessments:\n  - runner: Cy\n    side: https://example.org/cy.mp4\n")
    (cy,) = load_assessments(listed)
    assert cy.slowmo_by_role == {"side": None, "rear": 8}
    assert load_assessments(keyed)[0].side == "https://example.org/cy.mp4"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("runner,clip\nAna,a.mp4\n", "unknown column 'clip'"),
        ("name,side\nAna,a.mp4\n", "unknown column 'name'"),
        ("side,rear\na.mp4,b.mp4\n", "no 'runner' column"),
        ("runner,side\nAna,\n", "line 2: side is empty"),
        ("runner,side,height_cm\nAna,a.mp4,1.68\n", "line 2: height_cm 1.68 is outside 50-250"),
        ("runner,side,speed_kmh\nAna,a.mp4,\nBo,b.mp4,fast\n", "line 3: speed_kmh 'fast' is not a number"),
        ("runner,side\n", "no assessments in it"),
    ],
)
def test_a_bad_row_is_refused_naming_the_manifest_and_the_row(tmp_path, text, said):
    manifest = write(tmp_path / "m.csv", text)
    with pytest.raises(Invalid) as caught:
        load_assessments(manifest)
    assert said in str(caught.value) and str(manifest) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_manifest_of_another_kind_or_missing_says_what_is_read(tmp_path):
    with pytest.raises(Invalid, match="a manifest is a .csv or .yaml file"):
        load_assessments(write(tmp_path / "m.xlsx", "x"))
    with pytest.raises(Invalid, match="no such manifest or folder"):
        load_assessments(tmp_path / "nope.csv")
    with pytest.raises(Invalid, match="a list of assessments"):
        load_assessments(write(tmp_path / "m.yaml", "runner: Ana\n"))


def test_a_folder_of_clips_named_by_the_rule(tmp_path):
    for name in ("ana_side.mp4", "ana_rear.MOV", "ana_answers.yaml", "bo_side.mp4", "notes.txt", "bo_side.txt"):
        (tmp_path / name).write_bytes(b"")
    ana, bo = load_assessments(tmp_path)
    assert (ana.runner, Path(ana.side).name, Path(ana.rear or "").name, Path(ana.answers or "").name) == (
        "ana", "ana_side.mp4", "ana_rear.MOV", "ana_answers.yaml",
    )  # fmt: skip
    assert (bo.runner, bo.rear, bo.answers) == ("bo", None, None)


def test_a_folder_without_a_side_clip_names_the_runner_and_the_rule(tmp_path):
    (tmp_path / "cy_rear.mp4").write_bytes(b"")
    with pytest.raises(Invalid, match="no side clip for cy .name it cy_side.mp4"):
        load_assessments(tmp_path)
    with pytest.raises(Invalid, match="RUNNER_side.mp4"):
        load_assessments(_empty(tmp_path))


def _empty(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    ("runner", "folder"),
    [("Ana María", "ana-maría"), ("  ../../etc ", "etc"), ("O'Brien, Pat", "o-brien-pat"), ("...", "runner")],
)
def test_a_runners_name_becomes_a_safe_folder_name(runner, folder):
    assert folder_name(runner) == folder
