"""manage.py snapshot_plan and evaluation_report."""

from __future__ import annotations

import importlib.util
import io

import pytest
from django.core.management import CommandError, call_command

from planmonitor.evaluation.snapshots.models import Snapshot

pytestmark = pytest.mark.django_db

RENDERERS = importlib.util.find_spec("planmonitor.evaluation.documents.docx") is not None


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def test_snapshot_plan_prints_the_id(plan, action):
    pk = _run("snapshot_plan", "--plan", plan.short_name, "--as-of", "2026-06-30", "--name", "T1")
    snapshot = Snapshot.objects.get(pk=int(pk))
    assert (snapshot.plan, snapshot.name, str(snapshot.as_of)) == (plan, "T1", "2026-06-30")


def test_snapshot_plan_takes_the_default_plan_and_today(plan):
    pk = _run("snapshot_plan", "--name", "Vandaag")
    assert Snapshot.objects.get(pk=int(pk)).plan == plan


def test_snapshot_plan_refuses_bad_input(plan):
    with pytest.raises(CommandError, match="geen datum"):
        _run("snapshot_plan", "--as-of", "30/06/2026", "--name", "X")
    with pytest.raises(CommandError):
        _run("snapshot_plan", "--plan", "bestaat-niet", "--name", "X")
    _run("snapshot_plan", "--name", "X")
    with pytest.raises(CommandError, match="al een momentopname"):
        _run("snapshot_plan", "--name", "X")


def test_evaluation_report_refuses_an_unknown_snapshot(plan, tmp_path):
    with pytest.raises(CommandError, match="Geen momentopname"):
        _run(
            "evaluation_report",
            "--snapshot",
            "999",
            "--kind",
            "interim",
            "--format",
            "docx",
            "--output",
            str(tmp_path / "r.docx"),
        )


def _report(plan, tmp_path, *, kind: str, format: str):
    pk = _run("snapshot_plan", "--plan", plan.short_name, "--name", "T1")
    output = tmp_path / f"rapport.{format}"
    _run(
        "evaluation_report",
        "--snapshot",
        pk,
        "--kind",
        kind,
        "--format",
        format,
        "--output",
        str(output),
    )
    return output


@pytest.mark.skipif(not RENDERERS, reason="the document renderers are not merged yet")
def test_evaluation_report_writes_a_docx_with_the_headings_and_figures(demo_shared, tmp_path):
    import docx

    output = _report(demo_shared, tmp_path, kind="interim", format="docx")
    document = docx.Document(str(output))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Samenvattende cijfers" in headings
    assert "Bijlage: de acties" in headings
    assert any(h.startswith("SD ") for h in headings)
    assert len(document.inline_shapes) > 0  # the charts, as PNG


@pytest.mark.skipif(not RENDERERS, reason="the document renderers are not merged yet")
def test_evaluation_report_writes_a_pdf_with_the_headings(demo_shared, tmp_path):
    import pypdf

    output = _report(demo_shared, tmp_path, kind="final", format="pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(output)).pages)
    assert "Eindevaluatie" in text
    assert "Samenvattende cijfers" in text and "Bijlage: de acties" in text
