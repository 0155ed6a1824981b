"""Opening a reporting round: the form, its validation and the selection buttons."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from planmonitor.monitoring.models import ProgressReport, ReportingRound
from planmonitor.plans.models import Action
from planmonitor.tests.html import parse_html as soup_of

from .rounds_helpers import create_url, detail_url, open_round


@pytest.fixture
def finished_action(plan, action) -> Action:
    """Completed: not running, so not preselected."""
    return Action.objects.create(
        plan=plan,
        code="T003",
        title="Testactie: afgerond",
        operational_goal=action.operational_goal,
        lead_minister=action.lead_minister,
        status=Action.Status.COMPLETED,
    )


@pytest.fixture
def old_action(plan, action) -> Action:
    """Ended long ago: not running in this year's periods."""
    return Action.objects.create(
        plan=plan,
        code="T004",
        title="Testactie: voorbij",
        operational_goal=action.operational_goal,
        lead_minister=action.lead_minister,
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2020, 12, 31),
    )


def _checked(soup) -> list[str]:
    return sorted(
        box.find_next_sibling("label").select_one(".action__code").get_text()
        for box in soup.select('input[name="actions"][checked]')
    )


def _post(client, plan, action_ids, **values):
    data = {
        "name": "2026 – tweede semester",
        "period_start": "01/07/2026",
        "period_end": "31/12/2026",
        "due_date": "31/01/2027",
        "reminder_days": "10",
        "actions": [str(pk) for pk in action_ids],
        **values,
    }
    return client.post(create_url(plan), data)


def test_it_preselects_the_actions_running_now(
    client, plan, action, other_action, finished_action, old_action, coordinator
):
    client.force_login(coordinator)
    soup = soup_of(client.get(create_url(plan)))

    assert _checked(soup) == ["T001", "T002"]
    assert len(soup.select('input[name="actions"]')) == 4


def test_it_proposes_the_current_half_year(client, plan, coordinator):
    client.force_login(coordinator)
    soup = soup_of(client.get(create_url(plan)))
    today = timezone.localdate()
    start = "01/01" if today.month <= 6 else "01/07"

    assert soup.select_one("#id_period_start")["value"] == f"{start}/{today.year}"
    assert soup.select_one("#id_reminder_days")["value"] == "7"


def test_the_actions_are_grouped_by_operational_goal(
    client, plan, action, other_action, coordinator
):
    client.force_login(coordinator)
    soup = soup_of(client.get(create_url(plan)))

    groups = {
        group.legend.contents[0].strip(): [
            code.get_text() for code in group.select(".action__code")
        ]
        for group in soup.select("fieldset.round-actions__goal")
    }

    assert groups == {"OD 1.4": ["T002"], "OD 2.1": ["T001"]}


def test_the_coordinator_opens_a_round_for_the_chosen_actions(
    client, plan, action, other_action, coordinator
):
    client.force_login(coordinator)

    response = _post(client, plan, [action.pk])

    reporting_round = ReportingRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(reporting_round)
    assert (reporting_round.name, reporting_round.due_date, reporting_round.reminder_days) == (
        "2026 – tweede semester",
        dt.date(2027, 1, 31),
        10,
    )
    assert [r.action.code for r in reporting_round.reports.all()] == ["T001"]
    assert reporting_round.reports.get().state == "draft"


def test_the_new_reports_are_in_the_audit_trail(client, plan, action, other_action, coordinator):
    client.force_login(coordinator)
    _post(client, plan, [action.pk, other_action.pk])

    created = ProgressReport.history.filter(history_type="+")
    assert sorted(created.values_list("action_id", flat=True)) == sorted(
        [action.pk, other_action.pk]
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"period_end": "30/06/2026"}, "period_end"),  # before the start
        ({"due_date": "30/12/2026"}, "due_date"),  # before the period ends
        ({"due_date": "31/02/2027"}, "due_date"),  # no such day
        ({"reminder_days": "-1"}, "reminder_days"),
        ({"name": "  "}, "name"),
    ],
)
def test_it_refuses_what_does_not_add_up(client, plan, action, coordinator, values, field):
    client.force_login(coordinator)

    response = _post(client, plan, [action.pk], **values)

    assert response.status_code == 200
    assert not ReportingRound.objects.exists()
    soup = soup_of(response)
    assert soup.select_one(".error-summary")
    assert soup.select_one(f"#id_{field}").find_parent(class_="field--error")


def test_the_due_date_may_be_the_last_day_of_the_period(client, plan, action, coordinator):
    client.force_login(coordinator)
    assert _post(client, plan, [action.pk], due_date="31/12/2026").status_code == 302


def test_a_round_needs_at_least_one_action(client, plan, action, coordinator):
    client.force_login(coordinator)

    response = _post(client, plan, [])

    assert response.status_code == 200
    assert not ReportingRound.objects.exists()
    assert soup_of(response).select_one("fieldset.round-actions.field--error")


def test_names_are_unique_per_plan_whatever_the_case(client, plan, action, coordinator):
    open_round(plan, name="2026 – Tweede semester")
    client.force_login(coordinator)

    response = _post(client, plan, [action.pk])

    assert response.status_code == 200
    assert ReportingRound.objects.count() == 1
    assert soup_of(response).select_one("#id_name").find_parent(class_="field--error")


def test_an_action_of_another_plan_cannot_be_slipped_in(client, plan, action, coordinator):
    client.force_login(coordinator)
    response = _post(client, plan, [action.pk, 999_999])
    assert response.status_code == 200
    assert not ReportingRound.objects.exists()


# --- the selection buttons: no JavaScript, nothing saved ------------------------------


def test_select_all_and_none(client, plan, action, other_action, finished_action, coordinator):
    client.force_login(coordinator)

    everything = soup_of(_post(client, plan, [action.pk], select="all"))
    nothing = soup_of(_post(client, plan, [action.pk], select="none"))

    assert _checked(everything) == ["T001", "T002", "T003"]
    assert _checked(nothing) == []
    assert not ReportingRound.objects.exists()


def test_select_all_of_one_operational_goal_adds_to_the_selection(
    client, plan, action, other_action, finished_action, coordinator
):
    client.force_login(coordinator)
    soup = soup_of(_post(client, plan, [other_action.pk], select="goal:2.1"))
    assert _checked(soup) == ["T001", "T002", "T003"]


def test_running_in_this_period_follows_the_typed_period(
    client, plan, action, old_action, finished_action, coordinator
):
    client.force_login(coordinator)

    soup = soup_of(
        _post(
            client,
            plan,
            [],
            select="running",
            period_start="01/01/2020",
            period_end="30/06/2020",
            due_date="31/07/2020",
        )
    )

    assert _checked(soup) == ["T001", "T004"]
    # What was typed stays, without error messages: nothing was submitted yet.
    assert soup.select_one("#id_period_start")["value"] == "01/01/2020"
    assert soup.select_one("#id_name")["value"] == "2026 – tweede semester"
    assert not soup.select_one(".error-summary")


def test_running_in_this_period_needs_a_valid_period(client, plan, action, coordinator):
    client.force_login(coordinator)
    response = _post(client, plan, [action.pk], select="running", period_end="nonsense")
    soup = soup_of(response)
    assert _checked(soup) == ["T001"]  # unchanged
    assert soup.select_one(".message--warning")


def test_pressing_enter_opens_the_round_rather_than_changing_the_selection(
    client, plan, action, coordinator
):
    # Browsers submit with the first submit button of the form.
    client.force_login(coordinator)
    form = soup_of(client.get(create_url(plan))).select_one("form.round-form")
    first = form.select_one('button[type="submit"]')
    assert not first.has_attr("name")


@pytest.mark.parametrize(
    "who", ["owner", "other_owner", "contributor", "network_member", "evaluator", "outsider"]
)
def test_only_coordinators_open_rounds(client, plan, action, who, request):
    client.force_login(request.getfixturevalue(who))
    assert _post(client, plan, [action.pk]).status_code == 403
    assert not ReportingRound.objects.exists()


def test_anonymous_visitors_are_sent_to_login(client, plan, action):
    response = _post(client, plan, [action.pk])
    assert response["Location"].startswith(reverse("login"))
    assert not ReportingRound.objects.exists()
