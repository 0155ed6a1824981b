"""Without a token the API answers what is public, and only that (portal/public.py)."""

import pytest
from django.urls import reverse

from planmonitor.portal.tests.hidden import assert_nothing_hidden

pytestmark = pytest.mark.django_db


def _routes(fixture) -> dict[str, str]:
    plan = fixture.plan.short_name
    return {
        "plans": reverse("api:plans"),
        "plan": reverse("api:plan", kwargs={"short_name": plan}),
        "actions": reverse("api:actions", kwargs={"short_name": plan}),
        "action": reverse("api:action", kwargs={"short_name": plan, "code": fixture.action.code}),
        "other_action": reverse(
            "api:action", kwargs={"short_name": plan, "code": fixture.other_action.code}
        ),
        "indicators": reverse("api:indicators", kwargs={"short_name": plan}),
        "reports": reverse("api:reports", kwargs={"short_name": plan}),
        "report": reverse(
            "api:report",
            kwargs={
                "short_name": plan,
                "round_id": fixture.published_round.pk,
                "code": fixture.action.code,
            },
        ),
        "values": reverse("api:values", kwargs={"short_name": plan}),
    }


def test_every_read_route_shows_no_hidden_item(client, hidden_plan):
    for name, url in _routes(hidden_plan).items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.content)
        assert_nothing_hidden(response.content.decode(), hidden_plan)


def test_the_public_texts_show(client, hidden_plan):
    routes = _routes(hidden_plan)
    body = client.get(routes["action"]).content.decode()
    assert hidden_plan.shown["summary"] in body
    assert hidden_plan.shown["report"] in body
    assert hidden_plan.shown["indicator-name"] in body
    assert hidden_plan.shown["report"] in client.get(routes["reports"]).content.decode()
    assert hidden_plan.shown["summary"] in client.get(routes["actions"]).content.decode()


def test_only_the_public_report_is_listed(client, hidden_plan):
    items = client.get(_routes(hidden_plan)["reports"]).json()["items"]
    assert [(r["action"], r["round_id"]) for r in items] == [
        (hidden_plan.action.code, hidden_plan.published_round.pk)
    ]
    assert items[0]["internal"] is None


def test_a_small_count_of_a_sensitive_indicator_reads_less_than_5(client, hidden_plan):
    items = client.get(_routes(hidden_plan)["values"]).json()["items"]
    by_indicator = {row["indicator"]: row for row in items}
    sensitive = by_indicator[hidden_plan.sensitive.code]
    assert sensitive["value"] is None and sensitive["suppressed"] is True
    assert sensitive["value_shown"] == "< 5"
    open_row = by_indicator[hidden_plan.open_indicator.code]
    assert open_row["value_shown"] == "3" and open_row["suppressed"] is False
    report = client.get(_routes(hidden_plan)["report"]).json()
    assert "< 5" in [v["value_shown"] for v in report["values"]]


def test_an_unpublished_round_s_report_is_not_found(client, hidden_plan):
    url = reverse(
        "api:report",
        kwargs={
            "short_name": hidden_plan.plan.short_name,
            "round_id": hidden_plan.unpublished_round.pk,
            "code": hidden_plan.action.code,
        },
    )
    assert client.get(url).status_code == 404


def test_an_unpublished_plan_is_not_found(client, hidden_plan):
    hidden_plan.plan.is_published = False
    hidden_plan.plan.save(update_fields=["is_published"])
    routes = _routes(hidden_plan)
    assert client.get(routes["plans"]).json()["count"] == 0
    for name in ("plan", "actions", "action", "indicators", "reports", "values"):
        assert client.get(routes[name]).status_code == 404, name
