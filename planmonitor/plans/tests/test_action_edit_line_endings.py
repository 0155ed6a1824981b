"""The action's conflict page compares texts as read (issue 9, item 1): line endings
do not count, and a long text shows how the saved text differs from the input."""

import pytest

from planmonitor.plans.models import Action
from planmonitor.tests.html import parse_html

from .test_action_edit import _form_data, _url


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the labels asserted below


def _saved_meanwhile(action: Action, **values) -> None:
    """Someone else saves the action after the editor loaded it."""
    Action.objects.filter(pk=action.pk).update(version=action.version + 1, **values)


def test_a_text_stored_with_other_line_endings_is_not_listed(client, action, owner):
    # Imported from an Excel cell with a lone CR, before the importer normalised it.
    Action.objects.filter(pk=action.pk).update(description="Een\rbeschrijving")
    action.refresh_from_db()
    loaded = _form_data(action, description="Een\r\nbeschrijving")
    _saved_meanwhile(action, title="Titel van de coördinator")

    client.force_login(owner)
    response = client.post(_url(action), {**loaded, "title": "Titel van de eigenaar"})

    assert response.status_code == 409
    rows = parse_html(response).select(".conflict__field")
    assert [row.th.get_text(strip=True) for row in rows] == ["Title"]


def test_a_long_text_shows_how_the_saved_one_differs_from_the_input(client, action, owner):
    text = " ".join(f"Deel {n} van de beschrijving." for n in range(30))
    Action.objects.filter(pk=action.pk).update(description=text)
    action.refresh_from_db()
    loaded = _form_data(action)
    _saved_meanwhile(action, description=text.replace("Deel 10 van", "Deel 10 (nieuw) van"))

    client.force_login(owner)
    response = client.post(_url(action), {**loaded, "title": "Nieuwe titel"})

    assert response.status_code == 409
    rows = {
        row.th.get_text(strip=True): row.td
        for row in parse_html(response).select(".conflict__field")
    }
    cell = rows["Description"]
    assert [ins.get_text(" ", strip=True) for ins in cell.select("ins")] == [
        "only in the saved version: (nieuw)"
    ]
    assert cell.select_one(".text-diff__legend") is not None
