"""The API's shapes (pydantic, via ninja): what the routes answer and take."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from planmonitor.core.converters import MAX_ID

# A round's id in a path: an id, so within 64 bits. A bare ``int`` let 2**63 reach the
# query, and SQLite raised OverflowError (a 500); now it is a 422 like any invalid input.
RoundId = Annotated[int, Field(ge=0, le=MAX_ID)]


class ErrorOut(Schema):
    """Every refusal: ``detail`` says what went wrong; ``errors`` per field, with the
    same messages as the web forms."""

    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


class PlanOut(Schema):
    short_name: str
    title: str
    title_en: str
    description: str
    period_start: str
    period_end: str
    status: str
    is_published: bool
    coordinating_minister: str
    coordinating_agency: str


class GoalOut(Schema):
    code: str
    text: str


class PlanDetailOut(PlanOut):
    strategic_goals: list[GoalOut]
    operational_goals: list[GoalOut]


class ActionOut(Schema):
    code: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    description: str
    strategic_goal: str
    operational_goal: str
    lead_minister: str
    co_ministers: list[str]
    lead_organisation: str
    violence_forms: list[str]
    target_groups: list[str]
    beneficiaries: list[str]
    involves_local_governments: bool
    start_date: str | None
    end_date: str | None
    status: str


class IndicatorOut(Schema):
    action: str
    code: str
    name: str
    kind: str
    unit: str
    direction: str
    frequency: str
    source: str
    sensitive: bool
    baseline_value: Decimal | None
    baseline_shown: str
    baseline_text: str
    baseline_date: str | None
    target_value: Decimal | None
    target_shown: str
    target_text: str
    target_date: str | None


class ReportInternalOut(Schema):
    """What the action's people read of a report in the web UI (not for the public)."""

    state: str
    version: int
    status_reason: str
    done: str
    obstacles: str
    next_steps: str


class ReportOut(Schema):
    action: str
    round_id: int
    round: str
    period_start: str
    period_end: str
    implementation_status: str
    public_text: str
    public: bool
    internal: ReportInternalOut | None = None


class ValueOut(Schema):
    action: str
    indicator: str
    round_id: int
    round: str
    period_start: str
    period_end: str
    value: Decimal | None
    value_shown: str
    suppressed: bool
    level: str
    source: str
    text: str | None = None
    remark: str | None = None


class ActionDetailOut(ActionOut):
    indicators: list[IndicatorOut]
    reports: list[ReportOut]


class ReportDetailOut(ReportOut):
    values: list[ValueOut]


class Page(Schema):
    count: int
    limit: int
    offset: int


class PlanPage(Page):
    items: list[PlanOut]


class ActionPage(Page):
    items: list[ActionOut]


class IndicatorPage(Page):
    items: list[IndicatorOut]


class ReportPage(Page):
    items: list[ReportOut]


class ValuePage(Page):
    items: list[ValueOut]


class PageQuery(Schema):
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class ActionFilter(PageQuery):
    sd: str | None = Field(None, max_length=40, description="strategic goal code")
    od: str | None = Field(None, max_length=40, description="operational goal code")
    violence_form: str | None = Field(None, max_length=40, description="form of violence code")
    target_group: str | None = Field(None, max_length=40, description="target group code")
    minister: str | None = Field(None, max_length=60, description="minister key (lead or co)")
    status: str | None = Field(None, max_length=40)
    q: str | None = Field(None, max_length=200, description="text in code, title or summary")


# --- writes ---------------------------------------------------------------------------


class ReportPatchIn(Schema):
    """The report form's fields; those left out keep their value."""

    implementation_status: str | None = None
    status_reason: str | None = None
    done: str | None = None
    obstacles: str | None = None
    next_steps: str | None = None
    public_text: str | None = None
    milestones_reached: list[int] | None = None


class ValueIn(Schema):
    """One indicator's value (as the report form's row): a number for a quantitative
    indicator, a level (and text) for a qualitative one; all empty removes the value."""

    indicator: str = Field(..., max_length=40, description="the indicator's code")
    value: str | None = Field(None, max_length=40, description='a number: "12", "12.5" or "12,5"')
    level: str | None = Field(None, max_length=40)
    text: str | None = None
    source: str | None = None
    remark: str | None = None


class ValuesIn(Schema):
    values: list[ValueIn] = Field(..., max_length=200)
