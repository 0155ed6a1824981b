"""The publication services (portal/publication/services.py) and the plan's publication
(plans.services.plan_publish): what each step writes, removes and refuses."""

import pytest
from django.core.exceptions import ValidationError

from planmonitor.audit.models import Event
from planmonitor.demo.plan import demo_load
from planmonitor.monitoring.models import ReportState
from planmonitor.plans import services as plan_services
from planmonitor.plans.models import Action, Plan
from planmonitor.plans.services import CoordinatorOnly, PlanNotReady
from planmonitor.portal import cache as portal_cache
from planmonitor.portal import public
from planmonitor.portal.models import (
    EvaluationPublication,
    PublicationEvent,
    PublicationKind,
    RoundPublication,
    WithheldReport,
)
from planmonitor.portal.publication import services
from planmonitor.portal.tests.hidden import published_plan_with_hidden_items
from planmonitor.portal.tests.publication_helpers import NOT_PUBLISHERS, finished_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture():
    return published_plan_with_hidden_items()


def _events(plan, kind):
    return list(PublicationEvent.objects.filter(plan=plan, kind=kind))


# --- rounds ---------------------------------------------------------------------------------


def test_it_publishes_a_round_with_its_feed_entry_and_change_log_event(fixture, coordinator):
    later = fixture.unpublished_round
    services.round_publish(round_id=later.pk, editor=coordinator)

    publication = RoundPublication.objects.get(round=later)
    assert publication.published_by == coordinator
    assert later in public.rounds(fixture.plan)
    [event] = _events(fixture.plan, PublicationKind.ROUND)
    assert event.url_name == "portal:round"
    assert event.url_args == [fixture.plan.short_name, later.pk]
    assert event.title == f"Voortgang gepubliceerd: {later.name}"
    assert event.title_en == f"Progress published: {later.name}"
    assert Event.objects.filter(kind="round.publish", object_id=later.pk).count() == 1


def test_publishing_a_published_round_again_changes_nothing(fixture, coordinator):
    services.round_publish(round_id=fixture.published_round.pk, editor=coordinator)
    assert RoundPublication.objects.filter(round=fixture.published_round).count() == 1
    assert not _events(fixture.plan, PublicationKind.ROUND)


def test_it_unpublishes_a_round_and_removes_its_events(fixture, coordinator):
    later = fixture.unpublished_round
    services.round_publish(round_id=later.pk, editor=coordinator)
    services.round_publish(round_id=fixture.published_round.pk, editor=coordinator)  # no event
    services.round_unpublish(round_id=later.pk, editor=coordinator)

    assert not RoundPublication.objects.filter(round=later).exists()
    assert later not in public.rounds(fixture.plan)
    assert not _events(fixture.plan, PublicationKind.ROUND)
    summaries = Event.objects.filter(kind="round.publish", object_id=later.pk)
    assert sorted(summaries.values_list("summary", flat=True)) == [
        "gepubliceerd",
        "niet langer gepubliceerd",
    ]


def test_it_refuses_a_round_of_an_unpublished_plan(fixture, coordinator):
    Plan.objects.filter(pk=fixture.plan.pk).update(is_published=False)
    with pytest.raises(services.PublicationRefused, match="Publiceer eerst het plan"):
        services.round_publish(round_id=fixture.unpublished_round.pk, editor=coordinator)
    assert not RoundPublication.objects.filter(round=fixture.unpublished_round).exists()


def test_it_refuses_a_round_while_the_plan_holds_example_data(fixture, coordinator):
    Action.objects.filter(pk=fixture.action.pk).update(is_example=True)
    with pytest.raises(services.PublicationRefused, match="voorbeeldgegevens"):
        services.round_publish(round_id=fixture.unpublished_round.pk, editor=coordinator)
    assert not RoundPublication.objects.filter(round=fixture.unpublished_round).exists()


@pytest.mark.parametrize("who", NOT_PUBLISHERS)
def test_nobody_else_publishes_or_unpublishes_a_round(fixture, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(CoordinatorOnly):
        services.round_publish(round_id=fixture.unpublished_round.pk, editor=user)
    with pytest.raises(CoordinatorOnly):
        services.round_unpublish(round_id=fixture.published_round.pk, editor=user)
    assert RoundPublication.objects.filter(round=fixture.published_round).exists()
    assert not RoundPublication.objects.filter(round=fixture.unpublished_round).exists()


# --- reports held back ----------------------------------------------------------------------


def test_it_holds_a_report_back_and_releases_it(fixture, coordinator):
    published = fixture.published_round
    assert fixture.public_report in public.reports(fixture.plan)

    withheld = services.report_withhold(
        round_id=published.pk,
        action_id=fixture.action.pk,
        reason=" Lopend onderzoek ",
        editor=coordinator,
    )
    assert withheld.reason == "Lopend onderzoek"
    assert withheld.created_by == coordinator
    assert fixture.public_report not in public.reports(fixture.plan)
    assert Event.objects.filter(kind="report.withhold", summary="Lopend onderzoek").exists()

    services.report_release(withheld_id=withheld.pk, editor=coordinator)
    assert not WithheldReport.objects.filter(pk=withheld.pk).exists()
    assert fixture.public_report in public.reports(fixture.plan)
    assert Event.objects.filter(kind="report.release").exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_report_is_held_back_only_with_a_reason(fixture, coordinator, reason):
    with pytest.raises(ValidationError) as refused:
        services.report_withhold(
            round_id=fixture.published_round.pk,
            action_id=fixture.action.pk,
            reason=reason,
            editor=coordinator,
        )
    assert "reason" in refused.value.error_dict
    assert fixture.public_report in public.reports(fixture.plan)


def test_a_report_is_held_back_once(fixture, coordinator):
    with pytest.raises(ValidationError) as refused:
        services.report_withhold(
            round_id=fixture.published_round.pk,
            action_id=fixture.other_action.pk,  # already held back by the fixture
            reason="Nogmaals",
            editor=coordinator,
        )
    assert "action" in refused.value.error_dict


@pytest.mark.parametrize("who", NOT_PUBLISHERS)
def test_nobody_else_holds_back_or_releases(fixture, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(CoordinatorOnly):
        services.report_withhold(
            round_id=fixture.published_round.pk,
            action_id=fixture.action.pk,
            reason="x",
            editor=user,
        )
    withheld = WithheldReport.objects.get(action=fixture.other_action)
    with pytest.raises(CoordinatorOnly):
        services.report_release(withheld_id=withheld.pk, editor=user)
    assert WithheldReport.objects.count() == 1


# --- evaluation reports ---------------------------------------------------------------------


def test_it_publishes_a_finished_evaluation_report_and_unpublishes_it(fixture, coordinator):
    job = finished_job(fixture.plan)
    publication = services.evaluation_publish(
        job_id=job.pk, title="Tussentijdse evaluatie 2027", editor=coordinator
    )
    assert list(public.evaluation_reports(fixture.plan)) == [publication]
    [event] = _events(fixture.plan, PublicationKind.EVALUATION)
    assert event.url_name == "portal:evaluation_download"
    assert event.url_args == [fixture.plan.short_name, publication.pk]
    assert event.title_en == "Evaluation report published: Tussentijdse evaluatie 2027"

    services.evaluation_unpublish(job_id=job.pk, editor=coordinator)
    assert not EvaluationPublication.objects.exists()
    assert not _events(fixture.plan, PublicationKind.EVALUATION)
    assert Event.objects.filter(kind="evaluation.publish").count() == 2


@pytest.mark.parametrize("status", ["queued", "running", "failed"])
def test_an_unfinished_report_is_not_published(fixture, coordinator, status):
    job = finished_job(fixture.plan, status=status)
    with pytest.raises(services.PublicationRefused):
        services.evaluation_publish(job_id=job.pk, title="x", editor=coordinator)
    assert not EvaluationPublication.objects.exists()


def test_an_example_snapshots_report_is_not_published(fixture, coordinator):
    job = finished_job(fixture.plan, example=True)
    with pytest.raises(services.PublicationRefused, match="voorbeeldgegevens"):
        services.evaluation_publish(job_id=job.pk, title="x", editor=coordinator)


@pytest.mark.parametrize("who", NOT_PUBLISHERS)
def test_nobody_else_publishes_an_evaluation_report(fixture, who, request):
    job = finished_job(fixture.plan)
    with pytest.raises(CoordinatorOnly):
        services.evaluation_publish(job_id=job.pk, title="x", editor=request.getfixturevalue(who))
    assert not EvaluationPublication.objects.exists()


# --- the plan ---------------------------------------------------------------------------


def test_publishing_the_plan_writes_its_feed_entry_and_unpublishing_removes_it(
    plan, action, coordinator
):
    plan_services.plan_publish(plan_id=plan.pk, editor=coordinator)
    [event] = _events(plan, PublicationKind.PLAN)
    assert event.url_name == "portal:plan" and event.url_args == [plan.short_name]
    assert event.title == f"Plan gepubliceerd: {plan.title}"

    plan_services.plan_unpublish(plan_id=plan.pk, editor=coordinator)
    assert not _events(plan, PublicationKind.PLAN)


def test_the_plan_is_not_published_while_it_holds_example_data(plan, coordinator):
    demo_load()
    with pytest.raises(PlanNotReady) as refused:
        plan_services.plan_publish(plan_id=plan.pk, editor=coordinator)
    assert any("voorbeeldgegevens" in problem for problem in refused.value.problems)
    plan.refresh_from_db()
    assert not plan.is_published
    assert not _events(plan, PublicationKind.PLAN)


# --- the cache --------------------------------------------------------------------------


def _steps(fixture, coordinator):
    job = finished_job(fixture.plan)
    later = fixture.unpublished_round.pk
    yield lambda: services.round_publish(round_id=later, editor=coordinator)
    yield lambda: services.round_unpublish(round_id=later, editor=coordinator)
    yield lambda: services.report_withhold(
        round_id=later, action_id=fixture.action.pk, reason="x", editor=coordinator
    )
    yield lambda: services.report_release(
        withheld_id=WithheldReport.objects.get(action=fixture.action).pk, editor=coordinator
    )
    yield lambda: services.evaluation_publish(job_id=job.pk, title="x", editor=coordinator)
    yield lambda: services.evaluation_unpublish(job_id=job.pk, editor=coordinator)


def test_every_step_starts_a_new_cache_generation(
    fixture, coordinator, django_capture_on_commit_callbacks
):
    for step in _steps(fixture, coordinator):
        before = portal_cache.generation()
        with django_capture_on_commit_callbacks(execute=True):
            step()
        assert portal_cache.generation() > before


def test_a_reopened_report_leaves_the_public_site(fixture):
    report = fixture.public_report
    report.state = ReportState.DRAFT
    report.save(update_fields=["state"])
    assert report not in public.reports(fixture.plan)
