"""Writes to the plan. Views, commands and the importer all go through here."""

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from planmonitor.core.locking import EditConflict, locked_current

from . import search
from .data import gbv_plan
from .models import (
    Action,
    ActionComment,
    Minister,
    OperationalGoal,
    Organisation,
    Plan,
    PlanDecision,
    PolicyDomain,
    StrategicGoal,
    TargetGroup,
    ViolenceForm,
)

MINISTERS_CSV = Path(__file__).parent / "data" / "ministers-2024-2029.csv"


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


_M = TypeVar("_M", bound=models.Model)

if TYPE_CHECKING:
    from planmonitor.accounts.models import User


def _sync(
    model: type[_M],
    report: SyncReport,
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    overwrite: bool,
) -> _M:
    """Create the row if missing; overwrite differing values only when asked."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.created.append(f"{model._meta.verbose_name}: {obj}")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed and overwrite:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=changed)
        report.updated.append(f"{model._meta.verbose_name}: {obj} ({', '.join(changed)})")
    else:
        report.unchanged += 1
    return obj


def ministers_load(
    *, path: Path = MINISTERS_CSV, overwrite: bool = False, report: SyncReport
) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            _sync(
                Minister,
                report,
                lookup={"key": row["key"]},
                values={
                    "name": row["name"],
                    "family_name": row["name"].split(" ", 1)[-1],
                    "party": row["party"],
                    "role": row["role"],
                    "portfolio": row["portfolio"],
                    "in_office_from": dt.date.fromisoformat(row["in_office_from"]),
                    "source": row["source"],
                },
                overwrite=overwrite,
            )


@transaction.atomic
def gbv_plan_load(*, overwrite: bool = False) -> SyncReport:
    """Load the plan as the source note defines it. Idempotent.

    Existing rows are left as they are (coordinators may have edited labels)
    unless ``overwrite`` restores the note's wording.
    """
    report = SyncReport()
    ministers_load(overwrite=overwrite, report=report)
    values = dict(gbv_plan.PLAN)
    values["coordinating_minister"] = Minister.objects.get(key=values["coordinating_minister"])
    plan = _sync(
        Plan, report, lookup={"short_name": gbv_plan.SHORT_NAME}, values=values, overwrite=overwrite
    )
    domain = _sync(
        PolicyDomain,
        report,
        lookup={"plan": plan, "code": gbv_plan.POLICY_DOMAIN["code"]},
        values={"label": gbv_plan.POLICY_DOMAIN["label"]},
        overwrite=overwrite,
    )
    agency = _sync(
        Organisation,
        report,
        lookup={"plan": plan, "code": gbv_plan.COORDINATING_AGENCY["code"]},
        values={
            "label": gbv_plan.COORDINATING_AGENCY["label"],
            "kind": gbv_plan.COORDINATING_AGENCY["kind"],
            "policy_domain": domain,
        },
        overwrite=overwrite,
    )
    if plan.coordinating_agency_id is None:
        plan.coordinating_agency = agency
        plan.save(update_fields=["coordinating_agency"])
        report.updated.append(f"plan: {plan} (coordinating_agency)")
    for decision in gbv_plan.DECISIONS:
        _sync(
            PlanDecision,
            report,
            lookup={"plan": plan, "kind": decision["kind"], "date": decision["date"]},
            values={"reference": decision["reference"], "description": decision["description"]},
            overwrite=overwrite,
        )
    for model, terms in (
        (ViolenceForm, gbv_plan.VIOLENCE_FORMS),
        (TargetGroup, gbv_plan.TARGET_GROUPS),
    ):
        for order, (code, label) in enumerate(terms, start=1):
            _sync(
                model,
                report,
                lookup={"plan": plan, "code": code},
                values={"label": label, "order": order},
                overwrite=overwrite,
            )
    for sd_order, (sd_code, sd_text, ods) in enumerate(gbv_plan.STRATEGIC_GOALS, start=1):
        sd = _sync(
            StrategicGoal,
            report,
            lookup={"plan": plan, "code": sd_code},
            values={"text": sd_text, "order": sd_order},
            overwrite=overwrite,
        )
        for od_order, (od_code, od_text) in enumerate(ods, start=1):
            _sync(
                OperationalGoal,
                report,
                lookup={"plan": plan, "code": od_code},
                values={"strategic_goal": sd, "text": od_text, "order": od_order},
                overwrite=overwrite,
            )
    return report


ACTION_M2M_FIELDS = ("co_ministers", "violence_forms", "target_groups", "partners")


def action_validate(
    *,
    plan_id: int,
    action_id: int | None,
    code: str | None = None,
    lead_minister_id: int | None = None,
    co_ministers: Iterable[Minister] | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> None:
    """Refuse an action its plan cannot have, field by field; what is not given is not checked.

    The edit form asks this too, so the form and every other caller refuse alike.
    """
    errors: dict[str, str] = {}
    if code:
        # Unique per plan, case-insensitively.
        clash = Action.objects.filter(plan_id=plan_id, code__iexact=code)
        if action_id is not None:
            clash = clash.exclude(pk=action_id)
        if clash.exists():
            errors["code"] = _("Another action of this plan has this code.")
    if (
        lead_minister_id is not None
        and co_ministers is not None
        and any(minister.pk == lead_minister_id for minister in co_ministers)
    ):
        errors["co_ministers"] = _("The lead minister cannot also be a co-minister of the action.")
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = _("The end date cannot come before the start date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_update(*, action_id: int, values: dict[str, Any], expected_version: int) -> Action:
    """Save an edited action unless it changed since the editor loaded ``expected_version``."""
    current = locked_current(Action, action_id, expected_version)
    values = dict(values)
    related = {name: values.pop(name) for name in ACTION_M2M_FIELDS if name in values}
    for name, value in values.items():
        setattr(current, name, value)
    co_ministers = related.get("co_ministers")
    if co_ministers is None and "lead_minister" in values:
        co_ministers = list(current.co_ministers.all())
    action_validate(
        plan_id=current.plan_id,
        action_id=current.pk,
        code=current.code if "code" in values else None,  # a query: only when it changes
        lead_minister_id=current.lead_minister_id,
        co_ministers=co_ministers,
        start_date=current.start_date,
        end_date=current.end_date,
    )
    current.version += 1
    current.full_clean(validate_unique=False)
    current.save()
    for name, value in related.items():
        getattr(current, name).set(value)
    search.index_actions([current.pk])
    return current


def comment_add(*, action: Action, author: "User", body: str) -> ActionComment:
    comment = ActionComment(action=action, author=author, body=body.strip())
    comment.full_clean()
    comment.save()
    return comment


__all__ = ["EditConflict", "action_update", "comment_add", "gbv_plan_load", "ministers_load"]
