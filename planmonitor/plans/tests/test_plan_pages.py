"""The plan page (decisions, calendar) and the coordinator's pages: edit, decisions, publication."""

import datetime as dt

import pytest
from django.urls import reverse

from planmonitor.plans.models import Action, Plan, PlanDecision
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries

MEMBERS = ["coordinator", "owner", "contributor", "network_member", "evaluator"]
NOT_COORDINATORS = ["owner", "contributor", "network_member", "evaluator", "outsider"]


def _url(name: str, plan: Plan, *args) -> str:
    return reverse(f"plans:{name}", args=[plan.short_name, *args])


def _plan_data(plan: Plan, loaded: str, **changes) -> dict:
    data = {
        "title": plan.title,
        "description": plan.description,
        "status": plan.status,
        "period_start": plan.period_start.strftime("%d/%m/%Y"),
        "period_end": plan.period_end.strftime("%d/%m/%Y"),
        "coordinating_minister": plan.coordinating_minister_id or "",
        "coordinating_agency": plan.coordinating_agency_id or "",
        "interim_evaluation_due": plan.interim_evaluation_due.strftime("%d/%m/%Y"),
        "final_evaluation_due": plan.final_evaluation_due.strftime("%d/%m/%Y"),
        "loaded": loaded,
    }
    data.update(changes)
    return data


def _loaded(client, plan: Plan) -> str:
    page = parse_html(client.get(_url("plan_edit", plan)))
    loaded = page.find("input", attrs={"name": "loaded"})
    assert loaded is not None
    return str(loaded["value"])


# --- the plan page -------------------------------------------------------------------------


@pytest.mark.parametrize("who", MEMBERS)
def test_it_shows_the_plans_decisions_and_calendar_to_its_people(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(_url("plan_detail", plan))

    assert response.status_code == 200
    page = parse_html(response)
    kinds = [cell.get_text(strip=True) for cell in page.select(".decision__kind")]
    assert kinds == [
        "Beslissing van de Vlaamse Regering",
        "Advies van de Inspectie van Financiën",
        "Akkoord van de minister van Begroting",
    ]
    assert "VR 2025 0905 MED.0149" in page.select(".decision")[0].get_text()
    calendar = [row.get_text(" ", strip=True) for row in page.select(".calendar__row")]
    assert calendar[1] == "30/06/2027 Tussentijdse evaluatie verwacht"
    assert calendar[2] == "31/12/2029 Eindevaluatie verwacht"


@pytest.mark.parametrize(
    ("who", "linked"),
    [
        ("coordinator", True),
        ("network_member", True),
        ("evaluator", True),
        ("owner", False),
        ("contributor", False),
    ],
)
def test_the_calendar_has_each_rounds_due_date_in_date_order(
    client, plan, reporting_round, who, linked, request
):
    client.force_login(request.getfixturevalue(who))
    page = parse_html(client.get(_url("plan_detail", plan)))

    rows = page.select(".calendar__row")
    calendar = [row.get_text(" ", strip=True) for row in rows]
    due = "31/01/2027 Rapporten verwacht: 2026 – tweede semester"
    assert due in calendar
    # Between the plan's start and its interim evaluation (30/06/2027).
    assert calendar.index(due) < calendar.index("30/06/2027 Tussentijdse evaluatie verwacht")
    link = rows[calendar.index(due)].find("a")
    round_url = reverse("monitoring:round_detail", args=[plan.short_name, reporting_round.pk])
    assert (link["href"] if link else None) == (round_url if linked else None)


def test_the_public_plan_page_and_the_preview_show_no_round_dates(
    client, plan, action, reporting_round, coordinator
):
    Plan.objects.filter(pk=plan.pk).update(is_published=True)
    public = parse_html(client.get(_url("plan_detail", plan)))
    assert public.select(".calendar__row")
    assert "Rapporten verwacht" not in public.select_one(".calendar").get_text()
    client.force_login(coordinator)
    preview = parse_html(client.get(_url("plan_unpublish", plan)))
    assert "Rapporten verwacht" not in preview.select_one(".calendar").get_text()


@pytest.mark.parametrize("who", MEMBERS)
def test_only_the_coordinator_is_offered_to_edit_and_publish(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    page = parse_html(client.get(_url("plan_detail", plan)))

    links = {a["href"] for a in page.select("main a")}
    coordinator_links = {
        _url("plan_edit", plan),
        _url("plan_publish", plan),
        _url("decision_add", plan),
        _url("action_create", plan),
    }
    if who == "coordinator":
        assert coordinator_links <= links
    else:
        assert not coordinator_links & links
        assert not page.select("a[href*='/beslissingen/']")


def test_an_outsider_is_refused_and_anonymous_is_sent_to_log_in(client, plan, outsider):
    response = client.get(_url("plan_detail", plan))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(_url("plan_detail", plan)).status_code == 403


def test_a_published_plan_page_is_public(client, plan):
    Plan.objects.filter(pk=plan.pk).update(is_published=True)
    response = client.get(_url("plan_detail", plan))
    assert response.status_code == 200
    assert len(parse_html(response).select(".decision")) == 3


def test_the_overview_links_to_the_plan_page(client, plan, coordinator):
    client.force_login(coordinator)
    page = parse_html(client.get(reverse("plans:overview")))
    assert page.select_one(".overview__plan-link")["href"] == _url("plan_detail", plan)


# --- editing the plan ---------------------------------------------------------------------


def test_the_coordinator_edits_the_plans_data_and_evaluation_dates(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.post(
        _url("plan_edit", plan),
        _plan_data(plan, _loaded(client, plan), interim_evaluation_due="15/09/2027"),
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.interim_evaluation_due == dt.date(2027, 9, 15)
    latest = plan.history.order_by("-history_date").first()
    assert latest.history_user_id == coordinator.pk
    assert latest.interim_evaluation_due == dt.date(2027, 9, 15)


@pytest.mark.parametrize("who", NOT_COORDINATORS)
def test_nobody_else_edits_the_plan(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("plan_edit", plan)).status_code == 403
    response = client.post(_url("plan_edit", plan), _plan_data(plan, "", title="Gekaapt"))
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title != "Gekaapt"


def test_the_final_evaluation_cannot_come_before_the_interim_one(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.post(
        _url("plan_edit", plan),
        _plan_data(plan, _loaded(client, plan), final_evaluation_due="01/01/2027"),
    )
    assert response.status_code == 200
    page = parse_html(response)
    assert page.find(id="id_final_evaluation_due").find_parent(class_="field--error")
    plan.refresh_from_db()
    assert plan.final_evaluation_due == dt.date(2029, 12, 31)


def test_a_save_over_someone_elses_is_a_conflict_that_keeps_the_input(
    client, plan, coordinator, make_user
):
    client.force_login(coordinator)
    loaded = _loaded(client, plan)
    assert (
        client.post(_url("plan_edit", plan), _plan_data(plan, loaded, title="Eerste")).status_code
        == 302
    )

    response = client.post(_url("plan_edit", plan), _plan_data(plan, loaded, title="Tweede"))

    assert response.status_code == 409
    page = parse_html(response)
    assert [td.get_text() for td in page.select(".conflict__field td")] == ["Eerste"]
    assert page.find("input", attrs={"name": "title"})["value"] == "Tweede"
    plan.refresh_from_db()
    assert plan.title == "Eerste"


# --- decisions -------------------------------------------------------------------------------


def test_the_coordinator_adds_edits_and_removes_a_decision(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.post(
        _url("decision_add", plan),
        {
            "kind": "parliament",
            "date": "15/01/2026",
            "reference": "Stuk 123 (2025-2026)",
            "description": "Bespreking in de commissie.",
        },
    )
    assert response.status_code == 302
    decision = plan.decisions.get(kind="parliament")
    assert decision.history.get().history_user_id == coordinator.pk

    page = parse_html(client.get(_url("decision_edit", plan, decision.pk)))
    loaded = page.find("input", attrs={"name": "loaded"})["value"]
    response = client.post(
        _url("decision_edit", plan, decision.pk),
        {
            "kind": "parliament",
            "date": "15/01/2026",
            "reference": "Stuk 124",
            "description": "Bespreking.",
            "loaded": loaded,
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.reference == "Stuk 124"

    assert client.get(_url("decision_remove", plan, decision.pk)).status_code == 200
    assert client.post(_url("decision_remove", plan, decision.pk)).status_code == 302
    assert not plan.decisions.filter(pk=decision.pk).exists()
    # Its history keeps what it said.
    assert PlanDecision.history.filter(id=decision.pk, history_type="-").get().reference == (
        "Stuk 124"
    )


def test_a_second_decision_of_the_same_kind_and_date_is_refused(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.post(
        _url("decision_add", plan),
        {"kind": "government", "date": "09/05/2025", "description": "Dubbel."},
    )
    assert response.status_code == 200
    page = parse_html(response)
    assert page.find(id="id_date").find_parent(class_="field--error")
    assert plan.decisions.filter(kind="government").count() == 1


@pytest.mark.parametrize("who", NOT_COORDINATORS)
def test_nobody_else_changes_decisions(client, plan, who, request):
    decision = plan.decisions.first()
    client.force_login(request.getfixturevalue(who))
    data = {"kind": "other", "date": "01/01/2026", "description": "Gekaapt."}
    assert client.post(_url("decision_add", plan), data).status_code == 403
    assert client.post(_url("decision_edit", plan, decision.pk), data).status_code == 403
    assert client.post(_url("decision_remove", plan, decision.pk)).status_code == 403
    assert plan.decisions.count() == 3
    decision.refresh_from_db()
    assert decision.description != "Gekaapt."


def test_a_decision_of_another_plan_is_not_found(client, plan, coordinator):
    other = Plan.objects.create(
        short_name="ander",
        title="Ander",
        period_start=plan.period_start,
        period_end=plan.period_end,
    )
    foreign = PlanDecision.objects.create(
        plan=other, kind="other", date=dt.date(2026, 1, 1), description="Elders."
    )
    client.force_login(coordinator)
    assert client.get(_url("decision_edit", plan, foreign.pk)).status_code == 404


# --- publication ------------------------------------------------------------------------------


def test_the_preview_shows_what_becomes_public_and_asks_to_confirm(
    client, plan, action, coordinator
):
    client.force_login(coordinator)
    response = client.get(_url("plan_publish", plan))

    assert response.status_code == 200
    page = parse_html(response)
    preview = page.select_one(".publication__preview")
    assert action.code in [a.get_text() for a in preview.select("a")]
    assert len(preview.select(".decision")) == 3
    assert page.find("input", attrs={"name": "confirm", "type": "checkbox"})

    # Without the confirmation nothing is published.
    response = client.post(_url("plan_publish", plan), {})
    assert response.status_code == 200
    plan.refresh_from_db()
    assert not plan.is_published


def test_the_coordinator_publishes_and_unpublishes(client, plan, action, coordinator):
    client.force_login(coordinator)
    response = client.post(_url("plan_publish", plan), {"confirm": "on"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.is_published
    assert plan.history.order_by("-history_date").first().history_user_id == coordinator.pk
    client.logout()
    assert client.get(_url("plan_detail", plan)).status_code == 200

    client.force_login(coordinator)
    assert client.post(_url("plan_unpublish", plan), {"confirm": "on"}).status_code == 302
    plan.refresh_from_db()
    assert not plan.is_published


def test_a_plan_that_is_not_ready_is_refused_with_the_reasons(client, plan, action, coordinator):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    plan.decisions.filter(kind="government").delete()
    client.force_login(coordinator)

    page = parse_html(client.get(_url("plan_publish", plan)))
    problems = [li.get_text(strip=True) for li in page.select(".publication__problems li")]
    assert problems == [
        "Het plan is nog een ontwerp: zet de status op goedgekeurd of lopend.",
        "Er is geen beslissing van de Vlaamse Regering over het plan geregistreerd.",
    ]
    assert not page.find("input", attrs={"name": "confirm"})

    response = client.post(_url("plan_publish", plan), {"confirm": "on"})
    assert response.status_code == 409
    assert parse_html(response).select(".publication__problems li")
    plan.refresh_from_db()
    assert not plan.is_published


def test_a_plan_holding_example_data_is_refused(client, demo, coordinator):
    client.force_login(coordinator)
    page = parse_html(client.get(_url("plan_publish", demo)))
    problems = [li.get_text(strip=True) for li in page.select(".publication__problems li")]
    assert problems == [
        "Het plan bevat voorbeeldgegevens: verwijder ze eerst (manage.py remove_demo). "
        "Voorbeeldgegevens worden nooit gepubliceerd."
    ]
    assert client.post(_url("plan_publish", demo), {"confirm": "on"}).status_code == 409
    demo.refresh_from_db()
    assert not demo.is_published


@pytest.mark.parametrize("who", NOT_COORDINATORS)
def test_nobody_else_publishes(client, plan, action, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("plan_publish", plan)).status_code == 403
    assert client.post(_url("plan_publish", plan), {"confirm": "on"}).status_code == 403
    plan.refresh_from_db()
    assert not plan.is_published


PREVIEW_QUERIES = [
    *SIGNED_IN,
    *TWO_STEP,
    *POLICY,
    ("SELECT plans_plan", "the plan"),
    ("SELECT plans_plandecision", "ready? a government decision"),
    ("SELECT plans_action", "ready? an action"),
    ("SELECT plans_action", "preview: the actions"),
    ("SELECT plans_strategicgoal", "preview: the strategic goals"),
    ("SELECT plans_operationalgoal", "preview: their operational goals (prefetch)"),
    ("SELECT plans_indicator", "preview: how many indicators"),
    ("SELECT plans_budgetline", "preview: how many budget lines"),
    ("SELECT plans_plandecision", "the decisions"),
    ("SELECT plans_minister", "the coordinating minister"),
    ("SELECT plans_organisation", "the coordinating agency"),
    *NAV,
    *BANNER,
]


def test_the_preview_takes_as_many_queries_for_many_actions(client, plan, action, coordinator):
    client.force_login(coordinator)
    with assert_queries(PREVIEW_QUERIES):
        client.get(_url("plan_publish", plan))
    for number in range(20):
        Action.objects.create(
            plan=plan,
            code=f"Q{number:03}",
            title=f"Actie {number}",
            operational_goal=action.operational_goal,
            lead_minister=action.lead_minister,
        )
    with assert_queries(PREVIEW_QUERIES):
        page = parse_html(client.get(_url("plan_publish", plan)))
    assert len(page.select(".publication__preview li a")) == 21
