"""When a progress report is due, and when it is late: the one rule, used everywhere.

* A report is due on its round's due date, unless the coordinator extended it for this
  report (``ProgressReport.extended_due_date``, with a reason): then on that date.
* Only the **first submission** counts. A report is *late* while it has never been
  submitted and its due date has passed (nothing is late on the due date itself); it
  was *submitted late* when its first submission came after its due date.
* A resubmission after a return is never late: the owner submitted, the coordinator
  asked for more. So a returned report is not late, whatever the date, and a report
  submitted on time, returned and resubmitted after the due date was on time.

The round pages, "My actions", the reminders and the demo data all ask this module.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone


def due_date_of(report) -> dt.date:
    """The date the report is due: its extension, or its round's due date."""
    return report.extended_due_date or report.round.due_date


def is_late(report, *, today: dt.date) -> bool:
    """Never submitted, and its due date has passed."""
    return report.first_submitted_at is None and today > due_date_of(report)


def submitted_late(report) -> bool:
    """Its first submission came after its due date."""
    first = report.first_submitted_at
    return first is not None and timezone.localtime(first).date() > due_date_of(report)


def late_filter(*, today: dt.date, prefix: str = "", round_due: str = "round__due_date") -> Q:
    """``is_late`` as a filter on reports (``prefix`` to reach them, ``round_due`` their
    round's due date from where the query starts)."""
    extended = f"{prefix}extended_due_date"
    return Q(**{f"{prefix}first_submitted_at__isnull": True}) & (
        Q(**{f"{extended}__lt": today})
        | Q(**{f"{extended}__isnull": True, f"{round_due}__lt": today})
    )
