"""The context series pages: the list with charts, tables and the analysis; adding,
editing and removing a yearly value; the upload; other plans' series; query counts."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planmonitor.evaluation.impact import services
from planmonitor.evaluation.models import ContextSeries, ContextValue
from planmonitor.plans.models import Plan
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries

pytestmark = pytest.mark.django_db


def _series(plan, key="hulplijn", years=(2018, 2021, 2022), **values) -> ContextSeries:
    series = services.context_series_create(
        plan=plan,
        key=key,
        name="Oproepen hulplijn 1712",
        area="Vlaanderen",
        unit="oproepen",
        **values,
    )
    for number, year in enumerate(years):
        services.context_value_create(
            series=series,
            year=year,
            value=Decimal(1000 + 100 * number),
            source="https://example.org/1712",
        )
    return series


def _list(plan) -> str:
    return reverse("evaluation:context_list", args=[plan.short_name])


def _page(plan, series) -> str:
    return reverse("evaluation:context_series", args=[plan.short_name, series.pk])


def test_the_list_shows_each_series_with_its_chart_table_and_analysis(client, plan, evaluator):
    _series(plan)
    client.force_login(evaluator)
    page = parse_html(client.get(_list(plan), HTTP_ACCEPT_LANGUAGE="nl"))
    [section] = page.select("section.context-series")
    svg = section.select_one("svg.chart")
    assert svg.select_one("g.chart__period") is not None
    assert "Planperiode" in svg.select_one("g.chart__period").get_text()
    assert len(svg.select("g.chart__values circle")) == 3
    years = [th.get_text() for th in section.select("table.context-values tbody th")]
    assert years == ["2018", "2021", "2022"]
    assert "Te weinig jaren" in section.select_one(".context-analysis").get_text()
    assert svg.select_one("g.chart__fitted") is None
    assert "bijdrageanalyse" in page.select_one(".context-note").get_text()
    # Evaluators read; only the coordinator manages.
    assert page.find("a", href=reverse("evaluation:context_import", args=[plan.short_name])) is None


def test_an_example_series_is_labelled_as_such(client, plan, coordinator):
    _series(plan, is_example=True)
    client.force_login(coordinator)
    page = parse_html(client.get(_list(plan)))
    assert page.select_one(".example-label") is not None
    assert "voorbeeld" in page.select_one("section.context-series h2").get_text()


def test_a_long_series_shows_the_level_and_slope_change(client, plan, coordinator):
    years = range(plan.period_start.year - 5, plan.period_start.year + 3)
    _series(plan, years=years)
    client.force_login(coordinator)
    page = parse_html(client.get(_list(plan)))
    text = page.select_one(".context-analysis").get_text()
    assert "niveau" in text.lower() and "95%-interval" in text
    assert len(page.select("svg g.chart__fitted line")) == 2  # before and from the start


LIST_QUERIES = [
    *SIGNED_IN,
    *TWO_STEP,
    *POLICY,
    ("SELECT plans_plan", "the plan"),
    ("SELECT evaluation_contextseries", "the series"),
    ("SELECT evaluation_contextvalue", "their values (prefetch)"),
    *NAV,
    *BANNER,
]


def test_the_list_needs_the_same_queries_for_one_series_or_many(client, plan, coordinator):
    _series(plan)
    client.force_login(coordinator)
    with assert_queries(LIST_QUERIES):
        client.get(_list(plan))
    for number in range(5):
        _series(plan, key=f"reeks-{number}", years=range(2010, 2030))
    with assert_queries(LIST_QUERIES):
        page = parse_html(client.get(_list(plan)))
    assert len(page.select("section.context-series")) == 6


def test_the_coordinator_adds_edits_and_removes_a_value(client, plan, coordinator):
    series = _series(plan, years=())
    client.force_login(coordinator)
    add = reverse("evaluation:context_value_add", args=[plan.short_name, series.pk])
    data = {"year": "2023", "value": "9.045,5", "source": "https://example.org/23", "note": ""}
    assert client.post(add, data).status_code == 302
    value = series.values.get()
    assert (value.year, value.value) == (2023, Decimal("9045.5"))
    # The same year twice: refused with a message.
    response = client.post(add, data)
    assert response.status_code == 400
    assert "al een waarde voor 2023" in response.content.decode()

    edit = reverse("evaluation:context_value_edit", args=[plan.short_name, series.pk, value.pk])
    changed = {**data, "value": "9100", "version": "1"}
    assert client.post(edit, changed).status_code == 302
    value.refresh_from_db()
    assert (value.value, value.version) == (Decimal(9100), 2)
    # A stale version: 409, nothing saved.
    assert client.post(edit, {**changed, "value": "1"}).status_code == 409
    value.refresh_from_db()
    assert value.value == Decimal(9100)

    delete = reverse("evaluation:context_value_delete", args=[plan.short_name, series.pk, value.pk])
    assert client.post(delete, {"version": "1"}).status_code == 409
    assert client.post(delete, {"version": "2"}).status_code == 302
    assert not series.values.exists()
    assert ContextValue.history.filter(id=value.pk).count() == 3  # added, changed, removed


def test_the_coordinator_adds_a_series(client, plan, coordinator):
    client.force_login(coordinator)
    url = reverse("evaluation:context_series_create", args=[plan.short_name])
    response = client.post(url, {"name": "Pv's partnergeweld", "area": "Vlaanderen", "unit": "pv"})
    series = ContextSeries.objects.get(plan=plan)
    assert response.url == _page(plan, series)
    assert series.key == "pvs-partnergeweld-vlaanderen"
    assert client.post(url, {"name": "Pv's partnergeweld", "area": "Vlaanderen"}).status_code == 400


def _xlsx(rows) -> bytes:
    import io

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_coordinator_uploads_an_xlsx(client, plan, coordinator):
    client.force_login(coordinator)
    url = reverse("evaluation:context_import", args=[plan.short_name])
    content = _xlsx(
        [
            ["indicator", "area", "year", "value", "unit", "note", "source"],
            ["Veilige Huizen", "Vlaanderen", 2023, 9, "locaties", "", "https://kw.be/a"],
            ["Veilige Huizen", "Vlaanderen", 2025, 10, "locaties", "", "https://kw.be/b"],
        ]
    )
    upload = SimpleUploadedFile("cijfers.xlsx", content)
    response = client.post(url, {"file": upload})
    assert response.url == _list(plan)
    assert ContextValue.objects.filter(series__plan=plan).count() == 2


def test_a_bad_upload_says_what_is_wrong_and_imports_nothing(client, plan, coordinator):
    client.force_login(coordinator)
    url = reverse("evaluation:context_import", args=[plan.short_name])
    text = b"indicator,area,year,value\nReeks,,2020,veel\nReeks,,2021,3\n"
    response = client.post(url, {"file": SimpleUploadedFile("cijfers.csv", text)})
    assert response.status_code == 400
    page = parse_html(response)
    assert "Rij 2" in page.select_one(".import-problems").get_text()
    assert not ContextValue.objects.exists()
    damaged = SimpleUploadedFile("cijfers.xlsx", b"PK\x03\x04 broken")
    response = client.post(url, {"file": damaged})
    assert response.status_code == 400
    assert "beschadigd" in response.content.decode()


def test_another_plans_series_is_not_found(client, plan, coordinator):
    other = Plan.objects.create(
        short_name="ander",
        title="Ander plan",
        period_start=plan.period_start,
        period_end=plan.period_end,
    )
    series = _series(other)
    client.force_login(coordinator)
    assert client.get(_page(plan, series)).status_code == 404
    value = series.values.first()
    edit = reverse("evaluation:context_value_edit", args=[plan.short_name, series.pk, value.pk])
    assert client.get(edit).status_code == 404


def test_a_series_and_its_values_have_a_history_page_for_the_evaluation_readers(
    client, plan, coordinator, evaluator, owner
):
    series = _series(plan, years=(2021,))
    value = series.values.get()
    pages = [
        reverse("audit:history", args=["contextreeks", series.pk]),
        reverse("audit:history", args=["contextwaarde", value.pk]),
    ]
    for who, status in ((coordinator, 200), (evaluator, 200)):
        client.force_login(who)
        for url in pages:
            response = client.get(url)
            assert response.status_code == status
            assert parse_html(response).find("a", href=_page(plan, series)) is not None
    client.force_login(owner)
    assert all(client.get(url).status_code in (403, 404) for url in pages)


def test_the_series_page_needs_the_same_queries_for_few_values_or_many(client, plan, coordinator):
    few, many = _series(plan, years=(2020,)), _series(plan, key="lang", years=range(2000, 2030))
    client.force_login(coordinator)
    for series in (few, many):
        with assert_queries(LIST_QUERIES):
            page = parse_html(client.get(_page(plan, series)))
        rows = page.select("table.context-manage tbody tr")
        assert len(rows) == series.values.count()


def test_the_list_speaks_english_when_asked(client, plan, coordinator):
    _series(plan)
    client.force_login(coordinator)
    page = parse_html(client.get(_list(plan), HTTP_ACCEPT_LANGUAGE="en"))
    assert page.select_one("h1").get_text() == "Context series"
    assert "Too few years" in page.select_one(".context-analysis").get_text()
