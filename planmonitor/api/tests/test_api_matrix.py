"""API calls with each role's personal token get the answers the web UI gives that role
for the same object: one permission policy, read from the authorization matrix.

The web answers come from the matrix entries of the pages that do the same thing (the
matrix test checks the web gives them); here they are translated to the API's words:
a page or a redirect after a write is 200, 403 and 404 stay, and the login page (the
anonymous visitor, who has no token) is the public answer for a read (the matrix's plan
is not published: 404) and 401 for a write.
"""

import json

import pytest
from django.urls import reverse

from planmonitor.monitoring.models import ProgressReport, ReportState
from planmonitor.monitoring.tests.matrix_reports import ENTRIES as REPORT_PAGES
from planmonitor.tests import conftest as matrix_fixtures
from planmonitor.tests import test_authorization_matrix as web
from planmonitor.tests.matrix import FORBIDDEN, LOGIN, NOT_FOUND, ROLES

from .matrix_api import api_report_kwargs

# The matrix's objects and users, built once for the module (planmonitor/tests/conftest.py).
MATRIX_FIXTURES = (
    "action",
    "cabinet",
    "contributor",
    "coordinator",
    "evaluator",
    "matrix",
    "matrix_data",
    "network_member",
    "objects",
    "other_owner",
    "outsider",
    "owner",
    "plan",
)
globals().update({name: getattr(matrix_fixtures, name) for name in MATRIX_FIXTURES})

UNAUTHORIZED = 401


def _api_answer(web_answer: int, role: str, *, write: bool) -> int:
    if role == "anonymous" and web_answer == LOGIN:  # a redirect to log in
        return UNAUTHORIZED if write else NOT_FOUND
    if web_answer in (FORBIDDEN, NOT_FOUND):
        return web_answer
    assert web_answer in (200, 302), web_answer
    return 200


def _headers(role: str, request, token_for) -> dict[str, str]:
    if role == "anonymous":
        return {}
    return {"HTTP_AUTHORIZATION": token_for(request.getfixturevalue(role))}


def _tag(report: ProgressReport) -> str:
    report.refresh_from_db()
    return f'"{report.version}"'


# --- Reads: who reads an object through the API is who reads its page in the web UI. -----

READS = {
    # route: (the web page showing the same object, its kwargs in the API)
    "api:action": ("plans:action_detail", "action"),
    "api:report": ("monitoring:report_detail", "report"),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", READS)
def test_a_token_reads_an_object_as_its_person_does_in_the_web_ui(
    client, objects, token_for, request, route, role
):
    page, kind = READS[route]
    expected = _api_answer(web.MATRIX[page].get[role], role, write=False)
    kwargs = (
        api_report_kwargs(objects)
        if kind == "report"
        else {"short_name": objects["action"].plan.short_name, "code": objects["action"].code}
    )

    response = client.get(reverse(route, kwargs=kwargs), **_headers(role, request, token_for))

    assert response.status_code == expected, response.content


LISTS = {
    # route: (the web page of the object the list holds or not, what identifies it in a row)
    "api:actions": ("plans:action_detail", lambda row, objects: row["code"] == "T001"),
    "api:indicators": ("plans:action_detail", lambda row, objects: row["action"] == "T001"),
    "api:reports": (
        "monitoring:report_detail",
        lambda row, objects: row["round_id"] == objects["round"].pk and row["action"] == "T001",
    ),
    "api:values": (
        "monitoring:report_detail",
        lambda row, objects: row["round_id"] == objects["round"].pk and row["action"] == "T001",
    ),
}


@pytest.fixture
def with_a_value(objects):
    """An indicator of ``action`` with a value in its report (so the lists have rows)."""
    indicator, _created = objects["action"].indicators.get_or_create(
        code="M1", defaults={"name": "Aantal opleidingen", "kind": "quantitative"}
    )
    objects["report"].values.create(indicator=indicator, value=3)
    return indicator


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
@pytest.mark.parametrize("route", LISTS)
def test_a_token_s_lists_hold_what_its_person_reads_in_the_web_ui(
    client, objects, with_a_value, token_for, request, route, role
):
    page, matches = LISTS[route]
    web_answer = web.MATRIX[page].get[role]
    url = reverse(route, kwargs={"short_name": objects["action"].plan.short_name})

    response = client.get(url, **_headers(role, request, token_for))

    if web.MATRIX["plans:plan_overview"].get[role] != 200:  # not a member: no such plan
        assert response.status_code == NOT_FOUND
        return
    assert response.status_code == 200, response.content
    shown = any(matches(row, objects) for row in response.json()["items"])
    assert shown is (web_answer == 200), response.json()


# --- Writes: who changes a report through the API is who changes it in the web UI. --------


def _patch(client, report, headers):
    return client.patch(
        reverse("api:report_update", kwargs=api_report_kwargs({"report": report})),
        json.dumps({"done": "Via de API"}),
        content_type="application/json",
        HTTP_IF_MATCH=_tag(report),
        **headers,
    )


def _put_values(client, report, headers):
    report.action.indicators.get_or_create(
        code="M1", defaults={"name": "Aantal opleidingen", "kind": "quantitative"}
    )
    return client.put(
        reverse("api:report_values", kwargs=api_report_kwargs({"report": report})),
        json.dumps({"values": [{"indicator": "M1", "value": "7", "source": "registratie"}]}),
        content_type="application/json",
        HTTP_IF_MATCH=_tag(report),
        **headers,
    )


def _submit(client, report, headers):
    return client.post(
        reverse("api:report_submit", kwargs=api_report_kwargs({"report": report})),
        HTTP_IF_MATCH=_tag(report),
        **headers,
    )


WRITES = {
    # route: (the web form doing the same, the call, what the write changed)
    "api:report_update": (
        "monitoring:report_edit",
        _patch,
        lambda report: report.done == "Via de API",
    ),
    "api:report_values": (
        "monitoring:report_value",
        _put_values,
        lambda report: report.values.filter(indicator__code="M1", value=7).exists(),
    ),
    "api:report_submit": (
        "monitoring:report_transition",
        _submit,
        lambda report: report.state == ReportState.SUBMITTED,
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", WRITES)
def test_api_writes_obey_the_same_permission_matrix_as_the_web_ui(
    client, objects, token_for, request, route, role
):
    page, call, changed = WRITES[route]
    expected = _api_answer(REPORT_PAGES[page].post[role], role, write=True)
    report = objects["report"]
    version = report.version

    response = call(client, report, _headers(role, request, token_for))

    assert response.status_code == expected, response.content
    report.refresh_from_db()
    assert changed(report) is (expected == 200)
    assert (report.version == version) is (expected != 200), "a refused write changed the report"
    if expected != 200:
        assert response.json()["detail"]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_a_signed_in_session_is_not_a_token(client, objects, request, role):
    """The web session does not write through the API: CSRF-free writes need a token."""
    client.force_login(request.getfixturevalue(role))
    report = objects["report"]

    response = _patch(client, report, {})

    assert response.status_code == UNAUTHORIZED
    report.refresh_from_db()
    assert report.done != "Via de API"
