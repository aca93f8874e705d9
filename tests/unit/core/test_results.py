"""The typed results and the JSON Schema of summary.json that is generated from them.

The schema in schema/summary.schema.json is what other programs read; it must be exactly what
the types generate (regenerate with `make schema` after changing a type, and bump
SCHEMA_VERSION when a field is renamed or removed). The CLI tests validate every summary.json
they write against it (tests/e2e/test_cli.py)."""

import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from backstride.core.results import SCHEMA_VERSION, FootValue, MetricSummary, json_schema
from backstride.metrics.compute import summarise
from backstride.metrics.registry import REGISTRY

SHIPPED = Path(__file__).resolve().parents[3] / "schema" / "summary.schema.json"


def test_the_shipped_schema_is_the_one_the_types_generate():
    assert json.loads(SHIPPED.read_text()) == json_schema(), "run `make schema` and commit the file"
    jsonschema.Draft202012Validator.check_schema(json_schema())
    assert json_schema()["$id"] == SCHEMA_VERSION


def test_results_are_frozen_and_refuse_unknown_or_mistyped_fields():
    value = FootValue(status="normal", median=170.0, iqr=2.0, n=12)
    with pytest.raises(ValidationError):
        value.median = 1.0  # frozen
    with pytest.raises(ValidationError):
        FootValue(status="fine", median=1.0)  # not a status
    with pytest.raises(ValidationError):
        FootValue(status="normal", median=1.0, colour="red")  # no such field


def test_a_metric_summary_is_typed_per_foot():
    """summarise() on steps where only the left foot was measured: the left median and its
    status against the registry's normal range, and the right foot's reason."""
    from backstride.core.trajectory import Step
    from backstride.metrics.compute import MetricResult

    spec = REGISTRY["trunk_lean_deg"]
    steps = tuple(
        Step(
            foot=f,
            strike_s=i * 0.35,
            toe_off_s=i * 0.35 + 0.25,
            next_strike_s=(i + 1) * 0.35,
            strike_frame=10 * i,
            toe_off_frame=10 * i + 7,
        )
        for i, f in enumerate(["left", "right"] * 3)
    )
    result = MetricResult(spec, (4.0, None, 6.0, None, 8.0, None), (None, "hidden", None, "hidden", None, "hidden"))
    s = summarise(result, steps)
    assert isinstance(s, MetricSummary) and s.left.median == 6.0 and s.left.n == 3 and s.left.iqr == 2.0
    assert s.left.status == spec.status(6.0) and s.right.status == "not measured" and s.right.reason == "hidden"
    assert s.medians() == {"left": 6.0}
