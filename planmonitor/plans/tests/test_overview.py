"""The plan overview page: SD → OD → actions, filters, counts, query count."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from planmonitor.plans.models import Action, OperationalGoal
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, assert_queries

URL = reverse("plans:overview")

# Anonymous request, unfiltered. The queries must not depend on the number of actions.
QUERIES = [
    ("SELECT plans_plan", "the default plan"),
    ("SELECT plans_action", "how many match (the paginator's count)"),
    ("SELECT plans_action", "the actions with their lead minister"),
    ("SELECT plans_violenceform", "their violence forms (prefetch)"),
    ("SELECT plans_targetgroup", "their target groups (prefetch)"),
    ("SELECT plans_strategicgoal", "the strategic goals"),
    ("SELECT plans_operationalgoal", "their operational goals (prefetch)"),
    *BANNER,
    ("SELECT plans_operationalgoal", "filter choices: operational goals"),
    ("SELECT plans_violenceform", "filter choices: violence forms"),
    ("SELECT plans_targetgroup", "filter choices: target groups"),
    ("SELECT plans_minister", "filter choices: ministers"),
]

# Filtered: + the violence form named in the query string, + the total count.
FILTERED_QUERIES = [
    QUERIES[0],
    ("SELECT plans_violenceform", "the violence form named in the query string"),
    *QUERIES[1:5],
    ("SELECT plans_action", "the total count (n of the 115 actions)"),
    *QUERIES[5:],
]


@pytest.fixture
def demo(demo_shared):
    """The demo plan (loaded once for this module), published: the overview then shows its
    actions to everyone. Tests of a plan without the demo are in test_overview_without_demo."""
    demo = demo_shared
    demo.is_published = True
    demo.save(update_fields=["is_published"])
    return demo


def _page(client, **params) -> BeautifulSoup:
    response = client.get(URL, params)
    assert response.status_code == 200
    return parse_html(response)


def _codes(soup: BeautifulSoup) -> list[str]:
    return [row.th.get_text(strip=True) for row in soup.select("tr.action")]


def _expected(**lookups) -> list[str]:
    return list(Action.objects.filter(**lookups).order_by("code").values_list("code", flat=True))


def test_it_shows_strategic_goals_operational_goals_and_their_actions(demo, client):
    soup = _page(client)

    strategic = soup.select("section.strategic-goal")
    assert [s.h2.select_one(".goal-code").get_text(strip=True) for s in strategic] == [
        "SD 1",
        "SD 2",
        "SD 3",
    ]
    operational = soup.select("section.strategic-goal > section.operational-goal")
    assert [o.h3.select_one(".goal-code").get_text(strip=True) for o in operational] == [
        f"OD {code}"
        for code in OperationalGoal.objects.filter(plan=demo).values_list("code", flat=True)
    ]
    for section in operational:
        code = section.h3.select_one(".goal-code").get_text(strip=True).removeprefix("OD ")
        assert _codes(section) == _expected(operational_goal__code=code)
    assert len(_codes(soup)) == 115


def test_it_shows_each_actions_details(demo, client):
    action = Action.objects.get(code="A001")
    row = next(r for r in _page(client).select("tr.action") if r.th.get_text(strip=True) == "A001")

    assert action.title in row.select_one(".action__title").get_text()
    assert row.select_one(".badge--example") is not None
    assert row.select_one(".action__minister").get_text(strip=True) == (
        action.lead_minister.family_name
    )
    forms = [abbr.get_text(strip=True) for abbr in row.select(".action__forms abbr")]
    assert forms == [f.code for f in action.violence_forms.order_by("order")]
    assert row.select_one(".action__forms abbr")["title"]  # the label, for the abbreviation
    groups = [g.get_text(strip=True) for g in row.select(".action__groups .badge")]
    assert groups == [g.label for g in action.target_groups.order_by("order")]
    start, end = action.start_date, action.end_date
    assert row.select_one(".action__period").get_text(strip=True) == (
        f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
    )
    assert row.select_one(".status").get_text(strip=True) == action.get_status_display()


def test_it_shows_the_counts(demo, client):
    soup = _page(client)

    assert soup.select_one(".result-count").get_text(strip=True) == "115 acties"
    for section in soup.select("section.operational-goal"):
        rows = len(section.select("tr.action"))
        assert section.select_one(".count").get_text(strip=True) == f"{rows} acties"


@pytest.mark.parametrize(
    ("params", "lookups"),
    [
        ({"violence_form": "VGV"}, {"violence_forms__code": "VGV"}),
        ({"target_group": "ouderen"}, {"target_groups__code": "ouderen"}),
        ({"lead_minister": "de-ridder"}, {"lead_minister__key": "de-ridder"}),
        ({"operational_goal": "3.3"}, {"operational_goal__code": "3.3"}),
        ({"status": "running"}, {"status": "running"}),
        ({"q": "a00"}, {"code__icontains": "a00"}),
        ({"q": "1712"}, {"title__icontains": "1712"}),
        (
            {"violence_form": "IFG", "lead_minister": "demir", "status": "planned"},
            {"violence_forms__code": "IFG", "lead_minister__key": "demir", "status": "planned"},
        ),
    ],
)
def test_it_filters(demo, client, params, lookups):
    expected = _expected(**lookups)
    assert 0 < len(expected) < 115  # the filter really narrows the list

    soup = _page(client, **params)

    codes = _codes(soup)
    # A search ("q") lists its results by rank (test_overview_search.py), the rest by code.
    assert (sorted(codes) if "q" in params else codes) == expected
    assert soup.select_one(".result-count").get_text(strip=True) == (
        f"{len(expected)} van de 115 acties voldoen aan de filters."
        if len(expected) > 1
        else "1 van de 115 acties voldoet aan de filters."
    )
    assert soup.select_one(".error-summary") is None


def test_it_hides_goals_without_matching_actions_when_filtered(demo, client):
    soup = _page(client, operational_goal="2.2")

    shown = soup.select("section.operational-goal")
    assert [s.h3.select_one(".goal-code").get_text(strip=True) for s in shown] == ["OD 2.2"]
    assert len(soup.select("section.strategic-goal")) == 1


def test_it_says_so_when_nothing_matches(demo, client):
    soup = _page(client, q="geen-enkele-actie-heet-zo")

    assert _codes(soup) == []
    assert (
        "Geen enkele actie voldoet aan deze filters." in soup.select_one(".empty-state").get_text()
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("violence_form", "XYZ"),
        ("target_group", "1"),
        ("lead_minister", "nobody"),
        ("operational_goal", "9.9"),
        ("status", "forgotten"),
        ("q", "x" * 101),
    ],
)
def test_it_reports_an_invalid_filter_as_a_form_error(demo, client, field, value):
    valid = {} if field == "status" else {"status": "running"}
    soup = _page(client, **valid, **{field: value})

    summary = soup.select_one(".error-summary")
    assert summary is not None
    assert summary.select_one(f'a[href="#id_{field}"]') is not None
    widget = soup.select_one(f"#id_{field}")
    assert widget["aria-invalid"] == "true"
    assert widget["aria-describedby"] == f"id_{field}_error"
    assert soup.select_one(f"#id_{field}_error") is not None
    # The valid filters still apply; the invalid one is ignored, not guessed.
    assert _codes(soup) == _expected(**valid)


def test_its_query_count_does_not_grow_with_the_number_of_actions(demo, client):
    with assert_queries(QUERIES):
        assert len(_codes(_page(client))) == 115

    # The same queries for 5 actions (deleting is cheaper than loading the other 110 again).
    Action.objects.exclude(code__in=_expected()[:5]).delete()
    with assert_queries(QUERIES):
        assert len(_codes(_page(client))) == 5


def test_its_query_count_when_filtered_does_not_grow_either(demo, client):
    params = {"violence_form": "IFG", "status": "running"}
    matching = _expected(violence_forms__code="IFG", status="running")
    assert len(matching) > 5
    with assert_queries(FILTERED_QUERIES):
        assert len(_codes(_page(client, **params))) == len(matching)

    Action.objects.exclude(code__in=matching[:5]).delete()
    with assert_queries(FILTERED_QUERIES):
        assert len(_codes(_page(client, **params))) == 5


def test_it_is_public(demo, client):
    assert client.get(URL).status_code == 200


# --- The base layout, seen through this page ------------------------------------------


def test_the_layout_has_a_skip_link_landmarks_and_the_active_language(demo, client):
    soup = _page(client)

    assert soup.html["lang"] == "nl"
    skip = soup.select_one("a.skip-link")
    assert skip["href"] == "#content" and soup.select_one("main#content") is not None
    assert soup.select_one("header nav a[aria-current=page]")["href"] == URL
    assert soup.select_one("footer") is not None
    assert not soup.select("script:not([src])") and not soup.select("[style]")  # CSP-ready
    switch = soup.select_one("form.language-switch")
    assert switch["action"] == reverse("set_language") and switch["method"] == "post"
    assert [b["value"] for b in switch.select("button[name=language]")] == ["nl", "en"]


def test_the_layout_follows_the_chosen_language(demo, client):
    client.post(reverse("set_language"), {"language": "en", "next": URL})

    soup = _page(client)

    assert soup.html["lang"] == "en"
    assert soup.select_one("form.language-switch button[aria-current=true]")["value"] == "en"


def test_the_layout_shows_admin_to_superusers_and_log_out_to_the_logged_in(demo, client, make_user):
    anonymous = _page(client)
    assert anonymous.select_one(f'header a[href="{reverse("admin:index")}"]') is None
    assert anonymous.select_one(f'header a[href^="{reverse("login")}"]') is not None

    staff = make_user("staff")
    staff.is_staff = True  # staff alone does not open the admin: it is for superusers
    staff.save()
    client.force_login(staff)
    assert _page(client).select_one(f'header a[href="{reverse("admin:index")}"]') is None
    assert _page(client).select_one(f'header a[href="{reverse("plans:my_actions")}"]') is not None

    staff.is_superuser = True
    staff.save()
    soup = _page(client)

    assert soup.select_one(f'header a[href="{reverse("admin:index")}"]') is not None
    logout = soup.select_one(f'header form[action="{reverse("logout")}"]')
    assert logout["method"] == "post" and re.search("Afmelden", logout.get_text())


def test_it_links_import_for_coordinators_and_export_for_evaluators(
    demo, client, coordinator, evaluator, network_member
):
    import_url = reverse("plans:transfer_import", args=[demo.short_name])
    export_url = reverse("plans:transfer_export_xlsx", args=[demo.short_name])
    client.force_login(coordinator)
    soup = _page(client)
    assert soup.find("a", href=import_url) and soup.find("a", href=export_url)
    client.force_login(evaluator)
    soup = _page(client)
    assert not soup.find("a", href=import_url) and soup.find("a", href=export_url)
    client.force_login(network_member)
    soup = _page(client)
    assert not soup.find("a", href=import_url) and not soup.find("a", href=export_url)


@pytest.mark.parametrize("value", ["vgv", "VGV", "vrouwelijke genitale verminking"])
def test_a_term_filter_takes_the_code_or_the_label_in_any_case(demo, client, value):
    codes = _codes(_page(client, violence_form=value))
    assert codes == _expected(violence_forms__code="VGV")
