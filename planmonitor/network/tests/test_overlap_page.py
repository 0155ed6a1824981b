"""The overlap page ``/plans/<plan>/netwerk/overlap/``: the flagged pairs with their reasons,
filters, pages, the classify form for who manages signals, fragmentation apart, its XLSX,
and a query count that does not grow with the pairs, actions and classifications."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from planmonitor.network.models import OverlapReview
from planmonitor.network.overlap import reviews, services, views
from planmonitor.tests.html import parse_html

from .conftest import smart_action_create
from .overlap_data import DUPLICATE, pair_plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(plan):
    return pair_plan_create(plan)


def _url(plan, name: str = "network:overlap") -> str:
    return reverse(name, args=[plan.short_name])


def _pairs(response) -> list[str]:
    return [li["data-pair"] for li in parse_html(response).select("li[data-pair]")]


def _post(client, plan, row, query: str = "", **values):
    data = {
        "a": row.pair.a.code,
        "b": row.pair.b.code,
        "seen_a": row.fingerprint_a,
        "seen_b": row.fingerprint_b,
        "classification": "unrelated",
        "note": "Andere doelgroep",
    } | values
    return client.post(_url(plan) + query, data)


def _row(plan, a="X001", b="X002"):
    rows = reviews.analyse(plan, include_dismissed=True).pairs
    return next(r for r in rows if (r.pair.a.code, r.pair.b.code) == (a, b))


def test_a_pair_shows_why_with_both_actions_linked(client, plan, actions, evaluator):
    client.force_login(evaluator)
    response = client.get(_url(plan))
    assert response.status_code == 200
    page = parse_html(response)
    pair = page.select_one('li[data-pair="X001~X002"]')
    assert pair is not None
    links = {a["href"] for a in pair.select("a")}
    assert reverse("plans:action_detail", args=[plan.short_name, "X001"]) in links
    assert reverse("plans:action_detail", args=[plan.short_name, "X002"]) in links
    text = pair.get_text(" ", strip=True)
    assert DUPLICATE in text
    assert actions["X002"].lead_minister.name in text
    assert pair.select_one("[data-kind]")["data-kind"] == "duplication"
    reasons = [li.get_text() for li in pair.select(".overlap-pair__reasons li")]
    assert any("partnergeweld" in r for r in reasons)  # shared terms
    assert any("gedeelde kenmerken" in r or "shared tags" in r for r in reasons)
    # Evaluators read: no classify form.
    assert not page.select(".overlap-pairs form")


def test_cross_minister_pairs_come_first(client, plan, actions, coordinator):
    # A same-minister twin of X001 scores higher than the cross-minister pair.
    smart_action_create(plan, "X009", title=DUPLICATE)
    client.force_login(coordinator)
    listed = _pairs(client.get(_url(plan)))
    assert listed.index("X001~X002") < listed.index("X001~X009")
    assert "X001~X009" not in _pairs(client.get(_url(plan), {"cross": "1"}))


def test_filters_kind_and_classification(client, plan, actions, coordinator):
    smart_action_create(plan, "X009", title=DUPLICATE)
    services.overlap_classify(
        plan=plan,
        action_a=actions["X001"],
        action_b=actions["X002"],
        classification="overlap",
        by=coordinator,
    )
    client.force_login(coordinator)
    assert _pairs(client.get(_url(plan), {"classified": "yes"})) == ["X001~X002"]
    assert "X001~X002" not in _pairs(client.get(_url(plan), {"classified": "no"}))
    overlaps = _pairs(client.get(_url(plan), {"kind": "overlap"}))
    assert "X001~X002" not in overlaps  # proposed as duplication
    # An unknown value: the form says so; the other filters still apply.
    response = client.get(_url(plan), {"kind": "bogus", "classified": "yes"})
    assert response.status_code == 200 and _pairs(response) == ["X001~X002"]
    assert parse_html(response).select_one(".error-summary") is not None


def test_a_network_member_dismisses_a_pair_and_it_returns_when_a_text_changes(
    client, plan, actions, network_member
):
    client.force_login(network_member)
    response = _post(client, plan, _row(plan), "?cross=1")
    assert response.status_code == 302 and response.url == _url(plan) + "?cross=1"
    review = OverlapReview.objects.get()
    assert (review.classification, review.note, review.classified_by) == (
        "unrelated",
        "Andere doelgroep",
        network_member,
    )
    assert "X001~X002" not in _pairs(client.get(_url(plan)))
    page = parse_html(client.get(_url(plan), {"dismissed": "1"}))
    assert page.select_one('li[data-pair="X001~X002"] [data-classification="unrelated"]')
    actions["X002"].title += " en op school"
    actions["X002"].save()
    page = parse_html(client.get(_url(plan)))
    changed = page.select_one('li[data-pair="X001~X002"] [data-text-changed]')
    assert changed is not None
    assert network_member.get_full_name() in changed.get_text()
    assert review.classified_at.strftime("%d/%m/%Y") in changed.get_text()


def test_a_stale_form_is_refused_with_409_and_rebased(client, plan, actions, coordinator):
    client.force_login(coordinator)
    stale = _row(plan)
    assert _post(client, plan, stale, classification="overlap").status_code == 302
    # Someone else's page still shows the pair unclassified: refused, then rebased.
    response = _post(client, plan, stale, classification="complementary")
    assert response.status_code == 409
    assert OverlapReview.objects.get().classification == "overlap"
    form = parse_html(response).select_one('li[data-pair="X001~X002"] form')
    assert form.select_one("input[name=version]")["value"] == "1"
    assert "Andere doelgroep" in form.get_text()  # what they typed is kept
    # A text changed since the page was shown: refused, nothing saved.
    fresh = _row(plan)
    actions["X001"].description = "Nieuwe tekst"
    actions["X001"].save()
    response = _post(client, plan, fresh, classification="unrelated", version=1)
    assert response.status_code == 409
    assert OverlapReview.objects.get().classification == "overlap"


def test_bad_input_is_refused_with_400(client, plan, actions, coordinator):
    client.force_login(coordinator)
    row = _row(plan)
    assert _post(client, plan, row, classification="maybe").status_code == 400
    assert _post(client, plan, row, b="NOPE").status_code == 400
    assert _post(client, plan, row, b="X001").status_code == 400
    assert not OverlapReview.objects.exists()


def test_evaluators_may_not_classify(client, plan, actions, evaluator):
    client.force_login(evaluator)
    assert _post(client, plan, _row(plan)).status_code == 403
    assert not OverlapReview.objects.exists()


def test_fragmentation_is_listed_apart(client, plan, actions, coordinator):
    smart_action_create(plan, "X004", title=DUPLICATE)
    client.force_login(coordinator)
    page = parse_html(client.get(_url(plan)))
    clusters = [li.get_text(" ", strip=True) for li in page.select("[data-cluster]")]
    ours = [c for c in clusters if "X001" in c]
    assert len(ours) == 1 and "X002" in ours[0] and "X004" in ours[0]
    assert actions["X002"].lead_minister.name in ours[0]


def test_pages(client, plan, actions, coordinator, monkeypatch):
    smart_action_create(plan, "X009", title=DUPLICATE)
    monkeypatch.setattr(views, "PER_PAGE", 1)
    client.force_login(coordinator)
    pages = [_pairs(client.get(_url(plan), {"page": n, "cross": "1"})) for n in (1, 2)]
    assert [len(p) for p in pages] == [1, 1] and pages[0] != pages[1]
    assert "cross=1&amp;page=2" in client.get(_url(plan), {"cross": "1"}).content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow(client, plan, actions, coordinator):
    client.force_login(coordinator)
    url = _url(plan) + "?dismissed=1"
    one = _count(client, url)
    for n in range(6):
        smart_action_create(plan, f"Q{n:03d}", title=f"{DUPLICATE} {n}")
    for row in reviews.analyse(plan).pairs[:4]:
        a, b = (plan.actions.get(code=c) for c in (row.pair.a.code, row.pair.b.code))
        services.overlap_classify(
            plan=plan, action_a=a, action_b=b, classification="complementary", by=coordinator
        )
    assert len(reviews.analyse(plan, include_dismissed=True).pairs) > 10
    assert _count(client, url) == one


def test_xlsx_holds_every_listed_pair_and_the_fragmentation(client, plan, actions, coordinator):
    services.overlap_classify(
        plan=plan,
        action_a=actions["X001"],
        action_b=actions["X002"],
        classification="overlap",
        note="Samen bekijken",
        by=coordinator,
    )
    client.force_login(coordinator)
    response = client.get(_url(plan, "network:overlap_xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    ours = [r for r in rows[1:] if (r[0], r[3]) == ("X001", "X002")]
    assert len(ours) == 1
    assert "Samen bekijken" in ours[0]
    assert workbook.worksheets[1].max_row >= 1
