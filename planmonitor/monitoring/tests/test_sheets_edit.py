import pytest

from planmonitor.monitoring.models import ActionSheet
from planmonitor.tests.html import parse_html as soup

from .sheets_helpers import fill_sheet, run, url


def _data(sheet: ActionSheet, **changes) -> dict:
    data = {
        "content_goal": sheet.content_goal,
        "approach": sheet.approach,
        "risks": sheet.risks,
        "contact_name": sheet.contact_name,
        "contact_email": sheet.contact_email,
        "version": sheet.version,
    }
    data.update(changes)
    return data


def test_the_owner_edits_the_sheet(client, action, owner):
    sheet = fill_sheet(action)
    client.force_login(owner)
    response = client.post(url("sheet_edit", action), _data(sheet, approach="# Nieuw plan"))
    assert response.status_code == 302
    assert response["Location"] == url("sheet_detail", action)
    sheet.refresh_from_db()
    assert sheet.approach == "# Nieuw plan"
    assert sheet.version == 3  # created, filled in, edited


def test_the_first_save_creates_the_sheet(client, action, coordinator):
    client.force_login(coordinator)
    page = soup(client.get(url("sheet_edit", action)))
    assert page.find("input", attrs={"name": "version"})["value"] == "1"
    assert not ActionSheet.objects.exists()
    response = client.post(
        url("sheet_edit", action), _data(ActionSheet(), content_goal="Doel", version=1)
    )
    assert response.status_code == 302
    assert ActionSheet.objects.get(action=action).content_goal == "Doel"


@pytest.mark.parametrize("who", ["contributor", "network_member", "evaluator"])
def test_readers_may_not_edit_and_nothing_changes(client, action, who, request):
    sheet = fill_sheet(action)
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("sheet_edit", action)).status_code == 403
    response = client.post(url("sheet_edit", action), _data(sheet, approach="Gekaapt"))
    assert response.status_code == 403
    sheet.refresh_from_db()
    assert sheet.approach != "Gekaapt"


@pytest.mark.parametrize("who", ["other_owner", "outsider"])
def test_others_get_404_and_nothing_changes(client, action, who, request):
    sheet = fill_sheet(action)
    client.force_login(request.getfixturevalue(who))
    response = client.post(url("sheet_edit", action), _data(sheet, approach="Gekaapt"))
    assert response.status_code == 404
    sheet.refresh_from_db()
    assert sheet.approach != "Gekaapt"


def test_a_second_save_on_an_old_version_is_refused_and_keeps_the_input(
    client, action, owner, coordinator
):
    sheet = fill_sheet(action, approach="Oorspronkelijke aanpak")
    loaded = _data(sheet)  # both opened the form at this version
    client.force_login(coordinator)
    response = client.post(url("sheet_edit", action), {**loaded, "approach": "Aanpak coördinator"})
    assert response.status_code == 302

    client.force_login(owner)
    mine = {**loaded, "approach": "Aanpak eigenaar", "risks": "Mijn risico's"}
    response = client.post(url("sheet_edit", action), mine)

    assert response.status_code == 409
    sheet.refresh_from_db()
    assert sheet.approach == "Aanpak coördinator"  # nothing overwritten
    assert sheet.risks == "Te weinig inschrijvingen."
    page = soup(response)
    rows = page.select(".conflict__field")
    assert len(rows) == 1  # only the plan of approach changed in between
    assert rows[0].select_one(".conflict__before").get_text() == "Oorspronkelijke aanpak"
    assert rows[0].select_one(".conflict__saved").get_text() == "Aanpak coördinator"
    # The owner's input is all still there.
    assert page.find("textarea", attrs={"name": "approach"}).get_text().strip() == (
        "Aanpak eigenaar"
    )
    assert page.find("textarea", attrs={"name": "risks"}).get_text().strip() == "Mijn risico's"
    assert page.find("input", attrs={"name": "version"})["value"] == str(sheet.version)

    # Saving again is a deliberate choice, on the current version.
    response = client.post(url("sheet_edit", action), {**mine, "version": sheet.version})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.approach, sheet.risks) == ("Aanpak eigenaar", "Mijn risico's")


def test_a_submitted_sheet_cannot_be_edited(client, action, owner):
    sheet = fill_sheet(action)
    loaded = _data(sheet)
    run(action, owner, "submit")
    client.force_login(owner)

    response = client.get(url("sheet_edit", action))
    assert response.status_code == 302
    assert response["Location"] == url("sheet_detail", action)

    # Someone had the form open: their input comes back, nothing is saved.
    response = client.post(url("sheet_edit", action), {**loaded, "approach": "Te laat"})
    sheet.refresh_from_db()
    assert sheet.approach != "Te laat"
    assert response.status_code == 409
    page = soup(response)
    assert page.find("textarea", attrs={"name": "approach"}).get_text().strip() == "Te laat"


def test_a_returned_sheet_can_be_edited_again(client, action, owner, coordinator):
    sheet = fill_sheet(action)
    sheet = run(action, owner, "submit")
    sheet = run(action, coordinator, "return", remarks="Meer detail graag.")
    client.force_login(owner)
    response = client.post(url("sheet_edit", action), _data(sheet, approach="Meer detail"))
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.approach == "Meer detail" and sheet.status == "returned"


def test_it_refuses_an_invalid_e_mail_and_changes_nothing(client, action, owner):
    sheet = fill_sheet(action)
    client.force_login(owner)
    response = client.post(url("sheet_edit", action), _data(sheet, contact_email="geen-adres"))
    assert response.status_code == 200
    assert soup(response).select_one(".error-summary") is not None
    sheet.refresh_from_db()
    assert sheet.contact_email == "an.peeters@example.org"


def test_a_conflict_keeps_the_other_persons_change_where_the_editor_changed_nothing(
    client, action, owner, coordinator
):
    sheet = fill_sheet(action, approach="Oorspronkelijke aanpak")
    loaded = _data(sheet)
    client.force_login(coordinator)
    client.post(url("sheet_edit", action), {**loaded, "approach": "Aanpak coördinator"})

    client.force_login(owner)
    response = client.post(url("sheet_edit", action), {**loaded, "risks": "Mijn risico's"})

    assert response.status_code == 409
    page = soup(response)
    # The owner did not touch the approach: the form now holds the coordinator's text,
    # so saving again keeps both changes.
    assert page.find("textarea", attrs={"name": "approach"}).get_text().strip() == (
        "Aanpak coördinator"
    )
    assert page.find("textarea", attrs={"name": "risks"}).get_text().strip() == "Mijn risico's"
    again = {
        field["name"]: (
            field.get_text().strip() if field.name == "textarea" else field.get("value", "")
        )
        for field in page.select("form.form textarea, form.form input")
        if field.get("name") and field["name"] != "csrfmiddlewaretoken"
    }
    assert client.post(url("sheet_edit", action), again).status_code == 302
    sheet.refresh_from_db()
    assert (sheet.approach, sheet.risks) == ("Aanpak coördinator", "Mijn risico's")
