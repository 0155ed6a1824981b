"""Search on the overview: code, title, description and sheet texts, Dutch stems, ranked."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from planmonitor.conftest import action_create, other_action_create
from planmonitor.monitoring.sheets import services as sheet_services
from planmonitor.plans import search, services
from planmonitor.plans.models import Action, SearchEntry
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, assert_queries

URL = reverse("plans:overview")


@pytest.fixture
def published(plan):
    plan.is_published = True
    plan.save(update_fields=["is_published"])
    return plan


def _describe(action: Action, description: str) -> Action:
    return services.action_update(
        action_id=action.pk, values={"description": description}, expected_version=action.version
    )


def _write_sheet(action: Action, **texts) -> None:
    sheet = sheet_services.sheet_for(action)
    sheet_services.sheet_update(sheet_id=sheet.pk, values=texts, expected_version=sheet.version)


def _search(client, q, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return parse_html(response)


def _codes(soup) -> list[str]:
    return [row.th.get_text(strip=True) for row in soup.select("tr.action")]


@pytest.fixture
def actions(published):
    """T001 and T002, indexed the way the services index them."""
    first = _describe(action_create(published), "Vorming voor de gemeente en het OCMW.")
    second = _describe(other_action_create(published), "Sportclubs krijgen een draaiboek.")
    return first, second


def test_it_finds_a_word_that_is_only_in_the_description(actions, client):
    soup = _search(client, "OCMW")

    assert _codes(soup) == ["T001"]
    match = soup.select_one("tr.action .action__match")
    assert "omschrijving" in match.get_text() and match.mark.get_text() == "OCMW"


def test_it_finds_inflected_forms_by_their_dutch_stem(actions, client):
    assert _codes(_search(client, "gemeenten")) == ["T001"]  # the description says "gemeente"
    assert _codes(_search(client, "draaiboeken")) == ["T002"]


def test_the_stemmer_is_dutch_porter_not_snowball_3s_dutch():
    # The stems PostgreSQL's "dutch" configuration gives (see shared/stack.md).
    assert [search.stem(w) for w in ["gemeenten", "geweld", "maatregelen"]] == [
        "gemeent",
        "geweld",
        "maatregel",
    ]


def test_it_finds_the_start_of_a_code_or_word(actions, client):
    assert sorted(_codes(_search(client, "t00"))) == ["T001", "T002"]
    assert _codes(_search(client, "sportcl")) == ["T002"]


def test_every_word_must_match(actions, client):
    assert _codes(_search(client, "gemeente sportclubs")) == []


def test_a_word_only_in_the_sheet_is_found_by_who_works_on_the_action(
    actions, client, coordinator, owner
):
    first, _second = actions
    _write_sheet(first, approach="We trainen de **schoolbesturen** in elke provincie.")

    client.force_login(coordinator)
    soup = _search(client, "schoolbestuur")
    assert _codes(soup) == ["T001"]
    assert "plan van aanpak" in soup.select_one(".action__match").get_text()

    client.force_login(owner)  # leads T001 (minister Gennez)
    assert _codes(_search(client, "schoolbesturen")) == ["T001"]


def test_the_public_and_other_owners_do_not_find_actions_by_their_sheet(
    actions, client, other_owner
):
    first, _second = actions
    _write_sheet(first, risks="Vertraging bij de aanbesteding.")

    assert _codes(_search(client, "aanbesteding")) == []  # anonymous: the public index
    client.force_login(other_owner)  # sees T001 only because the plan is published
    assert _codes(_search(client, "aanbesteding")) == []
    assert _codes(_search(client, "OCMW")) == ["T001"]  # its published description


def test_results_are_ranked_title_before_description_before_sheet(published, client, coordinator):
    in_sheet = action_create(published)
    _describe(other_action_create(published), "Over de weerbaarheid.")  # T002
    in_title = Action.objects.create(
        plan=published,
        code="T003",
        title="Weerbaarheid van jongeren",
        operational_goal=in_sheet.operational_goal,
        lead_minister=in_sheet.lead_minister,
    )
    search.index_actions([in_title.pk])
    _write_sheet(in_sheet, content_goal="Meer weerbaarheid.")
    client.force_login(coordinator)

    soup = _search(client, "weerbaarheid")

    assert _codes(soup) == ["T003", "T002", "T001"]
    assert "Zoekresultaten" in soup.select_one(".search-results h2").get_text()


def test_it_says_so_when_nothing_matches(actions, client):
    soup = _search(client, "onvindbaarwoord")

    assert _codes(soup) == []
    text = soup.select_one(".empty-state").get_text()
    assert "Geen enkele actie bevat alle woorden van “onvindbaarwoord”" in text


def test_other_filters_narrow_the_search(actions, client):
    assert _codes(_search(client, "t00", status="running")) == []
    assert sorted(_codes(_search(client, "t00", status="planned"))) == ["T001", "T002"]


def test_the_index_follows_the_services_and_deletions(actions, client):
    first, _second = actions
    _describe(Action.objects.get(pk=first.pk), "Iets heel anders.")
    assert _codes(_search(client, "OCMW")) == []

    first.delete()
    assert not SearchEntry.objects.filter(action_id=first.pk).exists()
    assert _codes(_search(client, "t00")) == ["T002"]


def test_the_command_rebuilds_the_index(actions, client):
    SearchEntry.objects.all().delete()
    assert _codes(_search(client, "OCMW")) == []

    call_command("rebuild_search_index", verbosity=0)

    assert _codes(_search(client, "OCMW")) == ["T001"]
    assert SearchEntry.objects.count() == 2 * Action.objects.count()


def _hits_query() -> tuple[str, str]:
    table = "plans_searchentry" if connection.vendor == "postgresql" else "plans_searchentry_fts"
    return (f"SELECT {table}", "the search index: matching entries, ranked")


SEARCH_QUERIES = [
    ("SELECT plans_plan", "the plans (which one to show)"),
    _hits_query(),
    ("SELECT plans_action", "the matching actions' ids, to rank and page them"),
    ("SELECT plans_action", "the page's actions with their lead minister and OD"),
    ("SELECT plans_violenceform", "their violence forms (prefetch)"),
    ("SELECT plans_targetgroup", "their target groups (prefetch)"),
    ("SELECT plans_action", "the total count"),
    *BANNER,
    ("SELECT plans_operationalgoal", "filter choices: operational goals"),
    ("SELECT plans_violenceform", "filter choices: violence forms"),
    ("SELECT plans_targetgroup", "filter choices: target groups"),
    ("SELECT plans_minister", "filter choices: ministers"),
]


def test_its_query_count_does_not_grow_with_the_results(demo, client):
    demo.is_published = True
    demo.save(update_fields=["is_published"])
    with assert_queries(SEARCH_QUERIES):
        few = _codes(_search(client, "1712"))
    with assert_queries(SEARCH_QUERIES):
        many = _codes(_search(client, "a0"))

    assert 0 < len(few) < len(many)
