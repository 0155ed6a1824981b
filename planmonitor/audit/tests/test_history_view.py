"""The "Geschiedenis" page: a readable, read-only timeline for those the policy allows."""

import pytest
from django.urls import reverse

from planmonitor.accounts.models import Role
from planmonitor.audit.views import HISTORY_MODELS, history_url
from planmonitor.plans.models import Action, Indicator, Minister
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries

from .helpers import any_object


def _url(key: str, pk: int) -> str:
    return reverse("audit:history", args=[key, pk])


def _get(client, url: str):
    """The page in English: the msgids, whatever the .po file holds today."""
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


def _entries(response) -> list:
    soup = parse_html(response)
    return soup.select("main li.timeline__entry")


@pytest.fixture
def edited(action, els, edit) -> Action:
    """``action`` after one edit by Els Peeters (title and violence forms)."""
    edit(action, user=els, title="Nieuwe titel")
    edit(action, user=els, m2m={"violence_forms": action.plan.violence_forms.filter(code="IFG")})
    return action


@pytest.mark.parametrize("who", ["coordinator", "evaluator", "network_member", "owner"])
def test_it_shows_the_timeline_to_whom_the_policy_allows(client, edited, who, request):
    client.force_login(request.getfixturevalue(who))
    response = _get(client, _url("actie", edited.pk))
    assert response.status_code == 200
    newest, fields = _entries(response)[:2]
    assert newest.select_one(".history__user").text == "Els Peeters"
    assert newest.select_one(".history__channel").text == "web"
    # The date as dd/mm/yyyy HH:MM, the kind, and the diff in readable labels.
    assert newest.time.text.count("/") == 2 and ":" in newest.time.text
    assert newest.select_one(".history__kind").text == "Changed"
    assert "Intrafamiliaal geweld" in newest.select_one(".history-change__added").text
    row = fields.select_one(".history-change")
    assert row.th.text == "Title"
    assert (
        row.select_one(".history-change__before").text == "Testactie: opleiding voor hulpverleners"
    )
    assert row.select_one(".history-change__after").text == "Nieuwe titel"


def test_the_newest_entry_comes_first_and_the_creation_last(client, edited, coordinator):
    client.force_login(coordinator)
    entries = _entries(_get(client, _url("actie", edited.pk)))
    assert "timeline__entry--created" in entries[-1]["class"]
    created = {
        row.th.text: row.select_one(".history-change__after").text
        for row in entries[-1].select(".history-change")
    }
    assert created["Lead minister"] == "Caroline Gennez"  # a relation by its label
    assert created["Status"] == "Planned"  # a choice by its label
    assert "Version" not in created and "Created" not in created  # not a person's edit


def test_a_contributor_may_see_the_action_but_not_its_history(client, edited, contributor):
    client.force_login(contributor)
    assert client.get(_url("actie", edited.pk)).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "other_owner", "contributor_elsewhere"])
def test_it_is_not_found_for_who_may_not_see_the_action(client, edited, who, request, make_user):
    if who == "contributor_elsewhere":  # staff of a minister not involved in the action
        user = make_user("elsewhere", edited.plan, Role.CONTRIBUTOR, ministers=("weyts",))
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(_url("actie", edited.pk)).status_code == 404


def test_a_published_action_is_public_but_its_history_is_not(client, edited, outsider):
    edited.plan.is_published = True
    edited.plan.save()
    client.force_login(outsider)
    assert client.get(_url("actie", edited.pk)).status_code == 403


def test_anonymous_is_sent_to_login(client, edited):
    response = client.get(_url("actie", edited.pk))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", ["/geschiedenis/auth_user/1/", "/geschiedenis/actie/999999/"])
def test_unknown_kinds_and_objects_are_not_found(client, coordinator, url):
    client.force_login(coordinator)
    assert client.get(url).status_code == 404


def test_every_kind_has_a_page_for_a_superuser(client, action, coordinator, superuser):
    client.force_login(superuser)
    for key, label in HISTORY_MODELS.items():
        obj = any_object(label, action, superuser)
        assert history_url(obj) == _url(key, obj.pk)
        assert client.get(_url(key, obj.pk)).status_code == 200, key


def test_ministers_and_accounts_have_history_for_superusers_only(client, coordinator, superuser):
    minister = Minister.objects.get(key="gennez")
    client.force_login(coordinator)
    assert client.get(_url("minister", minister.pk)).status_code == 403
    assert client.get(_url("gebruiker", coordinator.pk)).status_code == 404
    client.force_login(superuser)
    assert client.get(_url("minister", minister.pk)).status_code == 200
    assert client.get(_url("gebruiker", coordinator.pk)).status_code == 200


def test_a_deleted_objects_history_remains_readable(client, edited, coordinator, els, edit):
    indicator = Indicator.objects.create(
        action=edited, code="I1", name="Bereik", kind="qualitative"
    )
    indicator_pk, action_pk = indicator.pk, edited.pk
    Action.objects.filter(pk=action_pk).delete()  # its indicator goes with it
    client.force_login(coordinator)
    for url in (_url("actie", action_pk), _url("indicator", indicator_pk)):
        response = client.get(url)
        assert response.status_code == 200
        assert "timeline__entry--deleted" in _entries(response)[0]["class"]
    # The policy decides on the last recorded state: still 404 for who could not see it.
    client.force_login(els)
    assert client.get(_url("actie", action_pk)).status_code == 200  # she led it


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_the_page_offers_no_way_to_change_the_trail(client, edited, who, request):
    client.force_login(request.getfixturevalue(who))
    url = _url("actie", edited.pk)
    main = parse_html(client.get(url)).main
    assert main.find_all(["form", "button", "input", "textarea", "select"]) == []
    records = edited.history.count()
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(url).status_code == 405
    assert edited.history.count() == records


# An action's history. The queries must not depend on the number of history rows.
QUERIES = [
    *SIGNED_IN,
    *TWO_STEP,
    ("SELECT plans_action", "the action, with its plan"),
    *POLICY,
    ("SELECT plans_historicalaction", "the history rows"),
    ("SELECT plans_historicalaction_partners", "their partner links"),
    ("SELECT plans_historicalaction_violence_forms", "their violence-form links"),
    ("SELECT plans_historicalaction_co_ministers", "their co-minister links"),
    ("SELECT plans_historicalaction_target_groups", "their target-group links"),
    ("SELECT plans_historicalaction_istanbul_articles", "their Istanbul Convention article links"),
    ("SELECT plans_historicalaction_beneficiaries", "their beneficiary links"),
    ("SELECT plans_plan", "labels: the referenced plans"),
    ("SELECT plans_operationalgoal", "labels: the referenced operational goals"),
    ("SELECT plans_minister", "labels: the referenced ministers"),
    ("SELECT plans_violenceform", "labels: the referenced violence forms"),
    *NAV,
    *BANNER,
]


def test_the_number_of_queries_does_not_grow_with_the_history(
    client, action, coordinator, els, edit
):
    client.force_login(coordinator)
    forms = list(action.plan.violence_forms.all())
    url = _url("actie", action.pk)

    def grow(times: int) -> None:
        for n in range(times):
            edit(
                action,
                user=els,
                title=f"Titel {n}",
                m2m={"violence_forms": forms[n % 3 : n % 3 + 2]},
            )

    grow(2)
    # session, user, the action (with its plan), memberships, their ministers (policy);
    # the history rows, their links (one query per M2M field: 4); the labels of the
    # referenced plan, operational goal, ministers and violence forms (one each);
    # the layout's own (example-data banner). 16 today; what matters is that it stays.
    with assert_queries(QUERIES):
        client.get(url)
    grow(20)
    assert action.history.count() > 40
    with assert_queries(QUERIES):
        assert client.get(url).status_code == 200
