"""history_timeline: readable values, deleted references, and history that starts late."""

import datetime as dt
from decimal import Decimal

from planmonitor.audit.tests.helpers import timeline
from planmonitor.plans.models import Action, Indicator, Partner


def _changes(entry) -> dict[str, tuple]:
    return {c.label: (c.before, c.after, c.removed, c.added) for c in entry.changes}


def test_dates_numbers_and_booleans_read_as_people_write_them(action, els, edit):
    edit(action, user=els, start_date=dt.date(2025, 10, 1), has_budget_impact=True)
    indicator = Indicator.objects.create(
        action=action, code="I1", name="Bereik", kind="quantitative", target_value=Decimal("250000")
    )
    edit(indicator, user=els, target_value=Decimal("12.5000"))

    changes = _changes(timeline(Action, action.pk)[0])
    assert changes["Start"][:2] == ("", "01/10/2025")
    assert changes["Budget impact"][:2] == ("no", "yes")
    assert _changes(timeline(Indicator, indicator.pk)[0])["Target"][:2] == ("250000", "12.5")


def test_a_deleted_term_keeps_its_label_in_the_history_of_the_action(action, els, edit):
    partner = Partner.objects.create(plan=action.plan, code="SENSOA", label="Sensoa")
    edit(action, user=els, m2m={"partners": [partner]})
    partner.delete()  # its links go without a signal: the action's history keeps the old ones
    assert _changes(timeline(Action, action.pk)[0])["Partners"][3] == ("Sensoa",)


def test_a_save_without_changes_is_not_shown(action, els, edit):
    entries = len(timeline(Action, action.pk))
    edit(action, user=els, title=action.title)  # only version/updated_at differ
    assert len(timeline(Action, action.pk)) == entries


def test_history_that_starts_with_a_change_shows_the_state_at_that_moment(plan, els, edit):
    # Bulk-loaded rows (the demo) have no creation record: the first record is a change.
    (action,) = Action.objects.bulk_create(
        [
            Action(
                plan=plan,
                code="B1",
                title="Zonder geschiedenis",
                operational_goal=plan.operational_goals.first(),
                lead_minister_id=plan.coordinating_minister_id,
            )
        ]
    )
    edit(action, user=els, title="Eerste bewerking")
    (entry,) = timeline(Action, action.pk)
    assert entry.kind == "~" and entry.earlier_unknown
    assert _changes(entry)["Title"][:2] == ("", "Eerste bewerking")
