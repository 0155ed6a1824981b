"""Evidence: links and files; type, content and size checked; files served only through a view."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from planmonitor.monitoring.models import Evidence, RoundStatus
from planmonitor.monitoring.reports import services, uploads
from planmonitor.monitoring.rounds import services as round_services
from planmonitor.tests import damaged_zips as damage
from planmonitor.tests.html import parse_html as soup

from .reports_helpers import (
    EXE_BYTES,
    MINIMAL_PDF,
    ROLES_WHO_DO_NOT,
    ROLES_WHO_SEE,
    accepted,
    submitted,
    upload,
    url,
)


def _add(client, report, **data):
    return client.post(url("evidence_add", report), data)


def _pdf(report, owner, title="Jaarverslag") -> Evidence:
    return services.evidence_add(
        report=report, user=owner, title=title, upload=upload("jaarverslag.pdf", MINIMAL_PDF)
    )


def _errors(response) -> str:
    return " ".join(
        p.get_text(" ", strip=True)
        for p in soup(response).select(
            "#evidence-form .field__error, #evidence-form .error-summary"
        )
    )


def test_the_owner_attaches_a_real_pdf(client, report, owner, media):
    client.force_login(owner)
    response = _add(
        client,
        report,
        title="Verslag opleiding",
        file=upload("Verslag opleiding (def).PDF", MINIMAL_PDF, "text/html"),
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#evidence")
    evidence = Evidence.objects.get()
    assert evidence.title == "Verslag opleiding" and evidence.url == ""
    # Stored under a safe name, typed by what we checked, not by what the browser said.
    assert Path(evidence.file.name).name == "verslag-opleiding-def.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(MINIMAL_PDF)
    stored = Path(evidence.file.path)
    assert stored.read_bytes() == MINIMAL_PDF
    assert stored.is_relative_to(media)


def test_the_owner_adds_a_link(client, report, owner):
    client.force_login(owner)
    response = _add(client, report, title="Persbericht", url="https://example.org/pers")
    assert response.status_code == 302
    assert Evidence.objects.get().url == "https://example.org/pers"


def test_an_exe_renamed_to_pdf_is_refused_by_its_content(client, report, owner, media):
    client.force_login(owner)
    response = _add(
        client, report, title="Verslag", file=upload("verslag.pdf", EXE_BYTES, "application/pdf")
    )
    assert response.status_code == 200
    assert "PDF" in _errors(response)
    assert not Evidence.objects.exists()
    assert not Path(media).exists() or not any(Path(media).rglob("*.pdf"))


@pytest.mark.parametrize(
    "name", ["setup.exe", "verslag.pdf.exe", "pagina.html", "script.js", "geen"]
)
def test_other_types_are_refused_by_their_extension(client, report, owner, media, name):
    client.force_login(owner)
    response = _add(client, report, title="Bestand", file=upload(name, MINIMAL_PDF))
    assert response.status_code == 200
    assert "PDF, DOCX" in _errors(response)
    assert not Evidence.objects.exists()


def test_a_file_above_the_limit_is_refused(client, report, owner, media, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 1024)
    client.force_login(owner)
    too_large = MINIMAL_PDF + b"%" + b"0" * 1024
    response = _add(client, report, title="Groot", file=upload("groot.pdf", too_large))
    assert response.status_code == 200
    assert _errors(response)
    assert not Evidence.objects.exists()


def test_a_damaged_odt_is_refused_in_the_form(client, report, owner, media):
    odt = damage.rezip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<office:document-content/>",
        }
    )
    client.force_login(owner)
    damaged = upload("nota.odt", damage.corrupt_deflate(odt, "mimetype"))

    response = _add(client, report, title="Nota", file=damaged)

    assert response.status_code == 200
    assert "Het bestand is beschadigd" in _errors(response)  # Dutch: the default language
    assert not Evidence.objects.exists()


def test_the_limit_is_ten_megabytes():
    assert uploads.MAX_BYTES == 10 * 1024 * 1024


def test_a_link_or_a_file_is_needed_but_not_both(client, report, owner, media):
    client.force_login(owner)
    assert _add(client, report, title="Niets").status_code == 200
    both = _add(
        client,
        report,
        title="Beide",
        url="https://example.org",
        file=upload("a.pdf", MINIMAL_PDF),
    )
    assert both.status_code == 200 and _errors(both)
    assert not Evidence.objects.exists()


def test_a_javascript_link_is_refused(client, report, owner):
    client.force_login(owner)
    response = _add(client, report, title="Klik", url="javascript:alert(1)")
    assert response.status_code == 200
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("who", ["contributor", "network_member", "evaluator"])
def test_readers_may_not_add_evidence(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    assert _add(client, report, title="X", url="https://example.org").status_code == 403
    assert not Evidence.objects.exists()


def test_no_evidence_is_added_to_a_locked_report(client, report, owner, coordinator):
    submitted(report, owner)
    client.force_login(owner)
    _add(client, report, title="Te laat", url="https://example.org")
    assert not Evidence.objects.exists()


def test_no_evidence_is_added_in_a_closed_round(client, report, owner):
    round_services.round_set_status(round_id=report.round_id, status=RoundStatus.CLOSED)
    client.force_login(owner)
    _add(client, report, title="Te laat", url="https://example.org")
    assert not Evidence.objects.exists()


# --- download --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES_WHO_SEE)
def test_readers_download_the_file_as_an_attachment(client, report, owner, media, who, request):
    evidence = _pdf(report, owner)
    client.force_login(request.getfixturevalue(who))
    response = client.get(url("evidence_download", report, pk=evidence.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="jaarverslag.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ROLES_WHO_DO_NOT)
def test_others_get_404_for_the_file(client, report, owner, media, who, request):
    evidence = _pdf(report, owner)
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("evidence_download", report, pk=evidence.pk)).status_code == 404


def test_anonymous_is_sent_to_login_for_the_file(client, report, owner, media):
    evidence = _pdf(report, owner)
    response = client.get(url("evidence_download", report, pk=evidence.pk))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_file_is_not_reachable_through_another_report(
    client, report, reporting_round, other_action, owner, coordinator, media
):
    evidence = _pdf(report, owner)
    other_report = reporting_round.reports.get(action=other_action)
    client.force_login(coordinator)
    assert client.get(url("evidence_download", other_report, pk=evidence.pk)).status_code == 404


def test_files_live_outside_the_static_files(client, report, owner, coordinator, media):
    evidence = _pdf(report, owner)
    stored = Path(evidence.file.path).resolve()
    static_places = [
        Path(django_settings.STATIC_ROOT),
        *map(Path, django_settings.STATICFILES_DIRS),
    ]
    assert not any(stored.is_relative_to(place.resolve()) for place in static_places)
    client.force_login(coordinator)
    for guess in (
        f"/static/{evidence.file.name}",
        f"/media/{evidence.file.name}",
        f"/{evidence.file.name}",
    ):
        assert client.get(guess).status_code == 404, guess


def test_a_file_gone_from_disk_is_a_404_not_an_error(client, report, owner, coordinator, media):
    evidence = _pdf(report, owner)
    Path(evidence.file.path).unlink()
    client.force_login(coordinator)
    assert client.get(url("evidence_download", report, pk=evidence.pk)).status_code == 404


def test_a_link_sends_its_readers_on(client, report, owner, coordinator):
    evidence = services.evidence_add(
        report=report, user=owner, title="Site", url="https://example.org/site"
    )
    client.force_login(coordinator)
    response = client.get(url("evidence_download", report, pk=evidence.pk))
    assert response.status_code == 302 and response["Location"] == "https://example.org/site"


def test_the_report_page_links_files_to_the_checked_view(client, report, owner, media):
    evidence = _pdf(report, owner)
    client.force_login(owner)
    link = soup(client.get(url("report_detail", report))).select_one(".evidence a")
    assert link["href"] == url("evidence_download", report, pk=evidence.pk)


# --- delete ------------------------------------------------------------------------------


def test_the_owner_removes_a_file_and_it_leaves_the_disk(
    client, report, owner, media, django_capture_on_commit_callbacks
):
    evidence = _pdf(report, owner)
    stored = Path(evidence.file.path)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("evidence_delete", report, pk=evidence.pk))
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert not stored.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("contributor", 403), ("evaluator", 403), ("outsider", 404)]
)
def test_others_may_not_remove_evidence(client, report, owner, media, who, status, request):
    evidence = _pdf(report, owner)
    client.force_login(request.getfixturevalue(who))
    assert client.post(url("evidence_delete", report, pk=evidence.pk)).status_code == status
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_evidence_of_an_accepted_report_stays(client, report, owner, coordinator, media):
    evidence = _pdf(report, owner)
    accepted(report, owner, coordinator)
    client.force_login(coordinator)
    client.post(url("evidence_delete", report, pk=evidence.pk))
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    # ... and can still be downloaded.
    assert client.get(url("evidence_download", report, pk=evidence.pk)).status_code == 200
