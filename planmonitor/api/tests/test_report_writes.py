"""Writes of a report through the API follow the web UI: who (the policy), what (the
report form's messages), when (editable states, optimistic locking with If-Match)."""

import json

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from planmonitor.api.tokens import services
from planmonitor.audit.models import Event
from planmonitor.monitoring.models import ProgressReport, ReportState
from planmonitor.plans.models import Indicator, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def published(plan):
    # The action is public, so who may not edit it learns 403 (not 404).
    plan.is_published = True
    plan.save(update_fields=["is_published"])


def _kwargs(report):
    return {
        "short_name": report.round.plan.short_name,
        "round_id": report.round_id,
        "code": report.action.code,
    }


def patch(client, report, data, auth=None, if_match=None):
    headers = {}
    if auth:
        headers["HTTP_AUTHORIZATION"] = auth
    if if_match is not None:
        headers["HTTP_IF_MATCH"] = if_match
    return client.patch(
        reverse("api:report_update", kwargs=_kwargs(report)),
        json.dumps(data),
        content_type="application/json",
        **headers,
    )


def current_tag(report) -> str:
    report.refresh_from_db()
    return f'"{report.version}"'


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("coordinator", 200),
        ("other_owner", 403),
        ("contributor", 403),
        ("cabinet", 403),
        ("network_member", 403),
        ("evaluator", 403),
        ("outsider", 403),
    ],
)
def test_who_may_change_a_report_is_as_in_the_web_ui(
    client, report, token_for, request, role, expected
):
    user = request.getfixturevalue(role)
    tag = current_tag(report)
    response = patch(client, report, {"done": "Via de API"}, token_for(user), tag)
    assert response.status_code == expected, response.content
    report.refresh_from_db()
    assert (report.done == "Via de API") is (expected == 200)


def test_without_a_token_a_write_is_401(client, report):
    response = patch(client, report, {"done": "x"}, None, current_tag(report))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_owner_s_write_is_saved_audited_and_answers_the_new_etag(
    client, report, owner, token_for
):
    before = report.version
    response = patch(
        client,
        report,
        {"done": "Opleidingen gegeven", "public_text": "Publiek"},
        token_for(owner),
        f'"{before}"',
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"{before + 1}"'
    body = response.json()
    assert body["internal"]["done"] == "Opleidingen gegeven"
    assert body["public_text"] == "Publiek"
    event = Event.objects.filter(kind="report.change").latest("pk")
    assert event.actor_id == owner.pk and event.channel == "web"


def test_a_stale_etag_is_412_with_the_current_one(client, report, owner, token_for):
    stale = current_tag(report)
    auth = token_for(owner)
    assert patch(client, report, {"done": "eerste"}, auth, stale).status_code == 200
    response = patch(client, report, {"done": "tweede"}, auth, stale)
    assert response.status_code == 412
    assert response["ETag"] == current_tag(report)
    report.refresh_from_db()
    assert report.done == "eerste"


def test_a_write_without_if_match_is_428(client, report, owner, token_for):
    response = patch(client, report, {"done": "x"}, token_for(owner))
    assert response.status_code == 428
    report.refresh_from_db()
    assert report.done == ""


def test_invalid_input_is_422_with_the_form_s_messages(client, report, owner, token_for):
    response = patch(
        client,
        report,
        {"implementation_status": "delayed", "status_reason": ""},
        token_for(owner),
        current_tag(report),
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    # The report form's own message, in the caller's language (Dutch by default).
    assert errors["status_reason"] == [
        gettext("Give the reason: it is required for a delay or a stop.")
    ]
    assert errors["status_reason"][0].startswith("Geef de reden")
    response = patch(
        client, report, {"implementation_status": "nonsense"}, token_for(owner), current_tag(report)
    )
    assert response.status_code == 422
    assert "implementation_status" in response.json()["errors"]


def test_a_submitted_report_is_locked_409(client, report, owner, token_for):
    ProgressReport.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    response = patch(client, report, {"done": "x"}, token_for(owner), current_tag(report))
    assert response.status_code == 409


def test_an_unknown_report_is_404(client, report, owner, token_for):
    url = reverse("api:report_update", kwargs={**_kwargs(report), "code": "NOPE"})
    response = client.patch(
        url,
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=token_for(owner),
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 404


def test_values_are_saved_and_validated_as_in_the_form(client, report, owner, token_for):
    indicator = Indicator.objects.create(
        action=report.action, code="I1", name="Aantal", kind=Indicator.Kind.QUANTITATIVE
    )
    url = reverse("api:report_values", kwargs=_kwargs(report))
    auth = token_for(owner)

    def put(values):
        return client.put(
            url,
            json.dumps({"values": values}),
            content_type="application/json",
            HTTP_AUTHORIZATION=auth,
            HTTP_IF_MATCH=current_tag(report),
        )

    response = put([{"indicator": "I1", "value": "abc"}])
    assert response.status_code == 422
    assert response.json()["errors"]["I1.value"] == [gettext("Enter a number.")]
    response = put([{"indicator": "I1", "source": "registratie"}])
    assert response.status_code == 422
    assert response.json()["errors"]["I1.value"] == [
        gettext("Give a number, or leave the whole row empty when there is no data.")
    ]
    response = put([{"indicator": "I1", "value": "12,5", "source": "registratie"}])
    assert response.status_code == 200, response.content
    assert str(report.values.get(indicator=indicator).value) == "12.5000"


def test_submit_follows_the_workflow(client, report, owner, other_owner, token_for):
    url = reverse("api:report_submit", kwargs=_kwargs(report))

    def post(user, tag):
        headers = {"HTTP_AUTHORIZATION": token_for(user)}
        if tag is not None:
            headers["HTTP_IF_MATCH"] = tag
        return client.post(url, **headers)

    assert post(other_owner, current_tag(report)).status_code == 403
    assert post(owner, None).status_code == 428
    assert post(owner, '"999"').status_code == 412
    response = post(owner, current_tag(report))
    assert response.status_code == 200, response.content
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert post(owner, current_tag(report)).status_code == 409  # submitted already


def test_an_organisation_token_writes_the_organisation_s_reports_only(
    client, report, other_action, coordinator
):
    organisation = Organisation.objects.create(
        plan=report.action.plan, code="KG", label="Kind en Gezin"
    )
    report.action.lead_organisation = organisation
    report.action.save(update_fields=["lead_organisation"])
    _token, plain = services.organisation_token_create(
        organisation=organisation, name="systeem", created_by=coordinator
    )
    auth = f"Bearer {plain}"
    response = patch(client, report, {"done": "Van het systeem"}, auth, current_tag(report))
    assert response.status_code == 200, response.content
    event = Event.objects.filter(kind="report.change").latest("pk")
    assert "Kind en Gezin" in event.actor_name
    other = report.round.reports.get(action=other_action)
    assert patch(client, other, {"done": "x"}, auth, current_tag(other)).status_code == 403
