import pytest
from django.urls import reverse

from planmonitor.plans.models import Action, Beneficiary, IstanbulArticle, Minister
from planmonitor.tests.html import parse_html


def _url(action) -> str:
    return reverse("plans:action_edit", args=[action.plan.short_name, action.code])


def _form_data(action: Action, **changes) -> dict:
    data = {
        "code": action.code,
        "title": action.title,
        "description": action.description,
        "operational_goal": action.operational_goal_id,
        "lead_minister": action.lead_minister_id,
        "co_ministers": [m.pk for m in action.co_ministers.all()],
        "lead_organisation": action.lead_organisation_id or "",
        "violence_forms": [f.pk for f in action.violence_forms.all()],
        "target_groups": [g.pk for g in action.target_groups.all()],
        "partners": [p.pk for p in action.partners.all()],
        "istanbul_articles": [a.pk for a in action.istanbul_articles.all()],
        "beneficiaries": [b.pk for b in action.beneficiaries.all()],
        "start_date": action.start_date.strftime("%d/%m/%Y") if action.start_date else "",
        "end_date": action.end_date.strftime("%d/%m/%Y") if action.end_date else "",
        "status": action.status,
        "version": action.version,
    }
    if action.involves_local_governments:
        data["involves_local_governments"] = "on"
    data.update(changes)
    return data


def test_the_owner_edits_their_action(client, action, owner):
    client.force_login(owner)
    form = action.plan.violence_forms.get(code="IFG")
    response = client.post(
        _url(action),
        _form_data(action, title="Nieuwe titel", violence_forms=[form.pk], end_date="31/12/2027"),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Nieuwe titel"
    assert list(action.violence_forms.all()) == [form]
    assert action.end_date.isoformat() == "2027-12-31"
    assert action.version == 2


@pytest.mark.parametrize("who", ["contributor", "network_member", "evaluator"])
def test_readers_may_not_edit_and_nothing_changes(client, action, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(action)).status_code == 403
    response = client.post(_url(action), _form_data(action, title="Gekaapt"))
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.title != "Gekaapt"


def test_an_owner_of_another_minister_gets_404(client, action, other_owner):
    client.force_login(other_owner)
    assert client.post(_url(action), _form_data(action, title="Gekaapt")).status_code == 404
    action.refresh_from_db()
    assert action.title != "Gekaapt"


def test_anonymous_is_sent_to_login(client, action):
    response = client.get(_url(action))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_owner_cannot_change_code_or_lead_minister_but_the_coordinator_can(
    client, action, owner, coordinator
):
    other_minister = Minister.objects.get(key="demir")
    client.force_login(owner)
    client.post(_url(action), _form_data(action, code="X999", lead_minister=other_minister.pk))
    action.refresh_from_db()
    assert (action.code, action.lead_minister.key) == ("T001", "gennez")

    client.force_login(coordinator)
    response = client.post(
        _url(action), _form_data(action, code="X999", lead_minister=other_minister.pk)
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.code, action.lead_minister.key) == ("X999", "demir")


def test_it_refuses_bad_input_with_a_message_and_changes_nothing(client, action, owner):
    client.force_login(owner)
    response = client.post(
        _url(action), _form_data(action, start_date="01/06/2027", end_date="31/02/2026")
    )
    assert response.status_code == 200
    soup = parse_html(response)
    assert soup.select_one(".error-summary") is not None
    response = client.post(
        _url(action), _form_data(action, start_date="01/06/2027", end_date="01/01/2027")
    )
    # The end-date rule's own message, at the end-date field, in the summary that links to it.
    message = "De einddatum kan niet vóór de startdatum liggen."
    page = parse_html(response)
    assert [a.get_text(strip=True) for a in page.select(".error-summary a")] == [
        f"Einde: {message}"
    ]
    assert page.select_one(".error-summary a")["href"] == "#id_end_date"
    assert page.find(id="id_end_date").find_parent(class_="field--error") is not None
    action.refresh_from_db()
    assert action.start_date is None and action.version == 1


def test_the_lead_minister_cannot_also_be_a_co_minister(client, action, coordinator):
    client.force_login(coordinator)
    response = client.post(_url(action), _form_data(action, co_ministers=[action.lead_minister_id]))
    assert response.status_code == 200
    assert list(action.co_ministers.values_list("key", flat=True)) == ["crevits"]


def test_a_second_save_on_an_old_version_is_refused_and_keeps_the_input(
    client, action, owner, coordinator
):
    loaded = _form_data(action)  # both opened the form at version 1
    client.force_login(coordinator)
    assert (
        client.post(_url(action), {**loaded, "title": "Titel van de coördinator"}).status_code
        == 302
    )

    client.force_login(owner)
    response = client.post(_url(action), {**loaded, "title": "Titel van de eigenaar"})

    assert response.status_code == 409
    action.refresh_from_db()
    assert action.title == "Titel van de coördinator"  # not silently overwritten
    soup = parse_html(response)
    assert soup.select_one(".conflict") is not None
    changed = soup.select(".conflict__field td")
    assert [cell.get_text() for cell in changed] == ["Titel van de coördinator"]
    assert soup.find("input", attrs={"name": "title"})["value"] == "Titel van de eigenaar"
    assert soup.find("input", attrs={"name": "version"})["value"] == "2"

    # Saving again is now a deliberate choice, on the current version.
    response = client.post(_url(action), {**loaded, "title": "Titel van de eigenaar", "version": 2})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Titel van de eigenaar" and action.version == 3


def test_an_owners_forged_post_cannot_move_the_action_to_another_od(client, action, owner):
    other_goal = action.plan.operational_goals.get(code="1.4")
    client.force_login(owner)
    response = client.post(_url(action), _form_data(action, operational_goal=other_goal.pk))

    assert response.status_code == 302  # the rest of the form is saved; the OD is not the owner's
    action.refresh_from_db()
    assert action.operational_goal.code == "2.1"


def test_the_service_refuses_an_owner_moving_the_action_whatever_the_form(action, owner):
    from planmonitor.plans import services

    other_goal = action.plan.operational_goals.get(code="1.4")
    with pytest.raises(services.CoordinatorOnly):
        services.action_update(
            action_id=action.pk,
            values={"operational_goal": other_goal, "title": "Verplaatst"},
            expected_version=action.version,
            editor=owner,
        )
    action.refresh_from_db()
    assert (action.operational_goal.code, action.title) != ("1.4", "Verplaatst")


def test_the_coordinator_moves_the_action_to_another_od(client, action, coordinator):
    other_goal = action.plan.operational_goals.get(code="1.4")
    client.force_login(coordinator)
    response = client.post(_url(action), _form_data(action, operational_goal=other_goal.pk))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.operational_goal == other_goal


def test_the_owner_sees_the_plans_structure_as_text_not_as_inputs(client, action, owner):
    client.force_login(owner)
    page = parse_html(client.get(_url(action)))

    for name in ("code", "lead_minister", "operational_goal"):
        assert page.find(attrs={"name": name}) is None, name
    shown = {
        block.select_one("dt").get_text(strip=True): block.select_one(".field__readonly").get_text(
            strip=True
        )
        for block in page.select(".field--readonly")
    }
    assert shown == {
        "Code": "T001",
        "Trekkende minister": action.lead_minister.name,
        "Operationele doelstelling": "OD 2.1",
    }


def test_the_coordinator_gets_inputs_for_the_structure(client, action, coordinator):
    client.force_login(coordinator)
    page = parse_html(client.get(_url(action)))
    assert page.find("input", attrs={"name": "code"})["value"] == "T001"
    assert page.find("select", attrs={"name": "operational_goal"}) is not None
    assert not page.select(".field--readonly")


def test_checkboxes_sit_beside_their_labels_and_choices_are_grouped(client, action, owner, terms):
    client.force_login(owner)
    page = parse_html(client.get(_url(action)))

    # The yes/no box: its own field, the label right after the box.
    box = page.find("input", attrs={"name": "involves_local_governments"})
    field = box.find_parent(class_="field")
    assert "field--checkbox" in field["class"]
    assert box.find_next_sibling("label")["for"] == box["id"]
    assert box.find_parent("fieldset") is None  # not one of the partners
    # The partners: a group with its own legend, each box inside its label.
    partners = page.find("input", attrs={"name": "partners"}).find_parent("fieldset")
    assert partners.legend.get_text(strip=True) == "Partners"
    assert all(label.find("input") for label in partners.select("label"))


def test_the_description_box_is_large_and_the_page_has_a_breadcrumb(client, action, owner):
    client.force_login(owner)
    page = parse_html(client.get(_url(action)))

    assert int(page.find("textarea", attrs={"name": "description"})["rows"]) >= 12
    crumbs = page.select_one("nav.breadcrumb").select("a")
    assert [a.get_text(strip=True) for a in crumbs] == [action.plan.title, "OD 2.1", "T001"]
    assert crumbs[0]["href"] == reverse("plans:plan_detail", args=[action.plan.short_name])
    assert crumbs[2]["href"] == reverse(
        "plans:action_detail", args=[action.plan.short_name, "T001"]
    )


def test_the_owner_tags_istanbul_articles_grouped_by_chapter(client, action, owner):
    client.force_login(owner)
    page = parse_html(client.get(_url(action)))
    groups = page.select("#id_istanbul_articles_group fieldset.checkbox-group")
    chapters = [group.legend.get_text(strip=True) for group in groups]
    assert chapters == list(
        dict.fromkeys(IstanbulArticle.objects.order_by("number").values_list("chapter", flat=True))
    )
    assert all(group.select("input[type=checkbox][name=istanbul_articles]") for group in groups)
    articles = IstanbulArticle.objects.filter(number__in=[12, 25])
    response = client.post(
        _url(action), _form_data(action, istanbul_articles=[a.pk for a in articles])
    )
    assert response.status_code == 302
    assert list(action.istanbul_articles.values_list("number", flat=True)) == [12, 25]
    detail = parse_html(client.get(response["Location"]))
    assert [b.get_text() for b in detail.select(".action__articles .badge")] == [
        "Art. 12",
        "Art. 25",
    ]


def test_the_owner_names_the_beneficiaries_from_the_fixed_list_in_dutch(client, action, owner):
    client.force_login(owner)
    page = parse_html(client.get(_url(action), HTTP_ACCEPT_LANGUAGE="nl"))
    boxes = page.select("input[type=checkbox][name=beneficiaries]")
    labels = [page.find("label", attrs={"for": box["id"]}).get_text(strip=True) for box in boxes]
    assert labels == [
        "Algemene bevolking",
        "(Potentiële) slachtoffers",
        "Plegers",
        "Omstaanders",
        "Professionals",
        "Organisaties en lokale besturen",
    ]
    chosen = Beneficiary.objects.filter(code__in=["victims", "professionals"])
    response = client.post(_url(action), _form_data(action, beneficiaries=[b.pk for b in chosen]))
    assert response.status_code == 302
    assert sorted(action.beneficiaries.values_list("code", flat=True)) == [
        "professionals",
        "victims",
    ]
    detail = parse_html(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en"))
    assert [b.get_text() for b in detail.select(".action__beneficiaries .badge")] == [
        "(Potential) victims",
        "Professionals",
    ]
    # And back to none: the list is optional.
    action.refresh_from_db()
    response = client.post(_url(action), _form_data(action, beneficiaries=[]))
    assert response.status_code == 302
    assert not action.beneficiaries.exists()
