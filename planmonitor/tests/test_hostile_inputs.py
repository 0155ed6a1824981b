"""Hostile input through the main write forms (issue 13): never a 500, never markup.

Each form is read as its user gets it (the page's own values), one field is replaced
by a value of the corpus (planmonitor/core/tests/hostile.py), and the form is sent.
The answer is below 500: the form comes back with a clear error, or the value is
stored and the page it leads to shows it escaped (``injected`` finds no element or
attribute the value put there). Text fields get the text corpus, number and date
fields the number corpus; a few fields per form keep the run to a few hundred requests.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from planmonitor.core.tests.hostile import NUMBERS, TEXTS
from planmonitor.tests.hostile_checks import injected
from planmonitor.tests.html import parse_html


@dataclass
class Form:
    role: str
    url_name: str
    kwargs: str  # "plan", "action", "report" or "" (no kwargs)
    texts: tuple[str, ...]
    numbers: tuple[str, ...] = ()
    # What a new object needs besides what the page fills in.
    base: dict = field(default_factory=dict)
    # The form's page, when the form sits on another page than the one it posts to.
    page: str = ""
    # False: a saved form answers with a page of its own (the new token), not a redirect.
    redirects: bool = True


FORMS = {
    "action edit": Form(
        "coordinator", "plans:action_edit", "action", ("title", "description"), ("end_date",)
    ),
    "comment": Form("owner", "plans:comment_add", "action", ("body",), page="plans:action_detail"),
    "sheet edit": Form(
        "owner", "monitoring:sheet_edit", "action", ("content_goal", "contact_name")
    ),
    "report edit": Form("owner", "monitoring:report_edit", "report", ("done", "public_text")),
    "evidence": Form(
        "owner",
        "monitoring:evidence_add",
        "report",
        ("title", "url"),
        base={"title": "Verslag", "url": "https://example.org/x"},
        page="monitoring:report_detail",
    ),
    "indicator": Form(
        "owner",
        "monitoring:indicator_add",
        "action",
        ("name", "unit"),
        ("baseline_value", "target_value", "target_date"),
        base={
            "code": "IX",
            "name": "Indicator",
            "kind": "quantitative",
            "baseline_value": "0",
            "baseline_date": "01/01/2025",
            "target_value": "10",
            "target_date": "31/12/2029",
            "direction": "increase",
        },
    ),
    "signal": Form(
        "network_member",
        "network:signal_create",
        "plan",
        ("title", "detail"),
        base={"title": "Signaal", "detail": "Uitleg"},
    ),
    "meeting": Form(
        "coordinator",
        "network:meeting_create",
        "plan",
        ("title", "outside_participants"),
        ("starts_at",),
        base={"title": "Overleg", "starts_at": "2026-05-04T10:00"},
    ),
    "plan decision": Form(
        "coordinator",
        "plans:decision_add",
        "plan",
        ("reference", "description"),
        ("date",),
        base={
            "kind": "parliament",
            "date": "04/05/2026",
            "reference": "BVR-1",
            "description": "Besluit",
        },
    ),
    "context series": Form(
        "coordinator",
        "evaluation:context_series_create",
        "plan",
        ("name", "description"),
        base={"name": "Reeks", "area": "Vlaanderen", "unit": "aantal"},
    ),
    "API token": Form(
        "coordinator",
        "api_tokens:own_token_create",
        "",
        ("name",),
        ("expires_on",),
        base={"name": "Ons systeem", "expires_on": "31/12/2026"},
        page="api_tokens:own_tokens",
        redirects=False,
    ),
}


def _kwargs(kind: str, objects: dict) -> dict:
    action = objects["action"]
    if kind == "plan":
        return {"short_name": action.plan.short_name}
    if kind == "action":
        return {"short_name": action.plan.short_name, "code": action.code}
    if kind == "report":
        return {
            "short_name": action.plan.short_name,
            "code": action.code,
            "round_pk": objects["round"].pk,
        }
    return {}


def _values(form) -> dict:
    """What a browser would send for ``form`` as the page fills it in."""
    data: dict[str, list[str]] = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if element.name == "textarea":
            data.setdefault(name, []).append(element.get_text())
        elif element.name == "select":
            chosen = element.find_all("option", selected=True)
            if not chosen and not element.has_attr("multiple"):
                chosen = [o for o in element.find_all("option") if o.get("value")][:1]
            data.setdefault(name, []).extend(o.get("value", "") for o in chosen)
        elif element.get("type") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                data.setdefault(name, []).append(element.get("value", "on"))
        elif element.get("type") != "file":
            data.setdefault(name, []).append(element.get("value", ""))
    return data


def _send(client, objects, spec: Form, changes: dict):
    kwargs = _kwargs(spec.kwargs, objects)
    url = reverse(spec.url_name, kwargs=kwargs)
    if url not in _FILLED:
        # The module's objects are the same in every test: the page is read once.
        page = client.get(reverse(spec.page, kwargs=kwargs) if spec.page else url)
        assert page.status_code == 200
        forms = [
            f
            for f in parse_html(page).find_all("form")
            if (f.get("method") or "").lower() == "post" and (f.get("action") or url) == url
        ]
        assert len(forms) == 1, f"{spec.url_name}: the form to send is not on its page"
        _FILLED[url] = _values(forms[0])
    return client.post(url, {**_FILLED[url], **spec.base, **changes}, follow=True)


_FILLED: dict[str, dict] = {}


# The first text field of a form gets the whole corpus, the others what breaks out of markup.
BREAKOUTS = [
    (label, value)
    for label, value in TEXTS
    if label in ("script tag", "attribute breakout", "javascript link", "NUL byte")
]


def _corpus(names: tuple[str, ...], corpus: list, rest: list) -> list:
    return [
        (name, item) for index, name in enumerate(names) for item in (rest if index else corpus)
    ]


CASES = [
    pytest.param(form, name, value, id=f"{form}-{name}-{label}")
    for form, spec in FORMS.items()
    for name, (label, value) in _corpus(spec.texts, TEXTS, BREAKOUTS)
    + _corpus(spec.numbers, NUMBERS, NUMBERS[:6])
]


@pytest.fixture
def login(client, request):
    def as_user(role: str):
        client.force_login(request.getfixturevalue(role))
        return client

    return as_user


@pytest.mark.parametrize("form", FORMS)
def test_a_plain_value_is_accepted(form, objects, login):
    # The cases below reach the code that stores and shows a value: a plain one is saved.
    spec = FORMS[form]
    response = _send(login(spec.role), objects, spec, {})
    assert response.status_code == 200
    if spec.redirects:
        assert response.redirect_chain, f"{form}: the base submission was refused"
    else:
        assert not parse_html(response).select(".error-summary"), f"{form}: refused"


@pytest.mark.parametrize(("form", "name", "value"), CASES)
def test_hostile_input_is_refused_or_shown_escaped(form, name, value, objects, login):
    spec = FORMS[form]
    response = _send(login(spec.role), objects, spec, {name: value})
    assert response.status_code < 500
    assert injected(response) == []
