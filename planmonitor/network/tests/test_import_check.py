"""The SMART verdicts on the import review: for the actions the file creates or changes,
as they would be once imported; the trial import leaves nothing written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planmonitor.plans.models import Action
from planmonitor.tests.html import parse_html

HEADER = b"code,titel,od,trekkende_minister,einde\r\n"
# N1 is weak (vague title, no indicator, no end date); N2 misses only its indicator.
CSV = HEADER + (
    b"N1,Aandacht voor preventie,1.1,demir,\r\n"
    b"N2,Een vormingspakket over toestemming ontwikkelen voor leerkrachten,"
    b"1.2,gennez,31/12/2027\r\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _review(client, plan, content: bytes):
    url = reverse("plans:transfer_import", args=[plan.short_name])
    response = client.post(url, {"file": SimpleUploadedFile("acties.csv", content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return parse_html(client.get(response.url).content)


def test_the_review_lists_the_smart_verdicts_of_new_actions_and_writes_nothing(
    client, plan, coordinator
):
    client.force_login(coordinator)
    page = _review(client, plan, CSV)

    checks = [li.get_text(" ", strip=True) for li in page.select("#checks li")]
    assert [line.split(",")[0] for line in checks] == ["SMART N1", "SMART N2"]
    assert "aandacht voor" in checks[0] and "M (Meetbaar)" in checks[1]
    assert "S (Specifiek)" not in checks[1]
    assert not Action.objects.filter(code__in=["N1", "N2"]).exists()


def test_a_file_with_problems_gets_no_verdicts(client, plan, coordinator):
    client.force_login(coordinator)
    page = _review(client, plan, HEADER + b"N1,Aandacht voor preventie,1.1,janssens,\r\n")
    assert page.select("#checks li") == []
