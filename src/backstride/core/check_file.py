"""check.json, a self-test's or an exercise's result file: typed (pydantic, frozen) so its JSON
Schema is generated from the types (``schema/check.schema.json``; ``python -m
backstride.core.check_file`` prints it), versioned by :data:`CHECK_SCHEMA_VERSION`. Built by
:mod:`backstride.app.check`."""

from __future__ import annotations

import json
from typing import Any, Literal

from backstride.core.bodycheck import AngleResult, FormResult, HoldResult, SquatResult
from backstride.core.results import Result, schema_of

#: Bump when a field is renamed or removed or its meaning changes (adding one is fine).
CHECK_SCHEMA_VERSION: Literal["backstride.check/1"] = "backstride.check/1"


class NormValue(Result):
    """A published reference value; ``verified`` False: quoted from a secondary source, not checked."""

    group: str
    value: float
    source: str
    verified: bool


class CheckFile(Result):
    schema_version: Literal["backstride.check/1"] = CHECK_SCHEMA_VERSION
    backstride_version: str
    test: str  # the CLI's --test
    title: str
    clip: str  # the clip's file name
    unit: str
    measured: str  # what the figure is, in words
    hold: HoldResult | None = None  # a timed hold (sorensen)
    angle: AngleResult | None = None  # a leg's angle (slr)
    form: FormResult | None = None  # an exercise's repetitions (back-extension)
    squat: SquatResult | None = None  # single-leg squats from behind, per leg (single-leg-squat)
    norms: list[NormValue]
    reliability: str
    meaning: str  # what it does and does not mean for back pain, with its sources
    evidence_grade: str
    pictures: list[str]  # the frames the results came from, beside this file


def check_schema() -> dict[str, Any]:
    """The JSON Schema of check.json, generated from :class:`CheckFile`."""
    return schema_of(CheckFile, CHECK_SCHEMA_VERSION)


if __name__ == "__main__":
    print(json.dumps(check_schema(), indent=2))
