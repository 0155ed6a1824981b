"""A published plan holding one of each kind of hidden item, for the leak tests.

``published_plan_with_hidden_items()`` builds, in the test database's GBV plan (which has
no example data), two published actions with indicators, a published round and an
unpublished one, and beside the public content every kind of item the public must never
see. Every hidden text carries ``HIDDEN`` ("VERBORGEN-<kind>"); every public one carries
``SHOWN`` ("OPENBAAR-<kind>"), so a test can check both on any public URL or download:

    for kind, marker in fixture.hidden.items(): assert marker not in body
    assert fixture.shown["report"] in body
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.conftest import action_create, other_action_create
from planmonitor.evaluation.models import ReportJob, Revision, RevisionChange, Snapshot
from planmonitor.monitoring.models import (
    ActionSheet,
    Contribution,
    Evidence,
    IndicatorValue,
    ProgressReport,
    ReportingRound,
    ReportState,
)
from planmonitor.network.models import Meeting, Signal
from planmonitor.plans.models import (
    Action,
    ActionComment,
    Indicator,
    Minister,
    OperationalGoal,
    Plan,
    PlanDecision,
)
from planmonitor.portal.models import RoundPublication, WithheldReport

HIDDEN = "VERBORGEN"
SHOWN = "OPENBAAR"

# The sensitive indicator's values: one under the threshold (5), one above it.
SMALL_COUNT = Decimal("3")
LARGE_COUNT = Decimal("12")


def hidden(kind: str) -> str:
    return f"{HIDDEN}-{kind}"


def shown(kind: str) -> str:
    return f"{SHOWN}-{kind}"


@dataclass
class PublicFixture:
    plan: Plan
    action: Action  # T001: public reports in the published round
    other_action: Action  # T002: its report of the published round is held back
    sensitive: Indicator  # quantitative, sensitive: values SMALL_COUNT and LARGE_COUNT
    open_indicator: Indicator  # quantitative, not sensitive: value SMALL_COUNT
    published_round: ReportingRound
    unpublished_round: ReportingRound
    public_report: ProgressReport
    hidden: dict[str, str] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)


def published_plan_with_hidden_items() -> PublicFixture:
    plan = Plan.objects.get()
    if not plan.decisions.filter(kind=PlanDecision.Kind.GOVERNMENT).exists():
        PlanDecision.objects.create(
            plan=plan, kind=PlanDecision.Kind.GOVERNMENT, date=dt.date(2025, 5, 9), description="x"
        )
    plan.is_published = True
    plan.save(update_fields=["is_published"])
    hide: dict[str, str] = {}
    show: dict[str, str] = {}

    def h(kind: str) -> str:
        hide[kind] = hidden(kind)
        return hide[kind]

    def s(kind: str) -> str:
        show[kind] = shown(kind)
        return show[kind]

    # People: names and e-mail addresses never appear.
    person = User.objects.create_user(
        username="verborgen-persoon",
        password="x-test-password-123",
        first_name=h("first-name"),
        last_name=h("last-name"),
        email="verborgen-persoon@example.org",
    )
    hide["email"] = "verborgen-persoon@example.org"
    Membership.objects.create(user=person, plan=plan, role=Role.COORDINATOR)

    action = action_create(plan)
    action.summary = s("summary")
    action.save(update_fields=["summary"])
    other = other_action_create(plan)

    sensitive = Indicator.objects.create(
        action=action,
        code="I1",
        name=s("indicator-name"),
        kind=Indicator.Kind.QUANTITATIVE,
        unit="meldingen",
        is_sensitive=True,
    )
    open_indicator = Indicator.objects.create(
        action=action, code="I2", name="Aantal opleidingen", kind=Indicator.Kind.QUANTITATIVE
    )
    other_indicator = Indicator.objects.create(
        action=other, code="I1", name="Aantal clubs", kind=Indicator.Kind.QUANTITATIVE
    )

    ActionComment.objects.create(action=action, author=person, body=h("comment"))
    ActionSheet.objects.update_or_create(
        action=action,
        defaults={
            "content_goal": h("sheet-goal"),
            "approach": h("sheet-approach"),
            "risks": h("sheet-risks"),
            "contact_name": h("sheet-contact"),
            "contact_email": "verborgen-contact@example.org",
            "remarks": h("sheet-remarks"),
        },
    )
    hide["sheet-email"] = "verborgen-contact@example.org"

    published_round = ReportingRound.objects.create(
        plan=plan,
        name="2026 – eerste semester",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        due_date=dt.date(2026, 7, 31),
    )
    unpublished_round = ReportingRound.objects.create(
        plan=plan,
        name=h("round-name"),
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2027, 1, 31),
    )
    RoundPublication.objects.create(round=published_round, published_at=timezone.now())

    public_report = ProgressReport.objects.create(
        round=published_round,
        action=action,
        implementation_status="on_track",
        public_text=s("report"),
        done=h("report-done"),
        obstacles=h("report-obstacles"),
        next_steps=h("report-next-steps"),
        remarks=h("report-remarks"),
        state=ReportState.ACCEPTED,
    )
    IndicatorValue.objects.create(
        report=public_report,
        indicator=sensitive,
        value=SMALL_COUNT,
        text=h("value-text"),
        remark=h("value-remark"),
    )
    IndicatorValue.objects.create(report=public_report, indicator=open_indicator, value=SMALL_COUNT)
    Contribution.objects.create(
        report=public_report,
        author=person,
        minister=Minister.objects.get(key="crevits"),
        text=h("contribution"),
    )
    Evidence.objects.create(
        report=public_report, title=h("evidence"), url="https://example.org/verborgen-bewijs"
    )
    hide["evidence-url"] = "verborgen-bewijs"

    # Held back: accepted, in the published round, but withheld for this action.
    withheld = ProgressReport.objects.create(
        round=published_round,
        action=other,
        implementation_status="delayed",
        status_reason=h("withheld-reason"),
        public_text=h("withheld-report"),
        state=ReportState.ACCEPTED,
    )
    # Seven digits: no id in a URL on the page reaches it (a short number collided with
    # the round's id on PostgreSQL, whose sequences survive rolled-back tests).
    IndicatorValue.objects.create(
        report=withheld, indicator=other_indicator, value=Decimal("7770917")
    )
    hide["withheld-value"] = "7770917"
    WithheldReport.objects.create(round=published_round, action=other, reason=h("withheld-why"))

    # The unpublished round: accepted (large count), draft, returned and submitted reports.
    later = ProgressReport.objects.create(
        round=unpublished_round,
        action=action,
        implementation_status="completed",
        public_text=h("unpublished-round-report"),
        state=ReportState.ACCEPTED,
    )
    IndicatorValue.objects.create(report=later, indicator=sensitive, value=LARGE_COUNT)
    ProgressReport.objects.create(
        round=unpublished_round,
        action=other,
        public_text=h("draft-report"),
        state=ReportState.DRAFT,
    )
    # Reports not accepted in the published round: a returned one and a re-opened one
    # (re-opening an accepted report sets it back to draft).
    third = Action.objects.create(
        plan=plan,
        code="T003",
        title="Testactie: meldpunt",
        operational_goal=OperationalGoal.objects.get(plan=plan, code="2.1"),
        lead_minister=Minister.objects.get(key="gennez"),
    )
    ProgressReport.objects.create(
        round=published_round,
        action=third,
        public_text=h("returned-report"),
        remarks=h("returned-remarks"),
        state=ReportState.RETURNED,
    )
    fourth = Action.objects.create(
        plan=plan,
        code="T004",
        title="Testactie: campagne",
        operational_goal=OperationalGoal.objects.get(plan=plan, code="1.4"),
        lead_minister=Minister.objects.get(key="de-ridder"),
    )
    ProgressReport.objects.create(
        round=published_round,
        action=fourth,
        public_text=h("reopened-report"),
        reopen_reason=h("reopen-reason"),
        state=ReportState.DRAFT,
    )
    fifth = Action.objects.create(
        plan=plan,
        code="T005",
        title="Testactie: opvang",
        operational_goal=OperationalGoal.objects.get(plan=plan, code="2.1"),
        lead_minister=Minister.objects.get(key="gennez"),
    )
    ProgressReport.objects.create(
        round=published_round,
        action=fifth,
        public_text=h("submitted-report"),
        state=ReportState.SUBMITTED,
        submitted_at=timezone.now(),
    )

    # The learning network's internal work.
    signal = Signal.objects.create(plan=plan, kind="manual", title=h("signal"), detail=h("signal"))
    signal.actions.add(action)
    Meeting.objects.create(
        plan=plan,
        starts_at=timezone.now(),
        title=h("meeting"),
        minutes=h("meeting-minutes"),
        outside_participants=h("meeting-participants"),
    )

    # Evaluation work in progress: a draft revision, a snapshot, an unpublished report.
    revision = Revision.objects.create(plan=plan, name=h("revision"))
    RevisionChange.objects.create(
        revision=revision,
        kind="change",
        action=action,
        values={"title": h("revision-title")},
        reason=h("revision-reason"),
    )
    snapshot = Snapshot.objects.create(
        plan=plan,
        name=h("snapshot"),
        as_of=dt.date(2026, 6, 30),
        taken_at=timezone.now(),
        payload={"note": h("snapshot-payload")},
        sha256="0" * 64,
    )
    ReportJob.objects.create(
        snapshot=snapshot,
        kind="interim",
        format="pdf",
        status="done",
        filename=f"{h('report-file')}.pdf",
        file=b"%PDF-1.4 " + h("report-bytes").encode(),
    )

    return PublicFixture(
        plan=plan,
        action=action,
        other_action=other,
        sensitive=sensitive,
        open_indicator=open_indicator,
        published_round=published_round,
        unpublished_round=unpublished_round,
        public_report=public_report,
        hidden=hide,
        shown=show,
    )


def assert_nothing_hidden(body: str, fixture: PublicFixture) -> None:
    """Fails with the kinds of hidden items ``body`` shows."""
    leaked = [kind for kind, marker in fixture.hidden.items() if marker in body]
    assert not leaked, f"hidden items shown: {leaked}"
