"""Writes of plan versions and revisions: keyword-only, in a transaction, with history
(simple-history records each save of a revision or change) and optimistic locking.

Until a revision is approved the running plan is untouched: a change only stores what
it proposes (``RevisionChange.values``). Approving applies them all to the live plan in
one transaction, through plans' own services (``governed=True``: the one caller the
guard lets change the governed fields), and writes the next ``PlanVersion``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from planmonitor.accounts import policy
from planmonitor.audit.events import record_event
from planmonitor.core.errors import ApplicationError, TransitionRefused
from planmonitor.core.locking import locked_current
from planmonitor.plans import services as plan_services
from planmonitor.plans.models import Action, Minister, OperationalGoal, Organisation, Plan

from ..content import GOVERNED_FIELDS, plan_content
from .models import ChangeKind, PlanVersion, Revision, RevisionChange, RevisionStatus

# What a change may propose (the governed fields; the status changes by discontinuing or
# merging), and for a new action what it must.
CHANGE_FIELDS = tuple(name for name in GOVERNED_FIELDS if name != "status")
ADD_FIELDS = ("code", *CHANGE_FIELDS, "lead_organisation")
ADD_REQUIRED = ("code", "title", "operational_goal", "lead_minister")


class NotAllowed(ApplicationError):
    status = 403


class NoVersion(TransitionRefused):
    """The plan has no version 1 yet: there is nothing to revise."""


@transaction.atomic
def version_record_first(
    *,
    plan: Plan,
    effective_date: dt.date,
    decision_reference: str = "",
    decision_date: dt.date | None = None,
    user: Any = None,
    is_example: bool = False,
) -> PlanVersion:
    """Record the approved plan as it stands as version 1 (the coordinator, once).
    ``is_example``: the demo's, which remove_demo may take away again."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    if PlanVersion.objects.filter(plan=plan).exists():
        raise TransitionRefused(_("The plan already has its version 1."))
    version = PlanVersion(
        plan=plan,
        number=1,
        effective_date=effective_date,
        content=plan_content(plan),
        decision_reference=decision_reference,
        decision_date=decision_date,
        recorded_by=user if getattr(user, "pk", None) else None,
        is_example=is_example,
    )
    version.full_clean()
    version.save()
    record_event(kind="version.record", obj=plan, plan=plan, summary="1", user=user)
    return version


@transaction.atomic
def revision_open(*, plan: Plan, name: str, user: Any = None) -> Revision:
    """A draft revision of the plan; refused before version 1 and while a draft exists."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    if not PlanVersion.objects.filter(plan=plan).exists():
        raise NoVersion(_("Record the approved plan as version 1 before opening a revision."))
    if Revision.objects.filter(plan=plan, status=RevisionStatus.DRAFT).exists():
        raise TransitionRefused(_("The plan already has a draft revision."))
    revision = Revision(
        plan=plan, name=name, created_by=user if getattr(user, "pk", None) else None
    )
    revision.full_clean()
    try:
        with transaction.atomic():
            revision.save()
    except IntegrityError as error:  # a draft opened in between
        raise TransitionRefused(_("The plan already has a draft revision.")) from error
    return revision


def _require_draft(revision: Revision) -> None:
    if revision.status != RevisionStatus.DRAFT:
        raise TransitionRefused(_("This revision is no longer a draft."))


# --- proposed changes ------------------------------------------------------------------


def _resolve(plan: Plan, values: dict[str, Any]) -> dict[str, Any]:
    """Proposed plain values -> model values (goal, ministers, organisation objects, dates)."""
    errors: dict[str, str] = {}
    resolved: dict[str, Any] = {}
    for name, value in values.items():
        if name == "operational_goal":
            resolved[name] = OperationalGoal.objects.filter(plan=plan, code=value).first()
            if resolved[name] is None:
                errors[name] = _("Unknown operational goal.")
        elif name == "lead_minister":
            resolved[name] = Minister.objects.filter(key=value).first()
            if resolved[name] is None:
                errors[name] = _("Unknown minister.")
        elif name == "co_ministers":
            resolved[name] = list(Minister.objects.filter(key__in=value or []))
        elif name == "lead_organisation":
            resolved[name] = (
                Organisation.objects.filter(plan=plan, pk=value).first() if value else None
            )
        elif name in ("start_date", "end_date"):
            resolved[name] = dt.date.fromisoformat(value) if value else None
        else:
            resolved[name] = value
    if errors:
        raise ValidationError(errors)
    return resolved


def _validate_change(
    *,
    revision: Revision,
    kind: str,
    action: Action | None,
    values: dict[str, Any],
    merge_target: Action | None,
    reason: str,
    user: Any,
    change_id: int | None = None,
) -> None:
    plan = revision.plan
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Every change needs a reason.")})
    if kind == ChangeKind.ADD:
        if action is not None:
            raise ValidationError({"action": _("A new action names no existing action.")})
        missing = [name for name in ADD_REQUIRED if not values.get(name)]
        if missing:
            raise ValidationError({name: _("This field is required.") for name in missing})
        code = values["code"]
        if Action.objects.filter(plan=plan, code__iexact=code).exists() or (
            RevisionChange.objects.filter(revision=revision, kind=ChangeKind.ADD)
            .exclude(pk=change_id or 0)
            .filter(values__code__iexact=code)
            .exists()
        ):
            raise ValidationError({"code": _("Another action of this plan has this code.")})
    else:
        if action is None or action.plan_id != plan.pk:
            raise ValidationError({"action": _("Choose an action of this plan.")})
        if action.status == Action.Status.STOPPED:
            raise ValidationError({"action": _("This action is already stopped.")})
    if kind == ChangeKind.CHANGE and not values:
        raise ValidationError(_("Propose at least one new value."))
    if kind == ChangeKind.MERGE:
        if merge_target is None or merge_target.plan_id != plan.pk:
            raise ValidationError({"merge_target": _("Choose the action it merges into.")})
        if action is not None and merge_target.pk == action.pk:
            raise ValidationError({"merge_target": _("An action cannot merge into itself.")})
    resolved = _resolve(plan, values)
    start, end = resolved.get("start_date"), resolved.get("end_date")
    if action is not None:
        start = start if "start_date" in resolved else action.start_date
        end = end if "end_date" in resolved else action.end_date
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date cannot come before the start date.")})
    if not may_propose(user, revision, action=action, values=resolved):
        raise NotAllowed(
            _("Action owners propose changes to their own actions and new actions they lead.")
        )


def may_propose(
    user: Any, revision: Revision, *, action: Action | None = None, values: Any = None
) -> bool:
    """The coordinator proposes anything; a lead owner for their own actions, and a new
    action they will lead (by its proposed lead minister or organisation)."""
    if policy.can_manage_revisions(user, revision.plan):
        return True
    if action is not None:
        return policy.can_propose_revision_change(user, action)
    values = values or {}
    if values.get("lead_minister") is None:
        return False
    future = Action(
        plan=revision.plan,
        lead_minister=values["lead_minister"],
        lead_organisation=values.get("lead_organisation"),
    )
    return policy.can_propose_revision_change(user, future)


@transaction.atomic
def change_add(
    *,
    revision: Revision,
    kind: str,
    action: Action | None = None,
    values: dict[str, Any] | None = None,
    merge_target: Action | None = None,
    reason: str,
    user: Any,
) -> RevisionChange:
    revision = Revision.objects.select_for_update().select_related("plan").get(pk=revision.pk)
    _require_draft(revision)
    values = dict(values or {})
    if (
        action is not None
        and RevisionChange.objects.filter(revision=revision, action=action).exists()
    ):
        raise ValidationError({"action": _("This revision already proposes a change to it.")})
    _validate_change(
        revision=revision,
        kind=kind,
        action=action,
        values=values,
        merge_target=merge_target,
        reason=reason,
        user=user,
    )
    change = RevisionChange(
        revision=revision,
        kind=kind,
        action=action,
        values=values,
        merge_target=merge_target,
        reason=reason.replace("\r\n", "\n").strip(),
        proposed_by=user if getattr(user, "pk", None) else None,
    )
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def change_update(
    *,
    change: RevisionChange,
    version: int,
    values: dict[str, Any],
    merge_target: Action | None = None,
    reason: str,
    user: Any,
) -> RevisionChange:
    """Change a proposal (its kind and action stay), unless someone saved it since ``version``."""
    current = locked_current(RevisionChange, change.pk, version)
    revision = Revision.objects.select_related("plan").get(pk=current.revision_id)
    _require_draft(revision)
    _validate_change(
        revision=revision,
        kind=current.kind,
        action=current.action,
        values=values,
        merge_target=merge_target,
        reason=reason,
        user=user,
        change_id=current.pk,
    )
    current.values = dict(values)
    current.merge_target = merge_target
    current.reason = reason.replace("\r\n", "\n").strip()
    current.version += 1
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def change_remove(*, change: RevisionChange, user: Any) -> None:
    revision = Revision.objects.select_related("plan").get(pk=change.revision_id)
    _require_draft(revision)
    if not may_propose(user, revision, action=change.action, values=_safe(revision, change)):
        raise NotAllowed(_("Only who may propose this change can remove it."))
    change.delete()


def _safe(revision: Revision, change: RevisionChange) -> dict[str, Any]:
    try:
        return _resolve(revision.plan, change.values)
    except ValidationError:
        return {}


# --- approval and withdrawal ---------------------------------------------------------------


@transaction.atomic
def revision_withdraw(*, revision: Revision, version: int, user: Any) -> Revision:
    current = locked_current(Revision, revision.pk, version)
    _require_draft(current)
    current.status = RevisionStatus.WITHDRAWN
    current.version += 1
    current.save()
    return current


def _apply(change: RevisionChange, plan: Plan, user: Any) -> None:
    if change.kind == ChangeKind.ADD:
        values = _resolve(plan, {n: v for n, v in change.values.items() if n in ADD_FIELDS})
        values.setdefault("co_ministers", [])
        values["description"] = values.get("description") or ""
        created = plan_services.action_create(plan=plan, values=values, creator=user, governed=True)
        RevisionChange.objects.filter(pk=change.pk).update(created_action=created)
        return
    assert change.action_id is not None  # only an added action has none
    action = Action.objects.get(pk=change.action_id)
    if change.kind == ChangeKind.CHANGE:
        values = _resolve(plan, {n: v for n, v in change.values.items() if n in CHANGE_FIELDS})
    else:  # discontinue, merge: the action stops; a merge's page points to its target
        values = {"status": Action.Status.STOPPED}
    if values.get("description") is None and "description" in values:
        values["description"] = ""
    plan_services.action_update(
        action_id=action.pk,
        values=values,
        expected_version=action.version,
        editor=user,
        governed=True,
    )


@transaction.atomic
def revision_approve(
    *,
    revision: Revision,
    version: int,
    decision_date: dt.date,
    decision_reference: str,
    effective_date: dt.date,
    finance_advice_date: dt.date | None = None,
    finance_advice_outcome: str = "",
    budget_agreement_date: dt.date | None = None,
    user: Any,
) -> PlanVersion:
    """Record the plan decision, apply the changes to the live plan and write the next
    version, all or nothing."""
    current = locked_current(Revision, revision.pk, version)
    _require_draft(current)
    plan = Plan.objects.select_for_update().get(pk=current.plan_id)
    last = PlanVersion.objects.filter(plan=plan).aggregate(top=Max("number"))["top"]
    if last is None:
        raise NoVersion(_("Record the approved plan as version 1 before approving a revision."))
    changes = list(current.changes.order_by("pk"))
    if not changes:
        raise TransitionRefused(_("The revision proposes no change."))
    current.status = RevisionStatus.APPROVED
    current.decision_date = decision_date
    current.decision_reference = decision_reference
    current.effective_date = effective_date
    current.finance_advice_date = finance_advice_date
    current.finance_advice_outcome = finance_advice_outcome
    current.budget_agreement_date = budget_agreement_date
    current.version += 1
    current.full_clean()
    current.save()
    # New actions first: a merge may point into one of them only once it exists (not
    # offered today), and changes of existing actions keep their order.
    for change in sorted(changes, key=lambda c: c.kind != ChangeKind.ADD):
        _apply(change, plan, user)
    produced = PlanVersion(
        plan=plan,
        number=last + 1,
        effective_date=effective_date,
        content=plan_content(plan),
        revision=current,
        decision_reference=decision_reference,
        decision_date=decision_date,
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    produced.full_clean()
    produced.save()
    record_event(kind="revision.approve", obj=plan, plan=plan, summary=current.name, user=user)
    return produced
