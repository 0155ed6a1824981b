"""A context series as the page and the final report show it: the chart with the plan
period, the table, and the analysis in words. One function for both, on the snapshot's
plain data (selectors.series_data), so the report says what the page says."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from planmonitor.core import formatting

from . import analysis
from .charts import context_chart_svg


@dataclass(frozen=True)
class SeriesView:
    data: dict[str, Any]
    title: str
    chart: SafeString
    result: analysis.TimeSeriesResult
    findings: list[str]  # the analysis in sentences

    @property
    def points(self) -> list[dict[str, Any]]:
        """The yearly values, each with ``value_display`` in the reader's format."""
        return [
            {**point, "value_display": formatting.localized(point["value"])}
            for point in self.data["points"]
        ]


def number(value: float | Decimal) -> str:
    """A figure as the reader reads it: Belgian format, at most one decimal."""
    return formatting.localized(Decimal(f"{value:.1f}"))


def _estimate(estimate: analysis.Estimate, unit: str) -> str:
    return _("%(value)s %(unit)s (95%% interval %(low)s to %(high)s; standard error %(se)s)") % {
        "value": number(estimate.value),
        "unit": unit,
        "low": number(estimate.low),
        "high": number(estimate.high),
        "se": number(estimate.standard_error),
    }


def findings(result: analysis.TimeSeriesResult, *, unit: str, start_year: int) -> list[str]:
    """The interrupted time series in words, with its uncertainty and what it cannot say."""
    if not result.enough:
        return [
            _(
                "Too few years for an interrupted time series: %(before)d before %(start)d and "
                "%(after)d from %(start)d on; at least %(min_before)d before and %(min_after)d "
                "after the plan's start are needed."
            )
            % {
                "before": result.years_before,
                "after": result.years_after,
                "start": start_year,
                "min_before": analysis.MIN_BEFORE,
                "min_after": analysis.MIN_AFTER,
            }
        ]
    assert result.level_change and result.slope_change and result.slope_before
    significant = [
        name
        for name, estimate in (
            (_("level"), result.level_change),
            (_("slope"), result.slope_change),
        )
        if not estimate.covers(0)
    ]
    lines = [
        _("Trend before %(start)d: %(slope)s per year.")
        % {"start": start_year, "slope": _estimate(result.slope_before, unit)},
        _("Change in level at the plan's start: %(change)s.")
        % {"change": _estimate(result.level_change, unit)},
        _("Change in the yearly trend after the start: %(change)s.")
        % {"change": _estimate(result.slope_change, unit)},
    ]
    if significant:
        lines.append(
            _("The 95%% interval of the %(what)s change excludes zero.")
            % {"what": _(" and the ").join(significant)}
        )
    else:
        lines.append(_("Both intervals include zero: no change can be told from chance."))
    return lines


def series_view(data: dict[str, Any], *, period: tuple[int, int], chart_id: str) -> SeriesView:
    points = [(p["year"], Decimal(p["value"])) for p in data["points"]]
    title = f"{data['name']} ({data['area']})" if data.get("area") else data["name"]
    if data.get("is_example"):
        title = _("%(title)s – example data") % {"title": title}
    result = analysis.interrupted_time_series(points, period[0])
    description = (
        _("%(count)d yearly values from %(first)d to %(last)d; the plan runs %(start)d–%(end)d.")
        % {
            "count": len(points),
            "first": points[0][0],
            "last": points[-1][0],
            "start": period[0],
            "end": period[1],
        }
        if points
        else _("No values yet.")
    )
    return SeriesView(
        data=data,
        title=title,
        chart=context_chart_svg(
            chart_id=chart_id,
            title=title,
            description=description,
            points=points,
            period=period,
            unit=data.get("unit", ""),
            fitted=result.fitted_segments(period[0]),
        ),
        result=result,
        findings=findings(result, unit=data.get("unit", ""), start_year=period[0]),
    )


def contribution_note() -> str:
    return _(
        "This is a contribution analysis: it sets what the plan did beside what changed in "
        "these figures. It does not prove that the plan caused a change: registrations also "
        "move with awareness, reporting practice and other policy."
    )
