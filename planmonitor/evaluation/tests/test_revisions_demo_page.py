"""The example revision's page says its proposals in words, not in field names and keys."""

from django.urls import reverse

from planmonitor.evaluation.models import Revision


def test_the_proposed_values_are_shown_with_labels_names_and_dates(
    client, demo_shared, coordinator
):
    revision = Revision.objects.get(plan=demo_shared)
    client.force_login(coordinator)
    url = reverse("evaluation:revision_detail", args=[demo_shared.short_name, revision.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "31/12/2029" in page
    assert "Caroline Gennez" in page  # the new action's lead minister, by name
    assert "OD 1.1" in page
    for raw in ("end_date", "lead_minister", "gennez;", "2029-12-31"):
        assert raw not in page
