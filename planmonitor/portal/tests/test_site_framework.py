"""The public site's framework pages (portal/site/framework_views.py): every page in Dutch
and English, only what is published, small counts suppressed."""

import pytest
from django.urls import reverse
from django.utils import translation

from planmonitor.plans.models import Plan
from planmonitor.portal.tests.hidden import assert_nothing_hidden
from planmonitor.portal.tests.site_helpers import (
    LANGUAGES,
    framework_urls,
    indexed_fixture,
    memory_cache,
    soup,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    yield from memory_cache(settings)


@pytest.fixture
def fixture(page_cache):
    return indexed_fixture()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_answers_in_its_language_with_the_layout(client, fixture, language):
    for name, url in framework_urls(fixture, language).items():
        response = client.get(url)
        assert response.status_code == 200, name
        page = soup(response)
        assert page.html["lang"] == language, name
        for landmark in ("header", "nav", "main", "footer"):
            assert page.find(landmark), (name, landmark)
        assert page.find("a", class_="skip-link")["href"] == "#main"
        assert page.find("main")["id"] == "main"
        assert len(page.find_all("h1")) == 1, name
        assert "csrfmiddlewaretoken" not in response.content.decode(), name


def test_the_language_switch_keeps_the_page(client, fixture):
    urls_nl = framework_urls(fixture, "nl")
    urls_en = framework_urls(fixture, "en")
    response = client.get(urls_nl["action"])
    switch = soup(response).find("nav", class_="portal-language")
    assert switch.find("a", lang="en")["href"] == urls_en["action"]
    assert switch.find("a", lang="nl")["aria-current"] == "true"
    assert not switch.find("form")
    # A search keeps its query string.
    response = client.get(urls_en["actions"] + "?q=opleiding")
    switch = soup(response).find("nav", class_="portal-language")
    assert switch.find("a", lang="nl")["href"] == urls_nl["actions"] + "?q=opleiding"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_a_hidden_item(client, fixture, language):
    for name, url in framework_urls(fixture, language).items():
        body = client.get(url).content.decode()
        assert_nothing_hidden(body, fixture)
        # The plan page shows the framework and figures; the others list or show T001.
        expected = fixture.plan.title if name == "plan" else fixture.action.code
        assert expected in body, name
    assert (
        fixture.shown["summary"]
        in client.get(framework_urls(fixture, language)["action"]).content.decode()
    )
    other = reverse("portal:action", args=[fixture.plan.short_name, fixture.other_action.code])
    assert_nothing_hidden(client.get(other).content.decode(), fixture)
    # Search results, for the hidden texts too.
    actions = framework_urls(fixture, language)["actions"]
    for query in ("", "testactie", "VERBORGEN", "VERBORGEN-sheet-goal", "verborgen persoon"):
        page = soup(client.get(actions, {"q": query}))
        # The form echoes the visitor's own words; the rest of the page must not.
        page.find("form", class_="search-form").decompose()
        page.find("nav", class_="portal-language").decompose()
        assert_nothing_hidden(str(page), fixture)


def test_the_action_page_shows_the_published_items(client, fixture):
    body = client.get(framework_urls(fixture, "nl")["action"]).content.decode()
    for kind in ("summary", "report", "indicator-name"):
        assert fixture.shown[kind] in body, kind
    page = soup(client.get(framework_urls(fixture, "nl")["action"]))
    facts = page.find("dl", class_="facts").get_text(" ")
    assert "Gennez" in facts and "Crevits" in facts  # lead and co-minister
    # The summary comes before the description and the progress.
    main = page.find("main").get_text(" ")
    assert main.index(fixture.shown["summary"]) < main.index(fixture.shown["report"])


def test_small_counts_are_suppressed_on_the_action_page(client, fixture):
    page = soup(client.get(framework_urls(fixture, "nl")["action"]))
    tables = {t.caption.get_text(strip=True): t for t in page.find_all("table")}
    sensitive = next(t for caption, t in tables.items() if "I1" in caption)
    open_ = next(t for caption, t in tables.items() if "I2" in caption)
    assert sensitive.find("td").get_text(strip=True) == "< 5"
    assert open_.find("td").get_text(strip=True) == "3"
    # No bar tells the suppressed number: its width is 0.
    bars = [s for s in page.find_all("section", class_="figure") if "I1" in s.h3.get_text()]
    widths = [rect["width"] for rect in bars[0].find_all("rect") if not rect.get("class")]
    assert widths == ["0"]
    # The hidden unpublished value (12) of the sensitive indicator is not there either.
    assert "12 meldingen" not in page.get_text()


def test_english_pages_keep_dutch_content_marked_as_dutch(client, fixture):
    page = soup(client.get(framework_urls(fixture, "en")["action"]))
    title = page.find("h1").find("span", lang="nl")
    assert title.get_text() == fixture.action.title
    assert page.find("dt", string="Lead minister")
    # An English title is shown as English.
    fixture.action.title_en = "Training for care workers"
    fixture.action.save(update_fields=["title_en"])
    from django.core.cache import cache

    cache.clear()
    page = soup(client.get(framework_urls(fixture, "en")["action"]))
    assert page.find("h1").get_text(" ", strip=True).endswith("Training for care workers")
    assert not page.find("h1").find("span", lang="nl")


def test_the_plan_page_has_figures_with_table_alternatives(client, fixture):
    page = soup(client.get(framework_urls(fixture, "nl")["plan"]))
    figures = page.find_all("section", class_="figure")
    assert len(figures) == 4  # status, on/off track, per SD, per minister
    for figure in figures:
        assert figure.find("ul", class_="bars")["aria-hidden"] == "true"
        table = figure.find("table")
        assert table.caption.get_text(strip=True)
        assert {th["scope"] for th in table.find_all("th")} == {"col", "row"}
    track = next(f for f in figures if f.h3["id"] == "figure-track")
    rows = {
        r.th.get_text(strip=True): r.td.get_text(strip=True) for r in track.tbody.find_all("tr")
    }
    # T001's accepted report: running as planned; T002's is held back, the others not accepted.
    assert rows["Op schema"] == "1"
    assert rows["Niet op schema"] == "0"


def test_the_plan_page_links_the_framework(client, fixture):
    page = soup(client.get(framework_urls(fixture, "nl")["plan"]))
    framework = page.find("ul", class_="framework")
    hrefs = {a["href"] for a in framework.find_all("a")}
    short = fixture.plan.short_name
    assert reverse("portal:strategic_goal", args=[short, "1"]) in hrefs
    assert reverse("portal:operational_goal", args=[short, "2.1"]) in hrefs


def test_an_unpublished_plan_is_not_found(client, page_cache):
    plan = Plan.objects.get()
    assert not plan.is_published
    action = plan.actions.first()
    urls = [
        reverse("portal:plan", args=[plan.short_name]),
        reverse("portal:actions", args=[plan.short_name]),
        reverse("portal:strategic_goal", args=[plan.short_name, "1"]),
        reverse("portal:operational_goal", args=[plan.short_name, "1.1"]),
    ]
    if action is not None:
        urls.append(reverse("portal:action", args=[plan.short_name, action.code]))
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_unknown_goal_or_action_is_not_found(client, fixture):
    short = fixture.plan.short_name
    assert client.get(reverse("portal:action", args=[short, "X999"])).status_code == 404
    assert client.get(reverse("portal:strategic_goal", args=[short, "99"])).status_code == 404
    assert client.get(reverse("portal:operational_goal", args=[short, "9.9"])).status_code == 404


def test_the_index_redirects_to_the_only_public_plan(client, fixture):
    response = client.get(reverse("portal:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:plan", args=[fixture.plan.short_name])


def test_the_index_lists_no_plan_before_publication(client, page_cache):
    with translation.override("en"):
        response = client.get(reverse("portal:index"))
    assert response.status_code == 200
    assert "No plan has been published yet." in response.content.decode()


def test_example_data_is_labelled_on_every_public_page(client, fixture):
    from planmonitor.plans.models import Action

    urls = framework_urls(fixture, "nl")
    assert not soup(client.get(urls["plan"])).find(id="example-data-banner")
    Action.objects.filter(pk=fixture.action.pk).update(is_example=True)
    from django.core.cache import cache

    cache.clear()
    for name, url in urls.items():
        banner = soup(client.get(url)).find(id="example-data-banner")
        assert banner is not None, name
        assert "Voorbeeldgegevens" in banner.get_text(), name


def test_every_public_page_leads_the_plan_s_staff_to_the_login(client, fixture):
    for name, url in framework_urls(fixture, "nl").items():
        link = soup(client.get(url)).find(id="staff-login")
        assert link is not None and link["href"] == reverse("login"), name
        assert "Aanmelden" in link.get_text(), name
