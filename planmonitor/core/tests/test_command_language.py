"""The management commands speak the interface's language: settings.LANGUAGE_CODE."""

import importlib
import io

import pytest
from django.core.management import call_command, get_commands
from django.utils import translation

from planmonitor.core.commands import Command as PlanmonitorCommand


def _run(name: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command(name, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize(
    ("language", "expected", "foreign"),
    [
        ("nl", "Plan geladen:", "Plan loaded:"),
        ("en", "Plan loaded:", "Plan geladen:"),
    ],
)
def test_load_gbv_plan_speaks_the_interfaces_language(plan, settings, language, expected, foreign):
    settings.LANGUAGE_CODE = language

    output = _run("load_gbv_plan")

    assert expected in output
    assert foreign not in output


DEMO = {
    "nl": [
        "Voorbeeldgegevens geladen in",
        "acties",
        "Demo-accounts (wachtwoordpatroon",
        "gebruikersnaam",
        "Coördinator",
        "De coördinator en de beheerder moeten tweestapsverificatie gebruiken.",
    ],
    "en": [
        "Example data loaded in",
        "actions",
        "Demo accounts (password pattern",
        "username",
        "Coordinator",
        "The coordinator and the administrator must use two-step login.",
    ],
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_load_demo_speaks_the_interfaces_language(plan, settings, language):
    settings.LANGUAGE_CODE = language
    other = "en" if language == "nl" else "nl"

    output = _run("load_demo")

    for text in DEMO[language]:
        assert text in output
    for text in DEMO[other]:
        if text not in ("acties", "actions"):
            assert text not in output, text


def test_the_callers_language_does_not_matter(plan, settings):
    settings.LANGUAGE_CODE = "nl"

    with translation.override("en"):
        output = _run("load_gbv_plan")

    assert "Plan geladen:" in output


def test_every_planmonitor_command_speaks_the_interfaces_language():
    ours = {name: app for name, app in get_commands().items() if app.startswith("planmonitor")}
    assert ours, "no planmonitor command found"
    for name, app in ours.items():
        module = importlib.import_module(f"{app}.management.commands.{name}")
        assert issubclass(module.Command, PlanmonitorCommand), name
