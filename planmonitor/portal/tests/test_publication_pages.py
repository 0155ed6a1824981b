"""The coordinator's publication page (portal/publication/views.py): who gets it, what it
lists, its steps, the withheld report on the portal, the preview, and its query count."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planmonitor.accounts import policy
from planmonitor.monitoring.models import ProgressReport, ReportingRound, ReportState
from planmonitor.plans.models import Plan
from planmonitor.portal import preview
from planmonitor.portal.models import EvaluationPublication, RoundPublication, WithheldReport
from planmonitor.portal.tests.hidden import hidden, published_plan_with_hidden_items, shown
from planmonitor.portal.tests.publication_helpers import NOT_PUBLISHERS, finished_job
from planmonitor.portal.tests.site_helpers import memory_cache, soup
from planmonitor.tests.queries import (
    BANNER,
    NAV,
    POLICY,
    SIGNED_IN,
    TWO_STEP,
    assert_queries,
    check_same_queries,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    yield from memory_cache(settings)


@pytest.fixture
def fixture(page_cache):
    return published_plan_with_hidden_items()


def page_url(plan, name="plan", **kwargs) -> str:
    return reverse(f"publication:{name}", kwargs={"short_name": plan.short_name, **kwargs})


def portal_round(fixture, reporting_round) -> str:
    return reverse("portal:round", args=[fixture.plan.short_name, reporting_round.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- who gets the page ----------------------------------------------------------------------


def test_the_coordinator_sees_the_rounds_reports_and_evaluation_reports(
    client, fixture, coordinator
):
    client.force_login(coordinator)
    response = client.get(page_url(fixture.plan))
    assert response.status_code == 200
    page = soup(response)
    rows = {int(tr["data-round"]): tr for tr in page.select("tr.publication-round")}
    published, later = rows[fixture.published_round.pk], rows[fixture.unpublished_round.pk]
    assert "Gepubliceerd op" in published.select_one(".publication-round__state").get_text()
    assert later.select_one(".publication-round__state").get_text(strip=True) == "Niet gepubliceerd"
    # T001's report shows; T002's is accepted but held back; the others are not accepted.
    assert published.select_one(".publication-round__shown").get_text(strip=True) == "1"
    assert later.select_one(".publication-round__shown").get_text(strip=True) == "1"
    [withheld] = published.select(".publication-round__withheld li")
    assert "T002" in withheld.get_text() and hidden("withheld-why") in withheld.get_text()
    unpublish = page_url(fixture.plan, "round_unpublish", round_id=fixture.published_round.pk)
    publish = page_url(fixture.plan, "round_publish", round_id=fixture.unpublished_round.pk)
    assert published.select_one(f"form[action='{unpublish}']")
    assert later.select_one(f"form[action='{publish}']")
    # The fixture's finished (unpublished) evaluation report, with a form to publish it.
    assert len(page.select(".publication-job form input[name=title]")) == 1


@pytest.mark.parametrize("who", NOT_PUBLISHERS)
def test_the_plans_other_people_are_refused(client, fixture, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page_url(fixture.plan)).status_code == 403
    response = client.post(
        page_url(fixture.plan, "round_publish", round_id=fixture.unpublished_round.pk)
    )
    assert response.status_code == 403
    assert not RoundPublication.objects.filter(round=fixture.unpublished_round).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, fixture):
    response = client.get(page_url(fixture.plan))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_unknown_plan_is_404(client, fixture, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("publication:plan", args=["geen-plan"])).status_code == 404


def test_a_round_of_another_plan_is_404(client, fixture, coordinator):
    other = Plan.objects.create(
        short_name="ander",
        title="Ander plan",
        period_start=fixture.plan.period_start,
        period_end=fixture.plan.period_end,
        coordinating_minister=fixture.plan.coordinating_minister,
    )
    foreign = ReportingRound.objects.create(
        plan=other,
        name="x",
        period_start=fixture.plan.period_start,
        period_end=fixture.plan.period_start,
        due_date=fixture.plan.period_start,
    )
    client.force_login(coordinator)
    response = client.post(page_url(fixture.plan, "round_publish", round_id=foreign.pk))
    assert response.status_code == 404


def test_the_plan_page_links_to_it_for_the_coordinator_only(client, fixture, coordinator, owner):
    plan_page = reverse("plans:plan_detail", args=[fixture.plan.short_name])
    client.force_login(coordinator)
    links = [a["href"] for a in soup(client.get(plan_page)).select("main a")]
    assert page_url(fixture.plan) in links
    client.force_login(owner)
    links = [a["href"] for a in soup(client.get(plan_page)).select("main a")]
    assert page_url(fixture.plan) not in links


# --- the steps ------------------------------------------------------------------------------


def test_the_coordinator_publishes_a_round_and_the_portal_shows_it(
    client, fixture, coordinator, django_capture_on_commit_callbacks
):
    later = fixture.unpublished_round
    assert client.get(portal_round(fixture, later)).status_code == 404
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url(fixture.plan, "round_publish", round_id=later.pk))
    assert response.status_code == 302 and response["Location"] == page_url(fixture.plan)
    assert messages_of(response) == [f"De voortgang van {later.name} is gepubliceerd."]
    client.logout()
    public_page = client.get(portal_round(fixture, later))
    assert public_page.status_code == 200
    assert hidden("unpublished-round-report") in public_page.content.decode()

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(fixture.plan, "round_unpublish", round_id=later.pk))
    client.logout()
    assert client.get(portal_round(fixture, later)).status_code == 404


def test_a_refused_step_says_why(client, fixture, coordinator):
    Plan.objects.filter(pk=fixture.plan.pk).update(is_published=False)
    client.force_login(coordinator)
    response = client.post(
        page_url(fixture.plan, "round_publish", round_id=fixture.unpublished_round.pk)
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Publiceer eerst het plan: niets van een niet-gepubliceerd plan is openbaar."
    ]
    assert not RoundPublication.objects.filter(round=fixture.unpublished_round).exists()


def test_a_withheld_report_disappears_from_the_portal_round_page(
    client, fixture, coordinator, django_capture_on_commit_callbacks
):
    url = portal_round(fixture, fixture.published_round)
    assert shown("report") in client.get(url).content.decode()  # and now in the cache
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_url(fixture.plan, "report_withhold"),
            {
                "round": fixture.published_round.pk,
                "action": fixture.action.pk,
                "reason": "Cijfers in herziening",
            },
        )
    assert response.status_code == 302
    assert messages_of(response) == [
        f"Het rapport van T001 in {fixture.published_round.name} wordt achtergehouden."
    ]
    client.logout()
    body = client.get(url).content.decode()
    assert shown("report") not in body
    assert "Cijfers in herziening" not in body  # the reason is internal

    withheld = WithheldReport.objects.get(action=fixture.action)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(fixture.plan, "report_release", pk=withheld.pk))
    client.logout()
    assert shown("report") in client.get(url).content.decode()


def test_holding_back_without_a_reason_shows_the_form_again(client, fixture, coordinator):
    client.force_login(coordinator)
    response = client.post(
        page_url(fixture.plan, "report_withhold"),
        {"round": fixture.published_round.pk, "action": fixture.action.pk, "reason": ""},
    )
    assert response.status_code == 200
    assert soup(response).select(".error-summary a[href='#id_reason']")
    assert not WithheldReport.objects.filter(action=fixture.action).exists()


def test_the_coordinator_publishes_an_evaluation_report(
    client, fixture, coordinator, django_capture_on_commit_callbacks
):
    job = finished_job(fixture.plan)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_url(fixture.plan, "evaluation_publish", job_id=job.pk),
            {"title": "Tussentijdse evaluatie 2027"},
        )
    assert response.status_code == 302
    assert EvaluationPublication.objects.get(job=job).title == "Tussentijdse evaluatie 2027"
    client.logout()
    evaluations = client.get(reverse("portal:evaluations", args=[fixture.plan.short_name]))
    assert "Tussentijdse evaluatie 2027" in evaluations.content.decode()

    client.force_login(coordinator)
    client.post(page_url(fixture.plan, "evaluation_unpublish", job_id=job.pk))
    assert not EvaluationPublication.objects.filter(job=job).exists()


def test_an_unfinished_evaluation_report_is_404(client, fixture, coordinator):
    job = finished_job(fixture.plan, status="running")
    client.force_login(coordinator)
    response = client.post(
        page_url(fixture.plan, "evaluation_publish", job_id=job.pk), {"title": "x"}
    )
    assert response.status_code == 404


# --- the preview ----------------------------------------------------------------------------


def test_the_preview_shows_an_unpublished_round_to_the_coordinator_only_and_is_never_cached(
    client, fixture, coordinator, owner
):
    later = portal_round(fixture, fixture.unpublished_round)
    client.force_login(coordinator)
    response = client.post(
        page_url(fixture.plan, "preview_start"), {"rounds": [fixture.unpublished_round.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:plan", args=[fixture.plan.short_name])

    for _twice in range(2):
        previewed = client.get(later)
        assert previewed.status_code == 200
        assert hidden("unpublished-round-report") in previewed.content.decode()
        assert soup(previewed).select_one(".portal-preview")
        assert {"private", "no-store"} <= set(previewed["Cache-Control"].replace(",", " ").split())

    client.logout()
    assert client.get(later).status_code == 404  # the public never gets the preview
    # Someone who may not publish the plan gets nothing from a preview in their session.
    client.force_login(owner)
    session = client.session
    session[preview.SESSION_KEY] = {
        "plans": [fixture.plan.pk],
        "rounds": [fixture.unpublished_round.pk],
    }
    session.save()
    assert not policy.can_publish_plan(owner, fixture.plan)
    assert client.get(later).status_code == 404


def test_the_preview_of_an_unpublished_plan_and_its_stop(client, fixture, coordinator):
    Plan.objects.filter(pk=fixture.plan.pk).update(is_published=False)
    plan_page = reverse("portal:plan", args=[fixture.plan.short_name])
    client.force_login(coordinator)
    assert client.get(plan_page).status_code == 404
    client.post(page_url(fixture.plan, "preview_start"), {})
    assert client.get(plan_page).status_code == 200
    assert soup(client.get(page_url(fixture.plan))).select_one(
        f"form[action='{page_url(fixture.plan, 'preview_stop')}']"
    )
    response = client.post(page_url(fixture.plan, "preview_stop"))
    assert response.status_code == 302 and response["Location"] == page_url(fixture.plan)
    assert client.get(plan_page).status_code == 404


def test_a_preview_of_another_plans_round_is_refused(client, fixture, coordinator):
    client.force_login(coordinator)
    response = client.post(page_url(fixture.plan, "preview_start"), {"rounds": [2**31]})
    assert response.status_code == 302
    assert response["Location"] == page_url(fixture.plan)
    assert preview.SESSION_KEY not in client.session


# --- queries --------------------------------------------------------------------------------


def _more_of_everything(fixture, n: int) -> None:
    plan = fixture.plan
    for i in range(n):
        reporting_round = ReportingRound.objects.create(
            plan=plan,
            name=f"Extra ronde {i}",
            period_start=fixture.published_round.period_start,
            period_end=fixture.published_round.period_end,
            due_date=fixture.published_round.due_date,
        )
        ProgressReport.objects.create(
            round=reporting_round, action=fixture.action, state=ReportState.ACCEPTED
        )
        RoundPublication.objects.create(
            round=reporting_round, published_at=fixture.published_round.publication.published_at
        )
        WithheldReport.objects.create(
            round=reporting_round, action=fixture.other_action, reason=f"r{i}"
        )
        finished_job(plan, name=f"Evaluatie {i}")


PAGE_QUERIES = [
    *SIGNED_IN,
    *TWO_STEP,
    ("SELECT plans_plan", "the plan"),
    *POLICY,
    ("SELECT monitoring_reportinground", "the rounds with their publication"),
    ("SELECT monitoring_progressreport", "the reports each round would show, counted"),
    ("SELECT portal_withheldreport", "the reports held back, with their actions"),
    ("SELECT plans_action", "the withhold form's actions"),
    ("SELECT evaluation_reportjob", "the finished evaluation reports and publications"),
    ("SELECT plans_action", "does the plan hold example data?"),
    *NAV,
    *BANNER,
]


def test_the_page_costs_the_same_queries_for_more_rounds_and_reports(client, fixture, coordinator):
    client.force_login(coordinator)
    url = page_url(fixture.plan)
    with assert_queries(PAGE_QUERIES) as first:
        assert client.get(url).status_code == 200
    _more_of_everything(fixture, 4)
    with CaptureQueriesContext(connection) as second:
        page = soup(client.get(url))
    assert len(page.select("tr.publication-round")) == 6
    assert len(page.select(".publication-job")) == 5
    check_same_queries(first, second)
