"""``manage.py check_smart``: the verdicts as text or JSON, weakest first."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from planmonitor.network.smart import LETTERS

from .conftest import KNOWN

pytestmark = pytest.mark.usefixtures("smart_data")


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("check_smart", *args, stdout=out)
    return out.getvalue()


def test_it_prints_json_in_the_documented_shape_weakest_first(db, plan):
    rows = json.loads(_run("--plan", plan.short_name, "--format", "json"))

    assert [row["code"] for row in rows] == ["W001", "M001", "G001"]
    for row in rows:
        assert set(row) == {"code", "letters"}
        assert list(row["letters"]) == list(LETTERS)
        for verdict in row["letters"].values():
            assert set(verdict) == {"ok", "reason"}
            assert isinstance(verdict["ok"], bool) and verdict["reason"]
        assert sum(v["ok"] for v in row["letters"].values()) == KNOWN[row["code"]]
    weak = rows[0]["letters"]
    assert [letter for letter in LETTERS if weak[letter]["ok"]] == ["A"]


def test_it_prints_text_in_the_interface_language_by_default(db, plan):
    text = _run()  # the default plan; Dutch, as the interface
    assert text.index("W001") < text.index("M001") < text.index("G001")
    assert "W001 Aandacht voor preventie: 1 van 5" in text


def test_it_refuses_an_unknown_plan(db):
    with pytest.raises(CommandError):
        _run("--plan", "nope")
