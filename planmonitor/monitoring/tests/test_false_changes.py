"""Unchanged text never shows as changed (issue 9, item 1).

Browsers send a textarea's line breaks as CRLF; what is stored has LF. Saving a text
unchanged must change nothing a reader sees: no struck-through field in the version
comparison, no field "changed by both" on the conflict page, no before = after row in
the history. Records written before the fix (CRLF in history rows and frozen
snapshots) must read the same way. A long text that did change shows what changed
inside it.
"""

import pytest
from django.utils import translation

from planmonitor.audit.selectors import history_timeline
from planmonitor.audit.views import history_url
from planmonitor.monitoring.models import ActionSheet, ProgressReport
from planmonitor.tests.html import parse_html as soup

from .reports_helpers import edit_data
from .reports_helpers import url as report_url
from .sheets_helpers import fill_sheet, run, url

APPROACH = "## Aanpak\n\n- opleiding ontwikkelen\n- pilootsessies geven\n- evalueren"
DONE = "Drie opleidingen gegeven.\nEen evaluatie gepland.\n\nVolgende stap: uitrollen."


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the labels asserted below


def _crlf(value: str) -> str:
    return value.replace("\n", "\r\n")


def _sheet_data(sheet: ActionSheet, **changes) -> dict:
    """What the browser posts for the sheet form: textareas with CRLF line breaks."""
    data = {
        "content_goal": _crlf(sheet.content_goal),
        "approach": _crlf(sheet.approach),
        "risks": _crlf(sheet.risks),
        "contact_name": sheet.contact_name,
        "contact_email": sheet.contact_email,
        "version": sheet.version,
    }
    return {**data, **changes}


def _changed_labels(model, pk) -> list[str]:
    with translation.override("en"):
        return [change.label for entry in history_timeline(model, pk) for change in entry.changes]


def test_saving_a_sheet_unchanged_stores_lf_and_records_no_change(client, action, owner):
    sheet = fill_sheet(action, approach=APPROACH)
    before = _changed_labels(ActionSheet, sheet.pk)
    client.force_login(owner)
    response = client.post(url("sheet_edit", action), _sheet_data(sheet))
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.approach == APPROACH
    assert _changed_labels(ActionSheet, sheet.pk) == before


def test_the_comparison_shows_no_change_for_a_text_saved_with_crlf_before(
    client, action, owner, coordinator
):
    # Version 1 was approved while the stored text had CRLF (before the fix): its
    # frozen snapshot keeps it, and the comparison must still see the same text.
    sheet = fill_sheet(action)
    ActionSheet.objects.filter(pk=sheet.pk).update(approach=_crlf(APPROACH))
    run(action, owner, "submit")
    run(action, coordinator, "approve")
    # The migration gave the live row LF; version 2 is approved with the text as is.
    ActionSheet.objects.filter(pk=sheet.pk).update(approach=APPROACH)
    run(action, owner, "revise")
    run(action, owner, "submit")
    run(action, coordinator, "approve")

    client.force_login(owner)
    page = soup(client.get(url("sheet_version", action, 2)))
    assert [row["data-field"] for row in page.select(".sheet-diff__field")] == []
    assert page.select(".sheet-diff del") == []


def test_the_comparison_shows_what_changed_inside_a_long_text(client, action, owner, coordinator):
    long_text = " ".join(f"Stap {n}: de opleiding loopt verder." for n in range(40))
    fill_sheet(action, approach=long_text)
    run(action, owner, "submit")
    run(action, coordinator, "approve")
    sheet = run(action, owner, "revise")
    client.force_login(owner)
    changed = long_text.replace("Stap 20: de opleiding", "Stap 20: de <b>nieuwe</b> opleiding")
    client.post(url("sheet_edit", action), _sheet_data(sheet, approach=_crlf(changed)))
    run(action, owner, "submit")
    run(action, coordinator, "approve")

    page = soup(client.get(url("sheet_version", action, 2)))
    row = page.select_one(".sheet-diff__field[data-field=approach]")
    inserted = row.select(".sheet-diff__after ins")
    assert [ins.get_text(" ", strip=True) for ins in inserted] == ["added: <b>nieuwe</b>"]
    assert row.select(".sheet-diff__before del") == []
    assert row.select_one("b") is None  # escaped
    # A passage with some context, not the whole text twice.
    assert len(row.select_one(".sheet-diff__after").get_text()) < len(long_text) / 3


def test_the_conflict_page_does_not_list_a_text_nobody_changed(client, action, owner, coordinator):
    sheet = fill_sheet(action, approach=APPROACH)
    loaded = _sheet_data(sheet)
    client.force_login(coordinator)
    assert client.post(url("sheet_edit", action), {**loaded, "risks": "Nieuw"}).status_code == 302

    client.force_login(owner)
    response = client.post(url("sheet_edit", action), {**loaded, "content_goal": "Mijn doel"})
    assert response.status_code == 409
    labels = [row.th.get_text(strip=True) for row in soup(response).select(".conflict__field")]
    assert labels == ["Risks"]


def test_the_conflict_page_shows_what_the_other_person_changed_inside_a_long_text(
    client, action, owner, coordinator
):
    long_text = " ".join(f"Stap {n}: de opleiding loopt verder." for n in range(40))
    sheet = fill_sheet(action, approach=long_text)
    loaded = _sheet_data(sheet)
    client.force_login(coordinator)
    other = long_text.replace("Stap 30: de", "Stap 30: alleen de")
    assert client.post(url("sheet_edit", action), {**loaded, "approach": other}).status_code == 302

    client.force_login(owner)
    mine = long_text.replace("Stap 5:", "Stap vijf:")
    response = client.post(url("sheet_edit", action), {**loaded, "approach": mine})
    assert response.status_code == 409
    saved = soup(response).select_one(".conflict__field .conflict__saved")
    assert [ins.get_text(" ", strip=True) for ins in saved.select("ins")] == ["added: alleen"]


def _save_done(report: ProgressReport, done: str) -> None:
    """The report's text saved with its history row, as the app saved it then."""
    stored = ProgressReport.objects.get(pk=report.pk)
    stored.done = done
    stored.save()


def _entries(client, report) -> list:
    return soup(client.get(history_url(report))).select(".timeline__entry")


def test_the_report_history_shows_no_change_for_an_unchanged_text(client, report, owner):
    _save_done(report, DONE)
    client.force_login(owner)
    entries = _entries(client, report)
    response = client.post(report_url("report_edit", report), edit_data(report, done=_crlf(DONE)))
    assert response.status_code == 302
    assert ProgressReport.objects.get(pk=report.pk).done == DONE
    assert len(_entries(client, report)) == len(entries)  # a save that changed nothing


def test_old_history_rows_with_crlf_read_as_unchanged(client, report, owner):
    _save_done(report, _crlf(DONE))  # before the fix: stored as the browser sent it
    client.force_login(owner)
    entries = _entries(client, report)
    client.post(report_url("report_edit", report), edit_data(report, done=_crlf(DONE)))
    assert ProgressReport.objects.get(pk=report.pk).done == DONE
    assert len(_entries(client, report)) == len(entries)


def test_the_report_history_shows_what_changed_inside_a_long_text(client, report, owner):
    long_done = " ".join(f"Sessie {n} werd gegeven in Gent." for n in range(30))
    _save_done(report, long_done)
    client.force_login(owner)
    changed = long_done.replace(
        "Sessie 12 werd gegeven in Gent", "Sessie 12 werd gegeven in Brugge"
    )
    client.post(report_url("report_edit", report), edit_data(report, done=_crlf(changed)))
    page = soup(client.get(history_url(report)))
    [row] = [
        row
        for row in page.select(".history-change")
        if row.th.get_text(strip=True) == "What was done"
    ][:1]
    assert [d.get_text(" ", strip=True) for d in row.select(".history-change__before del")] == [
        "removed: Gent."
    ]
    assert [i.get_text(" ", strip=True) for i in row.select(".history-change__after ins")] == [
        "added: Brugge."
    ]
