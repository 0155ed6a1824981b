"""Helpers of the progress report tests (their fixtures are in conftest.py)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planmonitor.monitoring.models import ProgressReport
from planmonitor.monitoring.reports import services as report_services
from planmonitor.plans.models import Indicator

ROLES_WHO_SEE = ["coordinator", "owner", "contributor", "network_member", "evaluator"]
ROLES_WHO_DO_NOT = ["other_owner", "outsider"]


def url(name: str, report: ProgressReport, **extra) -> str:
    kwargs = {
        "short_name": report.round.plan.short_name,
        "round_pk": report.round_id,
        "code": report.action.code,
        **extra,
    }
    return reverse(f"monitoring:{name}", kwargs=kwargs)


def fresh(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_related("round__plan", "action").get(pk=report.pk)


def edit_data(report: ProgressReport, **changes) -> dict:
    """What the edit form posts for ``report`` as it is now, with ``changes``."""
    report = fresh(report)
    data = {
        "version": report.version,
        "implementation_status": report.implementation_status,
        "status_reason": report.status_reason,
        "done": report.done,
        "obstacles": report.obstacles,
        "next_steps": report.next_steps,
        "milestones_reached": [m.pk for m in report.milestones_reached.all()],
    }
    values = {v.indicator_id: v for v in report.values.all()}
    for indicator in report.action.indicators.all():
        prefix = f"indicator-{indicator.pk}-"
        value = values.get(indicator.pk)
        if indicator.kind == "quantitative":
            number = "" if value is None or value.value is None else str(value.value)
            data[f"{prefix}value"] = number.replace(".", ",")
        else:
            data[f"{prefix}level"] = value.level if value else ""
            data[f"{prefix}text"] = value.text if value else ""
        data[f"{prefix}source"] = value.source if value else ""
        data[f"{prefix}remark"] = value.remark if value else ""
    data.update(changes)
    return data


def row(indicator: Indicator, **fields) -> dict:
    """POST fields of one indicator row."""
    return {f"indicator-{indicator.pk}-{name}": value for name, value in fields.items()}


def submitted(report: ProgressReport, user, **fields) -> ProgressReport:
    """``report`` filled in and submitted by ``user`` (through the services)."""
    current = fresh(report)
    report_services.report_update(
        report_id=current.pk,
        values={"implementation_status": "on_track", "done": "Opleiding gestart.", **fields},
        expected_version=current.version,
    )
    return report_services.report_transition(report_id=current.pk, transition="submit", user=user)


def accepted(report: ProgressReport, owner, coordinator) -> ProgressReport:
    submitted(report, owner)
    return report_services.report_transition(
        report_id=report.pk, transition="accept", user=coordinator
    )


# --- small real files -------------------------------------------------------------------

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n166\n%%EOF\n"
)
# The start of a Windows executable: "MZ", the DOS stub, NUL bytes.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odf_bytes(kind: str) -> bytes:
    mimetype = f"application/vnd.oasis.opendocument.{kind}".encode()
    return zip_bytes({"mimetype": mimetype, "content.xml": b"<office:document-content/>"})


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
