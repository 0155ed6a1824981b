"""Helpers of the action sheet tests: URLs, soup, a filled-in sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from planmonitor.monitoring.models import ActionSheet
from planmonitor.monitoring.sheets import services
from planmonitor.plans.models import Action, BudgetLine, FinanceAdvice, Partner


def url(name: str, action: Action, *args) -> str:
    return reverse(f"monitoring:{name}", args=[action.plan.short_name, action.code, *args])


def fill_sheet(action: Action, **values) -> ActionSheet:
    """The action's sheet with its text filled in (a draft)."""
    sheet = services.sheet_for(action)
    content = {
        "content_goal": "Hulpverleners herkennen signalen van geweld.",
        "approach": "## Aanpak\n\n- opleiding ontwikkelen\n- **pilootsessies** geven",
        "risks": "Te weinig inschrijvingen.",
        "contact_name": "An Peeters",
        "contact_email": "an.peeters@example.org",
        **values,
    }
    return services.sheet_update(sheet_id=sheet.pk, values=content, expected_version=sheet.version)


def add_parts(action: Action, count: int, start: int = 0) -> None:
    """``count`` milestones, indicators, budget lines and partners on the action."""
    domain = action.plan.policy_domains.first()
    for n in range(start, start + count):
        action.milestones.create(name=f"Mijlpaal {n}", planned_date=dt.date(2026, 1, 1))
        action.indicators.create(
            code=f"I{n:02}",
            name=f"Indicator {n}",
            kind="quantitative",
            unit="sessies",
            baseline_value=Decimal(0),
            target_value=Decimal(10 + n),
        )
        BudgetLine.objects.create(
            action=action,
            year=2026 + n,
            policy_domain=domain,
            amount=Decimal("1000.00") * (n + 1),
            finance_advice_date=dt.date(2025, 3, 1),
            finance_advice_outcome=FinanceAdvice.FAVOURABLE,
        )
        partner, _created = Partner.objects.get_or_create(
            plan=action.plan, code=f"P{n}", defaults={"label": f"Partner {n}"}
        )
        action.partners.add(partner)


def run(action: Action, user, *transitions: str, remarks: str = "") -> ActionSheet:
    """Take the workflow steps through the service, as ``user``."""
    sheet = services.sheet_for(action)
    for transition in transitions:
        sheet = services.sheet_transition(
            sheet_id=sheet.pk, transition=transition, user=user, remarks=remarks
        )
    return sheet
