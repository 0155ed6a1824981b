from decimal import Decimal

import pytest
from django.urls import reverse

from planmonitor.monitoring.models import IndicatorValue, RoundStatus
from planmonitor.monitoring.reports import services as report_services
from planmonitor.monitoring.rounds import services
from planmonitor.tests.html import parse_html as soup

from .reports_helpers import (
    accepted,
    edit_data,
    fresh,
    row,
    submitted,
    url,
)


def test_the_owner_fills_in_the_report_with_dutch_numbers(
    client, report, indicators, milestones, owner
):
    quantitative, qualitative = indicators
    client.force_login(owner)
    assert client.get(url("report_edit", report)).status_code == 200
    response = client.post(
        url("report_edit", report),
        edit_data(
            report,
            implementation_status="on_track",
            done="Twee sessies gegeven.",
            obstacles="Geen.",
            next_steps="Derde sessie.",
            milestones_reached=[milestones[0].pk],
            **row(quantitative, value="12,5", source="Registratie", remark="voorlopig"),
            **row(qualitative, level="limited", text="Ontwerp klaar", source="Verslag"),
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url("report_detail", report)
    saved = fresh(report)
    assert (saved.implementation_status, saved.done, saved.version) == (
        "on_track",
        "Twee sessies gegeven.",
        2,
    )
    assert list(saved.milestones_reached.all()) == [milestones[0]]
    number = IndicatorValue.objects.get(report=report, indicator=quantitative)
    assert (number.value, number.source, number.remark) == (
        Decimal("12.5"),
        "Registratie",
        "voorlopig",
    )
    level = IndicatorValue.objects.get(report=report, indicator=qualitative)
    assert (level.level, level.text) == ("limited", "Ontwerp klaar")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1.234,5", Decimal("1234.5")), ("12.5", Decimal("12.5")), (" 7 ", Decimal(7))],
)
def test_it_reads_numbers_the_way_people_type_them(
    client, report, indicators, owner, typed, stored
):
    client.force_login(owner)
    client.post(url("report_edit", report), edit_data(report, **row(indicators[0], value=typed)))
    assert IndicatorValue.objects.get(report=report, indicator=indicators[0]).value == stored


def test_the_form_shows_stored_numbers_with_a_decimal_comma(client, report, indicators, owner):
    IndicatorValue.objects.create(report=report, indicator=indicators[0], value=Decimal("12.5"))
    client.force_login(owner)
    page = soup(client.get(url("report_edit", report)))
    assert page.select_one(f"#id_indicator-{indicators[0].pk}-value")["value"] == "12,5"


def test_an_empty_row_means_no_data_and_removes_the_value(client, report, indicators, owner):
    IndicatorValue.objects.create(report=report, indicator=indicators[0], value=Decimal(3))
    client.force_login(owner)
    data = edit_data(report, **row(indicators[0], value="", source="", remark=""))
    assert client.post(url("report_edit", report), data).status_code == 302
    assert not IndicatorValue.objects.filter(report=report, indicator=indicators[0]).exists()


def test_a_quantitative_row_needs_a_number_and_a_qualitative_one_a_level(
    client, report, indicators, owner
):
    quantitative, qualitative = indicators
    client.force_login(owner)
    response = client.post(
        url("report_edit", report),
        edit_data(
            report,
            **row(quantitative, value="", source="Registratie"),
            **row(qualitative, level="", text="Iets"),
        ),
    )
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one(f"#indicator-row-{quantitative.pk} .field--value.field--error")
    assert page.select_one(f"#indicator-row-{qualitative.pk} .field--level.field--error")
    assert len(page.select(".error-summary li")) == 2
    assert fresh(report).version == 1 and not IndicatorValue.objects.exists()


def test_a_word_is_not_a_number(client, report, indicators, owner):
    client.force_login(owner)
    response = client.post(
        url("report_edit", report), edit_data(report, **row(indicators[0], value="veel"))
    )
    assert response.status_code == 200
    assert soup(response).select_one(".field--value.field--error")


@pytest.mark.parametrize("status", ["delayed", "stopped"])
def test_a_delay_or_a_stop_needs_a_reason(client, report, owner, status):
    client.force_login(owner)
    response = client.post(
        url("report_edit", report),
        edit_data(report, implementation_status=status, status_reason="  "),
    )
    assert response.status_code == 200
    assert soup(response).select_one(".error-summary a[href='#id_status_reason']")
    assert fresh(report).implementation_status == "not_started"

    response = client.post(
        url("report_edit", report),
        edit_data(report, implementation_status=status, status_reason="Geen budget."),
    )
    assert response.status_code == 302
    assert fresh(report).status_reason == "Geen budget."


@pytest.mark.parametrize("who", ["contributor", "network_member", "evaluator"])
def test_readers_may_not_edit(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("report_edit", report)).status_code == 403
    response = client.post(url("report_edit", report), edit_data(report, done="Gekaapt"))
    assert response.status_code == 403
    assert fresh(report).done == ""


@pytest.mark.parametrize("who", ["other_owner", "outsider"])
def test_others_get_404(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(url("report_edit", report), edit_data(report, done="X")).status_code == 404
    assert fresh(report).done == ""


def test_anonymous_is_sent_to_login(client, report):
    response = client.get(url("report_edit", report))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_coordinator_may_edit_too(client, report, coordinator):
    client.force_login(coordinator)
    response = client.post(url("report_edit", report), edit_data(report, done="Aangevuld."))
    assert response.status_code == 302
    assert fresh(report).done == "Aangevuld."


def test_a_closed_round_refuses_edits_and_keeps_the_input(client, report, owner):
    data = edit_data(report, done="Te laat")
    services.round_set_status(round_id=report.round_id, status=RoundStatus.CLOSED)
    client.force_login(owner)
    assert client.get(url("report_edit", report)).status_code == 403
    response = client.post(url("report_edit", report), data)
    assert response.status_code == 409
    page = soup(response)
    assert page.select_one(".report-locked")
    assert page.select_one("#id_done").get_text().strip() == "Te laat"
    assert page.select_one("#report-save") is None
    assert fresh(report).done == ""


@pytest.mark.parametrize("state", ["submitted", "accepted"])
def test_a_submitted_or_accepted_report_is_locked(client, report, owner, coordinator, state):
    if state == "submitted":
        submitted(report, owner)
    else:
        accepted(report, owner, coordinator)
    before = fresh(report)
    for who in (owner, coordinator):
        client.force_login(who)
        assert client.get(url("report_edit", report)).status_code == 403
        response = client.post(url("report_edit", report), edit_data(report, done="Gewijzigd"))
        assert response.status_code == 409
    after = fresh(report)
    assert (after.done, after.version, after.state) == (before.done, before.version, state)


def test_a_second_save_on_an_old_version_is_refused_and_keeps_the_input(
    client, report, indicators, milestones, owner, coordinator
):
    quantitative = indicators[0]
    loaded = edit_data(report)  # both opened the form at version 1
    client.force_login(coordinator)
    response = client.post(
        url("report_edit", report),
        {
            **loaded,
            "done": "Versie van de coördinator",
            "milestones_reached": [milestones[1].pk],
            **row(quantitative, value="40", source="Coördinatie"),
        },
    )
    assert response.status_code == 302

    client.force_login(owner)
    mine = {
        **loaded,
        "done": "Versie van de trekker",
        "obstacles": "Mijn knelpunt",
        **row(quantitative, value="41,5", source="Eigen telling"),
    }
    response = client.post(url("report_edit", report), mine)
    assert response.status_code == 409
    page = soup(response)
    changed = {
        tr["data-field"]: tr.td.get_text(strip=True) for tr in page.select("tr.conflict__field")
    }
    prefix = f"indicator-{quantitative.pk}-"
    assert changed["done"] == "Versie van de coördinator"
    assert changed["milestones_reached"] == milestones[1].name
    assert changed[f"{prefix}value"] == "40"
    assert changed[f"{prefix}source"] == "Coördinatie"
    assert "next_steps" not in changed  # the same on both sides
    # Nothing typed is lost: the form still holds the owner's input, the rows too.
    assert page.select_one("#id_done").get_text().strip() == "Versie van de trekker"
    assert page.select_one("#id_obstacles").get_text().strip() == "Mijn knelpunt"
    assert page.select_one(f"#id_indicator-{quantitative.pk}-value")["value"] == "41,5"
    assert page.select_one(f"#id_indicator-{quantitative.pk}-source")["value"] == "Eigen telling"
    # Nothing was overwritten.
    saved = fresh(report)
    assert saved.done == "Versie van de coördinator" and saved.obstacles == ""
    value = IndicatorValue.objects.get(report=report, indicator=quantitative)
    assert (value.value, value.source) == (Decimal(40), "Coördinatie")

    # Saving again from the conflict page is a deliberate overwrite.
    version = page.select_one("#id_version")["value"]
    assert version == str(saved.version)
    response = client.post(url("report_edit", report), {**mine, "version": version})
    assert response.status_code == 302
    assert fresh(report).done == "Versie van de trekker"
    assert IndicatorValue.objects.get(report=report, indicator=quantitative).value == Decimal(
        "41.5"
    )


def test_a_milestone_of_another_action_cannot_be_ticked(
    client, report, milestones, owner, other_action
):
    foreign = other_action.milestones.create(name="Vreemd", planned_date="2026-10-01")
    client.force_login(owner)
    response = client.post(
        url("report_edit", report), edit_data(report, milestones_reached=[foreign.pk])
    )
    assert response.status_code == 200
    assert not fresh(report).milestones_reached.exists()


def test_the_edit_page_shows_the_contributions_to_consolidate(client, report, owner, contributor):
    report_services.contribution_add(
        report=report, author=contributor, text="Cijfers van Onderwijs."
    )
    client.force_login(owner)
    page = soup(client.get(url("report_edit", report)))
    assert "Cijfers van Onderwijs." in page.select_one(".report-aside .contribution").get_text()


def test_the_page_loads_htmx_from_our_static_files_with_csrf_on_a_wrapper(
    client, report, indicators, owner
):
    client.force_login(owner)
    page = soup(client.get(url("report_edit", report)))
    script = page.select_one("script[src$='vendor/htmx.min.js']")
    assert script is not None and script.has_attr("defer")
    assert script["src"].startswith("/static/")
    assert "X-CSRFToken" in page.select_one(".report-edit")["hx-headers"]
    button = page.select_one(f"#indicator-row-{indicators[0].pk} button[hx-post]")
    assert button["hx-post"] == url("report_value", report, indicator_pk=indicators[0].pk)
    # Without JavaScript the same button submits the whole form.
    assert button["type"] == "submit" and button.find_parent("form")["id"] == "report-form"


def test_a_save_after_a_submission_in_between_keeps_the_input_but_offers_no_save(
    client, report, owner
):
    loaded = edit_data(report)
    submitted(report, owner)  # e.g. in another tab
    client.force_login(owner)
    response = client.post(url("report_edit", report), {**loaded, "done": "Nog iets"})
    assert response.status_code == 409
    page = soup(response)
    assert page.select_one("tr.conflict__field[data-field=state]")
    assert page.select_one("#id_done").get_text().strip() == "Nog iets"
    assert page.select_one("#report-save") is None
    assert fresh(report).done == "Opleiding gestart."
