"""Data for the record pages' tests: the hidden-items plan plus two plan versions, a
published evaluation report and published updates (the feed)."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone, translation

from planmonitor.evaluation.content import plan_content
from planmonitor.evaluation.models import (
    PlanVersion,
    ReportJob,
    Revision,
    RevisionChange,
    Snapshot,
)
from planmonitor.portal.models import EvaluationPublication, PublicationEvent, PublicationKind

from .hidden import PublicFixture, hidden, published_plan_with_hidden_items, shown

REPORT_BYTES = b"%PDF-1.4 published evaluation " + shown("evaluation-file").encode()


@dataclass
class RecordFixture:
    base: PublicFixture
    publication: EvaluationPublication
    events: list[PublicationEvent]

    @property
    def plan(self):
        return self.base.plan

    @property
    def hidden(self) -> dict[str, str]:
        return self.base.hidden

    @property
    def shown(self) -> dict[str, str]:
        return self.base.shown


def url(name: str, language: str = "nl", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"portal:{name}", kwargs=kwargs)


def versions_create(fixture: PublicFixture) -> None:
    """Version 1 (the plan as it stands) and version 2: T001's title changed, an action
    added, T002 discontinued; the approved change's reason is internal."""
    plan = fixture.plan
    first = plan_content(plan)
    PlanVersion.objects.create(
        plan=plan, number=1, effective_date=dt.date(2025, 5, 9), content=first
    )
    second = copy.deepcopy(first)
    for action in second["actions"]:
        if action["code"] == fixture.action.code:
            action["title"] = shown("new-title")
        if action["code"] == fixture.other_action.code:
            action["status"] = "stopped"
    added = copy.deepcopy(second["actions"][0])
    added.update(code="T009", title=shown("added-action"))
    second["actions"].append(added)
    revision = Revision.objects.create(
        plan=plan,
        name="Actualisering 2027",
        status="approved",
        decision_reference="VR 2027 0101",
        decision_date=dt.date(2027, 1, 1),
        effective_date=dt.date(2027, 1, 1),
    )
    RevisionChange.objects.create(
        revision=revision,
        kind="change",
        action=fixture.action,
        values={"title": shown("new-title")},
        reason=hidden("approved-reason"),
    )
    fixture.hidden["approved-reason"] = hidden("approved-reason")
    fixture.shown["new-title"] = shown("new-title")
    fixture.shown["added-action"] = shown("added-action")
    PlanVersion.objects.create(
        plan=plan,
        number=2,
        effective_date=dt.date(2027, 1, 1),
        content=second,
        revision=revision,
        decision_reference="VR 2027 0101",
        decision_date=dt.date(2027, 1, 1),
    )


def evaluation_publish(fixture: PublicFixture) -> EvaluationPublication:
    snapshot = Snapshot.objects.create(
        plan=fixture.plan,
        name="Tussentijdse evaluatie",
        as_of=dt.date(2027, 6, 30),
        taken_at=timezone.now(),
        payload={},
        sha256="1" * 64,
    )
    job = ReportJob.objects.create(
        snapshot=snapshot,
        kind="interim",
        format="pdf",
        status="done",
        filename=f"{hidden('published-job-file')}.pdf",
        file=REPORT_BYTES,
    )
    fixture.hidden["published-job-file"] = hidden("published-job-file")
    fixture.shown["evaluation"] = shown("evaluation")
    return EvaluationPublication.objects.create(
        plan=fixture.plan, job=job, title=shown("evaluation"), published_at=timezone.now()
    )


def events_create(fixture: PublicFixture, count: int = 2) -> list[PublicationEvent]:
    plan = fixture.plan
    now = timezone.now()
    events = [
        PublicationEvent.objects.create(
            plan=plan,
            kind=PublicationKind.ROUND,
            title=f"{shown('event')}-{n} Voortgang gepubliceerd",
            title_en=f"{shown('event')}-{n} Progress published",
            url_name="portal:round",
            url_args=[plan.short_name, fixture.published_round.pk],
            published_at=now - dt.timedelta(days=count - n),
        )
        for n in range(count)
    ]
    fixture.shown["event"] = shown("event")
    return events


def record_fixture() -> RecordFixture:
    base = published_plan_with_hidden_items()
    versions_create(base)
    publication = evaluation_publish(base)
    events = events_create(base)
    return RecordFixture(base=base, publication=publication, events=events)


def all_urls(fixture: RecordFixture, language: str) -> list[str]:
    """Every record URL of the fixture's plan, in ``language``."""
    short_name = fixture.plan.short_name
    return [
        url("round", language, short_name=short_name, pk=fixture.base.published_round.pk),
        url("decisions", language, short_name=short_name),
        url("versions", language, short_name=short_name),
        url("version", language, short_name=short_name, number=1),
        url("version", language, short_name=short_name, number=2),
        url("evaluations", language, short_name=short_name),
        url("evaluation_download", language, short_name=short_name, pk=fixture.publication.pk),
        url("feed_atom", language, short_name=short_name),
        url("feed_rss", language, short_name=short_name),
        url("accessibility", language),
        url("privacy", language),
    ]
