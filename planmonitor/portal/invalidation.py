"""A new cache generation when public content of a published plan changes (connected in
``PortalConfig.ready``): the publishing services bump it themselves; these handlers catch
the edits made after publication (a title, an indicator, a decision, a version, a report
of a published round re-opened or accepted again).

Cheap: a save of an unpublished plan's content costs at most one small query (is the plan,
or the round, public?), none when the instance already holds its plan. Bulk writes
(``update``, ``bulk_create``) send no signals: their services bump themselves.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError, models
from django.db.models.signals import m2m_changed, post_delete, post_save

from planmonitor.evaluation.models import PlanVersion
from planmonitor.monitoring.models import IndicatorValue, ProgressReport, ReportState
from planmonitor.plans.models import (
    Action,
    Indicator,
    Minister,
    OperationalGoal,
    Plan,
    PlanDecision,
    StrategicGoal,
    TargetGroup,
    ViolenceForm,
)

from . import cache
from .models import EvaluationPublication, RoundPublication, WithheldReport

logger = logging.getLogger(__name__)

# Models with a ``plan`` of their own whose rows the public site shows.
PLAN_CONTENT: list[type[models.Model]] = [
    Action,
    StrategicGoal,
    OperationalGoal,
    PlanDecision,
    PlanVersion,
    ViolenceForm,
    TargetGroup,
]

PUBLICATIONS: list[type[models.Model]] = [RoundPublication, WithheldReport, EvaluationPublication]


def _published(plan_id: int | None, instance: models.Model) -> bool:
    if plan_id is None:
        return False
    cached = instance._state.fields_cache.get("plan")
    if isinstance(cached, Plan) and cached.pk == plan_id:
        return cached.is_published
    return Plan.objects.filter(pk=plan_id, is_published=True).exists()


def plan_changed(sender: Any, instance: Plan, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if instance.is_published or (update_fields and "is_published" in update_fields):
        cache.bump()


def plan_content_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _published(instance.plan_id, instance):
        cache.bump()


def indicator_changed(sender: Any, instance: Indicator, **kwargs: Any) -> None:
    if Plan.objects.filter(is_published=True, actions=instance.action_id).exists():
        cache.bump()


def _round_public(**lookup: Any) -> bool:
    return RoundPublication.objects.filter(round__plan__is_published=True, **lookup).exists()


def report_changed(sender: Any, instance: ProgressReport, **kwargs: Any) -> None:
    # Any save of a published round's report: it may have been accepted, or re-opened.
    if _round_public(round_id=instance.round_id):
        cache.bump()


def value_changed(sender: Any, instance: IndicatorValue, **kwargs: Any) -> None:
    if _round_public(round__reports=instance.report_id, round__reports__state=ReportState.ACCEPTED):
        cache.bump()


def publication_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Written by the publishing services (which bump too), or deleted with their round,
    # report or plan: what was public changed either way.
    cache.bump()


def action_links_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    # An action's co-ministers, forms, target groups, … (``instance`` is the action, or the
    # other side's row when changed from there: then any published plan may show it).
    if not action.startswith("post_"):
        return
    if isinstance(instance, Action):
        if _published(instance.plan_id, instance):
            cache.bump()
    elif Plan.objects.filter(is_published=True).exists():
        cache.bump()


def minister_changed(sender: Any, instance: Minister, **kwargs: Any) -> None:
    # Ministers are shared by the plans: their names show on every published plan's pages.
    if Plan.objects.filter(is_published=True).exists():
        cache.bump()


def deployed(sender: Any, **kwargs: Any) -> None:
    """After ``migrate`` (every deployment and ``make run`` run it): a new generation, so
    no page rendered by the previous code is served. Never fails a migration."""
    try:
        cache._bump()
    except DatabaseError:  # the cache table not there (a partial migrate): nothing cached
        logger.warning("The public pages' cache could not be renewed after migrate.")


def bulk_changed(plan: Plan) -> None:
    """A bulk write to a published plan's content (the import): no signal told us."""
    cache.bump()


def connect() -> None:
    handlers: list[tuple[type[models.Model], Any]] = [
        *((model, publication_changed) for model in PUBLICATIONS),
        (Plan, plan_changed),
        *((model, plan_content_changed) for model in PLAN_CONTENT),
        (Indicator, indicator_changed),
        (ProgressReport, report_changed),
        (IndicatorValue, value_changed),
        (Minister, minister_changed),
    ]
    for model, handler in handlers:
        uid = f"portal-cache-{model._meta.label_lower}"
        post_save.connect(handler, sender=model, dispatch_uid=uid)
        post_delete.connect(handler, sender=model, dispatch_uid=uid)
    for field in Action._meta.many_to_many:
        through = getattr(Action, field.name).through
        uid = f"portal-cache-action-{field.name}"
        m2m_changed.connect(action_links_changed, sender=through, dispatch_uid=uid)
