"""The plan document's downloads, their link on the plan page, and manage.py plan_document."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planmonitor.core import registry
from planmonitor.tests.html import parse_html

MEMBERS = ["coordinator", "owner", "network_member", "evaluator", "cabinet"]


def _url(plan, extension: str) -> str:
    return reverse(f"evaluation:plan_document_{extension}", args=[plan.short_name])


@pytest.mark.parametrize("who", MEMBERS)
def test_the_plans_people_download_the_docx(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(_url(plan, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"] == (
        f'attachment; filename="plan-{plan.short_name}.docx"'
    )
    word = docx.Document(io.BytesIO(response.content))
    assert word.paragraphs[0].text == plan.title
    assert "Kader" in [p.text for p in word.paragraphs if p.style.name == "Heading 1"]


def test_the_pdf_is_a_pdf_in_the_visitors_language(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.get(_url(plan, "pdf"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "Framework" in reader.pages[1].extract_text()  # the contents list it


def test_a_version_that_does_not_exist_is_not_found_and_nonsense_is_refused(
    client, plan, coordinator
):
    client.force_login(coordinator)
    assert client.get(_url(plan, "docx"), {"versie": "2"}).status_code == 404
    assert client.get(_url(plan, "pdf"), {"versie": "twee"}).status_code == 400
    assert client.get(_url(plan, "pdf"), {"versie": "0"}).status_code == 400


def test_an_outsider_is_refused_and_anonymous_is_sent_to_log_in(client, plan, outsider):
    response = client.get(_url(plan, "docx"))
    assert response.status_code == 302 and "/login" in response["Location"].lower()
    client.force_login(outsider)
    assert client.get(_url(plan, "pdf")).status_code == 403


def test_a_published_plans_document_is_public(client, plan):
    plan.is_published = True
    plan.save(update_fields=["is_published"])
    assert client.get(_url(plan, "docx")).status_code == 200


def _plan_page(client, plan):
    return client.get(reverse("plans:plan_detail", args=[plan.short_name]))


def test_the_plan_page_links_to_both_files(client, plan, owner):
    client.force_login(owner)
    page = parse_html(_plan_page(client, plan))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".page-actions a")}
    assert links["Plandocument (PDF)"] == _url(plan, "pdf")
    assert links["Plandocument (Word)"] == _url(plan, "docx")


def test_the_links_cost_the_plan_page_no_query(client, plan, owner):
    client.force_login(owner)
    _plan_page(client, plan)  # warm up (sessions, caches)
    with CaptureQueriesContext(connection) as with_links:
        _plan_page(client, plan)
    links = [c for c in registry.registered(registry.PlanLink) if c.key.startswith("plan_doc")]
    registry.unregister(*links)
    try:
        with CaptureQueriesContext(connection) as without_links:
            page = parse_html(_plan_page(client, plan))
    finally:
        registry.register(*links)
    assert "Plandocument (PDF)" not in page.get_text()
    assert len(with_links) == len(without_links)


def test_the_command_writes_the_document(plan, tmp_path, capsys):
    output = tmp_path / "plan.docx"
    call_command("plan_document", "--plan", plan.short_name, "--format", "docx", "--output", output)
    word = docx.Document(output)
    assert word.paragraphs[0].text == plan.title
    assert "geschreven" in capsys.readouterr().out

    pdf = tmp_path / "plan.pdf"
    call_command("plan_document", "--format", "pdf", "--output", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_the_command_says_when_there_is_no_such_version(plan, tmp_path):
    output = tmp_path / "plan.docx"
    with pytest.raises(CommandError, match="geen versie 4"):
        call_command("plan_document", "--version", "4", "--format", "docx", "--output", output)
    assert not output.exists()
    with pytest.raises(CommandError):
        call_command("plan_document", "--plan", "nope", "--format", "docx", "--output", output)
