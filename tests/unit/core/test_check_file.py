"""check.json's schema (schema/check.schema.json) is what the types generate: regenerate with
`make schema` after changing a type, and bump CHECK_SCHEMA_VERSION when a field is renamed or
removed. The CLI test validates a written check.json against it (tests/e2e/test_selftests.py)."""

import json
from pathlib import Path

import jsonschema

from backstride.core.check_file import CHECK_SCHEMA_VERSION, check_schema

SHIPPED = Path(__file__).resolve().parents[3] / "schema" / "check.schema.json"


def test_the_shipped_check_schema_is_the_one_the_types_generate():
    assert json.loads(SHIPPED.read_text()) == check_schema(), "run `make schema` and commit the file"
    jsonschema.Draft202012Validator.check_schema(check_schema())
    assert check_schema()["$id"] == CHECK_SCHEMA_VERSION
