"""The plan document for Parliament: built from the plan's content, written as DOCX and PDF."""

from __future__ import annotations

import copy
import datetime as dt
import io

import docx
import pypdf
import pytest

from planmonitor.evaluation.content import plan_content
from planmonitor.evaluation.documents.blocks import BulletList, Heading, Table
from planmonitor.evaluation.documents.docx import render_docx
from planmonitor.evaluation.documents.pdf import render_pdf
from planmonitor.evaluation.documents.plan_document import VersionLabel, plan_document
from planmonitor.evaluation.documents.sources import NoSuchVersion, content_for


def _minister(key: str, name: str, portfolio: str) -> dict:
    return {"key": key, "name": name, "family_name": name.split()[-1], "portfolio": portfolio}


MINISTER = _minister("demir", "Zuhal Demir", "Justitie")
CO_MINISTER = _minister("weyts", "Ben Weyts", "Begroting")


def _content(**action_changes) -> dict:
    """A small plan as ``plan_content`` shapes it: one SD with two ODs, one action."""
    action = {
        "code": "A001",
        "title": "Campagne rond toestemming",
        "description": "Een campagne.\n\nIn twee delen.",
        "operational_goal": "1.1",
        "strategic_goal": "1",
        "lead_minister": MINISTER,
        "co_ministers": [CO_MINISTER],
        "lead_organisation": "Departement Justitie",
        "violence_forms": ["sexual"],
        "target_groups": ["youth"],
        "start_date": "2026-01-01",
        "end_date": "2027-06-30",
        "status": "running",
        "is_example": False,
        "indicators": [
            {
                "code": "A001-I1",
                "name": "Bereikte jongeren",
                "unit": "jongeren",
                "baseline_value": "1250",
                "baseline_text": "",
                "baseline_date": "2024-12-31",
                "target_value": "5000.5",
                "target_text": "",
                "target_date": "2029-12-31",
            },
            {
                "code": "A001-I2",
                "name": "Tevredenheid",
                "unit": "",
                "baseline_value": None,
                "baseline_text": "Geen meting",
                "baseline_date": None,
                "target_value": None,
                "target_text": "Positief oordeel",
                "target_date": None,
            },
        ],
        **action_changes,
    }
    return {
        "format": 1,
        "plan": {
            "short_name": "ggg",
            "title": "Vlaams actieplan",
            "description": "Het plan in het kort.",
            "period_start": "2025-10-01",
            "period_end": "2029-12-31",
            "coordinating_minister": MINISTER,
            "coordinating_agency": "Agentschap Justitie en Handhaving",
        },
        "decisions": [
            {
                "kind": "government",
                "kind_label": "Beslissing van de Vlaamse Regering",
                "date": "2025-09-05",
                "reference": "VR 2025 0905",
                "description": "",
            }
        ],
        "violence_forms": [{"code": "sexual", "label": "Seksueel geweld"}],
        "target_groups": [{"code": "youth", "label": "Jongeren"}],
        "strategic_goals": [
            {
                "code": "1",
                "text": "We voorkomen geweld.",
                "operational_goals": [
                    {"code": "1.1", "text": "We sensibiliseren."},
                    {"code": "1.2", "text": "We vormen."},
                ],
            }
        ],
        "actions": [action],
    }


def _headings(document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in document.blocks if isinstance(b, Heading)]


def test_it_groups_the_actions_by_sd_and_od_under_the_notes_framework():
    document = plan_document(_content(), language="nl")
    assert document.title == "Vlaams actieplan"
    assert _headings(document) == [
        (1, "Kader"),
        (2, "Beslissingen"),
        (2, "Vormen van geweld"),
        (2, "Strategische en operationele doelstellingen"),
        (3, "SD 1: We voorkomen geweld."),
        (1, "SD 1: We voorkomen geweld."),
        (2, "OD 1.1: We sensibiliseren."),
        (3, "A001 Campagne rond toestemming"),
        (2, "OD 1.2: We vormen."),
    ]
    lists = [b.items for b in document.blocks if isinstance(b, BulletList)]
    assert ("Seksueel geweld",) in lists
    assert ("OD 1.1: We sensibiliseren.", "OD 1.2: We vormen.") in lists


def test_each_action_has_its_ministers_target_groups_timing_and_indicators():
    document = plan_document(_content(), language="nl")
    facts = next(b.items for b in document.blocks if isinstance(b, BulletList) and len(b.items) > 2)
    assert facts == (
        "Trekkende minister: Zuhal Demir (Justitie)",
        "Betrokken ministers: Ben Weyts (Begroting)",
        "Trekkende entiteit: Departement Justitie",
        "Doelgroepen: Jongeren",
        "Vormen van geweld: Seksueel geweld",
        "Timing: 01/01/2026 – 30/06/2027",
        "Status: Lopend",
    )
    tables = [b for b in document.blocks if isinstance(b, Table)]
    indicators = next(table for table in tables if "Indicator" in table.columns)
    assert indicators.caption == "Indicatoren van A001"
    assert indicators.rows == (
        (
            "A001-I1 Bereikte jongeren",
            "1.250 jongeren (31/12/2024)",
            "5.000,5 jongeren (31/12/2029)",
        ),
        ("A001-I2 Tevredenheid", "Geen meting", "Positief oordeel"),
    )


def test_the_title_page_gives_period_version_and_the_example_data_warning():
    plain = plan_document(_content(), language="nl")
    assert plain.title_lines[0] == "Planperiode: 01/10/2025 – 31/12/2029"
    assert "Bevat voorbeeldgegevens" not in plain.title_lines
    assert plain.footer == "Vlaams actieplan"

    version = VersionLabel(number=2, effective_date=dt.date(2027, 9, 1))
    example = plan_document(_content(is_example=True), language="nl", version=version)
    assert "Versie 2, van kracht sinds 01/09/2027" in example.title_lines
    assert "Bevat voorbeeldgegevens" in example.title_lines
    assert example.footer == "Vlaams actieplan – versie 2"


def test_it_speaks_english_when_asked():
    document = plan_document(_content(), language="en")
    assert document.language == "en"
    assert (1, "Framework") in _headings(document)
    assert document.subtitle == "Action plan for the Flemish Parliament"


def test_an_od_without_actions_says_so():
    document = plan_document(_content(), language="en")
    texts = [getattr(b, "text", "") for b in document.blocks]
    after = texts[texts.index("OD 1.2: We vormen.") + 1]
    assert after == "No actions under this goal."


@pytest.mark.django_db
def test_content_for_reads_the_live_plan_and_refuses_a_version_number(plan):
    assert content_for(plan, None) == plan_content(plan)
    with pytest.raises(NoSuchVersion, match=f"Het plan {plan.short_name} heeft geen versie 3"):
        content_for(plan, 3)


@pytest.fixture
def demo_content(demo_shared) -> dict:
    return plan_content(demo_shared)


def test_the_demo_plans_docx_has_every_sd_od_and_action(demo_content):
    word = docx.Document(io.BytesIO(render_docx(plan_document(demo_content, language="nl"))))
    by_style: dict[str, list[str]] = {}
    for paragraph in word.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    sds = [f"SD {goal['code']}: {goal['text']}" for goal in demo_content["strategic_goals"]]
    assert [text for text in by_style["Heading 1"] if text.startswith("SD ")] == sds
    ods = [
        f"OD {od['code']}: {od['text']}"
        for goal in demo_content["strategic_goals"]
        for od in goal["operational_goals"]
    ]
    assert by_style["Heading 2"][-len(ods) :] == ods
    codes = [heading.split()[0] for heading in by_style["Heading 3"] if heading[:1] == "A"]
    assert codes == [action["code"] for action in demo_content["actions"]]
    assert len(codes) == 115
    assert "Bevat voorbeeldgegevens" in by_style["Normal"]
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    first = demo_content["actions"][0]["indicators"][0]
    assert any(cell.startswith(first["code"]) for cell in cells)


def test_the_pdf_text_has_the_headings_action_codes_and_figures(demo_content):
    # The first SD's first actions only: the whole plan's PDF takes several seconds.
    content = copy.deepcopy(demo_content)
    content["strategic_goals"] = content["strategic_goals"][:1]
    first_sd = content["strategic_goals"][0]["code"]
    content["actions"] = [a for a in content["actions"] if a["strategic_goal"] == first_sd][:8]
    document = plan_document(content, language="nl")
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(document)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "Inhoud" in reader.pages[1].extract_text()
    assert f"SD {first_sd}:" in flat
    for action in content["actions"]:
        assert f"{action['code']} " in flat
    indicator = next(a["indicators"][0] for a in content["actions"] if a["indicators"])
    assert indicator["code"] in flat
    shown = [r for b in document.blocks if isinstance(b, Table) for r in b.rows]
    baseline = next(row[1] for row in shown if row[0].startswith(indicator["code"]))
    assert baseline.split(" (")[0] in flat  # the baseline figure, as Belgians write it
    assert f"2 / {len(reader.pages)}" in text
