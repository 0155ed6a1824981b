"""The coordinator's publication steps: a round, a report held back, an evaluation report.

Each step checks the policy (``can_publish_plan``) inside its transaction, records an
event in the change log, writes or removes its ``PublicationEvent`` (the feed) and starts
a new cache generation (``portal.cache.bump``), so the public pages show it at once.
The plan itself is published by ``plans.services.plan_publish``, which calls
``plan_published`` / ``plan_unpublished`` here (``registry.PublicSite``, registered in
``PortalConfig.ready``) for its feed entry and the cache.

Publishing is refused while the plan holds example data, and a round, report or
evaluation report of an unpublished plan is never public (nothing of it is).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from planmonitor.accounts import policy
from planmonitor.accounts.models import User
from planmonitor.audit.events import record_event
from planmonitor.core.errors import TransitionRefused
from planmonitor.evaluation.models import ReportJob, ReportJobStatus
from planmonitor.monitoring.models import ReportingRound
from planmonitor.plans import selectors as plan_selectors
from planmonitor.plans.models import Action, Plan
from planmonitor.plans.services import CoordinatorOnly

from .. import cache
from ..models import (
    EvaluationPublication,
    PublicationEvent,
    PublicationKind,
    RoundPublication,
    WithheldReport,
)

if TYPE_CHECKING:
    from planmonitor.accounts.policy import AnyUser

REASON_MAX = 2000


class PublicationRefused(TransitionRefused):
    """This cannot be published (yet): the message says why."""

    default_message = gettext_lazy("This cannot be published yet.")


def _require_publisher(editor: AnyUser, plan: Plan) -> None:
    if not policy.can_publish_plan(editor, plan):
        raise CoordinatorOnly()


def _person(editor: AnyUser) -> User | None:
    """Who did it, for the ``…_by`` column (a script has no person)."""
    return editor if isinstance(editor, User) else None


def _require_publishable(plan: Plan) -> None:
    """A published plan without example data: what a round or report needs to be public."""
    if not plan.is_published:
        raise PublicationRefused(
            _("Publish the plan first: nothing of an unpublished plan is public.")
        )
    if plan_selectors.plan_holds_example_data(plan=plan):
        raise PublicationRefused(str(plan_selectors.EXAMPLE_DATA_REFUSAL))


def _both_languages(
    text: str, dutch: dict[str, str], english: dict[str, str] | None = None
) -> tuple[str, str]:
    """``text`` (an English msgid with %(…)s) in Dutch and in English, for the feed."""
    with translation.override("nl"):
        nl = _(text) % dutch
    with translation.override("en"):
        en = _(text) % (english or dutch)
    return nl, en


def _event_add(
    *, plan: Plan, kind: str, title: tuple[str, str], url_name: str, url_args: list[object]
) -> PublicationEvent:
    return PublicationEvent.objects.create(
        plan=plan,
        kind=kind,
        title=title[0][:300],
        title_en=title[1][:300],
        url_name=url_name,
        url_args=url_args,
        published_at=timezone.now(),
    )


# --- the plan (plans.services.plan_publish / plan_unpublish call these: registry.PublicSite) -


def plan_published(plan: Plan) -> None:
    """The plan became public: its entry in the feed, and a new cache generation."""
    title = _both_languages(
        gettext_noop("Plan published: %(plan)s"),
        {"plan": plan.title},
        {"plan": plan.title_en or plan.title},
    )
    _event_add(
        plan=plan,
        kind=PublicationKind.PLAN,
        title=title,
        url_name="portal:plan",
        url_args=[plan.short_name],
    )
    cache.bump()


def plan_unpublished(plan: Plan) -> None:
    PublicationEvent.objects.filter(plan=plan, kind=PublicationKind.PLAN).delete()
    cache.bump()


def version_recorded(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """A new version of a published plan (a revision approved): its entry in the feed,
    pointing at the version's page with what changed (post_save of PlanVersion)."""
    if not created or not instance.plan.is_published:
        return
    title = _both_languages(
        gettext_noop("New version of the plan: version %(number)s"),
        {"number": str(instance.number)},
    )
    _event_add(
        plan=instance.plan,
        kind=PublicationKind.VERSION,
        title=title,
        url_name="portal:version",
        url_args=[instance.plan.short_name, instance.number],
    )


# --- rounds -------------------------------------------------------------------------------


def _round(round_id: int) -> ReportingRound:
    return (
        ReportingRound.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=round_id)
    )


@transaction.atomic
def round_publish(*, round_id: int, editor: AnyUser) -> RoundPublication:
    """Make the round's accepted reports' public fields public (minus those held back)."""
    reporting_round = _round(round_id)
    plan = reporting_round.plan
    _require_publisher(editor, plan)
    _require_publishable(plan)
    existing = RoundPublication.objects.filter(round=reporting_round).first()
    if existing is not None:
        return existing
    publication = RoundPublication.objects.create(
        round=reporting_round,
        published_at=timezone.now(),
        published_by=_person(editor),
    )
    _event_add(
        plan=plan,
        kind=PublicationKind.ROUND,
        title=_both_languages(
            gettext_noop("Progress published: %(round)s"), {"round": reporting_round.name}
        ),
        url_name="portal:round",
        url_args=[plan.short_name, reporting_round.pk],
    )
    record_event(
        kind="round.publish", obj=reporting_round, plan=plan, summary=_("published"), user=editor
    )
    cache.bump()
    return publication


@transaction.atomic
def round_unpublish(*, round_id: int, editor: AnyUser) -> None:
    """Take the round's progress off the public site; its feed entries go with it."""
    reporting_round = _round(round_id)
    plan = reporting_round.plan
    _require_publisher(editor, plan)
    deleted, _rows = RoundPublication.objects.filter(round=reporting_round).delete()
    if not deleted:
        return
    PublicationEvent.objects.filter(
        plan=plan, kind=PublicationKind.ROUND, url_args__1=reporting_round.pk
    ).delete()
    record_event(
        kind="round.publish", obj=reporting_round, plan=plan, summary=_("unpublished"), user=editor
    )
    cache.bump()


# --- reports held back --------------------------------------------------------------------


@transaction.atomic
def report_withhold(
    *, round_id: int, action_id: int, reason: str, editor: AnyUser
) -> WithheldReport:
    """Keep one action's report of a round off the public site, for a stated reason."""
    reporting_round = _round(round_id)
    plan = reporting_round.plan
    _require_publisher(editor, plan)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is held back.")})
    action = Action.objects.filter(pk=action_id, plan=plan).first()
    if action is None:
        raise ValidationError({"action": _("This action is not in the round's plan.")})
    if WithheldReport.objects.filter(round=reporting_round, action=action).exists():
        raise ValidationError({"action": _("This action's report is already held back.")})
    withheld = WithheldReport(
        round=reporting_round,
        action=action,
        reason=reason,
        created_by=_person(editor),
    )
    withheld.full_clean(validate_unique=False)  # the reason's length
    withheld.save()
    record_event(kind="report.withhold", obj=withheld, plan=plan, summary=reason, user=editor)
    cache.bump()
    return withheld


@transaction.atomic
def report_release(*, withheld_id: int, editor: AnyUser) -> None:
    """Let a held-back report show again (if its round is published and it is accepted)."""
    withheld = (
        WithheldReport.objects.select_for_update(of=("self",))
        .select_related("round__plan", "action")
        .get(pk=withheld_id)
    )
    plan = withheld.round.plan
    _require_publisher(editor, plan)
    record_event(
        kind="report.release", obj=withheld, plan=plan, summary=withheld.reason, user=editor
    )
    withheld.delete()
    cache.bump()


# --- evaluation reports -------------------------------------------------------------------


def finished_jobs(plan: Plan) -> QuerySet[ReportJob]:
    """The plan's generated evaluation reports that are done (with their file)."""
    return ReportJob.objects.filter(
        snapshot__plan=plan, status=ReportJobStatus.DONE, file__isnull=False
    )


@transaction.atomic
def evaluation_publish(*, job_id: int, title: str, editor: AnyUser) -> EvaluationPublication:
    """Make a finished evaluation report downloadable on the public site."""
    job = (
        ReportJob.objects.select_for_update(of=("self",))
        .select_related("snapshot__plan")
        .defer("file")
        .get(pk=job_id)
    )
    plan = job.snapshot.plan
    _require_publisher(editor, plan)
    _require_publishable(plan)
    if not finished_jobs(plan).filter(pk=job.pk).exists():
        raise PublicationRefused(_("Only a finished report can be published."))
    if job.snapshot.is_example:
        raise PublicationRefused(str(plan_selectors.EXAMPLE_DATA_REFUSAL))
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the report a title for the public site.")})
    existing = EvaluationPublication.objects.filter(job=job).first()
    if existing is not None:
        return existing
    publication = EvaluationPublication.objects.create(
        plan=plan,
        job=job,
        title=title[:300],
        published_at=timezone.now(),
        published_by=_person(editor),
    )
    _event_add(
        plan=plan,
        kind=PublicationKind.EVALUATION,
        title=_both_languages(
            gettext_noop("Evaluation report published: %(title)s"),
            {"title": publication.title},
        ),
        url_name="portal:evaluation_download",
        url_args=[plan.short_name, publication.pk],
    )
    record_event(
        kind="evaluation.publish", obj=job, plan=plan, summary=publication.title, user=editor
    )
    cache.bump()
    return publication


@transaction.atomic
def evaluation_unpublish(*, job_id: int, editor: AnyUser) -> None:
    job = ReportJob.objects.select_related("snapshot__plan").defer("file").get(pk=job_id)
    plan = job.snapshot.plan
    _require_publisher(editor, plan)
    publication = EvaluationPublication.objects.select_for_update().filter(job=job).first()
    if publication is None:
        return
    PublicationEvent.objects.filter(
        plan=plan, kind=PublicationKind.EVALUATION, url_args__1=publication.pk
    ).delete()
    record_event(
        kind="evaluation.publish", obj=job, plan=plan, summary=_("unpublished"), user=editor
    )
    publication.delete()
    cache.bump()
