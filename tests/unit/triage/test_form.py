"""The interactive form asks every schema field and produces valid answers."""

from backstride.triage.form import run_form
from tests.unit.triage.vignettes import answers


def scripted(data: dict):
    asked = []

    def ask(question: str) -> str:
        asked.append(question)
        field = question.split(" ")[0]
        if field.startswith("Please"):
            raise AssertionError(question)
        group, name = field.split(".")[:2] if "." in field else ("", field)
        value = data.get(group, {}).get(name)
        if isinstance(value, list):
            return ",".join(value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        return "" if value is None else str(value)

    return ask, asked


def test_form_round_trip():
    data = answers(pain={"locations": ["central_low_back", "groin"]})
    ask, asked = scripted(data)
    a = run_form(ask)
    assert a.person.age == 34 and [loc.value for loc in a.pain.locations] == ["central_low_back", "groin"]
    assert a.red_flags.fever == "no"
    assert any(q.startswith("red_flags.bladder_or_bowel_change [yes, no, unknown]") for q in asked)
    assert any("pain.locations [" in q and "below_knee" in q for q in asked)
