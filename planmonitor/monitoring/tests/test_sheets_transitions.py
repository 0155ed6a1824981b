"""Every step of the sheet's workflow, allowed and refused, per role."""

import pytest

from planmonitor.monitoring.models import ActionSheet, SheetStatus, SheetVersion
from planmonitor.tests.html import parse_html as soup

from .sheets_helpers import fill_sheet, run, url

READERS = ["contributor", "network_member", "evaluator"]
STRANGERS = ["other_owner", "outsider"]


def _step(client, action, slug: str, remarks: str = ""):
    return client.post(url("sheet_transition", action, slug), {"remarks": remarks})


def _status(action) -> str:
    return ActionSheet.objects.get(action=action).status


# --- submit -------------------------------------------------------------------------------


def test_the_owner_submits(client, action, owner):
    fill_sheet(action)
    client.force_login(owner)
    response = _step(client, action, "indienen")
    assert response.status_code == 302
    assert response["Location"] == url("sheet_detail", action)
    assert _status(action) == SheetStatus.SUBMITTED


def test_the_coordinator_may_submit_too(client, action, coordinator):
    fill_sheet(action)
    client.force_login(coordinator)
    assert _step(client, action, "indienen").status_code == 302
    assert _status(action) == SheetStatus.SUBMITTED


def test_submitting_a_sheet_nobody_opened_creates_it(client, action, owner):
    client.force_login(owner)
    assert _step(client, action, "indienen").status_code == 302
    assert _status(action) == SheetStatus.SUBMITTED


@pytest.mark.parametrize("who", READERS)
def test_readers_cannot_submit(client, action, who, request):
    fill_sheet(action)
    client.force_login(request.getfixturevalue(who))
    assert _step(client, action, "indienen").status_code == 403
    assert _status(action) == SheetStatus.DRAFT


@pytest.mark.parametrize("who", STRANGERS)
def test_strangers_cannot_submit_nor_learn_the_sheet_exists(client, action, who, request):
    fill_sheet(action)
    client.force_login(request.getfixturevalue(who))
    assert _step(client, action, "indienen").status_code == 404
    assert _status(action) == SheetStatus.DRAFT


def test_anonymous_is_sent_to_login(client, action):
    fill_sheet(action)
    response = _step(client, action, "indienen")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert _status(action) == SheetStatus.DRAFT


def test_a_submitted_sheet_cannot_be_submitted_again(client, action, owner):
    fill_sheet(action)
    run(action, owner, "submit")
    client.force_login(owner)
    response = _step(client, action, "indienen")
    assert response.status_code == 409
    assert soup(response).select_one(".error-summary") is not None
    assert _status(action) == SheetStatus.SUBMITTED


def test_a_get_changes_nothing(client, action, owner):
    fill_sheet(action)
    client.force_login(owner)
    assert client.get(url("sheet_transition", action, "indienen")).status_code == 405
    assert _status(action) == SheetStatus.DRAFT


def test_an_unknown_step_is_404(client, action, coordinator):
    fill_sheet(action)
    client.force_login(coordinator)
    assert _step(client, action, "wissen").status_code == 404


# --- approve -----------------------------------------------------------------------------


def test_the_coordinator_approves_and_a_version_is_kept(client, action, owner, coordinator):
    fill_sheet(action, approach="Versie een")
    run(action, owner, "submit")
    client.force_login(coordinator)
    response = _step(client, action, "goedkeuren", remarks="Goed zo.")
    assert response.status_code == 302
    sheet = ActionSheet.objects.get(action=action)
    assert sheet.status == SheetStatus.APPROVED
    version = SheetVersion.objects.get(sheet=sheet)
    assert version.number == 1
    assert version.content["approach"] == "Versie een"
    assert version.approved_by_name == "Coordinator"


@pytest.mark.parametrize("who", ["owner", *READERS])
def test_only_the_coordinator_approves(client, action, owner, who, request):
    fill_sheet(action)
    run(action, owner, "submit")
    client.force_login(request.getfixturevalue(who))
    assert _step(client, action, "goedkeuren").status_code == 403
    assert _status(action) == SheetStatus.SUBMITTED
    assert not SheetVersion.objects.exists()


@pytest.mark.parametrize("who", STRANGERS)
def test_strangers_cannot_approve(client, action, owner, who, request):
    fill_sheet(action)
    run(action, owner, "submit")
    client.force_login(request.getfixturevalue(who))
    assert _step(client, action, "goedkeuren").status_code == 404
    assert _status(action) == SheetStatus.SUBMITTED


def test_a_draft_cannot_be_approved(client, action, coordinator):
    fill_sheet(action)
    client.force_login(coordinator)
    assert _step(client, action, "goedkeuren").status_code == 409
    assert _status(action) == SheetStatus.DRAFT
    assert not SheetVersion.objects.exists()


# --- return ----------------------------------------------------------------------------------


def test_the_coordinator_returns_with_remarks(client, action, owner, coordinator):
    fill_sheet(action)
    run(action, owner, "submit")
    client.force_login(coordinator)
    response = _step(client, action, "terugsturen", remarks="Voeg een mijlpaal toe.")
    assert response.status_code == 302
    sheet = ActionSheet.objects.get(action=action)
    assert (sheet.status, sheet.remarks) == (SheetStatus.RETURNED, "Voeg een mijlpaal toe.")
    client.force_login(owner)
    page = soup(client.get(url("sheet_detail", action)))
    assert "Voeg een mijlpaal toe." in page.select_one(".sheet-remarks--returned").get_text()


def test_returning_without_remarks_is_refused(client, action, owner, coordinator):
    fill_sheet(action)
    run(action, owner, "submit")
    client.force_login(coordinator)
    response = _step(client, action, "terugsturen", remarks="   ")
    assert response.status_code == 400
    assert _status(action) == SheetStatus.SUBMITTED
    page = soup(response)
    assert page.select_one(".error-summary") is not None
    assert page.select_one("#remarks-return-error") is not None


@pytest.mark.parametrize("who", ["owner", *READERS])
def test_only_the_coordinator_returns(client, action, owner, who, request):
    fill_sheet(action)
    run(action, owner, "submit")
    client.force_login(request.getfixturevalue(who))
    assert _step(client, action, "terugsturen", remarks="Nee").status_code == 403
    assert _status(action) == SheetStatus.SUBMITTED


def test_the_owner_resubmits_a_returned_sheet(client, action, owner, coordinator):
    fill_sheet(action)
    run(action, owner, "submit")
    run(action, coordinator, "return", remarks="Meer detail.")
    client.force_login(owner)
    assert _step(client, action, "indienen").status_code == 302
    assert _status(action) == SheetStatus.SUBMITTED


# --- revise -----------------------------------------------------------------------------------


def test_the_owner_starts_a_new_revision_of_an_approved_sheet(client, action, owner, coordinator):
    fill_sheet(action)
    run(action, owner, "submit")
    run(action, coordinator, "approve")
    client.force_login(owner)
    assert _step(client, action, "herzien").status_code == 302
    assert _status(action) == SheetStatus.DRAFT
    assert SheetVersion.objects.count() == 1  # the approved version stays


@pytest.mark.parametrize("who", READERS)
def test_readers_cannot_start_a_revision(client, action, owner, coordinator, who, request):
    fill_sheet(action)
    run(
        action,
        owner,
        "submit",
    )
    run(action, coordinator, "approve")
    client.force_login(request.getfixturevalue(who))
    assert _step(client, action, "herzien").status_code == 403
    assert _status(action) == SheetStatus.APPROVED


def test_a_draft_cannot_be_revised(client, action, owner):
    fill_sheet(action)
    client.force_login(owner)
    assert _step(client, action, "herzien").status_code == 409
    assert _status(action) == SheetStatus.DRAFT


# --- the whole cycle ---------------------------------------------------------------------------


def test_two_approvals_make_two_versions_and_the_second_shows_what_changed(
    client, action, owner, coordinator
):
    fill_sheet(action, approach="Eerste aanpak")
    client.force_login(owner)
    _step(client, action, "indienen")
    client.force_login(coordinator)
    _step(client, action, "goedkeuren")

    client.force_login(owner)
    assert _step(client, action, "herzien").status_code == 302
    sheet = ActionSheet.objects.get(action=action)
    edit = {
        "content_goal": sheet.content_goal,
        "approach": "Tweede aanpak",
        "risks": sheet.risks,
        "contact_name": sheet.contact_name,
        "contact_email": sheet.contact_email,
        "version": sheet.version,
    }
    assert client.post(url("sheet_edit", action), edit).status_code == 302
    _step(client, action, "indienen")
    client.force_login(coordinator)
    assert _step(client, action, "goedkeuren").status_code == 302

    assert list(SheetVersion.objects.values_list("number", flat=True)) == [1, 2]
    page = soup(client.get(url("sheet_version", action, 2)))
    changed = page.select(".sheet-diff__field")
    assert [row["data-field"] for row in changed] == ["approach"]
    assert changed[0].select_one(".sheet-diff__before").get_text() == "Eerste aanpak"
    assert changed[0].select_one(".sheet-diff__after").get_text() == "Tweede aanpak"
