"""Helpers shared by the reporting-round and reminder tests."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from planmonitor.monitoring.models import ProgressReport, ReportingRound
from planmonitor.monitoring.reports import services as report_services
from planmonitor.monitoring.rounds import services


def open_round(plan, *, actions=None, name="2026 – tweede semester", **dates) -> ReportingRound:
    """A round over the second half of 2026, due 31/01/2027, unless told otherwise."""
    values = {
        "period_start": dt.date(2026, 7, 1),
        "period_end": dt.date(2026, 12, 31),
        "due_date": dt.date(2027, 1, 31),
        **dates,
    }
    return services.round_open(plan=plan, name=name, actions=actions, **values)


def report_of(reporting_round: ReportingRound, action) -> ProgressReport:
    return reporting_round.reports.get(action=action)


def edit(report: ProgressReport) -> ProgressReport:
    """Save the report once: it is then "in progress"."""
    return report_services.report_update(
        report_id=report.pk, values={"done": "Opleiding gestart."}, expected_version=report.version
    )


def submit(report: ProgressReport, user) -> ProgressReport:
    return report_services.report_transition(report_id=report.pk, transition="submit", user=user)


def accept(report: ProgressReport, user) -> ProgressReport:
    return report_services.report_transition(report_id=report.pk, transition="accept", user=user)


def give_back(report: ProgressReport, user) -> ProgressReport:
    return report_services.report_transition(
        report_id=report.pk, transition="return", user=user, remarks="Cijfers ontbreken."
    )


def list_url(plan) -> str:
    return reverse("monitoring:round_list", kwargs={"short_name": plan.short_name})


def create_url(plan) -> str:
    return reverse("monitoring:round_create", kwargs={"short_name": plan.short_name})


def detail_url(reporting_round) -> str:
    return reverse(
        "monitoring:round_detail",
        kwargs={"short_name": reporting_round.plan.short_name, "pk": reporting_round.pk},
    )


def report_url(report) -> str:
    return reverse(
        "monitoring:report_detail",
        kwargs={
            "short_name": report.round.plan.short_name,
            "round_pk": report.round_id,
            "code": report.action.code,
        },
    )
