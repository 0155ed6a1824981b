"""Shared helpers of the revisions tests: version 1, a draft and its proposals."""

from __future__ import annotations

import datetime as dt

from planmonitor.evaluation.revisions import services


def first_version(plan, user=None):
    return services.version_record_first(
        plan=plan,
        effective_date=dt.date(2025, 1, 1),
        decision_reference="VR 2024 1234",
        decision_date=dt.date(2024, 12, 20),
        user=user,
    )


def approve(revision, user, **values):
    revision.refresh_from_db()
    defaults = {
        "decision_date": dt.date(2027, 6, 30),
        "decision_reference": "VR 2027 0630",
        "effective_date": dt.date(2027, 7, 1),
    }
    return services.revision_approve(
        revision=revision, version=revision.version, user=user, **(defaults | values)
    )
