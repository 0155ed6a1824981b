"""Inline save of one indicator row: an htmx partial, or a redirect without htmx."""

from decimal import Decimal

import pytest

from planmonitor.monitoring.models import IndicatorValue
from planmonitor.monitoring.reports import services
from planmonitor.tests.html import parse_html as soup

from .reports_helpers import (
    fresh,
    row,
    submitted,
    url,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def _value_url(report, indicator) -> str:
    return url("report_value", report, indicator_pk=indicator.pk)


def test_an_htmx_request_gets_the_row_back_without_the_page(client, report, indicators, owner):
    quantitative = indicators[0]
    client.force_login(owner)
    response = client.post(
        _value_url(report, quantitative),
        {"version": 1, **row(quantitative, value="12,5", source="Telling")},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<body" not in html
    partial = soup(response)
    fieldset = partial.select_one(f"fieldset#indicator-row-{quantitative.pk}")
    assert fieldset is not None
    assert fieldset.select_one(f"#id_indicator-{quantitative.pk}-value")["value"] == "12,5"
    assert fieldset.select_one(".indicator-row__notice").get_text(strip=True)
    # The form's version moves along (out of band), so the next full save is no conflict.
    version = partial.select_one("input#id_version[hx-swap-oob]")
    assert version["value"] == "2" == str(fresh(report).version)
    value = IndicatorValue.objects.get(report=report, indicator=quantitative)
    assert (value.value, value.source) == (Decimal("12.5"), "Telling")


def test_without_htmx_it_saves_and_redirects_to_the_form(client, report, indicators, owner):
    quantitative = indicators[0]
    client.force_login(owner)
    response = client.post(
        _value_url(report, quantitative), {"version": 1, **row(quantitative, value="7")}
    )
    assert response.status_code == 302
    assert response["Location"] == (f"{url('report_edit', report)}#indicator-row-{quantitative.pk}")
    assert IndicatorValue.objects.get(report=report, indicator=quantitative).value == 7


def test_an_invalid_row_comes_back_with_its_error_and_nothing_is_saved(
    client, report, indicators, owner
):
    qualitative = indicators[1]
    client.force_login(owner)
    response = client.post(
        _value_url(report, qualitative),
        {"version": 1, **row(qualitative, level="", text="Zonder niveau")},
        **HTMX,
    )
    assert response.status_code == 200
    partial = soup(response)
    assert partial.select_one(".field--level.field--error")
    assert partial.select_one(f"#id_indicator-{qualitative.pk}-text").get_text().strip() == (
        "Zonder niveau"
    )
    assert partial.select_one("input[hx-swap-oob]") is None
    assert fresh(report).version == 1 and not IndicatorValue.objects.exists()


def test_a_row_saved_on_an_old_version_is_a_conflict_and_keeps_the_input(
    client, report, indicators, owner, coordinator
):
    quantitative = indicators[0]
    services.report_update(report_id=report.pk, values={"done": "Intussen"}, expected_version=1)
    client.force_login(owner)
    response = client.post(
        _value_url(report, quantitative),
        {"version": 1, **row(quantitative, value="9")},
        **HTMX,
    )
    assert response.status_code == 409
    partial = soup(response)
    assert partial.select_one(f"#id_indicator-{quantitative.pk}-value")["value"] == "9"
    assert partial.select_one(".indicator-row__notice").get_text(strip=True)
    assert not IndicatorValue.objects.exists()


def test_a_locked_report_refuses_the_row(client, report, indicators, owner):
    submitted(report, owner)
    version = fresh(report).version
    client.force_login(owner)
    response = client.post(
        _value_url(report, indicators[0]),
        {"version": version, **row(indicators[0], value="9")},
        **HTMX,
    )
    assert response.status_code == 409
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("contributor", 403), ("other_owner", 404)])
def test_only_editors_save_rows(client, report, indicators, who, status, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        _value_url(report, indicators[0]), {"version": 1, **row(indicators[0], value="9")}, **HTMX
    )
    assert response.status_code == status
    assert not IndicatorValue.objects.exists()


def test_an_indicator_of_another_action_is_not_found(client, report, owner, other_action):
    foreign = other_action.indicators.create(code="X1", name="Vreemd", kind="quantitative")
    client.force_login(owner)
    response = client.post(_value_url(report, foreign), {"version": 1, **row(foreign, value="1")})
    assert response.status_code == 404
