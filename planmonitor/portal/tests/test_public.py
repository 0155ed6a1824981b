"""The one definition of what is public (portal/public.py), against a plan holding one of
each kind of hidden item."""

from decimal import Decimal

import pytest

from planmonitor.portal import public
from planmonitor.portal.models import RoundPublication
from planmonitor.portal.tests.hidden import (
    LARGE_COUNT,
    SMALL_COUNT,
    assert_nothing_hidden,
    published_plan_with_hidden_items,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture():
    return published_plan_with_hidden_items()


def test_only_the_accepted_report_of_a_published_round_not_held_back_is_public(fixture):
    reports = list(public.reports(fixture.plan))
    assert reports == [fixture.public_report]


def test_records_hold_no_hidden_item(fixture):
    plan = fixture.plan
    rows = [
        *public.records(public.actions(plan), public.action_record),
        *public.records(public.indicators(plan), public.indicator_record),
        *public.records(public.reports(plan), public.report_record),
        *public.records(public.values(plan), public.value_record),
    ]
    body = repr(rows)
    assert_nothing_hidden(body, fixture)
    assert fixture.shown["report"] in body and fixture.shown["summary"] in body


def test_small_counts_of_a_sensitive_indicator_are_suppressed(fixture):
    by_indicator = {v.indicator.code: public.value_record(v) for v in public.values(fixture.plan)}
    assert by_indicator["I1"]["value"] is None
    assert by_indicator["I1"]["value_shown"] == "< 5"
    assert by_indicator["I1"]["suppressed"] is True
    # The same small count of an indicator not marked sensitive shows.
    assert by_indicator["I2"]["value"] == SMALL_COUNT
    assert by_indicator["I2"]["value_shown"] == "3"


def test_a_value_at_or_above_the_threshold_shows(fixture):
    shown = public.shown_number(fixture.sensitive, LARGE_COUNT)
    assert (shown.value, shown.text, shown.suppressed) == (LARGE_COUNT, "12", False)
    assert public.shown_number(fixture.sensitive, Decimal("5")).text == "5"
    assert public.shown_number(fixture.sensitive, Decimal("0")).text == "< 5"
    fixture.sensitive.suppression_threshold = 10
    assert public.shown_number(fixture.sensitive, Decimal("9.5")).text == "< 10"


def test_a_preview_shows_a_round_before_it_is_published(fixture):
    audience = public.Audience(round_ids=frozenset({fixture.unpublished_round.pk}))
    assert {r.round_id for r in public.reports(fixture.plan, audience)} == {
        fixture.published_round.pk,
        fixture.unpublished_round.pk,
    }
    assert audience.is_preview and not public.PUBLIC.is_preview


def test_an_unpublished_plan_is_not_public(fixture):
    fixture.plan.is_published = False
    fixture.plan.save()
    assert public.plan(fixture.plan.short_name) is None
    preview = public.Audience(plan_ids=frozenset({fixture.plan.pk}))
    assert public.plan(fixture.plan.short_name, preview) == fixture.plan


def test_unpublishing_a_round_hides_its_reports(fixture):
    RoundPublication.objects.filter(round=fixture.published_round).delete()
    assert not public.reports(fixture.plan).exists()


def test_action_reports_carry_their_values(fixture):
    (report,) = public.action_reports(fixture.action)
    assert {v.indicator.code for v in report.values.all()} == {"I1", "I2"}


def test_plan_pk_answers_as_plan_does(fixture):
    plan = fixture.plan
    assert public.plan_pk(plan.short_name) == plan.pk == public.plan(plan.short_name).pk
    assert public.plan_pk("no-such-plan") is None
    plan.is_published = False
    plan.save(update_fields=["is_published"])
    assert public.plan_pk(plan.short_name) is None and public.plan(plan.short_name) is None
