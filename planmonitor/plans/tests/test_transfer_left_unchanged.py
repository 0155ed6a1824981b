"""The import summary says once, plainly, what the file leaves unchanged (issue 9, item 10).

A sheet the user did not touch (the template's indicator sheet: a header, no rows) is
no "13 not in the file": the plan's indicators simply stay as they are.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from planmonitor.plans.models import Indicator
from planmonitor.plans.transfer.cli import report_lines
from planmonitor.plans.transfer.exporting import csv_paths, export_csv_files
from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions
from planmonitor.plans.transfer.samples import action_create
from planmonitor.tests.html import parse_html

from .test_transfer_views import import_url, table_rows

LINES = {
    "nl": [
        "acties: 0 nieuw, 0 gewijzigd, 2 ongewijzigd gelaten",
        "indicatoren: geen in het bestand, alle ongewijzigd gelaten",
        "budgetlijnen: geen in het bestand, alle ongewijzigd gelaten",
    ],
    "en": [
        "actions: 0 new, 0 changed, 2 left unchanged",
        "indicators: none in the file, all left unchanged",
        "budget lines: none in the file, all left unchanged",
    ],
}
ROWS = {
    "nl": [
        ["Acties", "0", "0", "2"],
        ["Indicatoren", "0", "0", "alle: geen in het bestand"],
        ["Budgetlijnen", "0", "0", "alle: geen in het bestand"],
    ],
    "en": [
        ["Actions", "0", "0", "2"],
        ["Indicators", "0", "0", "all: none in the file"],
        ["Budget lines", "0", "0", "all: none in the file"],
    ],
}


@pytest.fixture
def exported(plan, tmp_path):
    """The plan's actions CSV, and an indicators CSV with its header only (untouched)."""
    action = action_create(plan, "A1", title="Campagne")
    action_create(plan, "A2", title="Vorming")
    Indicator.objects.create(action=action, code="I1", name="Bereik", kind="quantitative")
    path = tmp_path / "plan.csv"
    export_csv_files(plan, path)
    paths = csv_paths(path)
    header = paths["indicator"].read_text(encoding="utf-8").splitlines()[0]
    paths["indicator"].write_text(header + "\n", encoding="utf-8")
    return paths


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_untouched_sheet_is_said_to_stay_as_it_is(plan, exported, language):
    source = ImportSource(
        main=ImportFile(exported["action"], "plan.csv"),
        indicators=ImportFile(exported["indicator"], "plan-indicatoren.csv"),
    )

    report = import_actions(plan=plan, source=source, commit=False)
    with translation.override(language):
        lines = report_lines(report, verbose=False)

    assert report.ok
    assert report.managed == ("action",)
    assert lines[:3] == LINES[language]
    assert not any("not in the file" in line or "niet in bestand" in line for line in lines)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_review_page_says_what_stays_once(plan, exported, coordinator, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(coordinator)

    response = client.post(
        import_url(plan),
        {
            "file": SimpleUploadedFile("acties.csv", exported["action"].read_bytes()),
            "indicators": SimpleUploadedFile("indicatoren.csv", exported["indicator"].read_bytes()),
        },
    )
    page = parse_html(client.get(response.url))

    assert table_rows(page, "summary") == ROWS[language]
    headers = [th.get_text(strip=True) for th in page.select("#summary thead th")]
    assert headers[-1] == {"nl": "Ongewijzigd gelaten", "en": "Left unchanged"}[language]
