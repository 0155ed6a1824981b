"""The API's writes with the hostile corpus (issue 13): 2xx or a structured 4xx, never 5xx.

test_openapi_fuzzing.py lets schemathesis invent input from the schema; these send the
explicit corpus (planmonitor/core/tests/hostile.py): every text into the report's text
fields, every number-ish string (and JSON's own huge numbers, NaN and Infinity) into an
indicator's value, every garbage id into the URL and the indicator field.
"""

import json

import pytest
from django.urls import reverse

from planmonitor.core.tests.hostile import IDS, NUMBERS, TEXTS
from planmonitor.plans.models import Indicator

from .test_report_writes import _kwargs, current_tag, patch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def published(plan):
    plan.is_published = True
    plan.save(update_fields=["is_published"])


@pytest.fixture
def auth(owner, token_for):
    return token_for(owner)


def _structured(response) -> None:
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body, dict) and body, body


@pytest.mark.parametrize("field", ["done", "public_text"])
@pytest.mark.parametrize("value", [value for _, value in TEXTS], ids=[n for n, _ in TEXTS])
def test_hostile_text_in_a_report(client, report, auth, field, value):
    response = patch(client, report, {field: value}, auth, current_tag(report))
    _structured(response)
    if response.status_code == 200:
        report.refresh_from_db()
        # Stored as the text it is (NUL bytes may be refused or removed, never stored).
        assert "\x00" not in getattr(report, field)


JSON_NUMBERS = [
    *[(name, value) for name, value in NUMBERS],
    ("JSON 1e308", 1e308),
    ("JSON 10**40", 10**40),
    ("JSON -10**40", -(10**40)),
    ("JSON NaN", float("nan")),
    ("JSON Infinity", float("inf")),
    ("JSON list", [1]),
    ("JSON object", {"a": 1}),
]


@pytest.mark.parametrize(
    "value", [value for _, value in JSON_NUMBERS], ids=[n for n, _ in JSON_NUMBERS]
)
def test_hostile_number_as_a_value(client, report, auth, value):
    Indicator.objects.create(
        action=report.action, code="I1", name="Aantal", kind=Indicator.Kind.QUANTITATIVE
    )
    response = client.put(
        reverse("api:report_values", kwargs=_kwargs(report)),
        json.dumps({"values": [{"indicator": "I1", "value": value, "source": "registratie"}]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
        HTTP_IF_MATCH=current_tag(report),
    )
    _structured(response)


@pytest.mark.parametrize("value", [value for _, value in IDS], ids=[n for n, _ in IDS])
def test_hostile_ids_in_the_url_and_the_indicator(client, report, auth, value):
    for argument in ("round_id", "code", "short_name"):
        url = reverse("api:report_update", kwargs={**_kwargs(report), argument: value})
        response = client.patch(
            url,
            "{}",
            content_type="application/json",
            HTTP_AUTHORIZATION=auth,
            HTTP_IF_MATCH='"1"',
        )
        _structured(response)
        assert response.status_code in (400, 404, 422), (argument, response.status_code)
    response = client.put(
        reverse("api:report_values", kwargs=_kwargs(report)),
        json.dumps({"values": [{"indicator": value, "value": "1"}]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
        HTTP_IF_MATCH=current_tag(report),
    )
    _structured(response)
    assert 400 <= response.status_code < 500
