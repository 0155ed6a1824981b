"""Coverage of the plan: how many actions each combination of goal and tag has.

Pure functions over the rows ``selectors.coverage_data`` reads: the matrices (OD × violence
form, OD × target group, SD × lead minister, Istanbul Convention article × actions), their
empty and thin cells, and one line per special-attention group of the note.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A cell with this many actions or fewer (but not none) is "thin": one action carries it.
THIN_MAX = 1

# The special-attention groups of the note, each mapped to the plan's target group with
# this code (the codes load_gbv_plan gives them); compared case-insensitively.
SPECIAL_ATTENTION = (
    ("handicap", gettext_lazy("Persons with a disability")),
    ("ouderen", gettext_lazy("Older people")),
    ("kinderen", gettext_lazy("Children")),
    ("migranten", gettext_lazy("Migrants")),
    ("lgbtq", gettext_lazy("LGBTQ+")),
)

MATRIX_KEYS = ("od-violence", "od-target", "sd-minister", "istanbul")


@dataclass(frozen=True)
class ActionRow:
    """What a matrix needs of an action."""

    pk: int
    code: str
    title: str
    operational_goal_id: int
    lead_minister_id: int


@dataclass
class Cell:
    actions: list[ActionRow] = field(default_factory=list)
    url: str = ""

    @property
    def count(self) -> int:
        return len(self.actions)

    @property
    def state(self) -> str:
        """ "empty", "thin" or "" (covered)."""
        if not self.actions:
            return "empty"
        return "thin" if self.count <= THIN_MAX else ""


@dataclass
class Row:
    code: str
    label: str
    title: str  # the full text (an OD's wording), for a tooltip and the XLSX
    cells: list[Cell]
    group: str = ""  # the Istanbul chapter


@dataclass
class Matrix:
    key: str
    caption: str
    row_heading: str
    columns: list[tuple[str, str]]  # (code, label)
    rows: list[Row]

    def cells(self) -> Iterable[Cell]:
        return (cell for row in self.rows for cell in row.cells)

    @property
    def empty_count(self) -> int:
        return sum(cell.state == "empty" for cell in self.cells())

    @property
    def thin_count(self) -> int:
        return sum(cell.state == "thin" for cell in self.cells())

    def cell(self, row_code: str, column_code: str) -> Cell | None:
        for row in self.rows:
            if row.code == row_code:
                for (code, _label), cell in zip(self.columns, row.cells, strict=True):
                    if code == column_code:
                        return cell
        return None


@dataclass(frozen=True)
class GroupLine:
    label: str
    code: str
    found: bool  # the plan has a target group with this code
    count: int
    url: str


@dataclass
class CoverageData:
    """The plan's goals, tags and actions, and which action carries which tag (by pk)."""

    plan: object
    strategic_goals: list
    operational_goals: list
    violence_forms: list
    target_groups: list
    ministers: list
    articles: list
    actions: list[ActionRow]
    violence_forms_of: dict[int, set[int]]
    target_groups_of: dict[int, set[int]]
    articles_of: dict[int, set[int]]


def _overview_url(plan, **filters: str) -> str:
    return f"{reverse('plans:plan_overview', args=[plan.short_name])}?{urlencode(filters)}"


def drill_url(plan, matrix: str, row: str, column: str) -> str:
    query = urlencode({"matrix": matrix, "row": row, "col": column})
    return f"{reverse('network:coverage', args=[plan.short_name])}?{query}#drill-down"


def _matrix(
    *,
    key: str,
    caption: str,
    row_heading: str,
    rows: list[tuple[str, str, str, str]],  # (code, label, title, group)
    columns: list[tuple[str, str]],
    member: Callable[[ActionRow, str, str], bool],
    actions: list[ActionRow],
    url: Callable[[str, str], str],
) -> Matrix:
    result = []
    for code, label, title, group in rows:
        cells = []
        for column, _label in columns:
            found = [a for a in actions if member(a, code, column)]
            cells.append(Cell(actions=found, url=url(code, column) if found else ""))
        result.append(Row(code=code, label=label, title=title, cells=cells, group=group))
    return Matrix(key=key, caption=caption, row_heading=row_heading, columns=columns, rows=result)


def matrices(data: CoverageData) -> list[Matrix]:
    plan = data.plan
    actions = data.actions
    od_code = {od.pk: od.code for od in data.operational_goals}
    sd_of_od = {od.pk: od.strategic_goal.code for od in data.operational_goals}
    vf_code = {vf.pk: vf.code for vf in data.violence_forms}
    tg_code = {tg.pk: tg.code for tg in data.target_groups}
    minister_key = {m.pk: m.key for m in data.ministers}
    article_number = {a.pk: str(a.number) for a in data.articles}
    ods = [
        (od.code, _("OD %(code)s") % {"code": od.code}, od.text, "")
        for od in data.operational_goals
    ]

    def tagged(mapping: dict[int, set[int]], codes: dict[int, str]):
        def member(action: ActionRow, row: str, column: str) -> bool:
            return od_code.get(action.operational_goal_id) == row and column in {
                codes[pk] for pk in mapping.get(action.pk, ())
            }

        return member

    def articles_member(action: ActionRow, row: str, column: str) -> bool:
        return row in {article_number[pk] for pk in data.articles_of.get(action.pk, ())}

    return [
        _matrix(
            key="od-violence",
            caption=_("Operational goals × forms of violence"),
            row_heading=_("Operational goal"),
            rows=ods,
            columns=[(vf.code, vf.label) for vf in data.violence_forms],
            member=tagged(data.violence_forms_of, vf_code),
            actions=actions,
            url=lambda row, col: _overview_url(plan, operational_goal=row, violence_form=col),
        ),
        _matrix(
            key="od-target",
            caption=_("Operational goals × target groups"),
            row_heading=_("Operational goal"),
            rows=ods,
            columns=[(tg.code, tg.label) for tg in data.target_groups],
            member=tagged(data.target_groups_of, tg_code),
            actions=actions,
            url=lambda row, col: _overview_url(plan, operational_goal=row, target_group=col),
        ),
        _matrix(
            key="sd-minister",
            caption=_("Strategic goals × lead ministers"),
            row_heading=_("Strategic goal"),
            rows=[
                (sd.code, _("SD %(code)s") % {"code": sd.code}, sd.text, "")
                for sd in data.strategic_goals
            ],
            columns=[(m.key, m.family_name) for m in data.ministers],
            member=lambda a, row, col: (
                sd_of_od.get(a.operational_goal_id) == row
                and minister_key.get(a.lead_minister_id) == col
            ),
            actions=actions,
            url=lambda row, col: drill_url(plan, "sd-minister", row, col),
        ),
        _matrix(
            key="istanbul",
            caption=_("Istanbul Convention articles × actions"),
            row_heading=_("Article"),
            rows=[
                (str(a.number), _("Art. %(number)d") % {"number": a.number}, a.title, a.chapter)
                for a in data.articles
            ],
            columns=[("actions", _("Actions"))],
            member=articles_member,
            actions=actions,
            url=lambda row, col: drill_url(plan, "istanbul", row, col),
        ),
    ]


def special_attention(data: CoverageData) -> list[GroupLine]:
    """One line per special-attention group: how many actions name its target group."""
    by_code = {tg.code.lower(): tg for tg in data.target_groups}
    counts: dict[int, int] = defaultdict(int)
    for groups in data.target_groups_of.values():
        for pk in groups:
            counts[pk] += 1
    lines = []
    for code, label in SPECIAL_ATTENTION:
        group = by_code.get(code)
        lines.append(
            GroupLine(
                label=str(label),
                code=group.code if group else code,
                found=group is not None,
                count=counts[group.pk] if group else 0,
                url=_overview_url(data.plan, target_group=group.code) if group else "",
            )
        )
    return lines
