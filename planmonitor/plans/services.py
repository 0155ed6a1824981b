"""Writes to the plan. Views, commands and the importer all go through here."""

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planmonitor.accounts import policy
from planmonitor.accounts import services as account_services
from planmonitor.audit.events import record_event
from planmonitor.core import registry
from planmonitor.core.errors import ApplicationError, TransitionRefused
from planmonitor.core.locking import EditConflict, locked_current, locked_unchanged
from planmonitor.core.text import normalise_newlines, normalise_value

from . import guards, search, selectors
from .data import gbv_plan
from .models import (
    Action,
    ActionComment,
    Beneficiary,
    IstanbulArticle,
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
# The articles of chapters II-VII, with their source (the treaty's official text).
ISTANBUL_CSV = Path(__file__).parent / "data" / "istanbul-convention.csv"


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
    from planmonitor.accounts.models import Membership, User
    from planmonitor.accounts.policy import AnyUser


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


def beneficiaries_load(*, report: SyncReport) -> None:
    """The fixed list of beneficiaries, in its order (labels come from the code's choices)."""
    for order, (code, _label) in enumerate(Beneficiary.Code.choices):
        _sync(Beneficiary, report, lookup={"code": code}, values={"order": order}, overwrite=True)


def istanbul_articles_load(
    *, path: Path = ISTANBUL_CSV, overwrite: bool = False, report: SyncReport
) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            _sync(
                IstanbulArticle,
                report,
                lookup={"number": int(row["article"])},
                values={"chapter": row["chapter"], "title": row["title"], "source": row["source"]},
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
    istanbul_articles_load(overwrite=overwrite, report=report)
    beneficiaries_load(report=report)
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


ACTION_M2M_FIELDS = (
    "co_ministers",
    "violence_forms",
    "target_groups",
    "partners",
    "istanbul_articles",
    "beneficiaries",
)


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


class CoordinatorOnly(ApplicationError):
    """What the person asked is the coordinator's to decide (the approved plan's structure)."""

    status = 403
    default_message = gettext_lazy("Only the plan's coordinator can do this.")


# An action's place in the approved plan: only whom ``policy.can_restructure_action`` allows.
ACTION_STRUCTURE_FIELDS = ("code", "lead_minister", "operational_goal")


@transaction.atomic
def action_update(
    *,
    action_id: int,
    values: dict[str, Any],
    expected_version: int,
    editor: "AnyUser" = None,
    governed: bool = False,
) -> Action:
    """Save an edited action unless it changed since the editor loaded ``expected_version``.

    ``editor`` is the person saving: who may not restructure the plan cannot change the
    action's code, lead minister or operational goal, whatever the form sent. None is a
    caller without a person (a command, a sheet saving only its partners).
    ``governed``: the caller is the process that governs the guarded fields (an approved
    revision, ``plans/guards.py``); any other caller cannot change them.
    """
    current = locked_current(Action, action_id, expected_version)
    values = dict(values)
    if not governed:
        guards.check_update(current.plan, current, values)
    if editor is not None and not policy.can_restructure_action(editor, current):
        moved = [
            name
            for name in ACTION_STRUCTURE_FIELDS
            if name in values and getattr(current, name) != values[name]
        ]
        if moved:
            raise CoordinatorOnly(
                _(
                    "Only the coordinator can change an action's code, lead minister or "
                    "operational goal."
                )
            )
    related = {name: values.pop(name) for name in ACTION_M2M_FIELDS if name in values}
    for name, value in values.items():
        setattr(current, name, normalise_value(value))  # texts with LF line endings
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
    record_event(kind="action.change", obj=current)
    search.index_actions([current.pk])
    return current


@transaction.atomic
def action_create(
    *, plan: Plan, values: dict[str, Any], creator: "AnyUser", governed: bool = False
) -> Action:
    """A new action in ``plan``, by its coordinator; its history starts with these values.
    A guarded plan adds actions only through its governing process (``governed``)."""
    if not policy.can_create_action(creator, plan):
        raise CoordinatorOnly(_("Only the plan's coordinator can add an action."))
    if not governed:
        guards.check_create(plan)
    values = dict(values)
    related = {name: values.pop(name) for name in ACTION_M2M_FIELDS if name in values}
    action = Action(plan=plan, **values)
    action_validate(
        plan_id=plan.pk,
        action_id=None,
        code=action.code,
        lead_minister_id=action.lead_minister_id,
        co_ministers=related.get("co_ministers", []),
        start_date=action.start_date,
        end_date=action.end_date,
    )
    if action.operational_goal_id and action.operational_goal.plan_id != plan.pk:
        raise ValidationError({"operational_goal": _("This goal belongs to another plan.")})
    action.full_clean(validate_unique=False)
    action.save()
    for name, value in related.items():
        getattr(action, name).set(value)
    search.index_actions([action.pk])
    record_event(kind="action.create", obj=action, user=creator)
    return action


# --- the plan's own data, decisions and publication --------------------------------------

# What the plan's edit page changes (its publication has its own page and service).
PLAN_FIELDS = (
    "title",
    "description",
    "status",
    "period_start",
    "period_end",
    "coordinating_minister",
    "coordinating_agency",
    "interim_evaluation_due",
    "final_evaluation_due",
)
PLAN_DATE_FIELDS = ("period_start", "period_end", "interim_evaluation_due", "final_evaluation_due")
DECISION_FIELDS = ("kind", "date", "reference", "description")


def _require(rule: Callable[..., bool], user: "AnyUser", plan: Plan) -> None:
    if not rule(user, plan):
        raise CoordinatorOnly()


def plan_validate(
    *,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    interim_evaluation_due: dt.date | None = None,
    final_evaluation_due: dt.date | None = None,
) -> None:
    """Refuse dates a plan cannot have, field by field (the edit form asks this too)."""
    errors: dict[str, str] = {}
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("The period cannot end before it starts.")
    if (
        interim_evaluation_due
        and final_evaluation_due
        and final_evaluation_due < interim_evaluation_due
    ):
        errors["final_evaluation_due"] = _(
            "The final evaluation cannot be due before the interim evaluation."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_update(
    *, plan_id: int, values: dict[str, Any], expected_fingerprint: str, editor: "AnyUser"
) -> Plan:
    """Save the plan's data unless someone saved it since the editor loaded it."""
    plan = locked_unchanged(Plan.objects.all(), plan_id, PLAN_FIELDS, expected_fingerprint)
    _require(policy.can_edit_plan, editor, plan)
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not plan data: {sorted(unknown)}")
    for name, value in values.items():
        setattr(plan, name, normalise_value(value))  # texts with LF line endings
    plan_validate(**{name: getattr(plan, name) for name in PLAN_DATE_FIELDS})
    agency = plan.coordinating_agency
    if agency is not None and agency.plan_id != plan.pk:
        raise ValidationError(
            {"coordinating_agency": _("This organisation belongs to another plan.")}
        )
    plan.full_clean()
    plan.save()
    record_event(kind="plan.change", obj=plan, plan=plan, user=editor)
    return plan


def _decision_save(decision: PlanDecision, values: dict[str, Any]) -> PlanDecision:
    for name in DECISION_FIELDS:
        if name in values:
            setattr(decision, name, normalise_value(values[name]))
    clash = PlanDecision.objects.filter(
        plan_id=decision.plan_id, kind=decision.kind, date=decision.date
    ).exclude(pk=decision.pk)
    if clash.exists():
        raise ValidationError(
            {"date": _("This plan already has a decision of this kind on this date.")}
        )
    decision.full_clean(validate_unique=False)
    decision.save()
    return decision


@transaction.atomic
def decision_add(*, plan: Plan, values: dict[str, Any], editor: "AnyUser") -> PlanDecision:
    _require(policy.can_edit_plan, editor, plan)
    decision = _decision_save(PlanDecision(plan=plan), values)
    record_event(kind="plan.decision", obj=decision, summary=_("added"), user=editor)
    return decision


@transaction.atomic
def decision_update(
    *, decision_id: int, values: dict[str, Any], expected_fingerprint: str, editor: "AnyUser"
) -> PlanDecision:
    decision = locked_unchanged(
        PlanDecision.objects.select_related("plan"),
        decision_id,
        DECISION_FIELDS,
        expected_fingerprint,
    )
    _require(policy.can_edit_plan, editor, decision.plan)
    decision = _decision_save(decision, values)
    record_event(kind="plan.decision", obj=decision, summary=_("changed"), user=editor)
    return decision


@transaction.atomic
def decision_remove(*, decision_id: int, editor: "AnyUser") -> None:
    """Remove a decision; its history keeps what it said."""
    decision = PlanDecision.objects.select_for_update().select_related("plan").get(pk=decision_id)
    _require(policy.can_edit_plan, editor, decision.plan)
    record_event(kind="plan.decision", obj=decision, summary=_("removed"), user=editor)
    decision.delete()


class PlanNotReady(TransitionRefused):
    """The plan cannot be published yet; ``problems`` says what is missing."""

    default_message = gettext_lazy("The plan is not ready to be published.")

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@transaction.atomic
def plan_publish(*, plan_id: int, editor: "AnyUser") -> Plan:
    """Make the plan and its actions public, once it is ready.

    Ready is ``selectors.publication_problems``'s answer: no longer a draft, a decision
    of the Flemish Government recorded, at least one action, no example data.
    """
    plan = Plan.objects.select_for_update().get(pk=plan_id)
    _require(policy.can_publish_plan, editor, plan)
    problems = selectors.publication_problems(plan=plan)
    if problems:
        raise PlanNotReady(problems)
    if not plan.is_published:
        plan.is_published = True
        plan.save(update_fields=["is_published"])
        record_event(kind="plan.publish", obj=plan, plan=plan, summary=_("published"), user=editor)
        for site in _public_sites():
            site.published(plan)
    return plan


def _public_sites() -> list[registry.PublicSite]:
    """The public site's side of publishing (its feed entry, its cache): registered by the
    portal, an app above this one."""
    return registry.registered(registry.PublicSite)


@transaction.atomic
def plan_unpublish(*, plan_id: int, editor: "AnyUser") -> Plan:
    """Take the plan and its actions off the public site (the plan's people keep their access)."""
    plan = Plan.objects.select_for_update().get(pk=plan_id)
    _require(policy.can_publish_plan, editor, plan)
    if plan.is_published:
        plan.is_published = False
        plan.save(update_fields=["is_published"])
        record_event(
            kind="plan.publish", obj=plan, plan=plan, summary=_("unpublished"), user=editor
        )
        for site in _public_sites():
            site.unpublished(plan)
    return plan


@dataclass(frozen=True)
class MinisterChange:
    """What a reassignment does to one action: its lead and co-ministers before and after."""

    action: Action
    lead_before: Minister
    lead_after: Minister
    co_before: list[Minister]
    co_after: list[Minister]


def minister_change_preview(
    *, action: Action, from_minister: Minister, to_minister: Minister
) -> MinisterChange:
    """What moving ``action`` from one minister to another changes (no writes).

    The lead moves when ``from_minister`` leads; as a co-minister ``from_minister`` is
    replaced by ``to_minister``, unless ``to_minister`` leads (a lead is never also a
    co-minister).
    """
    co_before = sorted(action.co_ministers.all(), key=lambda m: m.name)
    leads = action.lead_minister_id == from_minister.pk
    lead_after = to_minister if leads else action.lead_minister
    co_after = [m for m in co_before if m.pk not in (from_minister.pk, lead_after.pk)]
    if len(co_after) < len(co_before) and to_minister.pk != lead_after.pk:
        co_after.append(to_minister)
    co_after = sorted(set(co_after), key=lambda m: m.name)
    return MinisterChange(action, action.lead_minister, lead_after, co_before, co_after)


def _actions_rewrite(
    *, plan: Plan, expected_versions: dict[int, int], change: Callable[[Action], bool]
) -> list[Action]:
    """Apply ``change`` to the previewed actions of ``plan`` (pk -> version), all or nothing.

    ``change`` edits the locked row and says whether it changed anything; a changed
    action gets a new version and a history row. An action saved since the preview
    raises ``EditConflict`` (the caller's transaction then saves nothing).
    """
    changed = []
    for pk in sorted(expected_versions):
        current = locked_current(Action, pk, expected_versions[pk])
        if current.plan_id != plan.pk:
            raise ValueError("action belongs to another plan")
        if not change(current):
            continue  # nothing of this action names the old minister or organisation (any more)
        current.version += 1
        current.full_clean(validate_unique=False)
        current.save()
        changed.append(current)
    return changed


@transaction.atomic
def actions_minister_reassign(
    *,
    plan: Plan,
    from_minister: Minister,
    to_minister: Minister,
    expected_versions: dict[int, int],
) -> list[Action]:
    """Move actions of ``plan`` (pk -> the version the coordinator previewed) to another minister.

    After a reshuffle: the lead and co-minister references to ``from_minister`` go
    to ``to_minister``. All or nothing: an action that changed since the preview
    raises ``EditConflict`` and nothing is saved. Each action gets a history row
    (its co-ministers included) and a new version.
    """
    if from_minister.pk == to_minister.pk:
        raise ValidationError(_("Choose two different ministers."))
    co_after: dict[int, list[Minister]] = {}

    def change(action: Action) -> bool:
        preview = minister_change_preview(
            action=action, from_minister=from_minister, to_minister=to_minister
        )
        if preview.lead_after == preview.lead_before and preview.co_after == preview.co_before:
            return False
        action.lead_minister = preview.lead_after
        co_after[action.pk] = preview.co_after
        return True

    changed = _actions_rewrite(plan=plan, expected_versions=expected_versions, change=change)
    for action in changed:
        action.co_ministers.set(co_after[action.pk])
        record_event(
            kind="actions.reassign",
            obj=action,
            summary=f"{from_minister.family_name} → {to_minister.family_name}",
        )
    return changed


@dataclass(frozen=True)
class OrganisationMove:
    """What an organisation move changed: the actions it led and the roles in it."""

    actions: list[Action]
    memberships: list["Membership"]


@transaction.atomic
def organisation_reassign(
    *,
    plan: Plan,
    from_organisation: Organisation,
    to_organisation: Organisation,
    expected_versions: dict[int, int],
    expected_memberships: dict[int, str],
) -> OrganisationMove:
    """An agency merger or a reshuffle: ``from_organisation``'s work goes to ``to_organisation``.

    The previewed actions it leads (pk -> version) get the new lead organisation, the
    previewed roles in it (pk -> ``membership_fingerprint``) the new organisation; all or
    nothing (``EditConflict`` when one changed since the preview). Each row keeps a
    history row; the plan's change log gets one event that counts both.
    """
    if from_organisation.pk == to_organisation.pk:
        raise ValidationError(_("Choose two different organisations."))
    if {from_organisation.plan_id, to_organisation.plan_id} != {plan.pk}:
        raise ValidationError(_("This organisation belongs to another plan."))

    def change(action: Action) -> bool:
        if action.lead_organisation_id != from_organisation.pk:
            return False
        action.lead_organisation = to_organisation
        return True

    actions = _actions_rewrite(plan=plan, expected_versions=expected_versions, change=change)
    memberships = account_services.memberships_organisation_replace(
        plan=plan,
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        expected=expected_memberships,
    )
    record_event(
        kind="organisations.reassign",
        obj=to_organisation,
        summary=_("%(from)s → %(to)s: %(actions)d actions, %(roles)d roles")
        % {
            "from": from_organisation.code,
            "to": to_organisation.code,
            "actions": len(actions),
            "roles": len(memberships),
        },
    )
    return OrganisationMove(actions=actions, memberships=memberships)


def comment_add(*, action: Action, author: "User", body: str) -> ActionComment:
    comment = ActionComment(action=action, author=author, body=normalise_newlines(body).strip())
    comment.full_clean()
    comment.save()
    record_event(kind="action.comment", obj=comment, user=author)
    return comment


__all__ = [
    "CoordinatorOnly",
    "EditConflict",
    "PlanNotReady",
    "action_create",
    "action_update",
    "actions_minister_reassign",
    "organisation_reassign",
    "comment_add",
    "decision_add",
    "decision_remove",
    "decision_update",
    "gbv_plan_load",
    "ministers_load",
    "plan_publish",
    "plan_unpublish",
    "plan_update",
]
