"""The evaluation pages: the snapshot list and its form, the snapshot page, the sections'
edit form with its 409, report generation as a background task with its progress page,
and query counts that do not grow with the snapshots or the jobs."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planmonitor.evaluation.snapshots import rendering, services
from planmonitor.evaluation.snapshots.models import (
    ReportJob,
    ReportJobStatus,
    Snapshot,
    SnapshotSection,
)
from planmonitor.tests.html import parse_html

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _detail(snapshot: Snapshot) -> str:
    return reverse("evaluation:snapshot_detail", args=[snapshot.plan.short_name, snapshot.pk])


def test_an_evaluator_takes_a_snapshot(client, plan, action, evaluator):
    client.force_login(evaluator)
    url = reverse("evaluation:snapshot_list", args=[plan.short_name])
    response = client.post(url, {"name": "Tussentijds", "as_of": "2026-06-30"})
    snapshot = Snapshot.objects.get(plan=plan)
    assert response.status_code == 302 and response.url == _detail(snapshot)
    assert snapshot.name == "Tussentijds" and str(snapshot.as_of) == "2026-06-30"
    assert [a["code"] for a in snapshot.payload["content"]["actions"]] == [action.code]


def test_a_snapshot_cannot_be_dated_in_the_future_or_named_twice(client, plan, coordinator):
    client.force_login(coordinator)
    url = reverse("evaluation:snapshot_list", args=[plan.short_name])
    assert client.post(url, {"name": "Later", "as_of": "2999-01-01"}).status_code == 400
    services.snapshot_take(plan=plan, name="Eén")
    response = client.post(url, {"name": "Eén"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "al een momentopname met deze naam" in response.content.decode()
    assert Snapshot.objects.filter(plan=plan).count() == 1


def test_a_network_member_reads_but_does_not_take(client, plan, network_member):
    services.snapshot_take(plan=plan, name="Eén")
    client.force_login(network_member)
    url = reverse("evaluation:snapshot_list", args=[plan.short_name])
    page = parse_html(client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content)
    assert page.select_one("table.snapshot-list a").get_text() == "Eén"
    assert page.select_one("form[method=post][action$='/evaluatie/']") is None


def test_the_snapshot_list_does_not_grow_with_the_snapshots(client, plan, coordinator):
    client.force_login(coordinator)
    url = reverse("evaluation:snapshot_list", args=[plan.short_name])
    services.snapshot_take(plan=plan, name="Eén")
    one = _count(client, url)
    for name in ("Twee", "Drie", "Vier"):
        services.snapshot_take(plan=plan, name=name)
    assert _count(client, url) == one


def test_the_snapshot_page_does_not_grow_with_the_jobs(client, plan, action, coordinator):
    client.force_login(coordinator)
    snapshot = services.snapshot_take(plan=plan, name="Eén")
    services.report_job_create(
        snapshot=snapshot, kind="interim", format="docx", language="nl", user=coordinator
    )
    one = _count(client, _detail(snapshot))
    for _ in range(4):
        services.report_job_create(
            snapshot=snapshot, kind="final", format="pdf", language="en", user=coordinator
        )
    assert _count(client, _detail(snapshot)) == one


def test_the_evaluation_nav_entry(client, plan, coordinator, owner):
    client.force_login(coordinator)
    page = parse_html(client.get(reverse("plans:overview"), HTTP_ACCEPT_LANGUAGE="nl").content)
    link = page.select_one(f".site-nav a[href='{reverse('evaluation:snapshot_default')}']")
    assert link is not None and link.get_text() == "Evaluatie"
    client.force_login(owner)
    page = parse_html(client.get(reverse("plans:overview")).content)
    assert page.select_one(f".site-nav a[href='{reverse('evaluation:snapshot_default')}']") is None


def test_the_coordinator_writes_a_section_and_a_stale_edit_is_refused(client, plan, coordinator):
    snapshot = services.snapshot_take(plan=plan, name="Eén")
    url = reverse(
        "evaluation:snapshot_section_edit", args=[plan.short_name, snapshot.pk, "conclusions"]
    )
    client.force_login(coordinator)
    response = client.post(url, {"text": "## Conclusie\n\nGoed bezig.", "version": 0})
    assert response.status_code == 302
    section = SnapshotSection.objects.get(snapshot=snapshot, key="conclusions")
    assert section.version == 1 and section.history.count() == 1
    assert client.post(url, {"text": "Tweede", "version": 1}).status_code == 302
    stale = client.post(url, {"text": "Derde", "version": 1})
    assert stale.status_code == 409
    assert "Tweede" in parse_html(stale.content).select_one(".conflict pre").get_text()
    section.refresh_from_db()
    assert section.text == "Tweede" and section.version == 2


def test_a_second_first_write_is_a_conflict(client, plan, coordinator):
    snapshot = services.snapshot_take(plan=plan, name="Eén")
    services.section_save(snapshot=snapshot, key="recommendations", text="Eerst", version=0)
    url = reverse(
        "evaluation:snapshot_section_edit", args=[plan.short_name, snapshot.pk, "recommendations"]
    )
    client.force_login(coordinator)
    assert client.post(url, {"text": "Ook eerst", "version": 0}).status_code == 409
    assert SnapshotSection.objects.get(snapshot=snapshot).text == "Eerst"


def test_the_section_is_in_the_report(plan, action):
    from planmonitor.evaluation.documents.blocks import Markdown
    from planmonitor.evaluation.snapshots.report import build_report

    snapshot = services.snapshot_take(plan=plan, name="Eén")
    services.section_save(snapshot=snapshot, key="adjustments", text="Actie schrappen", version=0)
    document = build_report(snapshot, "interim", "nl")
    assert Markdown("Actie schrappen") in document.blocks


def test_another_plans_snapshot_is_not_found(client, plan, coordinator, make_user):
    from planmonitor.plans.models import Plan

    other = Plan.objects.create(
        short_name="ander-plan",
        title="Ander plan",
        period_start=plan.period_start,
        period_end=plan.period_end,
    )
    snapshot = services.snapshot_take(plan=other, name="Elders")
    client.force_login(coordinator)
    url = reverse("evaluation:snapshot_detail", args=[plan.short_name, snapshot.pk])
    assert client.get(url).status_code == 404


def test_a_report_is_generated_in_the_background_with_its_progress(
    client, plan, action, evaluator, monkeypatch
):
    seen = []

    def fake_render(snapshot, *, kind, format, language, progress):
        # The job's row says running while the file is made, with the progress so far.
        progress(40)
        seen.append(ReportJob.objects.values_list("status", "progress").get())
        return b"%PDF-fake"

    monkeypatch.setattr(rendering, "render", fake_render)
    snapshot = services.snapshot_take(plan=plan, name="Eén")
    client.force_login(evaluator)
    url = reverse("evaluation:report_create", args=[plan.short_name, snapshot.pk])
    response = client.post(url, {"kind": "interim", "format": "pdf", "language": "en"})
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("evaluation:report_job", args=[plan.short_name, job.pk])
    assert seen == [(ReportJobStatus.RUNNING, 40)]
    assert (job.status, job.progress, job.language) == (ReportJobStatus.DONE, 100, "en")
    page = parse_html(client.get(response.url).content)
    status = page.select_one("#job-status")
    assert status["data-status"] == "done" and not status.get("hx-trigger")
    download = client.get(page.select_one("#job-status a")["href"])
    assert download.content == b"%PDF-fake"
    assert download["Content-Type"] == "application/pdf"
    assert job.filename.endswith(".pdf")


def test_a_running_job_page_polls_and_refreshes(client, plan, coordinator):
    snapshot = services.snapshot_take(plan=plan, name="Eén")
    job = services.report_job_create(
        snapshot=snapshot, kind="interim", format="docx", language="nl", user=coordinator
    )
    client.force_login(coordinator)
    url = reverse("evaluation:report_job", args=[plan.short_name, job.pk])
    page = parse_html(client.get(url).content)
    status = page.select_one("#job-status")
    assert status["hx-trigger"] == "every 2s" and status["hx-get"] == url
    assert page.select_one("noscript meta[http-equiv=refresh]") is not None
    partial = client.get(url, HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith('<div id="job-status"')
    # Not done: nothing to download.
    download = reverse("evaluation:report_download", args=[plan.short_name, job.pk])
    assert client.get(download).status_code == 404


def test_a_failed_job_says_so(plan, coordinator, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(rendering, "render", broken)
    snapshot = services.snapshot_take(plan=plan, name="Eén")
    job = services.report_job_create(
        snapshot=snapshot, kind="interim", format="docx", language="nl", user=coordinator
    )
    with pytest.raises(RuntimeError):
        services.report_job_run(job=job)
    job.refresh_from_db()
    assert job.status == ReportJobStatus.FAILED and "kapot" in job.error


def test_a_real_docx_comes_out_of_the_background_job(client, plan, action, coordinator):
    import io

    import docx

    snapshot = services.snapshot_take(plan=plan, name="Eén")
    services.section_save(snapshot=snapshot, key="conclusions", text="Het loopt.", version=0)
    client.force_login(coordinator)
    url = reverse("evaluation:report_create", args=[plan.short_name, snapshot.pk])
    client.post(url, {"kind": "interim", "format": "docx", "language": "nl"})
    job = ReportJob.objects.get()
    assert job.status == ReportJobStatus.DONE, job.error
    download = reverse("evaluation:report_download", args=[plan.short_name, job.pk])
    document = docx.Document(io.BytesIO(client.get(download).content))
    text = [p.text for p in document.paragraphs]
    assert "Conclusies" in text and "Het loopt." in text
    assert f"{action.code} {action.title}" in text
