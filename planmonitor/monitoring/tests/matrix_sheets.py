"""Authorization matrix entries of the action sheet pages.

Whoever follows the action's monitoring (coordinator, its owners, its
contributors, network members, evaluators) reads the sheet, its versions and
its PDF; owners and the coordinator edit it and submit it; only the coordinator
approves or returns it. The other owner and outsiders get 404: they may not
know it exists. The parts (milestones, indicators, budget lines) a URL names
are created on the fly; the sheet is a draft.
"""

import datetime as dt

from django.utils import timezone

from planmonitor.tests.matrix import (
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    NOT_FOUND,
    WHOLE_PLAN,
    Entry,
    action_kwargs,
    answers,
)

READERS = answers(
    NOT_FOUND,
    anonymous=LOGIN,
    coordinator=200,
    owner=200,
    contributor=200,
    cabinet=200,
    **WHOLE_PLAN,
)
# Editors get the page (or an empty form back with its errors); readers may not.
EDITORS = answers(
    FORBIDDEN,
    anonymous=LOGIN,
    coordinator=200,
    owner=200,
    other_owner=NOT_FOUND,
    outsider=NOT_FOUND,
)
EDITORS_POST = answers(
    FORBIDDEN,
    anonymous=LOGIN,
    coordinator=302,
    owner=302,
    other_owner=NOT_FOUND,
    outsider=NOT_FOUND,
)


def _milestone(objects: dict) -> dict:
    milestone, _created = objects["action"].milestones.get_or_create(
        name="Matrixmijlpaal", defaults={"planned_date": dt.date(2026, 6, 30)}
    )
    return {**action_kwargs(objects), "pk": milestone.pk}


def _indicator(objects: dict) -> dict:
    indicator, _created = objects["action"].indicators.get_or_create(
        code="MX1", defaults={"name": "Matrixindicator", "kind": "qualitative"}
    )
    return {**action_kwargs(objects), "pk": indicator.pk}


def _budget_line(objects: dict) -> dict:
    action = objects["action"]
    line, _created = action.budget_lines.get_or_create(
        year=2026,
        policy_domain=action.plan.policy_domains.first(),
        defaults={"amount": "1000.00"},
    )
    return {**action_kwargs(objects), "pk": line.pk}


def _version(objects: dict) -> dict:
    from planmonitor.monitoring.models import SheetVersion
    from planmonitor.monitoring.sheets.services import sheet_snapshot

    sheet = objects["sheet"]
    SheetVersion.objects.get_or_create(
        sheet=sheet,
        number=1,
        defaults={
            "content": sheet_snapshot(sheet),
            "approved_at": timezone.now(),
            "approved_by_name": "Coördinator",
        },
    )
    return {**action_kwargs(objects), "number": 1}


ENTRIES: dict[str, Entry] = {
    "monitoring:sheet_detail": Entry(kwargs=action_kwargs, get=READERS, post=NO_POST_LOGGED_IN),
    "monitoring:sheet_pdf": Entry(kwargs=action_kwargs, get=READERS, post=NO_POST_LOGGED_IN),
    "monitoring:sheet_versions": Entry(kwargs=action_kwargs, get=READERS, post=NO_POST_LOGGED_IN),
    "monitoring:sheet_version": Entry(kwargs=_version, get=READERS, post=NO_POST_LOGGED_IN),
    # An empty form is invalid (no version): editors get it back with its errors.
    "monitoring:sheet_edit": Entry(kwargs=action_kwargs, get=EDITORS, post=EDITORS),
    "monitoring:sheet_partners": Entry(kwargs=action_kwargs, get=EDITORS, post=EDITORS),
    "monitoring:milestone_add": Entry(kwargs=action_kwargs, get=EDITORS, post=EDITORS),
    "monitoring:milestone_edit": Entry(kwargs=_milestone, get=EDITORS, post=EDITORS),
    "monitoring:milestone_delete": Entry(
        kwargs=_milestone, get=NO_POST_LOGGED_IN, post=EDITORS_POST
    ),
    "monitoring:indicator_add": Entry(kwargs=action_kwargs, get=EDITORS, post=EDITORS),
    "monitoring:indicator_edit": Entry(kwargs=_indicator, get=EDITORS, post=EDITORS),
    "monitoring:budgetline_add": Entry(kwargs=action_kwargs, get=EDITORS, post=EDITORS),
    "monitoring:budgetline_edit": Entry(kwargs=_budget_line, get=EDITORS, post=EDITORS),
    # Submitting a draft: owners and the coordinator; approving is checked per role in
    # test_sheets_transitions.py.
    "monitoring:sheet_transition": Entry(
        kwargs=lambda objects: {**action_kwargs(objects), "transition": "indienen"},
        get=NO_POST_LOGGED_IN,
        post=EDITORS_POST,
    ),
}
