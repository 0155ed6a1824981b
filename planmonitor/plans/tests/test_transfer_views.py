"""Import and export pages: access per role, upload -> dry run -> confirm, downloads."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from planmonitor.accounts.models import Role
from planmonitor.plans.models import Action, Indicator
from planmonitor.plans.transfer.exporting import XLSX_CONTENT_TYPE
from planmonitor.plans.transfer.samples import action_create
from planmonitor.plans.transfer.uploads import root
from planmonitor.tests.html import parse_html as soup

CSV_OK = b"code,titel,od,trekkende_minister\r\nA1,Campagne,1.1,demir\r\nA2,Vorming,2.1,gennez\r\n"
CSV_BAD = (
    b"code,titel,od,trekkende_minister\r\nA1,Campagne,1.1,Janssens\r\nA2,Vorming,2.1,gennez\r\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def english_client():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def import_url(plan) -> str:
    return reverse("plans:transfer_import", args=[plan.short_name])


def export_urls(plan) -> list[str]:
    return [
        reverse("plans:transfer_export_xlsx", args=[plan.short_name]),
        *(
            reverse("plans:transfer_export_csv", args=[plan.short_name, sheet])
            for sheet in ("acties", "indicatoren", "budgetlijnen")
        ),
    ]


def upload(client, plan, content: bytes = CSV_OK, name: str = "acties.csv", **extra):
    data = {"file": SimpleUploadedFile(name, content), **extra}
    return client.post(import_url(plan), data)


def table_rows(page: BeautifulSoup, table_id: str) -> list[list[str]]:
    table = page.find("table", id=table_id)
    assert table is not None, f"no table #{table_id}"
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
        for row in table.tbody.find_all("tr")
    ]


# --- Who may do what -------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login_page(client, plan):
    urls = [import_url(plan), *export_urls(plan), reverse("plans:transfer_template")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("role", [None, Role.EVALUATOR, Role.NETWORK_MEMBER, Role.ACTION_OWNER])
def test_only_coordinators_may_import(client, plan, make_user, role):
    client.force_login(make_user("someone", plan, role))

    assert client.get(import_url(plan)).status_code == 403
    assert upload(client, plan).status_code == 403
    assert not Action.objects.exists()


def test_evaluators_may_export_but_outsiders_may_not(client, plan, evaluator, outsider):
    client.force_login(evaluator)
    for url in export_urls(plan):
        assert client.get(url).status_code == 200, url
    client.force_login(outsider)
    for url in export_urls(plan):
        assert client.get(url).status_code == 403, url


def test_an_unknown_plan_is_not_found(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("plans:transfer_import", args=["bestaat-niet"])).status_code == 404
    assert (
        client.get(reverse("plans:transfer_export_xlsx", args=["bestaat-niet"])).status_code == 404
    )


def test_an_unknown_csv_sheet_is_not_found(client, plan, coordinator):
    client.force_login(coordinator)

    assert (
        client.get(reverse("plans:transfer_export_csv", args=[plan.short_name, "x"])).status_code
        == 404
    )


# --- Upload, dry run, confirm ----------------------------------------------------------------


def test_the_import_page_has_the_form_and_the_downloads(english_client, plan, coordinator):
    english_client.force_login(coordinator)

    page = soup(english_client.get(import_url(plan)))

    form = page.find("form", enctype="multipart/form-data")
    assert form.find("input", attrs={"name": "file", "type": "file"})
    assert form.find("input", attrs={"name": "indicators", "type": "file"})
    links = {a["href"] for a in page.find_all("a", href=True)}
    assert set(export_urls(plan)) | {reverse("plans:transfer_template")} <= links


def test_an_upload_shows_a_dry_run_and_writes_nothing(english_client, plan, coordinator):
    english_client.force_login(coordinator)

    response = upload(english_client, plan)

    assert response.status_code == 302
    page = soup(english_client.get(response.url))
    assert not Action.objects.exists()
    assert table_rows(page, "created") == [
        ["Actions", "A1", "Campagne", "2"],
        ["Actions", "A2", "Vorming", "3"],
    ]
    # Issue 9, item 10: "unchanged" and "not in the file" are one "left unchanged" column.
    assert table_rows(page, "summary")[0] == ["Actions", "2", "0", "0"]
    assert page.find("button", attrs={"name": "confirm"})


def test_confirming_imports_in_one_go_and_removes_the_upload(english_client, plan, coordinator):
    english_client.force_login(coordinator)
    review = upload(english_client, plan).url
    token = review.rstrip("/").rsplit("/", 1)[-1]
    assert (root() / token).is_dir()

    response = english_client.post(review, {"confirm": ""}, follow=True)

    assert response.redirect_chain[-1][0] == import_url(plan)
    assert sorted(Action.objects.values_list("code", flat=True)) == ["A1", "A2"]
    assert soup(response).select_one(".message--success")
    assert not (root() / token).exists()
    # The same confirm again: the upload is gone, nothing is imported twice.
    english_client.post(review, {"confirm": ""})
    assert Action.objects.count() == 2


def test_changes_are_listed_with_old_and_new_values(english_client, plan, coordinator):
    action_create(plan, "A1", title="Oude titel", start_date=dt.date(2026, 1, 1))
    english_client.force_login(coordinator)

    page = soup(english_client.get(upload(english_client, plan).url))

    (row,) = table_rows(page, "updated")
    assert row[:3] == ["Actions", "A1", "Campagne"]
    assert "titel : Oude titel → Campagne" in row[4]


def test_a_file_with_problems_shows_where_and_cannot_be_confirmed(
    english_client, plan, coordinator
):
    english_client.force_login(coordinator)
    review = upload(english_client, plan, CSV_BAD).url

    page = soup(english_client.get(review))

    assert table_rows(page, "problems") == [
        ["acties.csv", "2", "trekkende_minister", "D2", 'Unknown minister "Janssens".']
    ]
    assert page.find("button", attrs={"name": "confirm"}) is None
    english_client.post(review, {"confirm": ""})
    assert not Action.objects.exists()


def test_another_user_cannot_confirm_someone_elses_upload(client, plan, coordinator, make_user):
    client.force_login(coordinator)
    review = upload(client, plan).url
    other = Client()
    other.force_login(make_user("coordinator2", plan, Role.COORDINATOR))

    response = other.post(review, {"confirm": ""})

    assert response.status_code == 302 and response.url == import_url(plan)
    assert not Action.objects.exists()


def test_a_changed_file_is_refused_at_confirm(client, plan, coordinator):
    client.force_login(coordinator)
    review = upload(client, plan).url
    token = review.rstrip("/").rsplit("/", 1)[-1]
    (root() / token / "main.csv").write_bytes(CSV_OK + b"A3,Stiekem,1.1,demir\r\n")

    response = client.post(review, {"confirm": ""})

    assert response.url == import_url(plan)
    assert not Action.objects.exists()
    assert not (root() / token).exists()


def test_an_expired_upload_is_refused(client, plan, coordinator, settings):
    client.force_login(coordinator)
    review = upload(client, plan).url
    settings.IMPORT_UPLOAD_TTL = -1

    response = client.post(review, {"confirm": ""})

    assert response.url == import_url(plan)
    assert not Action.objects.exists()


def test_a_confirm_is_refused_when_the_plan_changed_meanwhile(english_client, plan, coordinator):
    english_client.force_login(coordinator)
    review = upload(english_client, plan).url
    action_create(plan, "A1", title="Intussen")

    response = english_client.post(review, {"confirm": ""}, follow=True)

    assert soup(response).select_one(".message--warning")
    assert Action.objects.get().title == "Intussen"
    assert [row[1] for row in table_rows(soup(response), "updated")] == ["A1"]


def test_cancel_discards_the_upload(client, plan, coordinator):
    client.force_login(coordinator)
    review = upload(client, plan).url

    client.post(review, {"cancel": ""})

    assert not any(root().iterdir())
    assert not Action.objects.exists()


def test_a_workbook_and_an_indicators_csv_go_together(client, plan, coordinator):
    client.force_login(coordinator)
    indicators = b"actie,code,naam,type\r\nA1,I1,Bereik,kwalitatief\r\n"
    review = upload(client, plan, indicators=SimpleUploadedFile("ind.csv", indicators)).url

    client.post(review, {"confirm": ""})

    assert Indicator.objects.get().action.code == "A1"


def test_the_form_refuses_other_file_types_and_large_files(client, plan, coordinator, settings):
    client.force_login(coordinator)

    response = upload(client, plan, b"%PDF", name="plan.pdf")
    assert response.status_code == 200 and response.context["form"].errors["file"]

    settings.IMPORT_MAX_BYTES = 10
    response = upload(client, plan)
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not root().exists() or not any(root().iterdir())


# --- Downloads -------------------------------------------------------------------------------


def test_exports_download_as_xlsx_and_csv_with_bom(client, plan, coordinator):
    action_create(plan, "A1", title="=Geen formule")
    client.force_login(coordinator)
    xlsx, actions_csv, *_ = export_urls(plan)

    response = client.get(xlsx)
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert 'filename="ggg-2025-2029-acties.xlsx"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"PK")

    response = client.get(actions_csv)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeffcode,titel,".encode())
    assert "'=Geen formule" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_the_template_downloads_for_any_logged_in_user(client, outsider):
    client.force_login(outsider)

    response = client.get(reverse("plans:transfer_template"))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE


def test_the_import_is_in_the_audit_trail_as_the_coordinators(client, plan, coordinator):
    client.force_login(coordinator)
    review = upload(client, plan).url

    client.post(review, {"confirm": ""})

    record = Action.history.get(code="A1")
    assert (record.history_type, record.history_channel) == ("+", "import")
    assert record.history_user_id == coordinator.pk
