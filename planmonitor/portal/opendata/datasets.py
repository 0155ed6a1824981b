"""The open datasets of a public plan: their fields (the data dictionary) and their rows.

Every row comes from a record in ``portal/public.py``; nothing here reads the models, so
the downloads show exactly what the public site shows (small counts suppressed included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from planmonitor.plans.models import Plan

from .. import public

# Types as the data dictionary names them.
TEXT = "text"
NUMBER = "number"
DATE = "date"
BOOLEAN = "boolean"
LIST = "list"

TYPE_LABELS: dict[str, Promise] = {
    TEXT: _("text"),
    NUMBER: _("number (decimal point; empty when unknown or suppressed)"),
    DATE: _("date (YYYY-MM-DD)"),
    BOOLEAN: _("yes/no (true/false)"),
    LIST: _('list (in CSV and XLSX separated by "; ", in JSON an array)'),
}

# Rows per query: the downloads read the database in chunks of this size.
CHUNK = 500


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: Promise

    @property
    def type_label(self) -> Promise:
        return TYPE_LABELS[self.type]


@dataclass(frozen=True)
class Dataset:
    name: str  # the URL's and the file's name
    title: Promise
    description: Promise
    fields: tuple[Field, ...]
    rows: Callable[[Plan], Iterable[dict[str, Any]]]
    keywords: tuple[str, ...] = ()

    @property
    def headers(self) -> list[str]:
        return [f.name for f in self.fields]


def _framework(plan: Plan) -> Iterable[dict[str, Any]]:
    return public.framework_records(plan)


def _actions(plan: Plan) -> Iterator[dict[str, Any]]:
    for action in public.actions(plan).iterator(chunk_size=CHUNK):
        yield public.action_record(action)


def _indicators(plan: Plan) -> Iterator[dict[str, Any]]:
    for indicator in public.indicators(plan).iterator(chunk_size=CHUNK):
        yield public.indicator_record(indicator)


def _reports(plan: Plan) -> Iterator[dict[str, Any]]:
    for report in public.reports(plan).iterator(chunk_size=CHUNK):
        yield public.report_record(report)


def _values(plan: Plan) -> Iterator[dict[str, Any]]:
    for value in public.values(plan).iterator(chunk_size=CHUNK):
        yield public.value_record(value)


SUPPRESSION = _(
    "A sensitive indicator's numbers under its threshold (5 unless set otherwise) are "
    'suppressed: the number is empty (JSON: null) and the shown text is "< 5".'
)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            name="plan",
            title=_("Plan and framework"),
            description=_(
                "The plan, its strategic goals (SD) and operational goals (OD), one per row."
            ),
            keywords=("strategische doelstellingen", "operationele doelstellingen"),
            rows=_framework,
            fields=(
                Field("level", TEXT, _("plan, strategic_goal (SD) or operational_goal (OD)")),
                Field("code", TEXT, _("the plan's short name, or the goal's number (1, 1.2)")),
                Field("parent", TEXT, _("the plan of an SD, the SD of an OD")),
                Field("title", TEXT, _("title of the plan, text of the goal (Dutch)")),
                Field("title_en", TEXT, _("the same in English, where given")),
                Field("description", TEXT, _("the plan's description (Dutch)")),
                Field("description_en", TEXT, _("the same in English, where given")),
                Field("period_start", DATE, _("start of the plan's period")),
                Field("period_end", DATE, _("end of the plan's period")),
            ),
        ),
        Dataset(
            name="actions",
            title=_("Actions"),
            description=_("Every action of the plan, with its goal, ministers and scope."),
            keywords=("acties", "maatregelen"),
            rows=_actions,
            fields=(
                Field("code", TEXT, _("the action's code")),
                Field("title", TEXT, _("title (Dutch)")),
                Field("title_en", TEXT, _("title in English, where given")),
                Field("summary", TEXT, _("plain-language summary (Dutch)")),
                Field("summary_en", TEXT, _("summary in English, where given")),
                Field("description", TEXT, _("description (Dutch, Markdown)")),
                Field("strategic_goal", TEXT, _("code of its strategic goal (SD)")),
                Field("operational_goal", TEXT, _("code of its operational goal (OD)")),
                Field("lead_minister", TEXT, _("the lead minister")),
                Field("co_ministers", LIST, _("the other ministers involved")),
                Field("lead_organisation", TEXT, _("the lead organisation")),
                Field("violence_forms", LIST, _("codes of the forms of violence addressed")),
                Field("target_groups", LIST, _("codes of the target groups")),
                Field("beneficiaries", LIST, _("codes of the beneficiaries")),
                Field(
                    "involves_local_governments", BOOLEAN, _("whether local governments take part")
                ),
                Field("start_date", DATE, _("planned start")),
                Field("end_date", DATE, _("planned end")),
                Field("status", TEXT, _("planned, running, completed or stopped")),
            ),
        ),
        Dataset(
            name="indicators",
            title=_("Indicators"),
            description=_("The indicators of the actions: definition, baseline and target."),
            keywords=("indicatoren",),
            rows=_indicators,
            fields=(
                Field("action", TEXT, _("code of the action")),
                Field("code", TEXT, _("the indicator's code within the action")),
                Field("name", TEXT, _("name (Dutch)")),
                Field("kind", TEXT, _("quantitative or qualitative")),
                Field("unit", TEXT, _("unit of the numbers")),
                Field("direction", TEXT, _("increase, decrease, maintain or reach")),
                Field("frequency", TEXT, _("how often it is measured")),
                Field("source", TEXT, _("where the numbers come from")),
                Field("sensitive", BOOLEAN, _("whether small counts are suppressed")),
                Field("baseline_value", NUMBER, _("baseline (empty when suppressed)")),
                Field("baseline_shown", TEXT, _('the baseline as shown ("< 5" when suppressed)')),
                Field("baseline_text", TEXT, _("the baseline in words")),
                Field("baseline_date", DATE, _("date of the baseline")),
                Field("target_value", NUMBER, _("target (empty when suppressed)")),
                Field("target_shown", TEXT, _('the target as shown ("< 5" when suppressed)')),
                Field("target_text", TEXT, _("the target in words")),
                Field("target_date", DATE, _("date the target should be reached")),
            ),
        ),
        Dataset(
            name="reports",
            title=_("Progress reports"),
            description=_(
                "The accepted progress reports of the published reporting rounds: status "
                "and public progress text per action and round."
            ),
            keywords=("voortgang", "opvolging"),
            rows=_reports,
            fields=(
                Field("action", TEXT, _("code of the action")),
                Field("round", TEXT, _("name of the reporting round")),
                Field("period_start", DATE, _("start of the period reported on")),
                Field("period_end", DATE, _("end of the period reported on")),
                Field(
                    "implementation_status",
                    TEXT,
                    _("not_started, preparing, on_track, delayed, completed or stopped"),
                ),
                Field("public_text", TEXT, _("the public progress text (Dutch)")),
            ),
        ),
        Dataset(
            name="values",
            title=_("Indicator values"),
            description=_(
                "The indicator values of the accepted progress reports of the published "
                "reporting rounds."
            ),
            keywords=("indicatoren", "cijfers"),
            rows=_values,
            fields=(
                Field("action", TEXT, _("code of the action")),
                Field("indicator", TEXT, _("code of the indicator")),
                Field("round", TEXT, _("name of the reporting round")),
                Field("period_start", DATE, _("start of the period")),
                Field("period_end", DATE, _("end of the period")),
                Field("value", NUMBER, _("the number (empty when suppressed)")),
                Field("value_shown", TEXT, _('the number as shown ("< 5" when suppressed)')),
                Field("suppressed", BOOLEAN, _("whether the number is a suppressed small count")),
                Field("level", TEXT, _("the level of a qualitative indicator")),
                Field("source", TEXT, _("source of the value")),
            ),
        ),
    )
}
