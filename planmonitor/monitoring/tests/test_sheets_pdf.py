"""The sheet as PDF: a real PDF, the sheet's content, sanitized, nothing fetched from outside."""

import re
import shutil
import subprocess
import zlib

import pytest
from django.test import RequestFactory

from planmonitor.core.tests.markdown_inputs import (
    BRACKETS,
    NESTED_LIST,
    PATHOLOGICAL,
    deadline,
    fitted,
)
from planmonitor.monitoring.models import ActionSheet
from planmonitor.monitoring.sheets.pdf import BASE_URL, StaticFilesOnly
from planmonitor.monitoring.sheets.selectors import action_for_sheet
from planmonitor.monitoring.sheets.views import sheet_pdf_html

from .sheets_helpers import add_parts, fill_sheet, url

NASTY_APPROACH = (
    "Aanpak <script>alert('x')</script>\n\n"
    "[klik hier](javascript:alert(1)) en <img src=https://tracker.example/p.png>"
)


def _pdf_strings(pdf: bytes) -> str:
    """The text strings of a PDF's metadata and outline (compressed object streams too)."""
    chunks = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    strings = []
    for chunk in chunks:
        for literal in re.findall(rb"/Title\s*\(((?:[^()\\]|\\.)*)\)", chunk):
            strings.append(literal.decode("latin-1"))
        for hexa in re.findall(rb"/Title\s*<([0-9a-fA-F]+)>", chunk):
            strings.append(bytes.fromhex(hexa.decode()).decode("utf-16"))
    return "\n".join(strings)


def test_it_downloads_a_real_pdf_of_the_sheet(client, action, owner):
    fill_sheet(action)
    add_parts(action, 2)
    client.force_login(owner)
    response = client.get(url("sheet_pdf", action))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="actiefiche-T001.pdf"'
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    assert "T001" in _pdf_strings(pdf)  # the title and the outline name the action
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "T001" in text and "Mijlpaal 1" in text and "€ 2.000,00" in text


def test_the_html_behind_the_pdf_holds_the_whole_sheet(rf_request, action, owner):
    fill_sheet(action)
    add_parts(action, 2)
    html = sheet_pdf_html(rf_request(owner), _loaded(action, owner))
    assert "T001" in html
    for text in ("Hulpverleners herkennen", "Mijlpaal 1", "I01", "Partner 1", "€ 2.000,00"):
        assert text in html
    # No buttons or forms in a PDF.
    assert "<form" not in html and "<button" not in html


def test_the_pdf_is_sanitized_like_the_page(rf_request, client, action, owner):
    fill_sheet(action, approach=NASTY_APPROACH)
    html = sheet_pdf_html(rf_request(owner), _loaded(action, owner))
    assert "<script" not in html
    assert "javascript" not in html
    assert "<img" not in html
    client.force_login(owner)
    assert client.get(url("sheet_pdf", action)).content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "text",
    [NESTED_LIST, BRACKETS, PATHOLOGICAL["list items nested on one line"]],
    ids=["list nested 300 deep", "20,000 [", "list nested 50,000 deep"],
)
def test_no_plan_of_approach_takes_the_pdf_down(client, action, owner, text):
    sheet = fill_sheet(action)
    # Written straight to the row: as much of the text as the field may hold.
    ActionSheet.objects.filter(pk=sheet.pk).update(approach=fitted(text, ActionSheet, "approach"))
    client.force_login(owner)
    with deadline(20):  # generous: WeasyPrint lays it out in a few seconds at most
        response = client.get(url("sheet_pdf", action))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("who", ["coordinator", "contributor", "network_member", "evaluator"])
def test_readers_download_it(client, action, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("sheet_pdf", action)).content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["other_owner", "outsider"])
def test_strangers_get_404(client, action, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("sheet_pdf", action)).status_code == 404


# --- nothing is fetched but our own static files ------------------------------------------------


def test_the_fetcher_serves_our_stylesheet():
    response = StaticFilesOnly()(f"{BASE_URL}static/planmonitor/monitoring-sheets.css")
    assert b"@media print" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "address",
    [
        "https://tracker.example/p.png",
        "http://127.0.0.1:8000/static/planmonitor/monitoring-sheets.css",
        "file:///etc/passwd",
        f"{BASE_URL}static/../settings.py",
        f"{BASE_URL}static/planmonitor/%2e%2e/%2e%2e/settings.py",
        f"{BASE_URL}media/evidence/secret.pdf",
        "data:text/css,body{}",
    ],
)
def test_the_fetcher_refuses_everything_else(address):
    with pytest.raises(ValueError):
        StaticFilesOnly()(address)


@pytest.fixture
def rf_request():
    def make(user):
        request = RequestFactory().get("/")
        request.user = user
        return request

    return make


def _loaded(action, user):
    """The action as the view loads it, with the sheet and its parts."""
    return action_for_sheet(
        user=user, short_name=action.plan.short_name, code=action.code, details=True
    )


def test_rendering_never_opens_a_connection(monkeypatch):
    import socket
    import urllib.request

    from planmonitor.monitoring.sheets.pdf import render_pdf

    def refuse(*args, **kwargs):
        raise AssertionError("the PDF tried to reach the network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    html = (
        '<html><head><link rel="stylesheet" href="/static/planmonitor/monitoring-sheets.css">'
        '<link rel="stylesheet" href="https://cdn.example/x.css"></head>'
        '<body class="sheet-pdf"><h1>T001</h1><img src="https://tracker.example/p.png">'
        '<img src="file:///etc/hostname"></body></html>'
    )
    assert render_pdf(html).startswith(b"%PDF")
