"""The coordinator's page to add an action: the service's rules, the history of the creation."""

import pytest
from django.urls import reverse

from planmonitor.plans import services
from planmonitor.plans.models import Action, Minister
from planmonitor.tests.html import parse_html


def _url(plan) -> str:
    return reverse("plans:action_create", args=[plan.short_name])


def _data(plan, **changes) -> dict:
    data = {
        "code": "N001",
        "title": "Nieuwe actie: opvang na partnergeweld",
        "description": "Regels\neen en twee.",
        "operational_goal": plan.operational_goals.get(code="2.1").pk,
        "lead_minister": Minister.objects.get(key="gennez").pk,
        "co_ministers": [Minister.objects.get(key="crevits").pk],
        "violence_forms": [plan.violence_forms.get(code="IFG").pk],
        "involves_local_governments": "on",
        "start_date": "01/01/2026",
        "end_date": "31/12/2027",
        "status": "planned",
    }
    data.update(changes)
    return data


def test_the_coordinator_adds_an_action_and_its_history_starts(client, plan, coordinator):
    client.force_login(coordinator)
    assert client.get(_url(plan)).status_code == 200

    response = client.post(_url(plan), _data(plan))

    assert response.status_code == 302
    action = Action.objects.get(plan=plan, code="N001")
    assert response["Location"] == reverse("plans:action_detail", args=[plan.short_name, "N001"])
    assert list(action.co_ministers.values_list("key", flat=True)) == ["crevits"]
    assert action.involves_local_governments and action.operational_goal.code == "2.1"
    created = action.history.filter(history_type="+").get()
    assert created.history_user_id == coordinator.pk
    assert created.title == "Nieuwe actie: opvang na partnergeweld"


def test_a_code_the_plan_has_is_refused_whatever_the_case(client, plan, action, coordinator):
    client.force_login(coordinator)
    response = client.post(_url(plan), _data(plan, code="t001"))

    assert response.status_code == 200
    page = parse_html(response)
    assert page.find(id="id_code").find_parent(class_="field--error")
    assert Action.objects.filter(plan=plan, code__iexact="t001").count() == 1


def test_the_lead_minister_cannot_be_a_co_minister(client, plan, coordinator):
    client.force_login(coordinator)
    gennez = Minister.objects.get(key="gennez").pk
    response = client.post(_url(plan), _data(plan, co_ministers=[gennez]))
    assert response.status_code == 200
    assert not Action.objects.filter(code="N001").exists()


@pytest.mark.parametrize("who", ["owner", "contributor", "network_member", "evaluator", "outsider"])
def test_nobody_else_adds_an_action(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(plan)).status_code == 403
    assert client.post(_url(plan), _data(plan)).status_code == 403
    assert not Action.objects.filter(code="N001").exists()


def test_anonymous_is_sent_to_log_in(client, plan):
    response = client.get(_url(plan))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_service_refuses_who_is_not_the_coordinator(plan, owner):
    with pytest.raises(services.CoordinatorOnly):
        services.action_create(
            plan=plan,
            values={
                "code": "N002",
                "title": "Van de eigenaar",
                "operational_goal": plan.operational_goals.get(code="2.1"),
                "lead_minister": Minister.objects.get(key="gennez"),
            },
            creator=owner,
        )
    assert not Action.objects.filter(code="N002").exists()


def test_the_overview_offers_the_page_to_the_coordinator_only(client, plan, coordinator, owner):
    client.force_login(owner)
    assert not parse_html(client.get(reverse("plans:overview"))).select(f"a[href='{_url(plan)}']")
    client.force_login(coordinator)
    assert parse_html(client.get(reverse("plans:overview"))).select(f"a[href='{_url(plan)}']")


def test_a_new_action_is_found_by_the_search_at_once(client, plan, coordinator):
    client.force_login(coordinator)
    data = _data(plan, code="N900", description="Een vormingstraject voor huisartsen.")
    assert client.post(_url(plan), data).status_code == 302

    found = parse_html(client.get(reverse("plans:overview"), {"q": "huisarts"}))
    assert "N900" in found.get_text()
