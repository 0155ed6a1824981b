"""A new app plugs in by registration alone: its action-page section, nav entry and history kind
appear without editing plans, audit or base.html (core/registry.py)."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from planmonitor.core import registry
from planmonitor.tests.html import parse_html


def _soup(response):
    assert response.status_code == 200
    return parse_html(response)


@pytest.fixture
def new_app_templates(settings, tmp_path):
    """The templates a new app would ship, on the template path for this test only."""
    folder = tmp_path / "newapp"
    folder.mkdir()
    (folder / "section.html").write_text(
        '<section class="newapp-section"><h2>{{ section.heading }}</h2></section>'
    )
    (folder / "home.html").write_text('<section class="newapp-home">{{ panel.count }}</section>')
    (folder / "nav.html").write_text('<li class="newapp-nav"><a href="/newapp/">Newapp</a></li>')
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]


def _section_for_coordinators(request, action):
    from planmonitor.accounts import policy

    shown = policy.can_edit_plan(request.user, action.plan)
    return {"heading": f"Newapp on {action.code}"} if shown else None


SECTION = registry.ActionSection(
    key="newapp", template="newapp/section.html", context=_section_for_coordinators
)
HOME = registry.HomePanel(
    key="newapp", template="newapp/home.html", context=lambda request: {"count": 42}
)
NAV = registry.NavEntry(key="newapp", template="newapp/nav.html")
HISTORY = registry.HistoryKind(key="newapp-actie", model="plans.Action", page=lambda obj: "/n/")


@pytest.fixture
def new_app(new_app_templates):
    with registry.contributed(SECTION, HOME, NAV, HISTORY):
        yield
    assert SECTION not in registry.registered(registry.ActionSection)  # cleaned up


def test_its_section_shows_on_the_action_page(client, new_app, coordinator, action):
    client.force_login(coordinator)
    page = _soup(client.get(reverse("plans:action_detail", args=[action.plan.short_name, "T001"])))
    section = page.find("section", class_="newapp-section")
    assert section.h2.get_text() == "Newapp on T001"
    # After monitoring's progress section (order 100, registered first), before the indicators.
    assert section.find_previous("section")["class"] == ["progress"]
    assert section.find_next("section")["aria-labelledby"] == "indicators-heading"


def test_its_section_stays_out_when_it_says_so(client, new_app, action, outsider):
    action.plan.is_published = True
    action.plan.save()
    client.force_login(outsider)  # anonymous visitors get the portal's page instead
    page = _soup(client.get(reverse("plans:action_detail", args=[action.plan.short_name, "T001"])))
    assert page.find("section", class_="newapp-section") is None


def test_its_home_panel_shows_on_my_actions(client, new_app, outsider):
    client.force_login(outsider)
    page = _soup(client.get(reverse("plans:my_actions")))
    assert page.find("section", class_="newapp-home").get_text() == "42"
    # A panel above the list gives the list its own heading.
    assert page.find("section", class_="newapp-home").find_next_sibling("h2") is not None


def test_its_nav_entry_shows_on_every_page(client, new_app, outsider):
    client.force_login(outsider)
    for url in (reverse("plans:overview"), reverse("plans:my_actions")):
        nav = _soup(client.get(url)).find("nav", class_="site-nav")
        assert nav.find("li", class_="newapp-nav").a["href"] == "/newapp/"


def test_its_history_kind_has_a_history_page(client, new_app, coordinator, outsider, action):
    client.force_login(coordinator)
    page = _soup(client.get(reverse("audit:history", args=["newapp-actie", action.pk])))
    assert page.find("a", href="/n/") is not None  # the back link its kind gives
    # The model's read rule holds for the new kind too.
    client.force_login(outsider)
    response = client.get(reverse("audit:history", args=["newapp-actie", action.pk]))
    assert response.status_code == 404


def test_nothing_shows_without_registration(client, new_app_templates, coordinator, action):
    client.force_login(coordinator)
    page = _soup(client.get(reverse("plans:action_detail", args=[action.plan.short_name, "T001"])))
    assert page.find("section", class_="newapp-section") is None
    assert page.find("li", class_="newapp-nav") is None
    response = client.get(reverse("audit:history", args=["newapp-actie", action.pk]))
    assert response.status_code == 404


def test_a_taken_key_is_refused():
    other = registry.NavEntry(key="rounds", template="elsewhere.html")
    with pytest.raises(ImproperlyConfigured):
        registry.register(other)
    # The same contribution again (a second ready()) changes nothing.
    (rounds,) = [entry for entry in registry.registered(registry.NavEntry) if entry.key == "rounds"]
    registry.register(rounds)
    assert registry.registered(registry.NavEntry).count(rounds) == 1


def test_a_notification_kind_joins_the_registered_ones_in_its_order():
    kind = registry.NotificationKind(key="newapp-digest", label="Weekly digest", order=1)
    with registry.contributed(kind):
        assert registry.registered(registry.NotificationKind)[0] == kind
    assert kind not in registry.registered(registry.NotificationKind)


def test_contributions_come_in_their_order():
    late = registry.PublicSection(key="late", template="late.html", order=200)
    early = registry.PublicSection(key="early", template="early.html", order=10)
    with registry.contributed(late, early):
        assert registry.registered(registry.PublicSection) == [early, late]
    assert registry.registered(registry.PublicSection) == []


def test_the_kinds_without_a_page_yet_can_be_registered():
    """Public sections: the API is there for the coming apps; no page reads them yet.
    (Notification kinds and import checks have one now: notifications/tests/test_inbox.py,
    network/tests/test_import_check.py.)"""
    contribution = registry.PublicSection(key="newapp-public", template="newapp/public.html")
    with registry.contributed(contribution):
        assert registry.registered(registry.PublicSection) == [contribution]
    assert registry.registered(registry.PublicSection) == []


def test_demo_loaders_run_in_order_and_remove_in_reverse(db):
    from planmonitor.demo.plan import demo_load, demo_remove

    calls = []
    first = registry.DemoLoader(
        key="newapp-1",
        load=lambda plan: calls.append("load 1") or Counter(),
        remove=lambda: calls.append("remove 1") or Counter(),
        order=200,
    )
    second = registry.DemoLoader(
        key="newapp-2",
        load=lambda plan: calls.append("load 2") or Counter({"newapp things": 3}),
        remove=lambda: calls.append("remove 2") or Counter(),
        order=300,
    )
    with registry.contributed(second, first):
        assert demo_load().created["newapp things"] == 3
        demo_remove()
    assert calls == ["load 1", "load 2", "remove 2", "remove 1"]


def test_every_kind_is_documented():
    from pathlib import Path
    from typing import get_args

    from django.conf import settings

    doc = (Path(settings.BASE_DIR) / "docs" / "architecture.md").read_text(encoding="utf-8")
    kinds = [kind.__name__ for kind in get_args(registry.Contribution)]
    # Issue 9 added EventKind, HistoryPart, SearchSource and CalendarSource; issue 11
    # ActionGuard and PlanLink; issue 12 PublicSite.
    assert len(kinds) == 15
    assert [kind for kind in kinds if f"`{kind}`" not in doc] == []
