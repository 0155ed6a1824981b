"""final_blocks on a constructed payload: achievement per indicator and per SD, the
context series with their chart (SVG and PNG) and the analysis or "too few years"."""

from __future__ import annotations

import pytest

from planmonitor.evaluation.documents.blocks import BulletList, Figure, Heading, Table
from planmonitor.evaluation.impact.report import final_blocks


def _payload(context_series):
    indicator = {
        "code": "I1",
        "name": "Opgeleide agenten",
        "kind": "quantitative",
        "unit": "agenten",
        "baseline_value": "0",
        "target_value": "200",
        "direction": "increase",
    }
    return {
        "as_of": "2029-06-30",
        "content": {
            "plan": {"period_start": "2025-01-01", "period_end": "2029-12-31"},
            "strategic_goals": [{"code": "SD1", "text": "Preventie", "operational_goals": []}],
            "actions": [{"code": "A001", "strategic_goal": "SD1", "indicators": [indicator]}],
        },
        "indicator_values": [
            {
                "action": "A001",
                "indicator": "I1",
                "date": "2026-06-30",
                "value": "50",
                "level": "action",
                "round": "R1",
            },
            {
                "action": "A001",
                "indicator": "I1",
                "date": "2027-06-30",
                "value": "150",
                "level": "action",
                "round": "R2",
            },
        ],
        "context_series": context_series,
    }


SHORT = {
    "key": "hulplijn",
    "name": "Oproepen hulplijn 1712",
    "area": "Vlaanderen",
    "unit": "oproepen",
    "is_example": False,
    "points": [
        {"year": 2021, "value": "8515", "source": "https://dwvg.be/a", "note": ""},
        {"year": 2022, "value": "9045", "source": "https://dwvg.be/b", "note": ""},
    ],
}
LONG = {
    **SHORT,
    "key": "voorbeeld",
    "is_example": True,
    "points": [
        {
            "year": year,
            "value": str(100 + 5 * (year - 2025) + (-30 if year >= 2025 else 0)),
            "source": "",
            "note": "",
        }
        for year in range(2018, 2030)
    ],
}


@pytest.mark.django_db
def test_it_reports_achievement_per_indicator_and_per_goal():
    blocks = final_blocks(_payload([]), language="nl")
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert "Wat het plan bereikte" in headings and "SD1 Preventie" in headings
    summary, detail = [b for b in blocks if isinstance(b, Table)]
    assert summary.rows == (("SD1 Preventie", "1", "1", "1", "0", "75 %"),)
    [row] = detail.rows
    assert row[:6] == (
        "A001",
        "I1 Opgeleide agenten (agenten)",
        "0",
        "200",
        "150 (30/06/2027)",
        "75 %",
    )
    assert row[6].startswith("100") and "per jaar" in row[6]


@pytest.mark.django_db
def test_each_series_has_its_figure_table_and_analysis():
    blocks = final_blocks(_payload([SHORT, LONG]), language="nl")
    figures = [b for b in blocks if isinstance(b, Figure)]
    assert len(figures) == 2
    assert all(f.png.startswith(b"\x89PNG") and "Planperiode 2025–2029" in f.svg for f in figures)
    assert "voorbeelddata" in figures[1].alt
    short, long = [b for b in blocks if isinstance(b, BulletList)]
    assert short.items[0].startswith("Te weinig jaren")
    assert any("niveau" in line and "-30" in line for line in long.items)
    value_tables = [b for b in blocks if isinstance(b, Table) and b.columns[0] == "Jaar"]
    assert value_tables[0].rows[0] == ("2021", "8.515", "", "https://dwvg.be/a")


@pytest.mark.django_db
def test_it_speaks_english_when_asked():
    blocks = final_blocks(_payload([SHORT]), language="en")
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert "Context series and impact analysis" in headings
    [findings] = [b for b in blocks if isinstance(b, BulletList)]
    assert findings.items[0].startswith("Too few years")
