"""The public pages' cache after changes (portal/invalidation.py): an edit of a published
plan's public content and a publication render the cached pages anew; an unpublished
plan's edits leave the cache alone, for at most one small query."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planmonitor.monitoring.models import IndicatorValue, ReportState
from planmonitor.plans.models import Action, Plan, PlanDecision
from planmonitor.portal import cache as portal_cache
from planmonitor.portal import invalidation
from planmonitor.portal.publication import services
from planmonitor.portal.tests.hidden import hidden
from planmonitor.portal.tests.site_helpers import framework_urls, indexed_fixture, memory_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    yield from memory_cache(settings)


@pytest.fixture
def fixture(page_cache):
    return indexed_fixture()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the cache's new generation) as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_cached_action_page_shows_the_new_title_after_an_edit(client, fixture, committed):
    url = framework_urls(fixture, "nl")["action"]
    assert "OPENBAAR-nieuwe-titel" not in client.get(url).content.decode()
    with committed():
        action = Action.objects.get(pk=fixture.action.pk)
        action.title = "OPENBAAR-nieuwe-titel"
        action.save(update_fields=["title"])
    assert "OPENBAAR-nieuwe-titel" in client.get(url).content.decode()


def test_a_cached_action_page_shows_a_renamed_indicator(client, fixture, committed):
    url = framework_urls(fixture, "nl")["action"]
    client.get(url)
    with committed():
        indicator = fixture.open_indicator
        indicator.name = "OPENBAAR-nieuwe-indicator"
        indicator.save(update_fields=["name"])
    assert "OPENBAAR-nieuwe-indicator" in client.get(url).content.decode()


def test_a_cached_decisions_page_shows_a_round_once_published(
    client, fixture, committed, coordinator
):
    url = reverse("portal:decisions", args=[fixture.plan.short_name])
    assert hidden("round-name") not in client.get(url).content.decode()
    with committed():
        services.round_publish(round_id=fixture.unpublished_round.pk, editor=coordinator)
    assert hidden("round-name") in client.get(url).content.decode()


def test_a_new_decision_shows_on_the_cached_decisions_page(client, fixture, committed):
    url = reverse("portal:decisions", args=[fixture.plan.short_name])
    client.get(url)
    with committed():
        PlanDecision.objects.create(
            plan=fixture.plan,
            kind=PlanDecision.Kind.PARLIAMENT,
            date=dt.date(2026, 2, 2),
            description="OPENBAAR-nieuwe-beslissing",
        )
    assert "OPENBAAR-nieuwe-beslissing" in client.get(url).content.decode()


def test_a_reopened_report_leaves_the_cached_round_page(client, fixture, committed):
    url = reverse("portal:round", args=[fixture.plan.short_name, fixture.published_round.pk])
    assert fixture.shown["report"] in client.get(url).content.decode()
    with committed():
        report = fixture.public_report
        report.state = ReportState.DRAFT
        report.save(update_fields=["state"])
    assert fixture.shown["report"] not in client.get(url).content.decode()


def _bumps(committed, change) -> bool:
    before = portal_cache.generation()
    with committed():
        change()
    return portal_cache.generation() > before


def test_a_value_of_an_accepted_report_in_a_published_round_bumps(fixture, committed):
    value = IndicatorValue.objects.filter(report=fixture.public_report).first()
    assert _bumps(committed, lambda: value.save())


def test_edits_of_an_unpublished_plan_leave_the_cache_alone(fixture, committed):
    Plan.objects.filter(pk=fixture.plan.pk).update(is_published=False)
    action = Action.objects.get(pk=fixture.action.pk)
    assert not _bumps(committed, lambda: action.save(update_fields=["title"]))
    assert not _bumps(committed, lambda: fixture.open_indicator.save())
    assert not _bumps(committed, lambda: fixture.public_report.save())


def test_a_save_costs_at_most_one_query_and_none_with_the_plan_at_hand(fixture):
    action = Action.objects.get(pk=fixture.action.pk)
    with CaptureQueriesContext(connection) as queries:
        invalidation.plan_content_changed(sender=Action, instance=action)
    assert len(queries) == 1
    action = Action.objects.select_related("plan").get(pk=fixture.action.pk)
    with CaptureQueriesContext(connection) as queries:
        invalidation.plan_content_changed(sender=Action, instance=action)
    assert len(queries) == 0


def test_a_new_co_minister_shows_on_the_cached_action_page(client, fixture, committed):
    from planmonitor.plans.models import Minister

    url = framework_urls(fixture, "nl")["action"]
    action = Action.objects.get(pk=fixture.action.pk)
    newcomer = (
        Minister.objects.exclude(pk=action.lead_minister_id)
        .exclude(pk__in=action.co_ministers.all())
        .first()
    )
    assert newcomer.name not in client.get(url).content.decode()
    with committed():
        action.co_ministers.add(newcomer)
    assert newcomer.name in client.get(url).content.decode()


def test_a_renamed_minister_shows_on_the_cached_action_page(client, fixture, committed):
    url = framework_urls(fixture, "nl")["action"]
    client.get(url)
    with committed():
        minister = Action.objects.get(pk=fixture.action.pk).lead_minister
        minister.name = "OPENBAAR-hernoemde-minister"
        minister.save(update_fields=["name"])
    assert "OPENBAAR-hernoemde-minister" in client.get(url).content.decode()


def test_links_of_an_unpublished_plan_s_action_leave_the_cache_alone(fixture, committed):
    from planmonitor.plans.models import Minister

    Plan.objects.filter(pk=fixture.plan.pk).update(is_published=False)
    action = Action.objects.get(pk=fixture.action.pk)
    other = Minister.objects.exclude(pk=action.lead_minister_id).first()
    assert not _bumps(committed, lambda: action.co_ministers.add(other))


def test_migrate_starts_a_new_generation(fixture):
    # A deployment brings new templates: pages cached by the old code must go.
    from django.core.management import call_command

    before = portal_cache.generation()
    call_command("migrate", verbosity=0)
    assert portal_cache.generation() > before
