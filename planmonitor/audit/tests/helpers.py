"""Test helpers: read a form back from a page; read a timeline in English; objects of each kind."""

import datetime as dt
from collections import defaultdict

from django.apps import apps
from django.utils import translation

from planmonitor.audit.selectors import TimelineEntry, history_timeline
from planmonitor.monitoring import models as monitoring
from planmonitor.monitoring.reports import services as report_services
from planmonitor.monitoring.rounds import services
from planmonitor.monitoring.sheets import services as sheet_services
from planmonitor.plans.models import ActionComment, BudgetLine, Indicator, Partner
from planmonitor.tests.html import parse_html

NOT_SUBMITTED = {"submit", "button", "image", "reset", "file"}


def form_data(html: bytes | str, *, containing: str) -> dict[str, list[str]]:
    """The values of the form that has a field named ``containing``."""
    soup = parse_html(html)
    field = soup.find(attrs={"name": containing})
    assert field is not None, f"no field {containing!r} on the page"
    form = field.find_parent("form")
    data: dict[str, list[str]] = defaultdict(list)
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            data[name].append(element.text.removeprefix("\n").removeprefix("\r\n"))
        elif element.name == "select":
            data[name].extend(_selected(element))
        else:
            kind = element.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    data[name].append(element.get("value", "on"))
            elif kind not in NOT_SUBMITTED:
                data[name].append(element.get("value", ""))
    return dict(data)


def _selected(select) -> list[str]:
    options = select.find_all("option")
    chosen = [o.get("value", o.text) for o in options if o.has_attr("selected")]
    if not chosen and options and not select.has_attr("multiple"):
        chosen = [options[0].get("value", options[0].text)]  # a browser sends the first
    return chosen


def timeline(model, pk) -> list[TimelineEntry]:
    """The timeline with English field names and choices (a request leaves Dutch active)."""
    with translation.override("en"):
        return history_timeline(model, pk)


def any_object(label: str, action, superuser):
    """An object of kind ``label`` (a model label) about ``action``, made if need be."""
    model = apps.get_model(label)
    if model is Indicator:
        return Indicator.objects.create(action=action, code="I1", name="Bereik", kind="qualitative")
    if model is BudgetLine:
        domain = action.plan.policy_domains.first()
        return BudgetLine.objects.create(
            action=action, year=2026, amount=1000, policy_domain=domain
        )
    if model is ActionComment:
        return ActionComment.objects.create(action=action, author=superuser, body="Opmerking")
    if model is Partner:
        return Partner.objects.create(plan=action.plan, code="P1", label="Een partner")
    if label == "accounts.StandIn":
        on_leave = apps.get_model("accounts", "User").objects.create_user("on-leave")
        return model._default_manager.create(
            plan=action.plan,
            person=on_leave,
            stand_in=superuser,
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 1, 31),
        )
    if label.startswith("monitoring."):
        return _monitoring_object(model, action, superuser)
    if label in ("evaluation.ContextSeries", "evaluation.ContextValue"):
        series, _created = apps.get_model("evaluation", "ContextSeries").objects.get_or_create(
            plan=action.plan, key="oproepen-1712", defaults={"name": "Oproepen 1712"}
        )
        if label == "evaluation.ContextSeries":
            return series
        return model._default_manager.get_or_create(series=series, year=2022, value=9045)[0]
    if label == "evaluation.SnapshotSection":
        from planmonitor.evaluation.snapshots.services import snapshot_take

        snapshot = snapshot_take(plan=action.plan, name="Rollen")
        return model._default_manager.create(snapshot=snapshot, key="conclusions", text="Tekst")
    return model._default_manager.order_by("pk").first()


def _monitoring_object(model, action, superuser):
    # Called once per kind: the round and indicator are made once, then reused.
    reporting_round = monitoring.ReportingRound.objects.first() or services.round_open(
        plan=action.plan,
        name="2026 – tweede semester",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2027, 1, 31),
    )
    report = reporting_round.reports.get(action=action)
    indicator, _created = Indicator.objects.get_or_create(
        action=action, code="I9", defaults={"name": "Bereik", "kind": "qualitative"}
    )
    made = {
        monitoring.ReportingRound: lambda: reporting_round,
        monitoring.ProgressReport: lambda: report,
        monitoring.ActionSheet: lambda: sheet_services.sheet_for(action),
        monitoring.Milestone: lambda: monitoring.Milestone.objects.create(
            action=action, name="Start", planned_date=dt.date(2026, 9, 1)
        ),
        monitoring.IndicatorValue: lambda: monitoring.IndicatorValue.objects.create(
            report=report, indicator=indicator, level="limited"
        ),
        monitoring.Evidence: lambda: report_services.evidence_add(
            report=report, user=superuser, title="Verslag", url="https://example.org/verslag"
        ),
        monitoring.Contribution: lambda: monitoring.Contribution.objects.create(
            report=report, author=superuser, text="Bijdrage"
        ),
    }
    return made[model]()
